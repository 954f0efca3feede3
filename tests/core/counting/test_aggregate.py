"""Adding counts and totalling every unit and constituency (DESIGN.md §3, §4 NIST sub-units)."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.counting.aggregate import Aggregate, Total, add_counts, aggregate, sum_counts
from sandogh.core.counting.conformity import NonconformingSheetsError
from sandogh.core.counting.tally import (
    FIGURES,
    Counts,
    InvalidKind,
    TallySheet,
    counts_of,
    row_of,
)
from sandogh.core.definition.geography import Geography

from .build import FORMATS_STATION, counts, elections_with_sheets, kerman

SHEETS = [
    TallySheet("ST-1", "president", FORMATS_STATION),
    TallySheet("ST-2", "president", counts({"21": 300, "25": 200}, used_extra=2, unused=10)),
    TallySheet("ST-4", "president", counts({"21": 10, "25": 40})),
    TallySheet("ST-1", "parliament", counts({"31": 400, "32": 350}, valid=500)),
]


def test_a_county_adds_its_stations_and_counts_those_not_yet_reported() -> None:
    totals = aggregate(kerman(), SHEETS)
    county = totals.units["president"]["IR-08-0801"]
    assert county.counts.cast == 635 + 500
    assert county.counts.papers_received == 1050 + 512
    assert county.counts.invalid == {
        InvalidKind.BLANK: 9,
        InvalidKind.ILLEGIBLE: 1,
        InvalidKind.NON_CANDIDATE: 2,
    }
    assert county.counts.votes == {"21": 685, "25": 438}
    assert (county.stations_reported, county.stations_total) == (2, 3)
    nation = totals.units["president"]["IR"]
    assert nation.counts.votes == {"21": 695, "25": 478}
    assert (nation.stations_reported, nation.stations_total) == (3, 4)


def test_a_station_total_is_its_sheet_and_a_silent_station_is_zero() -> None:
    totals = aggregate(kerman(), SHEETS)
    assert totals.units["president"]["ST-1"] == Total(FORMATS_STATION, 1, 1)
    assert totals.units["president"]["ST-3"] == Total(Counts(), 0, 1)
    assert totals.units["parliament"]["ST-4"] == Total(Counts(), 0, 1)
    assert "ST-4" in totals.units["parliament"]


def test_constituencies_hold_only_their_own_stations() -> None:
    totals = aggregate(kerman(), SHEETS)
    p1, p2 = totals.constituencies["parliament"]["P1"], totals.constituencies["parliament"]["P2"]
    assert p1.counts.votes == {"31": 400, "32": 350}
    assert (p1.stations_reported, p1.stations_total) == (1, 3)
    assert (p2.counts, p2.stations_reported, p2.stations_total) == (Counts(), 0, 1)
    # The province spans both constituencies of the parliament contest.
    assert totals.units["parliament"]["IR-08"].stations_total == 4


def test_units_are_listed_top_down_and_the_listing_is_a_mapping() -> None:
    units = aggregate(kerman(), SHEETS).units["president"]
    assert list(units) == [
        "IR",
        "IR-08",
        "IR-08-0801",
        "CI-1",
        "ST-1",
        "ST-2",
        "ST-3",
        "IR-08-0802",
        "ST-4",
    ]
    assert len(units) == 9
    assert "NOWHERE" not in units
    with pytest.raises(KeyError):
        units["NOWHERE"]


def test_nothing_reported_gives_zero_everywhere_with_the_stations_to_come() -> None:
    totals = aggregate(kerman(), [])
    assert totals.units["president"]["IR"] == Total(Counts(), 0, 4)
    assert totals.constituencies["parliament"]["P1"] == Total(Counts(), 0, 3)


def test_sheets_that_do_not_conform_are_refused_not_added() -> None:
    twice = [SHEETS[0], SHEETS[0]]
    with pytest.raises(NonconformingSheetsError) as raised:
        aggregate(kerman(), twice)
    assert [(p.station, p.contest, p.sheet) for p in raised.value.problems] == [
        ("ST-1", "president", 1)
    ]


def test_a_candidate_named_anywhere_stays_in_the_sum() -> None:
    total = add_counts(Counts(votes={"21": 0}), Counts(votes={"25": 4}))
    assert total.votes == {"21": 0, "25": 4}
    assert sum_counts([]) == Counts()


figures = st.integers(-50, 10_000)
any_counts = st.builds(
    Counts,
    papers_received=figures,
    papers_used=figures,
    papers_unused=figures,
    papers_spoiled=figures,
    cast=figures,
    valid=figures,
    invalid=st.dictionaries(st.sampled_from(InvalidKind), figures),
    void=figures,
    votes=st.dictionaries(st.sampled_from(["21", "25", "27", "31"]), figures),
)


@given(any_counts, any_counts, any_counts)
@settings(max_examples=150)
def test_counts_form_a_commutative_monoid(a: Counts, b: Counts, c: Counts) -> None:
    assert add_counts(Counts(), a) == a == add_counts(a, Counts())
    assert add_counts(a, b) == add_counts(b, a)
    assert add_counts(add_counts(a, b), c) == add_counts(a, add_counts(b, c))


@given(st.lists(any_counts, max_size=8), st.randoms(use_true_random=False))
@settings(max_examples=100)
def test_a_sum_in_chunks_equals_the_sum_at_once(many: list[Counts], rnd: random.Random) -> None:
    cuts = sorted(rnd.randint(0, len(many)) for _ in range(3))
    chunks = [many[i:j] for i, j in zip([0, *cuts], [*cuts, len(many)], strict=True)]
    assert sum_counts(sum_counts(chunk) for chunk in chunks) == sum_counts(many)


def _added_plainly(many: Sequence[Counts]) -> Counts:
    """The sum as the sums were made before they were made of rows: field by field, each
    invalid kind and candidate key by key in the order first met."""
    invalid: dict[InvalidKind, int] = {}
    votes: dict[str, int] = {}
    for c in many:
        for kind, n in c.invalid.items():
            invalid[kind] = invalid.get(kind, 0) + n
        for code, n in c.votes.items():
            votes[code] = votes.get(code, 0) + n
    return Counts(
        *(sum(getattr(c, name) for c in many) for name in FIGURES if name != "void"),
        invalid=invalid,
        void=sum(c.void for c in many),
        votes=votes,
    )


@given(st.lists(any_counts, max_size=8))
@settings(max_examples=150)
def test_a_sum_of_rows_is_the_sum_added_plainly(many: list[Counts]) -> None:
    """A kind no part has a figure of (a sheet older than the kind) stays out of the sum, and
    the candidates stay in the order first met, as before the sums were made of rows."""
    summed, plainly = sum_counts(many), _added_plainly(many)
    assert summed == plainly
    assert list(summed.votes) == list(plainly.votes)
    rows = [row_of(TallySheet(str(n), "c", c)) for n, c in enumerate(many)]
    assert [counts_of(row) for row in rows] == many


NOTHING = Total(Counts(), 0, 0)


def _by_hand(geography: Geography, sheets: Sequence[TallySheet], contest: str, code: str) -> Total:
    under = set(geography.stations_under(code))
    mine = [s.counts for s in sheets if s.contest == contest and s.station in under]
    expected = sum(1 for s in under if geography.constituency_of(contest, s) is not None)
    return Total(_added_plainly(mine), len(mine), expected)


@given(elections_with_sheets(), st.randoms(use_true_random=False))
@settings(max_examples=40, deadline=None)
def test_every_total_is_the_sum_of_its_stations_in_any_order(
    drawn: tuple[Geography, list[TallySheet]], rnd: random.Random
) -> None:
    geography, sheets = drawn
    totals = aggregate(geography, sheets)
    shuffled = sheets[:]
    rnd.shuffle(shuffled)
    assert aggregate(geography, shuffled) == totals
    for contest in geography.election.contests:
        for code in geography.top_down:
            if geography.stations_in(contest.id, code):
                assert totals.units[contest.id][code] == _by_hand(
                    geography, sheets, contest.id, code
                )
        for k in contest.constituencies:
            parts = [
                totals.units[contest.id].get(p, NOTHING)
                for p in geography.constituency_parts(contest.id, k.id)
            ]
            assert totals.constituencies[contest.id][k.id] == Total(
                sum_counts(p.counts for p in parts),
                sum(p.stations_reported for p in parts),
                sum(p.stations_total for p in parts),
            )


@given(elections_with_sheets(), st.randoms(use_true_random=False))
@settings(max_examples=40, deadline=None)
def test_aggregates_of_halves_add_up_to_the_aggregate_of_all(
    drawn: tuple[Geography, list[TallySheet]], rnd: random.Random
) -> None:
    geography, sheets = drawn
    cut = rnd.randint(0, len(sheets))
    halves = [aggregate(geography, sheets[:cut]), aggregate(geography, sheets[cut:])]
    whole = aggregate(geography, sheets)
    for contest, units in whole.units.items():
        for code, total in units.items():
            assert total.counts == add_counts(*(h.units[contest][code].counts for h in halves))
            assert total.stations_reported == sum(
                h.units[contest][code].stations_reported for h in halves
            )


def test_an_aggregate_is_a_frozen_value() -> None:
    totals = aggregate(kerman(), SHEETS)
    assert isinstance(totals, Aggregate)
    with pytest.raises(TypeError):
        totals.units["president"]["IR"] = Total(Counts(), 0, 0)  # type: ignore[index]
