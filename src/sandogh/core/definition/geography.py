"""An index over the geography of an election day, built once, read everywhere.

The tree is the one of `core.definition.model` (nation → province → county → district →
city/village → polling station, شعبه اخذ رای). Membership follows `docs/formats.md`: a station
belongs to a contest's constituency (حوزه انتخابیه) when the constituency lists it or any unit
above it, so a station is in at most one constituency of each contest. The units and listings are
checked by the same walks validation makes (`core.definition.tree`): a definition with duplicate
codes, a parent that is unknown, later or of the wrong kind, not exactly one root, or unknown,
repeated or overlapping constituency units raises `GeographyError` naming every such problem.

The index numbers the units in depth-first order, so every unit's subtree is one slice of that
order; 58,640 stations index in a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from types import MappingProxyType

from sandogh.core.definition.model import Contest, Election, ReportingUnit, UnitKind
from sandogh.core.definition.problems import DefinitionError, Problem
from sandogh.core.definition.tree import UnitTree, cover


class GeographyError(DefinitionError):
    """The units or constituencies of a definition do not form a tree that can be indexed."""

    def _summary(self) -> str:
        return f"the geography cannot be indexed: {super()._summary()}"


@dataclass(frozen=True)
class _Tree:
    """The units in depth-first order, with the extent of each one's subtree."""

    units: Mapping[str, ReportingUnit]
    parents: Mapping[str, str | None]
    order: tuple[str, ...]  # each parent before its children; a subtree is a slice
    position: Mapping[str, int]
    size: tuple[int, ...]  # units in the subtree at each position
    stations: tuple[str, ...]  # the stations, in depth-first order
    first_station: tuple[int, ...]  # at each position, where its stations start in `stations`
    station_count: tuple[int, ...]  # at each position
    children: Mapping[str, tuple[str, ...]]

    def above(self, code: str) -> Iterator[str]:
        parent = self.units[code].parent
        while parent is not None:
            yield parent
            parent = self.units[parent].parent


@dataclass(frozen=True)
class _Membership:
    """One contest's constituencies over the tree."""

    member: Mapping[str, str]  # every unit wholly in a constituency → that constituency
    parts: Mapping[str, tuple[str, ...]]  # constituency → its largest units
    partial: Mapping[str, int]  # unit above the constituencies → its stations in the contest


@dataclass(frozen=True, eq=False, repr=False)
class Geography:
    """Parent, children, ancestors, stations and constituencies of every unit of one election.

    Build it with `Geography.of(election)`. Unknown unit codes and contest ids raise `KeyError`.
    """

    election: Election
    _tree: _Tree = field(repr=False)
    _contests: Mapping[str, _Membership] = field(repr=False)

    @classmethod
    def of(cls, election: Election) -> Geography:
        unit_tree = UnitTree.of(election.units)
        if unit_tree.problems:
            raise GeographyError(unit_tree.problems)
        tree = _index(election.units, unit_tree)
        contests: dict[str, _Membership] = {}
        problems: list[Problem] = []
        for c, contest in enumerate(election.contests):
            coverage = cover(contest, f"contests[{c}]", election.units, unit_tree)
            problems += coverage.problems
            contests[contest.id] = _membership(tree, contest, coverage.tops, election.units)
        if problems:
            raise GeographyError(problems)
        return cls(election=election, _tree=tree, _contests=MappingProxyType(contests))

    def __repr__(self) -> str:
        return f"<Geography of {self.election.id}: {len(self._tree.order)} units>"

    def __contains__(self, code: object) -> bool:
        return code in self._tree.units

    @property
    def top_down(self) -> tuple[str, ...]:
        """Every unit code, each parent before its children."""
        return self._tree.order

    @property
    def stations(self) -> tuple[str, ...]:
        """Every station, in the order of `top_down`."""
        return self._tree.stations

    def unit(self, code: str) -> ReportingUnit:
        return self._tree.units[code]

    def kind(self, code: str) -> UnitKind:
        return self._tree.units[code].kind

    def parent(self, code: str) -> str | None:
        return self._tree.units[code].parent

    @property
    def parents(self) -> Mapping[str, str | None]:
        """Every unit's parent (None for the root), for walks that ask at every station."""
        return self._tree.parents

    def children(self, code: str) -> tuple[str, ...]:
        if code not in self._tree.units:
            raise KeyError(code)
        return self._tree.children.get(code, ())

    def ancestors(self, code: str) -> tuple[str, ...]:
        """The units above `code`, nearest first: parent, grandparent, …, the root."""
        return tuple(self._tree.above(code))

    def stations_under(self, code: str) -> tuple[str, ...]:
        """The stations at or below `code` (a station is under itself)."""
        i = self._tree.position[code]
        start = self._tree.first_station[i]
        return self._tree.stations[start : start + self._tree.station_count[i]]

    def constituency_of(self, contest: str, code: str) -> str | None:
        """The constituency of `contest` that `code` lies wholly in, or None.

        For a station this is the constituency it votes in; a unit above the constituencies (a
        province holding several) lies wholly in none.
        """
        inside = self._contests[contest].member.get(code)
        if inside is None and code not in self._tree.units:
            raise KeyError(code)
        return inside

    def constituency_map(self, contest: str) -> Mapping[str, str]:
        """Every unit that lies wholly in a constituency of `contest`, to that constituency."""
        return self._contests[contest].member

    def constituency_parts(self, contest: str, constituency: str) -> tuple[str, ...]:
        """The largest units wholly in `constituency`: its listed units, without nested repeats."""
        return self._contests[contest].parts[constituency]

    def stations_in(self, contest: str, code: str) -> int:
        """How many stations at or below `code` vote in `contest`."""
        membership = self._contests[contest]
        if code in membership.member:
            return self._tree.station_count[self._tree.position[code]]
        if code not in self._tree.units:
            raise KeyError(code)
        return membership.partial.get(code, 0)


def _index(units: Sequence[ReportingUnit], tree: UnitTree) -> _Tree:
    """Number the units of a sound `tree` depth first, with the extent of each subtree."""
    # Parents come before their children, so one backward pass over the file sums every subtree.
    station = [unit.kind is UnitKind.STATION for unit in units]
    size = [1] * len(units)
    count = [int(s) for s in station]
    for i in range(len(units) - 1, -1, -1):
        p = tree.parent[i]
        if p >= 0:
            size[p] += size[i]
            count[p] += count[i]
    order: list[int] = []  # unit indices, depth first
    stack = [tree.root]
    while stack:
        i = stack.pop()
        order.append(i)
        kids = tree.children.get(i)
        if kids:
            stack.extend(reversed(kids))
    codes = [unit.code for unit in units]
    top_down = tuple(map(codes.__getitem__, order))
    return _Tree(
        units=MappingProxyType(dict(zip(codes, units, strict=True))),
        parents=MappingProxyType({unit.code: unit.parent for unit in units}),
        order=top_down,
        position=MappingProxyType(dict(zip(top_down, range(len(order)), strict=True))),
        size=tuple(map(size.__getitem__, order)),
        stations=tuple([codes[i] for i in order if station[i]]),
        first_station=tuple(accumulate(map(station.__getitem__, order[:-1]), initial=0)),
        station_count=tuple(map(count.__getitem__, order)),
        children=MappingProxyType(
            {codes[p]: tuple(map(codes.__getitem__, kids)) for p, kids in tree.children.items()}
        ),
    )


def _membership(
    tree: _Tree,
    contest: Contest,
    tops: tuple[tuple[int, ...], ...],
    units: Sequence[ReportingUnit],
) -> _Membership:
    """Which units lie wholly in which constituency of `contest`, whose largest units are `tops`."""
    parts: dict[str, list[str]] = {}
    for defined, largest in zip(contest.constituencies, tops, strict=True):
        parts.setdefault(defined.id, []).extend(units[i].code for i in largest)
    member: dict[str, str] = {}
    partial: dict[str, int] = {}
    for constituency, codes in parts.items():
        for code in codes:
            i = tree.position[code]
            member.update(dict.fromkeys(tree.order[i : i + tree.size[i]], constituency))
            for above in tree.above(code):
                partial[above] = partial.get(above, 0) + tree.station_count[i]
    return _Membership(
        member=MappingProxyType(member),
        parts=MappingProxyType({k: tuple(v) for k, v in parts.items()}),
        partial=MappingProxyType(partial),
    )
