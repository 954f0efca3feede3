"""Readiness for election day (issue 4, item 5): the registers of the ballot-box fleet, ballot
papers and staff, each station's state on the day, and one summary per unit of what is missing
where; each station's staff by name with their training, and the hard-to-reach stations' plans
and past problems (issue 12)."""

from sandogh.core.readiness.prepared import Preparation, prepared, with_roster
from sandogh.core.readiness.registers import (
    Box,
    PaperStock,
    Register,
    RegisterError,
    Registers,
    Row,
    Staffing,
    StaffRole,
    UpdateStatus,
    key_of,
    place_of,
    register_of,
    register_problems,
    sighted,
    within,
)
from sandogh.core.readiness.remote import (
    PastProblem,
    RemotePlan,
    past_problems,
    plan_problems,
    report_graces,
)
from sandogh.core.readiness.roster import (
    COMPLEMENT,
    Session,
    SessionKind,
    Worker,
    attended,
    session_problems,
    worker_problems,
)
from sandogh.core.readiness.stations import (
    IRAN_TIME,
    DayHours,
    StationState,
    StationStatus,
    station_statuses,
)
from sandogh.core.readiness.summary import (
    Gap,
    Missing,
    Readiness,
    ReadinessRules,
    Summary,
    assess,
)

__all__ = [
    "COMPLEMENT",
    "IRAN_TIME",
    "Box",
    "DayHours",
    "Gap",
    "Missing",
    "PaperStock",
    "PastProblem",
    "Preparation",
    "Readiness",
    "ReadinessRules",
    "Register",
    "RegisterError",
    "Registers",
    "RemotePlan",
    "Row",
    "Session",
    "SessionKind",
    "StaffRole",
    "Staffing",
    "StationState",
    "StationStatus",
    "Summary",
    "UpdateStatus",
    "Worker",
    "assess",
    "attended",
    "key_of",
    "past_problems",
    "place_of",
    "plan_problems",
    "prepared",
    "register_of",
    "register_problems",
    "report_graces",
    "session_problems",
    "sighted",
    "station_statuses",
    "with_roster",
    "within",
    "worker_problems",
]
