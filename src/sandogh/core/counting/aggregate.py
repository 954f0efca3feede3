"""Adding counts, and the totals of every reporting unit and constituency.

DESIGN.md §3: results go from each station to the county, the province and the nation, and are
announced progressively ("N stations in M counties counted"). `Counts` form a commutative monoid
under `add_counts` with `Counts()` as zero, so any unit's total is the sum of its station sheets in
any order or grouping; that is what lets anyone re-add the published reports (Brazil's Boletim de
Urna model). Totals carry stations reported and stations total, the NIST SP 1500-100 v2
`SubUnitsReported`/`TotalSubUnits` of each unit.

At national scale (58,640 stations × 4 contests) the sums are made bottom-up: each sheet is added
once into its station's parent, then each unit's sum once into its own parent, so no sheet is
walked up the whole tree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import add
from types import MappingProxyType

from sandogh.core.counting.conformity import Standing, by_contest, refusal
from sandogh.core.counting.tally import (
    ROW_FIGURES,
    ROW_INVALID,
    Counts,
    InvalidKind,
    SheetRow,
    TallySheet,
    counts_of,
    figures_of,
    row_of,
)
from sandogh.core.definition.geography import Geography


@dataclass(frozen=True)
class Total:
    """A contest's counts over a unit or a constituency, with how many of its stations reported."""

    counts: Counts
    stations_reported: int
    stations_total: int


@dataclass(frozen=True)
class Aggregate:
    """Totals of every reporting unit and every constituency, per contest.

    `units[contest][code]` holds every unit with a station in the contest, reported or not, parents
    before children; `constituencies[contest][id]` every constituency of the contest.
    """

    units: Mapping[str, Mapping[str, Total]]
    constituencies: Mapping[str, Mapping[str, Total]]


_KINDS = tuple(InvalidKind)
_EVERY_KIND: frozenset[int] = frozenset()
_INVALID_AT = ROW_INVALID.start - ROW_FIGURES.start  # the first invalid kind in `_Sum.figures`


class _Sum:
    """A running total; private, so that only frozen `Counts` leave this module.

    `figures` are a row's (`SheetRow`, `ROW_FIGURES`: papers received to valid, each invalid
    kind, void), added a list at a time in C; `lacking` the invalid kinds (by position) no part
    added had, which the counts leave out, as a sheet written before a kind existed does.
    `counts()` hands the votes over without a copy: a sum is finished when it is read.
    """

    __slots__ = ("figures", "lacking", "reported", "votes")

    def __init__(self) -> None:
        self.figures = [0] * (ROW_FIGURES.stop - ROW_FIGURES.start)
        self.lacking = frozenset(range(len(_KINDS)))
        self.votes: dict[str, int] = {}
        self.reported = 0

    def add_row(self, row: SheetRow) -> None:
        self._add(row[ROW_FIGURES], row[-1])

    def add(self, c: Counts) -> None:
        self._add(figures_of(c), c.votes)

    def _add(self, figures: Sequence[int | None], votes: Mapping[str, int]) -> None:
        try:
            self.figures = list(map(add, self.figures, figures))
            self.lacking = _EVERY_KIND
        except TypeError:  # a kind the part has no figure of (None)
            self._add_partly(figures)
        _add_into(self.votes, votes)

    def _add_partly(self, figures: Sequence[int | None]) -> None:
        self.figures = [a + (b or 0) for a, b in zip(self.figures, figures, strict=True)]
        kinds = figures[_INVALID_AT:-1]
        self.lacking = self.lacking & {at for at, n in enumerate(kinds) if n is None}

    def merge(self, other: _Sum) -> None:
        self.figures = list(map(add, self.figures, other.figures))
        self.lacking = self.lacking & other.lacking
        _add_into(self.votes, other.votes)
        self.reported += other.reported

    def counts(self) -> Counts:
        f, lacking = self.figures, self.lacking
        kinds = f[_INVALID_AT:-1]
        invalid = dict(zip(_KINDS, kinds, strict=True))
        if lacking:  # rare: a part written before a kind existed
            invalid = {k: n for at, (k, n) in enumerate(invalid.items()) if at not in lacking}
        received, used, unused, spoiled, cast, valid = f[:_INVALID_AT]
        return Counts(received, used, unused, spoiled, cast, valid, invalid, f[-1], self.votes)


def _add_into(total: dict[str, int], part: Mapping[str, int]) -> None:
    """Add `part` into `total` key by key; a first part is copied whole, at C speed (most
    units above the stations hold a few of them, so a first copy saves a quarter of the adding)."""
    if not total:
        total.update(part)
        return
    get = total.get
    for key, n in part.items():
        total[key] = get(key, 0) + n


def sum_counts(counts: Iterable[Counts]) -> Counts:
    """The sum of any number of counts; `Counts()` for none. A candidate named in any is kept."""
    total = _Sum()
    for c in counts:
        total.add(c)
    return total.counts()


def add_counts(a: Counts, b: Counts) -> Counts:
    return sum_counts((a, b))


_ZERO = Counts()


def aggregate(
    geography: Geography, sheets: Iterable[TallySheet], kept: Standing | None = None
) -> Aggregate:
    """Every unit's and constituency's totals, per contest, from the station sheets.

    Each sheet counts in its station and every unit above it. The sheets must conform to the
    definition (`conformity.by_contest` checks them first, with the geography's `Standing` if
    `kept`, and raises otherwise), so none is lost or counted twice.
    """
    return aggregate_rows(geography, map(row_of, sheets), kept)


def aggregate_rows(
    geography: Geography, rows: Iterable[SheetRow], kept: Standing | None = None
) -> Aggregate:
    """`aggregate` of the sheets as the store reads them (`SheetRow`): no sheet is made of a
    row but for a station's total when it is read, and a row's figures are added a list at a
    time (a national tally's 234,560 sheets were 0.7 s of objects made, measured)."""
    batch = rows if isinstance(rows, (list, tuple)) else tuple(rows)
    standing = Standing.of(geography) if kept is None else kept
    # each sheet's candidates are held to those standing in its constituency below, once a
    # constituency: its total names the union of its sheets' candidates (each station's sheet
    # is in its constituency's total, and a candidate with no vote is kept), so the union is
    # standing there if and only if each sheet's are (a check a sheet's candidate was a tenth
    # of a national tally, measured)
    at_station = by_contest(geography, batch, standing, candidates=False)
    stations = frozenset(geography.stations)
    tree = _Tree(
        parent=geography.parents,
        stations=stations,
        top_down=geography.top_down,
        above=tuple(code for code in geography.top_down if code not in stations),
    )
    units: dict[str, Mapping[str, Total]] = {}
    constituencies: dict[str, Mapping[str, Total]] = {}
    for contest in geography.election.contests:
        of_units = _unit_totals(geography, tree, contest.id, at_station[contest.id])
        units[contest.id] = of_units
        of_constituencies: dict[str, Total] = {}
        for constituency in contest.constituencies:
            total = _Sum()
            expected = 0
            for part in geography.constituency_parts(contest.id, constituency.id):
                unit_total = of_units.get(part)
                if unit_total is None:  # a part without stations
                    continue
                total.add(unit_total.counts)
                total.reported += unit_total.stations_reported
                expected += unit_total.stations_total
            counts = total.counts()
            if not standing.codes[contest.id][constituency.id].issuperset(counts.votes):
                raise refusal(geography, batch, standing)
            of_constituencies[constituency.id] = Total(counts, total.reported, expected)
        constituencies[contest.id] = MappingProxyType(of_constituencies)
    return Aggregate(units=MappingProxyType(units), constituencies=MappingProxyType(constituencies))


@dataclass(frozen=True)
class _Tree:
    """What the sums need of the geography, held as plain sets and dicts for speed."""

    parent: Mapping[str, str | None]
    stations: frozenset[str]
    top_down: tuple[str, ...]
    #: the units above the stations, top down: the only ones with sums (a fifth of the units
    #: nationally, walked once a contest)
    above: tuple[str, ...]


def _unit_totals(
    geography: Geography, tree: _Tree, contest: str, at_station: Mapping[str, SheetRow]
) -> _UnitTotals:
    sums = _sums(tree, at_station)
    inner: dict[str, Total] = {}
    for code in tree.above:
        own = sums.get(code)
        expected = geography.stations_in(contest, code)
        if own is not None:
            inner[code] = Total(own.counts(), own.reported, expected)
        elif expected:
            inner[code] = Total(_ZERO, 0, expected)
    in_contest = geography.stations_in(contest, tree.top_down[0])
    return _UnitTotals(inner, at_station, geography.constituency_map(contest), tree, in_contest)


class _UnitTotals(Mapping[str, Total]):
    """One contest's totals by unit, in top-down order.

    A station's total is its sheet, so it is made from its row when asked for rather than
    held: 58,640 stations × 4 contests need no object each until someone reads them.
    """

    __slots__ = ("_inner", "_len", "_member", "_sheets", "_tree")

    def __init__(
        self,
        inner: dict[str, Total],
        sheets: Mapping[str, SheetRow],
        member: Mapping[str, str],
        tree: _Tree,
        stations: int,  # of the contest, each a unit of the listing
    ) -> None:
        self._inner, self._sheets, self._member, self._tree = inner, sheets, member, tree
        self._len = len(inner) + stations

    def __getitem__(self, code: str) -> Total:
        total = self._inner.get(code)
        if total is not None:
            return total
        if code in self._tree.stations and code in self._member:
            row = self._sheets.get(code)
            return Total(_ZERO, 0, 1) if row is None else Total(counts_of(row), 1, 1)
        raise KeyError(code)

    def __contains__(self, code: object) -> bool:
        return code in self._inner or (code in self._tree.stations and code in self._member)

    def __iter__(self) -> Iterator[str]:
        # `__contains__` inlined: a regeneration lists every unit of every contest (655,910
        # calls of it, measured)
        inner, stations, member = self._inner, self._tree.stations, self._member
        return (c for c in self._tree.top_down if c in inner or (c in stations and c in member))

    def __len__(self) -> int:
        return self._len


def _sums(tree: _Tree, at_station: Mapping[str, SheetRow]) -> dict[str, _Sum]:
    """The sum of every unit above a reporting station.

    Each sheet goes into its station's parent, then each unit's sum into its own parent, children
    before parents.
    """
    parent_of = tree.parent
    sums: dict[str, _Sum] = {}
    for station, row in at_station.items():
        parent = parent_of[station]
        if parent is not None:
            above = sums.get(parent)
            if above is None:
                above = sums[parent] = _Sum()
            above.add_row(row)
            above.reported += 1
    for code in reversed(tree.above):
        own = sums.get(code)
        parent = parent_of[code]
        if own is not None and parent is not None:
            above = sums.get(parent)
            if above is None:
                above = sums[parent] = _Sum()
            above.merge(own)
    return sums
