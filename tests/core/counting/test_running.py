"""Running totals kept by deltas equal the full aggregation, in any order (issue 14)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.counting.aggregate import aggregate
from sandogh.core.counting.running import (
    ZERO,
    Difference,
    Place,
    Running,
    Scope,
    difference,
    differences,
    plus,
    spread,
    summed,
    totals_of,
)
from sandogh.core.counting.tally import Counts, TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.supervision import ConstituencyVoid, Decision, StationVoid, Void, apply_voids

from .build import counts, elections_with_sheets, kerman

BOUGHT = Decision("vote buying", "1403/123")


def _applied(totals: dict[Place, Running], deltas: dict[Place, Running]) -> None:
    for place, delta in deltas.items():
        totals[place] = plus(totals.get(place, ZERO), delta)


def _equal_to_the_aggregation(
    geography: Geography, kept: dict[Place, Running], sheets: list[TallySheet]
) -> None:
    made = aggregate(geography, sheets)
    stations = set(geography.stations)
    for contest, by_unit in made.units.items():
        for code, total in by_unit.items():
            if code in stations:
                continue
            running = kept.get(Place(contest, Scope.UNIT, code), ZERO)
            assert running.total(total.stations_total) == total, (contest, code)
    for contest, by_constituency in made.constituencies.items():
        for code, total in by_constituency.items():
            running = kept.get(Place(contest, Scope.CONSTITUENCY, code), ZERO)
            assert running.total(total.stations_total) == total, (contest, code)


@given(elections_with_sheets(), st.randoms(use_true_random=False))
@settings(max_examples=40, deadline=None)
def test_sheets_added_one_by_one_in_any_order_are_the_full_aggregation(
    drawn: tuple[Geography, list[TallySheet]], rnd: random.Random
) -> None:
    geography, sheets = drawn
    shuffled = sheets[:]
    rnd.shuffle(shuffled)
    kept: dict[Place, Running] = {}
    for sheet in shuffled:
        _applied(kept, spread(geography, [(sheet, difference(None, sheet.counts))]))
    assert kept == totals_of(geography, sheets)
    assert differences(totals_of(geography, sheets), kept) == ()
    _equal_to_the_aggregation(geography, kept, sheets)


@given(elections_with_sheets(), st.randoms(use_true_random=False))
@settings(max_examples=40, deadline=None)
def test_reports_and_voids_interleaved_in_any_order_are_the_full_aggregation(
    drawn: tuple[Geography, list[TallySheet]], rnd: random.Random
) -> None:
    """As the centre keeps them: each report adds its sheet as the voids decided so far leave
    it; each void adds what it takes from the sheets stored so far."""
    geography, sheets = drawn
    voids: list[Void] = [
        StationVoid(station, None, BOUGHT)
        for station in geography.stations
        if rnd.random() < 0.3  # about a third of the stations
    ]
    for defined in geography.election.contests:
        if defined.constituencies and rnd.random() < 0.3:
            voids.append(ConstituencyVoid(defined.id, defined.constituencies[0].id, BOUGHT))
    events: list[TallySheet | Void] = [*sheets, *voids]
    rnd.shuffle(events)
    stored: list[TallySheet] = []
    decided: list[Void] = []
    kept: dict[Place, Running] = {}
    for event in events:
        if isinstance(event, TallySheet):
            (counted,), _ = apply_voids(geography, [event], decided)
            _applied(kept, spread(geography, [(event, difference(None, counted.counts))]))
            stored.append(event)
        else:
            was, _ = apply_voids(geography, stored, decided)
            now, _ = apply_voids(geography, stored, [*decided, event])
            changes = [(a, difference(a.counts, b.counts)) for a, b in zip(was, now, strict=True)]
            _applied(kept, spread(geography, changes))
            decided.append(event)
    counted, _ = apply_voids(geography, sheets, decided)
    assert differences(totals_of(geography, counted), kept) == ()
    _equal_to_the_aggregation(geography, kept, list(counted))


def test_a_changed_figure_is_named_with_its_place_and_both_values() -> None:
    geography = kerman()
    sheets = [
        TallySheet("ST-1", "president", counts({"21": 300, "25": 200})),
        TallySheet("ST-2", "president", counts({"21": 10, "25": 40})),
    ]
    fresh = totals_of(geography, sheets)
    county = Place("president", Scope.UNIT, "IR-08-0801")
    tampered = dict(fresh)
    tampered[county] = plus(fresh[county], Running(Counts(votes={"21": 5}), 0))
    found = differences(fresh, tampered)
    assert Difference(county, "votes.21", 310, 315) in found
    assert all(d.place == county for d in found)
    assert differences(fresh, {}) != ()  # a lost row is a difference of every figure


def test_a_void_and_its_reversal_as_deltas_cancel_out() -> None:
    sheet = TallySheet("ST-1", "president", counts({"21": 300, "25": 200}))
    (voided,), _ = apply_voids(kerman(), [sheet], [StationVoid("ST-1", None, BOUGHT)])
    there = difference(sheet.counts, voided.counts)
    back = difference(voided.counts, sheet.counts)
    assert there.reported == back.reported == 0
    assert plus(plus(Running(sheet.counts, 1), there), back) == Running(sheet.counts, 1)


@given(elections_with_sheets(), st.randoms(use_true_random=False))
@settings(max_examples=30, deadline=None)
def test_parts_summed_at_once_are_the_parts_added_one_by_one(
    made: tuple[Geography, list[TallySheet]], rng: random.Random
) -> None:
    """`summed`, which a unit's read adds its children with (issue 14), is `plus` over the
    parts, deltas with negative figures among them."""
    _, sheets = made
    parts = [Running(s.counts, 1) for s in sheets]
    parts += [difference(s.counts, None) for s in rng.sample(sheets, len(sheets) // 2)]
    one_by_one = ZERO
    for part in parts:
        one_by_one = plus(one_by_one, part)
    assert summed(parts) == one_by_one
    assert summed([]) == ZERO
