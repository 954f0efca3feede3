"""Casting at the box (`station.box_ballots`): the paper copy, a ballot that does not fit the card
or the ballot, a card that casts once. The E2E flow (prepare, cast, challenge) is
test_e2e_box.py's."""

from pathlib import Path

import pytest

from sandogh.core.report import Choice
from sandogh.station.errors import BallotRejectedError, CardRefusal, CardRefusedError

from .build import ELECTION, STATION, issued, national_code, voting_station
from .test_box import PLAN


def test_the_paper_copy_shows_the_choices_and_nothing_that_ties_it_to_a_voter(
    tmp_path: Path,
) -> None:
    station = voting_station(tmp_path)
    card = issued(station.box.check_in(national_code(1)))
    station.box.cast(card.token, (Choice("parliament", ("33", "31")), Choice("president")))
    station.box.lang = "en"
    card_en = issued(station.box.check_in(national_code(2)))
    station.box.cast(card_en.token, (Choice("parliament", ("31",)), Choice("president", ("21",))))
    copy, copy_en = station.printer.copies
    assert copy == (  # Persian first; the centre named no contest or candidate: their codes
        "نسخه کاغذی برگه رأی",
        ELECTION,
        f"شعبه اخذ رأی: {STATION}",
        "— president —",
        "  رأی سفید",
        "— parliament —",
        "  ۳۱",
        "  ۳۳",
    )
    assert copy_en == (
        "Paper copy of the ballot",
        ELECTION,
        f"Polling station: {STATION}",
        "— president —",
        "  21",
        "— parliament —",
        "  31",
    )
    assert not any(card.token in line or national_code(1) in line for line in copy)
    assert len(station.printer.jobs()) == 1  # the zero report: the copy is not kept on disk


@pytest.mark.parametrize(
    ("choices", "paths"),
    [
        ((Choice("president", ("21",)),), ["choices[parliament]"]),
        ((*PLAN[0], Choice("council", ())), ["choices[council]", "choices[council]"]),
        ((Choice("president", ("21", "25")), PLAN[0][1]), ["choices[president]"]),
        ((Choice("president", ("99",)), PLAN[0][1]), ["choices[president]"]),
        ((Choice("president", ("21",)), Choice("president", ("25",))), ["choices[president]"]),
    ],
    ids=["missing", "not-on-card", "too-many", "not-a-candidate", "twice"],
)
def test_a_ballot_that_does_not_fit_is_rejected_and_nothing_is_recorded(
    tmp_path: Path, choices: tuple[Choice, ...], paths: list[str]
) -> None:
    station = voting_station(tmp_path)
    card = issued(station.box.check_in(national_code(1)))
    with pytest.raises(BallotRejectedError) as caught:
        station.box.cast(card.token, choices)
    assert [p.path for p in caught.value.problems] == paths
    status = station.box.status()
    assert (status.cards_used, status.records) == (0, 0)
    station.box.cast(card.token, PLAN[0])  # the voter corrects the ballot and casts it
    assert station.box.status().records == 1


def test_a_card_casts_one_ballot_and_an_unknown_card_none(tmp_path: Path) -> None:
    station = voting_station(tmp_path)
    card = issued(station.box.check_in(national_code(1)))
    station.box.cast(card.token, PLAN[0])
    with pytest.raises(CardRefusedError) as used:
        station.box.cast(card.token, PLAN[1])
    assert used.value.reason is CardRefusal.USED
    with pytest.raises(CardRefusedError) as unknown:
        station.box.cast("forged", PLAN[1])
    assert unknown.value.reason is CardRefusal.UNKNOWN
    assert station.box.status().records == 1
