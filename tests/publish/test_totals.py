"""Totals added up again for the stations that changed equal the totals added up whole."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.counting.aggregate import Aggregate, aggregate
from sandogh.core.counting.tally import Counts, InvalidKind, TallySheet
from sandogh.core.counting.turnout import eligible_voters
from sandogh.core.definition.geography import Geography
from sandogh.core.report import station_ballot
from sandogh.formats.definition_file import definition_hash
from sandogh.publish.totals import reported_stations, retally
from sandogh.services.ports import StoredElection
from sandogh.services.tallied import Tallied
from tests.services.build import ROUND_1_DAY, ST_1, ST_2, ST_3

GEOGRAPHY = Geography.of(ROUND_1_DAY)
STATIONS = (ST_1, ST_2, ST_3)
Sheets = Mapping[str, Sequence[TallySheet]]


def tallied(sheets: Sheets) -> Tallied:
    stored = StoredElection(ROUND_1_DAY, definition_hash(ROUND_1_DAY))
    totals = aggregate(GEOGRAPHY, [s for each in sheets.values() for s in each])
    return Tallied(stored, GEOGRAPHY, totals, dict(eligible_voters(GEOGRAPHY)))


def plain(totals: Aggregate) -> tuple[object, object]:
    return (
        {c: dict(units) for c, units in totals.units.items()},
        {c: dict(of) for c, of in totals.constituencies.items()},
    )


@st.composite
def station_sheets(draw: st.DrawFn, station: str) -> tuple[TallySheet, ...]:
    sheets = []
    for item in station_ballot(GEOGRAPHY, station):
        votes = {code: draw(st.integers(0, 40)) for code in item.candidates}
        blank = draw(st.integers(0, 5))
        valid = sum(votes.values())
        counts = Counts(
            papers_received=valid + blank + 10,
            papers_used=valid + blank,
            papers_unused=10,
            cast=valid + blank,
            valid=valid,
            invalid={InvalidKind.BLANK: blank},
            votes=votes,
        )
        sheets.append(TallySheet(station, item.contest, counts))
    return tuple(sheets)


# a station's turn: its new sheets, or () when its results are taken back
turns = st.lists(
    st.sampled_from(STATIONS).flatmap(
        lambda s: st.tuples(st.just(s), st.one_of(st.just(()), station_sheets(s)))
    ),
    max_size=8,
)


@settings(max_examples=40, deadline=None)
@given(turns)
def test_station_by_station_equals_all_at_once(
    steps: list[tuple[str, tuple[TallySheet, ...]]],
) -> None:
    current = tallied({})
    held: dict[str, tuple[TallySheet, ...]] = {}
    for station, sheets in steps:
        current = retally(current, {station: sheets})
        held[station] = sheets

    assert plain(current.totals) == plain(tallied(held).totals)
    assert reported_stations(current, STATIONS) == {s for s, given in held.items() if given}


def test_the_same_report_twice_changes_nothing() -> None:
    sheets = (
        TallySheet(ST_1, "president", Counts(cast=3, valid=3, papers_used=3, votes={"21": 3})),
    )
    once = retally(tallied({}), {ST_1: sheets})

    assert plain(retally(once, {ST_1: sheets}).totals) == plain(once.totals)
    total = once.totals.units["president"]["IR"]
    assert (total.counts.votes, total.stations_reported, total.stations_total) == ({"21": 3}, 1, 3)
