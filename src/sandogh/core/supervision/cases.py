"""Electoral violation cases (پرونده تخلف انتخاباتی), their course, and their effect on results.

`reference/seed-facts.md`: the judiciary opens violation cases — in Kerman 2024, 17 of them,
mostly vote buying and selling (خرید و فروش رای). DESIGN.md §1: inspectors record them and their
effect on results. `reference/iran-election-rules.md` (Ballots): proven vote buying lets the
supervisory board void that candidate's votes in the boxes concerned; so a void may cite a case,
and only an upheld case, and only within what the case concerns (a candidate's votes only for an
upheld vote-buying case naming that candidate).

A case is opened, investigated, then dismissed, upheld, or referred to a court (مرجع قضایی),
whose verdict upholds or dismisses it; dismissed and upheld are final.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from sandogh.core.access.roles import covers
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind
from sandogh.core.definition.problems import DefinitionError, Problem
from sandogh.core.errors import SandoghError
from sandogh.core.supervision.voids import (
    CandidateVoid,
    ConstituencyVoid,
    StationVoid,
    Void,
    contest_of,
)


class CaseKind(StrEnum):
    VOTE_BUYING = "vote-buying"  # خرید و فروش رای
    INTIMIDATION = "intimidation"  # تهدید و ارعاب
    BALLOT_STUFFING = "ballot-stuffing"  # ریختن تعرفه یا رأی غیرقانونی در صندوق
    CAMPAIGN_VIOLATION = "campaign-violation"  # تخلف تبلیغاتی
    OTHER = "other"


class CaseStatus(StrEnum):
    OPENED = "opened"
    INVESTIGATING = "investigating"
    REFERRED = "referred"  # to a court, whose verdict follows
    DISMISSED = "dismissed"
    UPHELD = "upheld"


#: Where a case may go from each status; a status not listed is final.
NEXT_STATUS: Mapping[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.OPENED: frozenset({CaseStatus.INVESTIGATING}),
    CaseStatus.INVESTIGATING: frozenset(
        {CaseStatus.REFERRED, CaseStatus.DISMISSED, CaseStatus.UPHELD}
    ),
    CaseStatus.REFERRED: frozenset({CaseStatus.DISMISSED, CaseStatus.UPHELD}),
}


@dataclass(frozen=True)
class CaseCandidate:
    """A candidate a case concerns: ballot codes are unique within a contest's constituency."""

    contest: str
    code: str

    def __str__(self) -> str:
        return f"{self.contest}:{self.code}"


@dataclass(frozen=True)
class ViolationCase:
    """A case as it stands. `place` is the unit it is filed at: its stations lie below it, and
    an operator acts on the case only with a grant covering it. `id` is 0 until stored."""

    election: str
    kind: CaseKind
    summary: str
    place: str
    opened_by: str
    opened_at: datetime.datetime
    stations: tuple[str, ...] = ()
    candidates: tuple[CaseCandidate, ...] = ()
    status: CaseStatus = CaseStatus.OPENED
    reference: str | None = None  # the judiciary's or the board's file number
    note: str | None = None  # the latest note on its course
    id: int = 0


class CaseError(DefinitionError):
    """A case that does not fit the election, or a void that its case does not allow."""


class CaseStatusError(SandoghError):
    def __init__(self, case: ViolationCase, status: CaseStatus) -> None:
        allowed = sorted(NEXT_STATUS.get(case.status, ()))
        then = ", ".join(allowed) if allowed else "nothing: it is closed"
        super().__init__(f"case {case.id} is {case.status}; it can go to {then}, not {status}")
        self.case = case
        self.status = status


def advance(
    case: ViolationCase,
    status: CaseStatus | None = None,
    *,
    note: str | None = None,
    reference: str | None = None,
) -> ViolationCase:
    """The case after a step of its course: a new status (one `NEXT_STATUS` allows), a note, or
    the reference of its file; what is not given stays."""
    if status is not None and status not in NEXT_STATUS.get(case.status, frozenset()):
        raise CaseStatusError(case, status)
    return replace(
        case,
        status=case.status if status is None else status,
        note=case.note if note is None else note,
        reference=case.reference if reference is None else reference,
    )


def case_problems(geography: Geography, case: ViolationCase) -> tuple[Problem, ...]:
    """Everything that keeps `case` from fitting the election of `geography`."""
    return tuple(Problem(path, message) for path, message in _case_problems(geography, case))


def _case_problems(geography: Geography, case: ViolationCase) -> Iterator[tuple[str, str]]:
    if not case.summary.strip():
        yield "summary", "must say what the case is about"
    if case.place not in geography:
        yield "place", f"{case.place!r} is not a unit of the election"
        return
    for i, station in enumerate(case.stations):
        if station not in geography or geography.kind(station) is not UnitKind.STATION:
            yield f"stations[{i}]", f"{station!r} is not a polling station of the election"
        elif not covers(geography, case.place, station):
            yield f"stations[{i}]", f"{station} is not in {case.place}, where the case is filed"
    for i, candidate in enumerate(case.candidates):
        message = _candidate_problem(geography, case.place, candidate)
        if message is not None:
            yield f"candidates[{i}]", message


def _candidate_problem(geography: Geography, place: str, candidate: CaseCandidate) -> str | None:
    defined = contest_of(geography, candidate.contest)
    if defined is None:
        return f"the election has no contest {candidate.contest!r}"
    for standing in defined.candidates:
        if standing.code != candidate.code:
            continue
        parts = geography.constituency_parts(defined.id, standing.constituency)
        if any(covers(geography, place, p) or covers(geography, p, place) for p in parts):
            return None
    return f"no candidate {candidate.code} of {candidate.contest} stands where {place} lies"


def void_case_problems(
    geography: Geography, case: ViolationCase, void: Void
) -> tuple[Problem, ...]:
    """Why `case` does not allow `void` to cite it, if it does not."""
    return tuple(Problem("decision.case", message) for message in _void_case(geography, case, void))


def _void_case(geography: Geography, case: ViolationCase, void: Void) -> Iterator[str]:
    if case.status is not CaseStatus.UPHELD:
        yield f"case {case.id} is {case.status}: only an upheld case leads to a void"
    stations: tuple[str, ...] = ()
    match void:
        case StationVoid():
            stations = (void.station,)
        case CandidateVoid():
            stations = void.stations
            if case.kind is not CaseKind.VOTE_BUYING:
                yield (
                    f"case {case.id} is about {case.kind}: a candidate's votes are voided "
                    "for vote buying"
                )
            if CaseCandidate(void.contest, void.candidate) not in case.candidates:
                yield f"case {case.id} does not concern candidate {void.contest}:{void.candidate}"
        case ConstituencyVoid():
            parts = geography.constituency_parts(void.contest, void.constituency)
            if not all(covers(geography, case.place, p) for p in parts):
                yield f"constituency {void.constituency} is outside {case.place}, the case's place"
    for station in stations:
        if case.stations and station not in case.stations:
            yield f"case {case.id} does not concern station {station}"
        elif not covers(geography, case.place, station):
            yield f"station {station} lies outside {case.place}, the case's place"
