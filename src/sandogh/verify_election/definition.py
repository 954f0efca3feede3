"""Each station's ballot, read from the snapshot's `definition.json` (docs/formats.md).

`docs/e2e.md` §6: for every contest a station votes in, its options are the candidates of the
station's constituency in the definition's order, and L is the constituency's seats. A station
votes in a constituency when the constituency lists it or a unit above it. Read here from the
definition's own fields, apart from sandogh's definition model, as any verifier would.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sandogh.verify_election.errors import RecordError
from sandogh.verify_election.reading import parse_json

LARGE_FROM = 256  # §11.1: below this many candidates, never slots
ELECTRONIC = "electronic"  # the one mode whose ballots a box takes, and so encrypts


@dataclass(frozen=True, slots=True)
class ContestBallot:
    """One contest on a station's ballot: its constituency, seats L and candidates in order."""

    contest: str
    constituency: str
    seats: int
    candidates: tuple[str, ...]

    @property
    def large(self) -> bool:
        """§11.1: m ≥ 256 and 2·(L + 1)·k ≤ m + 1, k the bit length of m: slots, not a
        selection vector, and no station tally."""
        m = len(self.candidates)
        return m >= LARGE_FROM and 2 * (self.seats + 1) * m.bit_length() <= m + 1

    @property
    def options(self) -> tuple[str, ...]:
        """The options of an encrypted ballot: the candidates, then the blank indicator ""."""
        return (*self.candidates, "")


@dataclass(frozen=True)
class Names:
    """The names the results site shows beside a code (§9, `codes/`), as the definition gives
    them: `{"fa", "en"}` of every station, contest, and candidate by contest."""

    stations: Mapping[str, Any]
    contests: Mapping[str, Any]
    candidates: Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True)
class Definition:
    """The contests in order, and every station's ballot (stations that vote in none left out)."""

    contests: tuple[str, ...]
    constituencies: tuple[ContestBallot, ...]  # of every contest, in the definition's order
    ballots: Mapping[str, tuple[ContestBallot, ...]]
    stations: tuple[str, ...]  # every station of the definition, in its order
    names: Names
    # the stations whose ballots are marked on paper: the definition's `station.mode` is
    # `semi-electronic` or `paper`, or it gives none (docs/e2e.md, "Mixed-mode elections")
    on_paper: frozenset[str] = frozenset()


def _name(entry: Any, where: str) -> dict[str, Any]:
    name = _field(entry, "name", where)
    return {"fa": _field(name, "fa", where), "en": _field(name, "en", where)}


def _field(value: Any, name: str, where: str) -> Any:
    if not isinstance(value, dict) or name not in value:
        raise RecordError(where, f"no field {name!r}")
    return value[name]


def read_definition(data: bytes, where: str = "definition.json") -> Definition:
    document = parse_json(data, where)
    parents: dict[str, str | None] = {}
    stations: list[str] = []
    on_paper: set[str] = set()
    station_names: dict[str, Any] = {}
    contest_names: dict[str, Any] = {}
    candidate_names: dict[str, dict[str, Any]] = {}
    for i, unit in enumerate(_field(document, "units", where)):
        code = _field(unit, "code", f"{where}: units[{i}]")
        parents[code] = unit.get("parent")
        if _field(unit, "kind", f"{where}: units[{i}]") == "station":
            stations.append(code)
            station_names[code] = _name(unit, f"{where}: units[{i}]")
            info = unit.get("station")
            if not isinstance(info, dict) or info.get("mode") != ELECTRONIC:
                on_paper.add(code)
    contests: list[str] = []
    constituencies: list[ContestBallot] = []
    ballots: dict[str, list[ContestBallot]] = {station: [] for station in stations}
    for i, contest in enumerate(_field(document, "contests", where)):
        place = f"{where}: contests[{i}]"
        contest_id = _field(contest, "id", place)
        contests.append(contest_id)
        contest_names[contest_id] = _name(contest, place)
        candidate_names[contest_id] = {
            _field(candidate, "code", place): _name(candidate, place)
            for candidate in _field(contest, "candidates", place)
        }
        by_unit: dict[str, ContestBallot] = {}
        for constituency in _field(contest, "constituencies", place):
            constituency_id = _field(constituency, "id", place)
            candidates = tuple(
                _field(candidate, "code", place)
                for candidate in _field(contest, "candidates", place)
                if _field(candidate, "constituency", place) == constituency_id
            )
            entry = ContestBallot(
                contest_id, constituency_id, _field(constituency, "seats", place), candidates
            )
            constituencies.append(entry)
            for unit in _field(constituency, "units", place):
                by_unit[unit] = entry
        for station in stations:
            found = _constituency(station, parents, by_unit)
            if found is not None:
                ballots[station].append(found)
    return Definition(
        tuple(contests),
        tuple(constituencies),
        {station: tuple(ballot) for station, ballot in ballots.items() if ballot},
        tuple(stations),
        Names(station_names, contest_names, candidate_names),
        frozenset(on_paper),
    )


def _constituency(
    station: str, parents: Mapping[str, str | None], by_unit: Mapping[str, ContestBallot]
) -> ContestBallot | None:
    """The constituency listing `station` or the nearest unit above it."""
    code: str | None = station
    for _ in range(len(parents) + 1):  # a parent comes before its child: no cycle, but bounded
        if code is None:
            return None
        if code in by_unit:
            return by_unit[code]
        code = parents.get(code)
    return None
