"""An election's totals kept current between regenerations of its snapshot.

Issue 5 regenerates the snapshot after each accepted report; adding up every sheet again each time
takes seconds at national scale (bench/national.py), so only what one station changes is added up
again: the station's own total, then each unit above it from its children's totals (deepest
first), then each constituency it votes in from its parts, with `core.counting.aggregate`'s sums.
A station's sheets are replaced, not added to, so the step is idempotent: a report applied twice,
or one already counted when the totals were read, changes nothing. The result equals
`aggregate` over the same sheets (tests/publish/test_totals.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Iterator, Mapping
from types import MappingProxyType

from sandogh.core.counting.aggregate import Aggregate, Total, sum_counts
from sandogh.core.counting.tally import Counts, TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind
from sandogh.core.supervision import reapply_voids
from sandogh.services.tallied import Tallied

_UNREPORTED = Total(Counts(), 0, 1)
STATION = UnitKind.STATION


def retally(tallied: Tallied, stations: Mapping[str, Collection[TallySheet]]) -> Tallied:
    """`tallied` with each station of `stations` holding exactly the sheets given (none: the
    station has not reported), and every unit and constituency above them added up again. The
    voids in force apply to the sheets given as they do to the rest: a box voided before its
    report came is void when it comes (`core.supervision.reapply_voids`)."""
    geography = tallied.geography
    voided = tallied.voided
    if voided:
        stations, voided = reapply_voids(geography, voided, stations)
    units = dict(tallied.totals.units)
    constituencies = dict(tallied.totals.constituencies)
    for contest in geography.election.contests:
        member = geography.constituency_map(contest.id)
        voting = [code for code in stations if code in member and geography.kind(code) is STATION]
        if not voting:
            continue
        before = units[contest.id]
        changed: dict[str, Total] = {}
        for station in voting:
            counts = next((s.counts for s in stations[station] if s.contest == contest.id), None)
            changed[station] = _UNREPORTED if counts is None else Total(counts, 1, 1)
        for code in _deepest_first(geography, voting):
            parts = [
                changed.get(child) or before[child]
                for child in geography.children(code)
                if child in before
            ]
            changed[code] = _sum(parts, before[code].stations_total)
        units[contest.id] = now = _Overlay.over(before, changed)
        of_constituencies = dict(constituencies[contest.id])
        for constituency in {member[station] for station in voting}:
            parts = [
                now[part]
                for part in geography.constituency_parts(contest.id, constituency)
                if part in now
            ]
            of_constituencies[constituency] = _sum(parts, sum(t.stations_total for t in parts))
        constituencies[contest.id] = MappingProxyType(of_constituencies)
    totals = Aggregate(MappingProxyType(units), MappingProxyType(constituencies))
    return dataclasses.replace(tallied, totals=totals, voided=voided)


def _sum(parts: list[Total], expected: int) -> Total:
    return Total(
        sum_counts(t.counts for t in parts), sum(t.stations_reported for t in parts), expected
    )


def _deepest_first(geography: Geography, stations: Collection[str]) -> list[str]:
    """The units above `stations`, each after every unit below it."""
    above = {code for station in stations for code in geography.ancestors(station)}
    return sorted(above, key=lambda code: -len(geography.ancestors(code)))


class _Overlay(Mapping[str, Total]):
    """One contest's unit totals: those added up again over those of the last full count.

    The recomputed units are always units of the full count, so the keys and their top-down
    order are the full count's.
    """

    __slots__ = ("_base", "_changed")

    def __init__(self, base: Mapping[str, Total], changed: dict[str, Total]) -> None:
        self._base, self._changed = base, changed

    @classmethod
    def over(cls, before: Mapping[str, Total], changed: Mapping[str, Total]) -> _Overlay:
        """`changed` over `before`, folded into one overlay so that lookups stay one level deep."""
        if isinstance(before, _Overlay):
            return cls(before._base, {**before._changed, **changed})
        return cls(before, dict(changed))

    def __getitem__(self, code: str) -> Total:
        total = self._changed.get(code)
        return self._base[code] if total is None else total

    def __contains__(self, code: object) -> bool:
        return code in self._changed or code in self._base

    def __iter__(self) -> Iterator[str]:
        return iter(self._base)

    def __len__(self) -> int:
        return len(self._base)


def reported_stations(tallied: Tallied, stations: Iterable[str]) -> set[str]:
    """The stations of `stations` with results in any contest."""
    units = tallied.totals.units.values()
    return {
        station
        for station in stations
        if any(totals[station].stations_reported for totals in units if station in totals)
    }
