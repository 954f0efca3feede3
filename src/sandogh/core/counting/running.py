"""Running totals: each unit's and constituency's figures of a contest, kept as they change.

Issue 14 ("Results read in milliseconds"): reading a unit is reading its row, not re-adding
every sheet below it. Whatever changes what the results count (a sheet stored, a void that changes
stored sheets) is a delta per sheet: what the sheet counts after, less what it counted before
(`difference`). `spread` sends each sheet's delta to every unit above its station and to the
constituency the station votes in; `plus` adds a delta to a total. `Counts` under this addition
form a commutative group (deltas may be negative), so totals kept by deltas in any order are the
full aggregation (`aggregate.aggregate`) of the same sheets; `differences` names every figure of
one set of totals that is not that of another (the operator's check and the tests').

A station's own total is its sheet, kept where the sheets are; a running total is kept for every
unit above the stations and every constituency. A candidate or invalid kind named by any sheet
stays named (at 0 where nothing is left), as in the full aggregation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from operator import attrgetter
from typing import TypeVar

from sandogh.core.counting.aggregate import Total, aggregate
from sandogh.core.counting.tally import FIGURES, Counts, InvalidKind, TallySheet
from sandogh.core.definition.geography import Geography


class Scope(StrEnum):
    UNIT = "unit"  # a reporting unit above the stations
    CONSTITUENCY = "constituency"


@dataclass(frozen=True, order=True)
class Place:
    """Where a running total is kept: a unit or a constituency, in one contest."""

    contest: str
    scope: Scope
    code: str


@dataclass(frozen=True)
class Running:
    """A contest's counts over the stations below a place that reported, and how many did; or
    a change of them (a delta), whose figures may be negative."""

    counts: Counts = field(default_factory=Counts)
    reported: int = 0

    def total(self, stations_total: int) -> Total:
        return Total(self.counts, self.reported, stations_total)


ZERO = Running()
_figures_of = attrgetter(*FIGURES)

_K = TypeVar("_K", str, InvalidKind)


def _added(a: Mapping[_K, int], b: Mapping[_K, int], sign: int) -> dict[_K, int]:
    total = dict(a)
    for key, n in b.items():
        total[key] = total.get(key, 0) + sign * n
    return total


def _combined(a: Counts, b: Counts, sign: int) -> Counts:
    figures = {name: getattr(a, name) + sign * getattr(b, name) for name in FIGURES}
    return Counts(
        **figures,
        invalid=_added(a.invalid, b.invalid, sign),
        votes=_added(a.votes, b.votes, sign),
    )


def plus(total: Running, delta: Running) -> Running:
    """`total` changed by `delta`."""
    return Running(_combined(total.counts, delta.counts, 1), total.reported + delta.reported)


def summed(parts: Iterable[Running]) -> Running:
    """The sum of `parts`, as `plus` adds them one after another, made without a `Counts` for
    each partial sum (a nation's read adds its provinces' hundreds of candidates)."""
    figures = dict.fromkeys(FIGURES, 0)
    invalid: dict[InvalidKind, int] = {}
    votes: dict[str, int] = {}
    reported = 0
    for part in parts:
        counts = part.counts
        reported += part.reported
        for name, n in zip(FIGURES, _figures_of(counts), strict=True):
            figures[name] += n
        for kind, n in counts.invalid.items():
            invalid[kind] = invalid.get(kind, 0) + n
        for code, n in counts.votes.items():
            votes[code] = votes.get(code, 0) + n
    return Running(Counts(**figures, invalid=invalid, votes=votes), reported)


def difference(before: Counts | None, after: Counts | None) -> Running:
    """What a sheet counting `after` in place of `before` changes (None: no sheet counted)."""
    reported = (after is not None) - (before is not None)
    if before is None:
        return Running(Counts() if after is None else after, reported)
    return Running(_combined(Counts() if after is None else after, before, -1), reported)


def places_of(geography: Geography, contest: str, station: str) -> Iterator[Place]:
    """The places whose totals a sheet of `station` in `contest` counts in."""
    for code in geography.ancestors(station):
        yield Place(contest, Scope.UNIT, code)
    constituency = geography.constituency_of(contest, station)
    if constituency is not None:
        yield Place(contest, Scope.CONSTITUENCY, constituency)


def spread(
    geography: Geography, changes: Iterable[tuple[TallySheet, Running]]
) -> dict[Place, Running]:
    """The deltas of every place the changed sheets count in: each change (a sheet naming its
    station and contest, and what changed of it) added into each place above it."""
    deltas: dict[Place, Running] = {}
    for sheet, change in changes:
        for place in places_of(geography, sheet.contest, sheet.station):
            had = deltas.get(place)
            deltas[place] = change if had is None else plus(had, change)
    return deltas


def totals_of(geography: Geography, sheets: Iterable[TallySheet]) -> dict[Place, Running]:
    """The running totals of `sheets` counted from nothing: the full re-aggregation, made by
    `aggregate` (bottom-up, the fast way for many sheets); a place no sheet counts in is left
    out."""
    made = aggregate(geography, sheets)
    stations = frozenset(geography.stations)
    totals: dict[Place, Running] = {}
    for contest, by_unit in made.units.items():
        for code, total in by_unit.items():
            if total.stations_reported and code not in stations:
                totals[Place(contest, Scope.UNIT, code)] = Running(
                    total.counts, total.stations_reported
                )
    for contest, by_constituency in made.constituencies.items():
        for code, total in by_constituency.items():
            if total.stations_reported:
                place = Place(contest, Scope.CONSTITUENCY, code)
                totals[place] = Running(total.counts, total.stations_reported)
    return totals


@dataclass(frozen=True)
class Difference:
    """A figure of a kept total that is not the re-aggregated one (`expected`)."""

    place: Place
    figure: str  # a FIGURES name, "invalid.KIND", "votes.CODE" or "stations_reported"
    expected: int
    actual: int


def differences(
    expected: Mapping[Place, Running], actual: Mapping[Place, Running]
) -> tuple[Difference, ...]:
    """Every figure of every place that differs between `expected` and `actual`, in the order of
    the places; a place or figure missing on one side counts as 0 there."""
    found: list[Difference] = []
    for place in sorted({*expected, *actual}):
        want, have = expected.get(place, ZERO), actual.get(place, ZERO)
        for figure, a, b in _figures(want, have):
            if a != b:
                found.append(Difference(place, figure, a, b))
    return tuple(found)


def _figures(a: Running, b: Running) -> Iterator[tuple[str, int, int]]:
    yield "stations_reported", a.reported, b.reported
    for name in FIGURES:
        yield name, getattr(a.counts, name), getattr(b.counts, name)
    for kind in InvalidKind:
        yield f"invalid.{kind.value}", a.counts.invalid.get(kind, 0), b.counts.invalid.get(kind, 0)
    for code in sorted({*a.counts.votes, *b.counts.votes}):
        yield f"votes.{code}", a.counts.votes.get(code, 0), b.counts.votes.get(code, 0)
