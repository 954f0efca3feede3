import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.counting.reconcile import check_counts
from sandogh.core.counting.tally import Counts, InvalidKind
from sandogh.core.report import (
    BallotContest,
    BallotError,
    CastVoteRecord,
    Choice,
    Papers,
    check_record,
    count_ballots,
    encode_record,
    record_bound,
    station_ballot,
)
from sandogh.core.report.ballot import Ballots

from .build import STATION, ballots, kerman, papers, records

PRESIDENT = BallotContest("president", 1, ("21", "25"))
PARLIAMENT = BallotContest("parliament", 2, ("31", "32", "33"))
NO_INVALID = dict.fromkeys(InvalidKind, 0)


def test_a_station_ballot_holds_its_constituencies_seats_and_candidates() -> None:
    geography = kerman()
    assert station_ballot(geography, STATION) == (
        PRESIDENT,
        PARLIAMENT,
        BallotContest("council", 5, ("51", "52", "53", "54", "55", "56", "57", "58")),
    )
    # county 0802 elects one member of parliament and has no council contest
    assert station_ballot(geography, "ST-0802-0001") == (
        PRESIDENT,
        BallotContest("parliament", 1, ("41", "42")),
    )


def test_a_kept_index_of_ballots_gives_every_station_the_same_ballot() -> None:
    geography = kerman()
    kept = Ballots.of_geography(geography)
    for station in geography.stations:
        assert station_ballot(geography, station, kept) == station_ballot(geography, station)


def test_only_a_station_has_a_ballot() -> None:
    with pytest.raises(BallotError, match="IR-08-0801 is a county"):
        station_ballot(kerman(), "IR-08-0801")


def test_the_station_of_docs_formats_counted_from_its_records() -> None:
    # docs/formats.md, ST-0801-0001: 1050 papers received = 640 used + 405 unused + 5 spoiled;
    # 635 cast = 623 valid (Jalili 385, Pezeshkian 238) + 12 invalid, all blank on a box
    cvrs = (
        [CastVoteRecord((Choice("president", ("21",)),))] * 385
        + [CastVoteRecord((Choice("president", ("25",)),))] * 238
        + [CastVoteRecord((Choice("president"),))] * 12
    )
    counted = count_ballots(cvrs, [PRESIDENT], {"president": Papers(1050, 640, 405, 5)})
    expected = Counts(
        papers_received=1050,
        papers_used=640,
        papers_unused=405,
        papers_spoiled=5,
        cast=635,
        valid=623,
        invalid={**NO_INVALID, InvalidKind.BLANK: 12},
        votes={"21": 385, "25": 238},
    )
    assert dict(counted) == {"president": expected}
    assert check_counts(expected, where=STATION, contest="president", seats=1) == ()


def test_a_multi_seat_ballot_gives_a_vote_to_each_code_and_ballots_may_skip_a_contest() -> None:
    cvrs = [
        CastVoteRecord((Choice("president", ("21",)), Choice("parliament", ("31", "33")))),
        CastVoteRecord((Choice("president", ("25",)), Choice("parliament", ("33",)))),
        CastVoteRecord((Choice("president", ("25",)), Choice("parliament"))),
        CastVoteRecord((Choice("president"),)),  # a card without the parliament contest
    ]
    paper = {"president": Papers(10, 4, 6, 0), "parliament": Papers(10, 3, 7, 0)}
    counted = count_ballots(cvrs, [PRESIDENT, PARLIAMENT], paper)
    assert list(counted) == ["president", "parliament"]
    parliament = counted["parliament"]
    assert (parliament.cast, parliament.valid, parliament.invalid[InvalidKind.BLANK]) == (3, 2, 1)
    assert parliament.votes == {"31": 1, "32": 0, "33": 2}
    assert counted["president"].cast == 4
    for contest, seats in (("president", 1), ("parliament", 2)):
        assert check_counts(counted[contest], where=STATION, contest=contest, seats=seats) == ()


def test_a_record_that_does_not_fit_the_ballot_names_each_problem() -> None:
    record = CastVoteRecord(
        (
            Choice("president", ("21", "25")),
            Choice("parliament", ("31", "41")),
            Choice("council", ("51",)),
        )
    )
    problems = check_record(record, [PRESIDENT, PARLIAMENT])
    assert [(p.path, p.message) for p in problems] == [
        ("choices[council]", "the contest is not on this station's ballot"),
        ("choices[parliament]", "41 is not a candidate on this ballot"),
        ("choices[president]", "2 codes for 1 seat(s)"),
    ]


def test_counting_refuses_records_and_papers_that_do_not_fit() -> None:
    good = CastVoteRecord((Choice("president", ("21",)),))
    bad = CastVoteRecord((Choice("president", ("99",)),))
    with pytest.raises(BallotError) as caught:
        count_ballots([good, bad], [PRESIDENT, PARLIAMENT], {"president": Papers(), "x": Papers()})
    assert [p.path for p in caught.value.problems] == [
        "papers[parliament]",
        "papers[x]",
        "records[1].choices[president]",
    ]


def test_counting_no_records_gives_zero_with_every_candidate() -> None:
    counted = count_ballots((), [PARLIAMENT], {"parliament": Papers()})
    assert counted["parliament"] == Counts(invalid=NO_INVALID, votes={"31": 0, "32": 0, "33": 0})


@st.composite
def stations(
    draw: st.DrawFn,
) -> tuple[tuple[BallotContest, ...], list[CastVoteRecord], dict[str, Papers]]:
    ballot = draw(ballots())
    cvrs = draw(st.lists(records(ballot), max_size=40))
    return ballot, cvrs, draw(papers(ballot, cvrs))


@settings(max_examples=200)
@given(station=stations())
def test_counted_records_pass_every_reconciliation_identity(
    station: tuple[tuple[BallotContest, ...], list[CastVoteRecord], dict[str, Papers]],
) -> None:
    ballot, cvrs, paper = station
    counted = count_ballots(cvrs, ballot, paper)
    for contest in ballot:
        counts = counted[contest.contest]
        assert (
            check_counts(counts, where=STATION, contest=contest.contest, seats=contest.seats) == ()
        )
        assert counts.cast == sum(
            1 for r in cvrs for c in r.choices if c.contest == contest.contest
        )
        assert set(counts.votes) == set(contest.candidates)


@st.composite
def _ballots_of_any_codes(draw: st.DrawFn) -> tuple[BallotContest, ...]:
    """Codes of any length and any characters, quotes, backslashes and Persian digits among
    them, whose JSON forms differ in length."""
    codes = st.lists(st.text(min_size=1, max_size=5), min_size=1, max_size=5, unique=True)
    return tuple(
        BallotContest(f"c{i}", draw(st.integers(1, 3)), tuple(draw(codes)))
        for i in range(draw(st.integers(1, 3)))
    )


@given(st.data())
def test_no_record_a_ballot_allows_is_longer_than_its_bound(data: st.DataObject) -> None:
    ballot = data.draw(_ballots_of_any_codes())
    record = data.draw(records(ballot))
    assert not check_record(record, ballot)
    assert len(encode_record(record)) <= record_bound(ballot)


def test_the_bound_is_the_record_of_every_seat_filled_with_the_longest_codes() -> None:
    ballot = (BallotContest("a", 2, ("1", '"q"', "۱۲۳", "22")), BallotContest("b", 1, ("5",)))
    longest = CastVoteRecord((Choice("a", ('"q"', "۱۲۳")), Choice("b", ("5",))))
    assert record_bound(ballot) == len(encode_record(longest))
    with pytest.raises(BallotError):
        record_bound(())
