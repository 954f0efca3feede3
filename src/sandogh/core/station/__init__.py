"""The polling-station lifecycle (set up → open → voting → closed → counted → reported).

DESIGN.md §2 and §3; `reference/iran-election-rules.md` ("The electronic ballot box as used").
"""

from sandogh.core.station.lifecycle import (
    ALLOWED,
    EXTENSION_STEP,
    NEXT_PHASE,
    Action,
    ActionRefusedError,
    Close,
    Count,
    Event,
    Extend,
    Open,
    Phase,
    Report,
    ReportAgain,
    StartVoting,
    StationState,
    allows,
    require,
    transition,
)

__all__ = [
    "ALLOWED",
    "EXTENSION_STEP",
    "NEXT_PHASE",
    "Action",
    "ActionRefusedError",
    "Close",
    "Count",
    "Event",
    "Extend",
    "Open",
    "Phase",
    "Report",
    "ReportAgain",
    "StartVoting",
    "StationState",
    "allows",
    "require",
    "transition",
]
