"""A voter's check-in at the box (`station.box_check_in`): a code that is no national code refused
at the box, a voter the centre has seen or cannot admit refused by the centre; the look-up before
it, which records nothing. Offline check-ins
are the courier's tests (test_courier.py)."""

from pathlib import Path

from sandogh.core.voters import CodeFault
from sandogh.station.box_check_in import CheckInRefused, Found, LocalRefusal

from .build import BALLOT, issued, national_code, voting_station


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
    issued(station.box.check_in(national_code(1)))
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
    issued(station.box.check_in(national_code(1)))  # confirmed: now recorded
    assert station.box.look_up(national_code(1)) == CheckInRefused("already-voted", True)
    station.centre.down = True  # offline: the staff compare the ID card; nothing queued yet
    offline = station.box.look_up(national_code(3))
    assert offline == Found(tuple(c.contest for c in BALLOT), offline=True)
    assert station.box.status().cards_issued == 1
