"""A supervisory board's void: a box, a candidate's votes in given boxes, or a constituency.

`reference/iran-election-rules.md` (Who approves; Ballots): the supervisory boards (the Guardian
Council's for the presidency, the Majlis and the Assembly of Experts; the Majlis's for councils)
may void a station's box, a candidate's votes in given boxes — what proven vote buying allows —
or a whole constituency. Each void carries the board's reason and the reference of its decision,
and may name the violation case (`core.supervision.cases`) it follows from. Whether a void fits the
definition is checked here, every problem with its path; what it does to the figures is
`core.supervision.apply`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.canonical_json import JSONValue
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Contest, UnitKind
from sandogh.core.definition.problems import DefinitionError, Problem


class VoidKind(StrEnum):
    STATION = "station"  # ابطال صندوق
    CANDIDATE = "candidate"  # ابطال آرای یک نامزد در صندوق‌های معین
    CONSTITUENCY = "constituency"  # ابطال انتخابات حوزه


@dataclass(frozen=True)
class Decision:
    """Why the board voided, and the reference of its decision (its minutes, its letter)."""

    reason: str
    reference: str
    case: int | None = None  # the violation case the void follows from


@dataclass(frozen=True)
class StationVoid:
    """A station's box, for one contest or (`contest` None) every contest it votes in."""

    station: str
    contest: str | None
    decision: Decision


@dataclass(frozen=True)
class CandidateVoid:
    """One candidate's votes in the boxes of `stations` (proven vote buying)."""

    contest: str
    candidate: str
    stations: tuple[str, ...]
    decision: Decision


@dataclass(frozen=True)
class ConstituencyVoid:
    """The election of a whole constituency of a contest."""

    contest: str
    constituency: str
    decision: Decision


Void = StationVoid | CandidateVoid | ConstituencyVoid


class VoidError(DefinitionError):
    """Voids that do not fit the election; `problems` names every one."""


def kind_of(void: Void) -> VoidKind:
    match void:
        case StationVoid():
            return VoidKind.STATION
        case CandidateVoid():
            return VoidKind.CANDIDATE
        case ConstituencyVoid():
            return VoidKind.CONSTITUENCY


def void_json(void: Void) -> dict[str, JSONValue]:
    """The void as one JSON object of the same shape for every kind (absent parts are null):
    what the event log records and the certification digest covers."""
    contest = void.contest
    stations: tuple[str, ...] = ()
    candidate = constituency = None
    match void:
        case StationVoid():
            stations = (void.station,)
        case CandidateVoid():
            stations, candidate = void.stations, void.candidate
        case ConstituencyVoid():
            constituency = void.constituency
    return {
        "kind": kind_of(void).value,
        "contest": contest,
        "stations": list(stations),
        "candidate": candidate,
        "constituency": constituency,
        "reason": void.decision.reason,
        "reference": void.decision.reference,
        "case": void.decision.case,
    }


def void_of(
    kind: VoidKind,
    *,
    contest: str | None,
    stations: tuple[str, ...],
    candidate: str | None,
    constituency: str | None,
    decision: Decision,
) -> Void:
    """The void `void_json` describes, from its parts as stored; `VoidError` when they do not
    make one of its kind."""
    match kind:
        case VoidKind.STATION if len(stations) == 1 and candidate is None and constituency is None:
            return StationVoid(stations[0], contest, decision)
        case VoidKind.CANDIDATE if contest and candidate and stations and constituency is None:
            return CandidateVoid(contest, candidate, stations, decision)
        case VoidKind.CONSTITUENCY if contest and constituency and not stations and not candidate:
            return ConstituencyVoid(contest, constituency, decision)
    raise VoidError([Problem("", f"the parts stored do not make a {kind} void")])


def void_problems(geography: Geography, void: Void, path: str = "") -> tuple[Problem, ...]:
    """Everything that keeps `void` from fitting the election of `geography`."""
    at = f"{path}." if path else ""
    return (
        *_decision_problems(void.decision, at),
        *(Problem(at + where, message) for where, message in _problems(geography, void)),
    )


def require_voids(geography: Geography, voids: tuple[Void, ...]) -> None:
    """Raise `VoidError` with every problem of every void (`voids[i].…`)."""
    problems = [p for i, v in enumerate(voids) for p in void_problems(geography, v, f"voids[{i}]")]
    if problems:
        raise VoidError(problems)


def void_places(geography: Geography, decided: Void) -> tuple[str, ...]:
    """The units a void touches, each of which the voiding grant must cover."""
    match decided:
        case StationVoid():
            return (decided.station,)
        case CandidateVoid():
            return decided.stations
        case ConstituencyVoid():
            return geography.constituency_parts(decided.contest, decided.constituency)


def void_stations(geography: Geography, decided: Void) -> tuple[str, ...]:
    """The stations whose sheets `decided` may change."""
    return tuple(
        station
        for place in void_places(geography, decided)
        for station in geography.stations_under(place)
    )


def contest_of(geography: Geography, contest_id: str) -> Contest | None:
    return next((c for c in geography.election.contests if c.id == contest_id), None)


def worded(text: str, numbers: bool) -> bool:
    """Whether `text` holds a letter (a tatweel or other modifier is not one), or for a
    decision's reference a digit: punctuation alone names neither why nor which decision (a
    certification's reason and reference are held to the same, `core.supervision.certification`)."""
    return any(
        unicodedata.category(ch) in _LETTERS or (numbers and unicodedata.category(ch) == "Nd")
        for ch in text
    )


_LETTERS = frozenset({"Lu", "Ll", "Lt", "Lo"})


def _decision_problems(decision: Decision, at: str) -> Iterator[Problem]:
    """A void names why in words and by which decision, in a letter or a digit."""
    for name, numbers, fa in (
        ("reason", False, "دلیل ابطال باید با کلمات نوشته شود، نه خالی یا فقط نشانه"),
        ("reference", True, "شماره تصمیم هیئت باید داده شود، با حرف یا رقم، نه فقط نشانه"),
    ):
        if not worded(getattr(decision, name), numbers):
            yield Problem(
                f"{at}decision.{name}",
                "must be given in words: a void names why and by which decision",
                fa=fa,
            )


def _problems(geography: Geography, void: Void) -> Iterator[tuple[str, str]]:
    if void.contest is not None and contest_of(geography, void.contest) is None:
        yield "contest", f"the election has no contest {void.contest!r}"
        return
    match void:
        case StationVoid():
            yield from _station_problems(geography, void)
        case CandidateVoid():
            yield from _candidate_problems(geography, void)
        case ConstituencyVoid():
            defined = contest_of(geography, void.contest)
            if defined is not None and void.constituency not in {
                k.id for k in defined.constituencies
            }:
                yield "constituency", f"contest {void.contest} has no {void.constituency!r}"


def _is_station(geography: Geography, code: str) -> bool:
    return code in geography and geography.kind(code) is UnitKind.STATION


def _station_problems(geography: Geography, void: StationVoid) -> Iterator[tuple[str, str]]:
    if not _is_station(geography, void.station):
        yield "station", f"{void.station!r} is not a polling station of the election"
        return
    contests = [void.contest] if void.contest else [c.id for c in geography.election.contests]
    if not any(geography.constituency_of(c, void.station) for c in contests):
        in_what = f"contest {void.contest}" if void.contest else "any contest"
        yield "station", f"{void.station} does not vote in {in_what}"


def _candidate_problems(geography: Geography, void: CandidateVoid) -> Iterator[tuple[str, str]]:
    defined = contest_of(geography, void.contest)
    if defined is None:  # reported above
        return
    if not void.stations:
        yield "stations", "name the boxes whose votes of the candidate are voided"
    standing = {(c.constituency, c.code) for c in defined.candidates}
    seen: set[str] = set()
    for i, station in enumerate(void.stations):
        where = f"stations[{i}]"
        if station in seen:
            yield where, f"{station} is named twice"
        seen.add(station)
        if not _is_station(geography, station):
            yield where, f"{station!r} is not a polling station of the election"
            continue
        constituency = geography.constituency_of(void.contest, station)
        if constituency is None:
            yield where, f"{station} does not vote in contest {void.contest}"
        elif (constituency, void.candidate) not in standing:
            yield where, f"candidate {void.candidate} does not stand where {station} votes"
