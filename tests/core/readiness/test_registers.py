"""The registers' rules: every bad row named with its path."""

from __future__ import annotations

import dataclasses

from sandogh.core.definition.geography import Geography
from sandogh.core.definition.problems import Problem
from sandogh.core.readiness import PaperStock, Registers, Staffing, StaffRole, register_problems

from .kerman import ELECTION_DAY, KERMAN, STATIONS, registers

GEOGRAPHY = Geography.of(ELECTION_DAY)


def test_the_hand_worked_registers_are_sound() -> None:
    assert register_problems(GEOGRAPHY, registers()) == ()


def test_every_problem_is_named_with_its_path() -> None:
    fleet = registers().fleet
    bad = Registers(
        fleet=(
            dataclasses.replace(fleet[0], place="IR-99", public_key="XYZ"),
            dataclasses.replace(fleet[1], serial=fleet[0].serial, model=" "),
            dataclasses.replace(fleet[2], public_key=fleet[3].public_key),
            fleet[3],
        ),
        papers=(PaperStock(KERMAN, 1, 1, 0), PaperStock(STATIONS[0], 5, 4, 9)),
        staff=(
            Staffing(STATIONS[0], StaffRole.HEAD, 1, 2),
            Staffing(STATIONS[0], StaffRole.HEAD, -1, 0),
        ),
    )
    assert register_problems(GEOGRAPHY, bad) == (
        Problem("fleet[0].place", "IR-99 is not a unit of kerman-1403-readiness"),
        Problem("fleet[0].public_key", "is not 64 lower-case hex digits (Ed25519)"),
        Problem("fleet[1].model", "is empty"),
        Problem("fleet[1].serial", "SB-0801-0001 is also in row 0"),
        Problem("fleet[3].public_key", "is also the key of row 2"),
        Problem("papers[0].station", "IR-08-0801 is not a polling station"),
        Problem("papers[1].used", "9 used of 4 received"),
        Problem("staff[0].trained", "2 trained of 1 assigned"),
        Problem("staff[1]", "ST-0801-0001 head is also in row 0"),
        Problem("staff[1].assigned", "is negative: -1"),
        Problem("staff[1].trained", "0 trained of -1 assigned"),
    )
