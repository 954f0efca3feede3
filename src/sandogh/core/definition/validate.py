"""The semantic rules of an election definition, checked all at once.

Sources: the geography tree and the station facts of `reference/seed-facts.md` (nation → province
→ county → … → polling station, شعبه); the contests of `reference/iran-election-rules.md` (the
presidency is one national constituency with one seat, Constitution Art. 117; a runoff continues a
first round held on an earlier day; councils fill seats and alternates, علی‌البدل; party lists only
under proportional representation); `docs/formats.md` (a station belongs to a constituency when the
constituency lists it or a unit above it; candidate codes are unique within a constituency of a
contest). Decisions where those sources are silent:

- Children's eligible voters may add up to less than their parent's figure (a definition may leave
  out part of the geography, and official figures include voters no listed station serves) but
  never to more: more voters below a unit than in it is a contradiction. A unit without a figure
  counts as the sum of its children when every child has one (`ReportingUnit`).
- A constituency needs at least as many candidates as seats. Exactly as many is allowed: seats can
  be uncontested, and a runoff whose other candidates withdrew keeps one per seat. Fewer would
  leave a seat empty whatever the votes, which the boards must decide by changing the seats.
- Codes and ids are ASCII letters, digits, `.`, `_` and `-` so that they survive CSV files, URLs
  and Persian-digit normalisation unchanged; ballot codes are the ASCII digits typed on the box.

Paths are built only for problems found, and every check is one or two passes over the units and
each contest, so a national definition is checked in a fraction of a second.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sandogh.core.definition.model import (
    UNIT_DEPTH,
    Contest,
    Election,
    Name,
    Office,
    ReportingUnit,
    UnitKind,
)
from sandogh.core.definition.problems import DefinitionError, Problem
from sandogh.core.definition.rule import MajorityRule, ProportionalRule, ThresholdRule

ELECTION_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_NO_NAME = "the Persian name is required"


def problems(election: Election) -> tuple[Problem, ...]:
    """Every problem of `election`, grouped by the top-level entry they belong to, in file order."""
    tree = _Tree.of(election.units)
    found = _election_problems(election) + tree.problems + _eligible_problems(election.units, tree)
    first: dict[str, int] = {}
    for c, contest in enumerate(election.contests):
        found += _contest_problems(contest, f"contests[{c}]", election, tree)
        if contest.id in first:
            found.append(
                Problem(
                    f"contests[{c}].id",
                    f"duplicate contest id {contest.id}, also used by "
                    f"contests[{first[contest.id]}]",
                )
            )
        first.setdefault(contest.id, c)
    if not election.contests:
        found.append(Problem("contests", "an election day needs at least one contest"))
    return tuple(sorted(found, key=_file_order))


def require_valid(election: Election) -> Election:
    """`election` itself when it has no problem; otherwise a `DefinitionError` with them all."""
    found = problems(election)
    if found:
        raise DefinitionError(found)
    return election


_SECTIONS = {"election": 0, "units": 1, "contests": 2}
_TOP = re.compile(r"([a-z_]*)(?:\[(\d+)\])?")


def _file_order(problem: Problem) -> tuple[int, int]:
    """Top-level section, then entry index; `sorted` keeps the checking order within an entry."""
    match = _TOP.match(problem.path)
    section, index = (match.group(1), match.group(2)) if match else ("", None)
    return _SECTIONS.get(section, len(_SECTIONS)), -1 if index is None else int(index)


def _named(name: Name) -> bool:
    return bool(name.fa) and not name.fa.isspace()


def _bad_code(code: str, path: str) -> Problem:
    return Problem(
        path,
        f"{code!r} must be ASCII letters, digits, '.', '_' or '-', starting with a letter or digit",
    )


def _election_problems(election: Election) -> list[Problem]:
    found = [] if _named(election.name) else [Problem("election.name.fa", _NO_NAME)]
    if not ELECTION_ID.fullmatch(election.id):
        found.append(
            Problem(
                "election.id",
                f"{election.id!r} must be lower-case letters, digits, '.', '_' "
                "or '-', starting with a letter or digit",
            )
        )
    if election.version < 1:
        found.append(Problem("election.version", f"must be 1 or more, not {election.version}"))
    return found


@dataclass(frozen=True)
class _Tree:
    """The units indexed once: first index of each code, valid parent index (-1: none), children,
    and whether a unit hangs from the root through valid parents (a problem elsewhere does not
    also make its stations uncovered)."""

    first: dict[str, int]
    parent: list[int]
    children: dict[int, list[int]]
    rooted: list[bool]
    problems: list[Problem]

    @staticmethod
    def of(units: tuple[ReportingUnit, ...]) -> _Tree:
        found: list[Problem] = []
        first: dict[str, int] = {}
        for i, unit in enumerate(units):
            if unit.code in first:
                found.append(
                    Problem(
                        f"units[{i}].code",
                        f"duplicate code {unit.code}, also used by units[{first[unit.code]}]",
                    )
                )
            else:
                first[unit.code] = i
        parent: list[int] = []
        children: dict[int, list[int]] = {}
        roots: list[int] = []
        for i, unit in enumerate(units):
            if not CODE.fullmatch(unit.code):
                found.append(_bad_code(unit.code, f"units[{i}].code"))
            found += _unit_problems(unit, i)
            if unit.parent is None:
                roots.append(i)
                parent.append(-1)
                continue
            p = first.get(unit.parent, -1)
            message = _parent_problem(unit, i, p, units)
            if message is None:
                children.setdefault(p, []).append(i)
            else:
                found.append(Problem(f"units[{i}].parent", message))
            parent.append(-1 if message else p)
        if not units:
            found.append(Problem("units", "a definition needs at least its root unit"))
        elif not roots:
            found.append(Problem("units", "no root: exactly one unit must have no parent"))
        found += [
            Problem(
                f"units[{i}].parent",
                f"missing; only the root unit has no parent, and that is "
                f"{units[roots[0]].code} (units[{roots[0]}])",
            )
            for i in roots[1:]
        ]
        rooted = [False] * len(units)
        for i, p in enumerate(parent):
            rooted[i] = rooted[p] if p >= 0 else bool(roots) and i == roots[0]
        return _Tree(first, parent, children, rooted, found)


def _parent_problem(
    unit: ReportingUnit, i: int, p: int, units: tuple[ReportingUnit, ...]
) -> str | None:
    if unit.parent == unit.code:
        return "a unit cannot be its own parent"
    if p < 0:
        return f"unknown unit {unit.parent}"
    if p > i:
        return f"{unit.parent} comes later (units[{p}]); parents come before their children"
    above = units[p].kind
    if above is UnitKind.STATION:
        return f"{unit.parent} is a station; stations have no children"
    if UNIT_DEPTH[above] >= UNIT_DEPTH[unit.kind]:
        return f"{unit.parent} is a {above}; a {unit.kind} cannot be below a {above}"
    return None


def _unit_problems(unit: ReportingUnit, i: int) -> list[Problem]:
    found = [] if _named(unit.name) else [Problem(f"units[{i}].name.fa", _NO_NAME)]
    if unit.eligible_voters is not None and unit.eligible_voters < 0:
        found.append(
            Problem(f"units[{i}].eligible_voters", f"must be 0 or more, not {unit.eligible_voters}")
        )
    station = unit.station
    if station is None:
        if unit.kind is UnitKind.STATION:
            found.append(Problem(f"units[{i}].station", "required for a station"))
        return found
    if unit.kind is not UnitKind.STATION:
        found.append(
            Problem(f"units[{i}].station", f"only stations have station details, not a {unit.kind}")
        )
    if station.location is not None:
        for axis, value, limit in (
            ("lat", station.location.lat, 90),
            ("lon", station.location.lon, 180),
        ):
            if not value.is_finite() or not -limit <= value <= limit:
                found.append(
                    Problem(
                        f"units[{i}].station.location.{axis}",
                        f"{value} is not between -{limit} and {limit}",
                    )
                )
    return found


def _eligible_problems(units: tuple[ReportingUnit, ...], tree: _Tree) -> list[Problem]:
    """Children come after parents, so one backward pass knows every child's figure in time."""
    found = []
    derived: list[int | None] = [unit.eligible_voters for unit in units]
    for i in range(len(units) - 1, -1, -1):
        kids = tree.children.get(i)
        if not kids:
            continue
        below = [derived[k] for k in kids]
        if None in below:
            continue
        total = sum(n for n in below if n is not None)
        given = units[i].eligible_voters
        if given is None:
            derived[i] = total
        elif total > given:
            found.append(
                Problem(
                    f"units[{i}].eligible_voters",
                    f"the units below {units[i].code} have {total} eligible voters, more than "
                    f"its {given}",
                )
            )
    return found


def _contest_problems(contest: Contest, at: str, election: Election, tree: _Tree) -> list[Problem]:
    found = [] if _named(contest.name) else [Problem(f"{at}.name.fa", _NO_NAME)]
    if not CODE.fullmatch(contest.id):
        found.append(_bad_code(contest.id, f"{at}.id"))
    found += _round_problems(contest, at, election.id) + _rule_problems(contest, at)
    seats: dict[str, int] = {}
    for k, constituency in enumerate(contest.constituencies):
        where = f"{at}.constituencies[{k}]"
        if not CODE.fullmatch(constituency.id):
            found.append(_bad_code(constituency.id, f"{where}.id"))
        if not _named(constituency.name):
            found.append(Problem(f"{where}.name.fa", _NO_NAME))
        if constituency.id in seats:
            found.append(Problem(f"{where}.id", f"duplicate constituency id {constituency.id}"))
            continue
        seats[constituency.id] = k
        if constituency.seats < 1:
            found.append(Problem(f"{where}.seats", f"must be 1 or more, not {constituency.seats}"))
        if constituency.alternates < 0:
            found.append(
                Problem(f"{where}.alternates", f"must be 0 or more, not {constituency.alternates}")
            )
        if not constituency.units:
            found.append(Problem(f"{where}.units", "a constituency needs at least one unit"))
    if not contest.constituencies:
        found.append(Problem(f"{at}.constituencies", "a contest needs at least one constituency"))
    overlaps, uncovered = _coverage(contest, at, election.units, tree)
    found += overlaps
    if contest.office is Office.PRESIDENT:
        found += _presidential_problems(contest, at, uncovered)
    return found + _party_list_problems(contest, at) + _candidate_problems(contest, at, seats)


def _round_problems(contest: Contest, at: str, election_id: str) -> list[Problem]:
    found = []
    if contest.round < 1:
        found.append(Problem(f"{at}.round", f"must be 1 or more, not {contest.round}"))
    link = contest.previous_round
    if link is None:
        if contest.round > 1:
            found.append(
                Problem(
                    f"{at}.previous_round",
                    f"required for round {contest.round}: the election and contest this runoff "
                    "continues",
                )
            )
        return found
    if contest.round <= 1:
        found.append(Problem(f"{at}.previous_round", "only a runoff (round 2 or later) has one"))
    if link.election == election_id:
        found.append(
            Problem(
                f"{at}.previous_round.election",
                f"{link.election} is this election day; a runoff continues a contest held on an "
                "earlier day",
            )
        )
    elif not ELECTION_ID.fullmatch(link.election):
        found.append(
            Problem(f"{at}.previous_round.election", f"{link.election!r} is not an election id")
        )
    if not CODE.fullmatch(link.contest):
        found.append(_bad_code(link.contest, f"{at}.previous_round.contest"))
    return found


def _rule_problems(contest: Contest, at: str) -> list[Problem]:
    rule, where = contest.rule, f"{at}.rule"
    found = []
    if isinstance(rule, MajorityRule) and not 0 < rule.share < 1:
        found.append(Problem(f"{where}.share", f"{rule.share} must be more than 0 and less than 1"))
    if isinstance(rule, MajorityRule) and rule.runoff_candidates < 2:
        found.append(
            Problem(
                f"{where}.runoff_candidates", f"must be 2 or more, not {rule.runoff_candidates}"
            )
        )
    if isinstance(rule, ThresholdRule) and not 0 < rule.share <= 1:
        found.append(Problem(f"{where}.share", f"{rule.share} must be more than 0 and at most 1"))
    if isinstance(rule, ThresholdRule) and rule.runoff_factor < 1:
        found.append(
            Problem(f"{where}.runoff_factor", f"must be 1 or more, not {rule.runoff_factor}")
        )
    if isinstance(rule, ProportionalRule) and rule.alternates_share < 0:
        found.append(
            Problem(f"{where}.alternates_share", f"must be 0 or more, not {rule.alternates_share}")
        )
    return found


def _party_list_problems(contest: Contest, at: str) -> list[Problem]:
    found = []
    proportional = isinstance(contest.rule, ProportionalRule)
    if proportional and not contest.party_lists:
        found.append(Problem(f"{at}.party_lists", "a proportional contest needs party lists"))
    if not proportional and contest.party_lists:
        found.append(Problem(f"{at}.party_lists", "party lists are only for proportional contests"))
    first: dict[str, int] = {}
    for p, party in enumerate(contest.party_lists):
        where = f"{at}.party_lists[{p}]"
        if not CODE.fullmatch(party.id):
            found.append(_bad_code(party.id, f"{where}.id"))
        if not _named(party.name):
            found.append(Problem(f"{where}.name.fa", _NO_NAME))
        if party.id in first:
            found.append(
                Problem(
                    f"{where}.id",
                    f"duplicate party list id {party.id}, also used by "
                    f"{at}.party_lists[{first[party.id]}]",
                )
            )
        first.setdefault(party.id, p)
    return found


def _coverage(
    contest: Contest, at: str, units: tuple[ReportingUnit, ...], tree: _Tree
) -> tuple[list[Problem], list[str]]:
    """The listing problems, and the codes of the stations that no constituency covers.

    A unit listed by two constituencies, or listed while a unit above it is listed by another,
    would put its stations in two constituencies of the contest.
    """
    found = []
    listed: dict[int, tuple[int, int]] = {}  # unit index → (constituency, position in its list)
    for k, constituency in enumerate(contest.constituencies):
        mine: set[str] = set()
        for j, code in enumerate(constituency.units):
            where = f"{at}.constituencies[{k}].units[{j}]"
            u = tree.first.get(code)
            if u is None:
                found.append(Problem(where, f"unknown unit {code}"))
            elif code in mine:
                found.append(Problem(where, f"{code} is listed twice"))
            elif u in listed:
                kk, jj = listed[u]
                found.append(
                    Problem(
                        where,
                        f"{code} is already in constituency {contest.constituencies[kk].id} "
                        f"({at}.constituencies[{kk}].units[{jj}])",
                    )
                )
            else:
                listed[u] = (k, j)
            mine.add(code)
    # Per unit, the constituency covering it and the unit whose listing does, -1 when none.
    by = [-1] * len(units)
    through = [-1] * len(units)
    uncovered = []
    for i, p in enumerate(tree.parent):
        own = listed.get(i)
        if own is None:
            if p >= 0:
                by[i], through[i] = by[p], through[p]
        else:
            if p >= 0 and by[p] >= 0 and by[p] != own[0]:
                found.append(
                    Problem(
                        f"{at}.constituencies[{own[0]}].units[{own[1]}]",
                        f"{units[i].code} is already in constituency "
                        f"{contest.constituencies[by[p]].id} through {units[through[p]].code}",
                    )
                )
            by[i], through[i] = own[0], i
        if by[i] < 0 and units[i].kind is UnitKind.STATION and tree.rooted[i]:
            uncovered.append(units[i].code)
    return found, uncovered


def _presidential_problems(contest: Contest, at: str, uncovered: list[str]) -> list[Problem]:
    if len(contest.constituencies) != 1:
        return [
            Problem(
                f"{at}.constituencies",
                "a presidential contest has exactly one constituency, the whole country, not "
                f"{len(contest.constituencies)}",
            )
        ]
    found = []
    only, where = contest.constituencies[0], f"{at}.constituencies[0]"
    if only.seats != 1:
        found.append(
            Problem(f"{where}.seats", f"a presidential contest fills 1 seat, not {only.seats}")
        )
    if only.alternates != 0:
        found.append(Problem(f"{where}.alternates", "a presidential contest has no alternates"))
    if uncovered:
        found.append(
            Problem(
                f"{where}.units",
                f"must cover every station; {len(uncovered)} are not covered, e.g. "
                + ", ".join(uncovered[:3]),
            )
        )
    return found


def _candidate_problems(contest: Contest, at: str, seats: dict[str, int]) -> list[Problem]:
    found = []
    proportional = isinstance(contest.rule, ProportionalRule)
    lists = {party.id for party in contest.party_lists}
    codes: dict[str, dict[str, int]] = {}  # constituency → ballot code → candidate index
    standing: Counter[str] = Counter()
    for i, candidate in enumerate(contest.candidates):
        code, constituency, party = candidate.code, candidate.constituency, candidate.party_list
        if not (code.isascii() and code.isdigit()):
            found.append(Problem(f"{at}.candidates[{i}].code", f"{code!r} must be ASCII digits"))
        if not _named(candidate.name):
            found.append(Problem(f"{at}.candidates[{i}].name.fa", _NO_NAME))
        if constituency not in seats:
            found.append(
                Problem(
                    f"{at}.candidates[{i}].constituency", f"unknown constituency {constituency}"
                )
            )
        standing[constituency] += 1
        taken = codes.setdefault(constituency, {})
        if code in taken:
            other = contest.candidates[taken[code]].name
            found.append(
                Problem(
                    f"{at}.candidates[{i}].code",
                    f"duplicate code {code} in constituency {constituency}, also used by "
                    f"{at}.candidates[{taken[code]}] ({other.en or other.fa})",
                )
            )
        taken.setdefault(code, i)
        if party is None and proportional:
            found.append(
                Problem(f"{at}.candidates[{i}].party_list", "required in a proportional contest")
            )
        elif party is not None and not proportional:
            found.append(
                Problem(
                    f"{at}.candidates[{i}].party_list",
                    "only candidates of a proportional contest stand on a party list",
                )
            )
        elif party is not None and party not in lists:
            found.append(Problem(f"{at}.candidates[{i}].party_list", f"unknown party list {party}"))
    for constituency, k in seats.items():
        need, have = contest.constituencies[k].seats, standing[constituency]
        if have < need:
            found.append(
                Problem(
                    f"{at}.constituencies[{k}].seats",
                    f"{need} seats but {have} candidates stand in it: a seat would stay empty "
                    "whatever the votes",
                )
            )
    return found
