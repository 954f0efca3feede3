"""A voter's check-in at the box (`station.box_check_in`): a code that is no national code refused
at the box, a voter the centre has seen or cannot admit refused by the centre; the look-up before
it, which records nothing. Offline check-ins
are the courier's tests (test_courier.py)."""

from pathlib import Path

import pytest

from sandogh.core.report import Choice
from sandogh.core.station.card_codes import read_card_code
from sandogh.core.voters import CodeFault
from sandogh.station.box_check_in import CARD_CANCELLED, CheckInRefused, Found, LocalRefusal
from sandogh.station.errors import CardRefusal, CardRefusedError

from .build import BALLOT, issued, national_code, voting_station

BLANK = tuple(Choice(c.contest, ()) for c in BALLOT)
UNUSED = LocalRefusal.CARD_UNUSED


def test_a_code_that_is_no_national_code_is_refused_without_asking_the_centre(
    tmp_path: Path,
) -> None:
    station = voting_station(tmp_path)
    calls = station.centre.calls
    refused = station.box.check_in(national_code(1)[:-1] + "0")
    assert refused == CheckInRefused(
        LocalRefusal.INVALID_CODE, by_centre=False, detail=CodeFault.WRONG_CHECK_DIGIT
    )
    assert station.centre.calls == calls


def test_the_centre_refuses_a_voter_it_has_seen_or_cannot_admit(tmp_path: Path) -> None:
    station = voting_station(tmp_path)
    station.centre.refusals[national_code(2)] = "not-in-registry"
    station.box.cast(issued(station.box.check_in(national_code(1))).token, BLANK)
    assert station.box.check_in(national_code(1)) == CheckInRefused("already-voted", True)
    assert station.box.check_in(national_code(2)) == CheckInRefused("not-in-registry", True)
    # Persian digits, as a keyboard types them, are the same voter
    persian = national_code(1).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert station.box.check_in(persian) == CheckInRefused("already-voted", True)
    assert station.box.status().cards_issued == 1


def test_a_look_up_names_the_voter_and_records_nothing_and_offline_says_so(
    tmp_path: Path,
) -> None:
    station = voting_station(tmp_path)
    station.centre.people[national_code(1)] = ("سارا موسوی", None)
    station.centre.refusals[national_code(2)] = "dead"
    found = station.box.look_up(national_code(1))
    assert found == Found(tuple(c.contest for c in BALLOT), "سارا موسوی")
    assert station.box.status().cards_issued == 0
    assert station.box.look_up(national_code(2)) == CheckInRefused("dead", True)
    assert station.box.look_up("12345") == CheckInRefused(
        LocalRefusal.INVALID_CODE, by_centre=False, detail=CodeFault.TOO_SHORT
    )
    card = issued(station.box.check_in(national_code(1)))  # confirmed: now recorded
    calls = station.centre.calls
    # its card is charged here and unused: said so, not "already voted" (review S23 A3)
    assert station.box.look_up(national_code(1)) == CheckInRefused(UNUSED, by_centre=False)
    assert station.centre.calls == calls
    station.box.cast(card.token, BLANK)
    assert station.box.look_up(national_code(1)) == CheckInRefused("already-voted", True)
    station.centre.down = True  # offline: the staff compare the ID card; nothing queued yet
    offline = station.box.look_up(national_code(3))
    assert offline == Found(tuple(c.contest for c in BALLOT), offline=True)
    assert station.box.status().cards_issued == 1


def test_a_lost_card_is_cancelled_and_another_charged_for_the_same_check_in(
    tmp_path: Path,
) -> None:
    """Review S23 A3: a card whose hand-written code was lost left its voter turned away as
    "already voted". Two of the staff cancel it and charge another, for the same check-in (the
    centre is not asked again): the cancelled card casts nothing, the new one does, the papers
    count the check-in once, and the incident names the staff and no code."""
    station = voting_station(tmp_path)
    box = station.box
    lost = issued(box.check_in(national_code(1)))
    assert read_card_code(lost.token) == lost.token
    other = issued(box.check_in(national_code(2)))
    calls = station.centre.calls
    again = issued(box.recharge(national_code(1), ["مریم رحیمی", "علی کرمانی"]))
    assert station.centre.calls == calls
    assert again.token != lost.token
    assert again.contests == lost.contests
    assert box.look_up(national_code(1)) == CheckInRefused(UNUSED, by_centre=False)
    with pytest.raises(CardRefusedError) as refused:
        box.cast(lost.token, BLANK)
    assert refused.value.reason is CardRefusal.CANCELLED
    box.cast(again.token, BLANK)
    assert box.look_up(national_code(1)) == CheckInRefused("already-voted", True)
    nothing = CheckInRefused(LocalRefusal.NOTHING_TO_CANCEL, by_centre=False)
    assert box.recharge(national_code(1), ["مریم رحیمی", "علی کرمانی"]) == nothing
    assert box.recharge(national_code(3), ["مریم رحیمی", "علی کرمانی"]) == nothing
    [incident] = box.incidents()
    assert incident.kind == CARD_CANCELLED
    assert incident.details == {"staff": ["مریم رحیمی", "علی کرمانی"], "cancelled": 1}
    with box.store.transaction() as tx:
        assert tx.card_counts() == (3, 1)
        assert tx.cards_cancelled() == 1
        assert tx.unused_cards() == [other.token]
        assert tx.papers_used() == {c.contest: 2 for c in BALLOT}
    box.close()  # the unused card's voter tag goes with the close
    with box.store.transaction() as tx:
        assert tx.unused_card_of(b"") is None
        rows = tx._db.execute("SELECT count(*) FROM ballot_cards WHERE holder IS NOT NULL")
        assert rows.fetchone() == (0,)
