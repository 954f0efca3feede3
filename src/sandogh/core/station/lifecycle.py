"""The polling station's day as a state machine, and what each state allows.

DESIGN.md §2 and §3: a station is set up, opens with a signed zero report showing every count is
zero, lets voters check in and cast ballots while voting, closes, counts its cast-vote records into
the tally sheet, and sends the signed station report. `reference/iran-election-rules.md` ("The
electronic ballot box as used"): voting lasts at least 10 hours and is routinely extended, in
2024 to midnight in 2-hour steps; an extension is an event of its own, and is recorded.

What each phase allows is data (`ALLOWED`); the actions that end a phase are in `NEXT_PHASE`. A
reported station's one action, `ReportAgain`, supersedes a signed report the centre refused.
`transition` applies an event and `require` guards an action that changes no phase (checking a
voter in, casting a ballot); both raise `ActionRefusedError` naming the phase and the action.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import ClassVar

from sandogh.core.errors import SandoghError

EXTENSION_STEP = datetime.timedelta(hours=2)

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


class Phase(StrEnum):
    """The phases of a station's day, in the only order they can come."""

    SET_UP = "set-up"
    OPEN = "open"
    VOTING = "voting"
    CLOSED = "closed"
    COUNTED = "counted"
    REPORTED = "reported"


class Action(StrEnum):
    OPEN = "open"  # with the signed zero report
    START_VOTING = "start-voting"
    CHECK_IN = "check-in"
    CAST = "cast"
    EXTEND = "extend"
    CLOSE = "close"
    COUNT = "count"
    REPORT = "report"  # the signed station report
    REPORT_AGAIN = "report-again"  # the counted report signed again, the centre having refused it


ALLOWED: Mapping[Phase, frozenset[Action]] = {
    Phase.SET_UP: frozenset({Action.OPEN}),
    Phase.OPEN: frozenset({Action.START_VOTING}),
    Phase.VOTING: frozenset({Action.CHECK_IN, Action.CAST, Action.EXTEND, Action.CLOSE}),
    Phase.CLOSED: frozenset({Action.COUNT}),
    Phase.COUNTED: frozenset({Action.REPORT}),
    Phase.REPORTED: frozenset({Action.REPORT_AGAIN}),
}

#: The phase an action leads to; an allowed action not listed here leaves the phase as it is.
NEXT_PHASE: Mapping[Action, Phase] = {
    Action.OPEN: Phase.OPEN,
    Action.START_VOTING: Phase.VOTING,
    Action.CLOSE: Phase.CLOSED,
    Action.COUNT: Phase.COUNTED,
    Action.REPORT: Phase.REPORTED,
}


class ActionRefusedError(SandoghError):
    """`action` is not allowed in `phase`, or its event is malformed (`reason` says which)."""

    def __init__(self, phase: Phase, action: Action, reason: str) -> None:
        self.phase = phase
        self.action = action
        self.reason = reason
        super().__init__(f"station is {phase}: cannot {action}: {reason}")


@dataclass(frozen=True)
class StationState:
    """Where a station is in its day, with the digests of the reports that moved it on."""

    phase: Phase = Phase.SET_UP
    zero_report: str | None = None  # SHA-256 (hex) of the signed zero report
    extended_by: datetime.timedelta = datetime.timedelta(0)
    report: str | None = None  # SHA-256 (hex) of the signed station report


@dataclass(frozen=True)
class Open:
    """The station opens on its signed zero report, given by its SHA-256 (lower-case hex)."""

    action: ClassVar[Action] = Action.OPEN
    zero_report: str


@dataclass(frozen=True)
class StartVoting:
    action: ClassVar[Action] = Action.START_VOTING


@dataclass(frozen=True)
class Extend:
    """Voting is extended by `by` (the election HQ decides; 2 hours is the usual step)."""

    action: ClassVar[Action] = Action.EXTEND
    by: datetime.timedelta = EXTENSION_STEP


@dataclass(frozen=True)
class Close:
    action: ClassVar[Action] = Action.CLOSE


@dataclass(frozen=True)
class Count:
    """The cast-vote records are counted into the tally sheet."""

    action: ClassVar[Action] = Action.COUNT


@dataclass(frozen=True)
class Report:
    """The signed station report is sent, given by its SHA-256 (lower-case hex)."""

    action: ClassVar[Action] = Action.REPORT
    report: str


@dataclass(frozen=True)
class ReportAgain:
    """The centre refused the signed station report, and the staff sign the counted report
    again: the new signed report, given by its SHA-256 (lower-case hex), supersedes the refused
    one, which the centre never took, and the station stays reported (DESIGN.md §3: the centre
    rejects a report with a clear reason, and nothing is dropped silently; docs/fleet.md §2: the
    refusal holds nothing, so a report the box signs again is taken). Whether the centre refused
    the report is the box's to know (its outbox keeps the refusal), not the lifecycle's."""

    action: ClassVar[Action] = Action.REPORT_AGAIN
    report: str


Event = Open | StartVoting | Extend | Close | Count | Report | ReportAgain


def allows(phase: Phase, action: Action) -> bool:
    return action in ALLOWED[phase]


def require(state: StationState, action: Action) -> None:
    """Raise `ActionRefusedError` unless `action` is allowed in the state's phase."""
    if not allows(state.phase, action):
        allowed = ", ".join(sorted(ALLOWED[state.phase]))  # every phase allows some action
        raise ActionRefusedError(state.phase, action, f"it allows only {allowed}")


def transition(state: StationState, event: Event) -> StationState:
    """The state after `event`; `ActionRefusedError` if the phase refuses it or it is malformed."""
    require(state, event.action)
    phase = NEXT_PHASE.get(event.action, state.phase)
    match event:
        case Open(zero_report=digest) | Report(report=digest) | ReportAgain(report=digest) if (
            not _SHA256_HEX.fullmatch(digest)
        ):
            raise ActionRefusedError(
                state.phase, event.action, f"{digest!r} is not a SHA-256 hex digest"
            )
        case Open():
            return replace(state, phase=phase, zero_report=event.zero_report)
        case Report() | ReportAgain():
            return replace(state, phase=phase, report=event.report)
        case Extend() if event.by <= datetime.timedelta(0):
            raise ActionRefusedError(
                state.phase, event.action, f"an extension must be positive, got {event.by}"
            )
        case Extend():
            return replace(state, extended_by=state.extended_by + event.by)
        case StartVoting() | Close() | Count():
            return replace(state, phase=phase)
