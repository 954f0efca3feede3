"""Readiness for election day (issue 4, item 5): the registers of the ballot-box fleet, ballot
papers and staff, each station's state on the day, and one summary per unit of what is missing
where."""

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
    "IRAN_TIME",
    "Box",
    "DayHours",
    "Gap",
    "Missing",
    "PaperStock",
    "Readiness",
    "ReadinessRules",
    "Register",
    "RegisterError",
    "Registers",
    "Row",
    "StaffRole",
    "Staffing",
    "StationState",
    "StationStatus",
    "Summary",
    "UpdateStatus",
    "assess",
    "key_of",
    "place_of",
    "register_of",
    "register_problems",
    "sighted",
    "station_statuses",
    "within",
]
