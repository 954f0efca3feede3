"""Roles and places: a county operator acts in that county alone; higher grants outrank."""

import pytest

from sandogh.core.access import ALLOWED, Action, Grant, Role, covers, may, outranks
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind

from ..counting.build import contest, election, unit

# nation IR → province P1 → counties C1, C2 → stations S1 (C1), S2 (C2)
GEOGRAPHY = Geography.of(
    election(
        [
            unit("IR", UnitKind.NATION, None),
            unit("P1", UnitKind.PROVINCE, "IR"),
            unit("C1", UnitKind.COUNTY, "P1"),
            unit("C2", UnitKind.COUNTY, "P1"),
            unit("S1", UnitKind.STATION, "C1"),
            unit("S2", UnitKind.STATION, "C2"),
        ],
        [contest("president", {"IR": (("IR",), 1, ("21", "25"))})],
    )
)


def test_a_place_covers_itself_and_what_lies_below() -> None:
    assert covers(GEOGRAPHY, "C1", "C1")
    assert covers(GEOGRAPHY, "C1", "S1")
    assert covers(GEOGRAPHY, "IR", "S2")
    assert not covers(GEOGRAPHY, "C1", "S2")
    assert not covers(GEOGRAPHY, "S1", "C1")


def test_a_county_operator_acts_only_in_that_county() -> None:
    county = Grant(Role.COUNTY_HQ, "C1")
    assert may(GEOGRAPHY, county, Action.ENTER_RESULTS, "S1")
    assert not may(GEOGRAPHY, county, Action.ENTER_RESULTS, "S2")
    assert not may(GEOGRAPHY, county, Action.READ, "P1")


def test_a_supervisor_voids_and_certifies_but_never_edits_counts() -> None:
    supervisor = Grant(Role.SUPERVISOR, "P1")
    assert may(GEOGRAPHY, supervisor, Action.VOID, "S2")
    assert may(GEOGRAPHY, supervisor, Action.CERTIFY, "P1")
    assert not may(GEOGRAPHY, supervisor, Action.ENTER_RESULTS, "S2")


def test_a_supervisor_runs_an_audit_and_only_an_audit_board_enters_what_papers_show() -> None:
    board = Grant(Role.AUDIT_BOARD, "C1")
    assert may(GEOGRAPHY, board, Action.ENTER_READINGS, "S1")
    assert not may(GEOGRAPHY, board, Action.ENTER_READINGS, "S2")  # not its place
    # enters, and reads nothing: no reported figure nor record while it counts blind (F14)
    assert ALLOWED[Role.AUDIT_BOARD] == {Action.ENTER_READINGS}
    assert Action.RUN_AUDIT in ALLOWED[Role.SUPERVISOR]
    assert Action.ENTER_READINGS not in ALLOWED[Role.SUPERVISOR]
    assert ALLOWED[Role.AUDITOR] == {Action.READ, Action.READ_LOG}  # reads, and nothing else


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.INSPECTOR, Role.SUPERVISOR, Role.AUDIT_BOARD])
def test_read_only_roles_change_no_counts_devices_or_users(role: Role) -> None:
    changes = {Action.ENTER_RESULTS, Action.MANAGE_DEVICES, Action.MANAGE_USERS}
    assert not ALLOWED[role] & changes


def test_a_grant_from_a_place_above_outranks() -> None:
    province = Grant(Role.SUPERVISOR, "P1")
    county = Grant(Role.SUPERVISOR, "C1")
    assert outranks(GEOGRAPHY, province, county)
    assert not outranks(GEOGRAPHY, county, province)
    assert not outranks(GEOGRAPHY, county, Grant(Role.SUPERVISOR, "C1"))
    assert not outranks(GEOGRAPHY, Grant(Role.SUPERVISOR, "C2"), county)


def test_at_one_place_the_headquarters_rank_and_an_admin_is_above_all() -> None:
    assert outranks(GEOGRAPHY, Grant(Role.COUNTY_HQ, "C1"), Grant(Role.STATION_HEAD, "C1"))
    assert not outranks(GEOGRAPHY, Grant(Role.COUNTY_HQ, "C1"), Grant(Role.SUPERVISOR, "C1"))
    assert outranks(GEOGRAPHY, Grant(Role.ADMIN, "IR"), Grant(Role.NATIONAL_HQ, "IR"))
    assert not outranks(GEOGRAPHY, Grant(Role.ADMIN, "IR"), Grant(Role.ADMIN, "IR"))
