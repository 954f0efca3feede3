"""An index over the geography of an election day, built once, read everywhere.

The tree is the one of `core.definition.model` (nation → province → county → district →
city/village → polling station, شعبه اخذ رای). Membership follows `docs/formats.md`: a station
belongs to a contest's constituency (حوزه انتخابیه) when the constituency lists it or any unit
above it, so a station is in at most one constituency of each contest. A tree it cannot index, with
duplicate codes, unknown or cyclic parents, unknown or overlapping constituency units, raises
`GeographyError` naming every such problem.

The index numbers the units in depth-first order, so every unit's subtree is one slice of that
order; 58,640 stations index in a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from sandogh.core.definition.model import Contest, Election, ReportingUnit, UnitKind
from sandogh.core.errors import SandoghError


@dataclass(frozen=True)
class GeographyProblem:
    """Why a definition cannot be indexed; `path` points into the definition (`units[3].parent`)."""

    path: str
    message: str


class GeographyError(SandoghError):
    """The units or constituencies of a definition do not form a tree that can be indexed."""

    def __init__(self, problems: tuple[GeographyProblem, ...]) -> None:
        super().__init__(f"the geography cannot be indexed: {len(problems)} problem(s)")
        self.problems = problems


@dataclass(frozen=True)
class _Tree:
    """The units in depth-first order, with the extent of each one's subtree."""

    units: Mapping[str, ReportingUnit]
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
        tree = _index(election)
        contests: dict[str, _Membership] = {}
        problems: list[GeographyProblem] = []
        for c, contest in enumerate(election.contests):
            membership, found = _membership(tree, contest, f"contests[{c}]")
            contests[contest.id] = membership
            problems.extend(found)
        if problems:
            raise GeographyError(tuple(problems))
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


def _index(election: Election) -> _Tree:
    """Number the units depth first, with the extent of each subtree."""
    units, order, children = _walk(election)
    position = {code: i for i, code in enumerate(order)}
    size = [1] * len(order)
    count = [0] * len(order)
    first = [0] * len(order)
    stations: list[str] = []
    for i, code in enumerate(order):
        first[i] = len(stations)
        if units[code].kind is UnitKind.STATION:
            stations.append(code)
            count[i] = 1
    for i in range(len(order) - 1, -1, -1):
        parent = units[order[i]].parent
        if parent is not None:
            above = position[parent]
            size[above] += size[i]
            count[above] += count[i]
    return _Tree(
        units=MappingProxyType(units),
        order=order,
        position=MappingProxyType(position),
        size=tuple(size),
        stations=tuple(stations),
        first_station=tuple(first),
        station_count=tuple(count),
        children=MappingProxyType({code: tuple(kids) for code, kids in children.items()}),
    )


def _walk(
    election: Election,
) -> tuple[dict[str, ReportingUnit], tuple[str, ...], dict[str, list[str]]]:
    """The units by code, depth first, and their children; or every reason they are not a tree."""
    problems: list[GeographyProblem] = []
    units: dict[str, ReportingUnit] = {}
    at: dict[str, int] = {}
    for i, unit in enumerate(election.units):
        if unit.code in units:
            problems.append(
                GeographyProblem(
                    f"units[{i}].code",
                    f"duplicate unit code {unit.code} (first at units[{at[unit.code]}])",
                )
            )
        else:
            units[unit.code] = unit
            at[unit.code] = i
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for code, unit in units.items():
        if unit.parent is None:
            roots.append(code)
        elif unit.parent in units:
            children.setdefault(unit.parent, []).append(code)
        else:
            problems.append(
                GeographyProblem(f"units[{at[code]}].parent", f"unknown parent unit {unit.parent}")
            )
            roots.append(code)  # so that what is below it is not also reported as a cycle
    order: list[str] = []
    stack = roots[::-1]
    while stack:
        code = stack.pop()
        order.append(code)
        stack.extend(reversed(children.get(code, ())))
    if len(order) < len(units):
        reached = set(order)
        problems.extend(
            GeographyProblem(
                f"units[{at[code]}].parent", f"unit {code} is not under a root: its parents cycle"
            )
            for code in units
            if code not in reached
        )
    if problems:
        raise GeographyError(tuple(problems))
    return units, tuple(order), children


def _membership(
    tree: _Tree, contest: Contest, path: str
) -> tuple[_Membership, tuple[GeographyProblem, ...]]:
    """Which units lie wholly in which constituency of `contest`, and what stops it being a map."""
    problems: list[GeographyProblem] = []
    listed: dict[str, tuple[str, str]] = {}  # unit → (constituency, path of its first listing)
    for k, defined in enumerate(contest.constituencies):
        for u, code in enumerate(defined.units):
            where = f"{path}.constituencies[{k}].units[{u}]"
            if code not in tree.units:
                problems.append(GeographyProblem(where, f"unknown unit {code}"))
            elif code in listed and listed[code][0] != defined.id:
                other, first = listed[code]
                problems.append(
                    GeographyProblem(where, f"unit {code} is already in {other} ({first})")
                )
            else:
                listed.setdefault(code, (defined.id, where))
    parts: dict[str, list[str]] = {k.id: [] for k in contest.constituencies}
    for code, (constituency, where) in listed.items():
        outer = next((above for above in tree.above(code) if above in listed), None)
        if outer is None:
            parts[constituency].append(code)
        elif listed[outer][0] != constituency:
            problems.append(
                GeographyProblem(
                    where, f"unit {code} is already in {listed[outer][0]} through {outer}"
                )
            )
    member: dict[str, str] = {}
    partial: dict[str, int] = {}
    for constituency, tops in parts.items():
        for code in tops:
            i = tree.position[code]
            member.update(dict.fromkeys(tree.order[i : i + tree.size[i]], constituency))
            for above in tree.above(code):
                partial[above] = partial.get(above, 0) + tree.station_count[i]
    membership = _Membership(
        member=MappingProxyType(member),
        parts=MappingProxyType({k: tuple(v) for k, v in parts.items()}),
        partial=MappingProxyType(partial),
    )
    return membership, tuple(problems)
