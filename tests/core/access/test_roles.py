"""Roles and places: a county operator acts in that county alone; higher grants outrank."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.access import (
    ALLOWED,
    ELECTORAL,
    SUPERVISORY,
    Action,
    Body,
    Grant,
    Role,
    covers,
    may,
    may_administer,
    may_undo_certification,
    outranks,
)
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


def test_an_administrator_takes_no_supervisory_decision() -> None:
    # review R4: an admin certified, voided, drew lots and approved modes as the Guardian Council
    admin = Grant(Role.ADMIN, "IR")
    for action in (Action.VOID, Action.CERTIFY, Action.VET_CANDIDATES, Action.RUN_AUDIT):
        assert not may(GEOGRAPHY, admin, action, "S1")
        assert may(GEOGRAPHY, Grant(Role.SUPERVISOR, "IR", Body.GUARDIAN_COUNCIL), action, "S1")
    assert {role for role in Role if ALLOWED[role] & SUPERVISORY} == {Role.SUPERVISOR}
    # administers all the rest but candidacy
    assert ALLOWED[Role.ADMIN] == frozenset(Action) - SUPERVISORY - ELECTORAL
    assert Action.MANAGE_USERS in ALLOWED[Role.ADMIN]


def test_an_administrator_takes_no_step_of_candidacy() -> None:
    # review S20 F1, F7, F9: an admin registered applicants, committed the code draw's secret and
    # drew it, and recorded withdrawals: the Interior Ministry's headquarters' work
    admin = Grant(Role.ADMIN, "IR")
    for action in ELECTORAL:
        assert not may(GEOGRAPHY, admin, action, "S1")
    assert may(GEOGRAPHY, Grant(Role.NATIONAL_HQ, "IR"), Action.MANAGE_CANDIDACY, "S1")
    holders = {role for role in Role if ALLOWED[role] & {Action.MANAGE_CANDIDACY}}
    assert holders == {Role.NATIONAL_HQ, Role.PROVINCIAL_HQ, Role.COUNTY_HQ}
    # yet the administrator still makes the headquarters' accounts
    assert may_administer(GEOGRAPHY, admin, Grant(Role.NATIONAL_HQ, "IR"))


GUARDIANS = Body.GUARDIAN_COUNCIL


def _board(place: str, body: Body | None = GUARDIANS) -> Grant:
    return Grant(Role.SUPERVISOR, place, body)


def test_below_the_nation_a_board_above_the_certifier_undoes_a_certification() -> None:
    county = _board("C1")
    assert may_undo_certification(GEOGRAPHY, "ostan", _board("P1"), "shahr", county)
    assert may_undo_certification(GEOGRAPHY, "keshvar", _board("IR"), "shahr", county)
    assert not may_undo_certification(GEOGRAPHY, "shahr-2", _board("C1"), "shahr", county)
    assert not may_undo_certification(GEOGRAPHY, "digari", _board("C2"), "shahr", county)
    assert not may_undo_certification(GEOGRAPHY, "shahr", _board("S1"), "shahr", county)
    # the other body's board, or an administrator, never
    assert not may_undo_certification(GEOGRAPHY, "m", _board("P1", Body.MAJLIS), "shahr", county)
    assert not may_undo_certification(GEOGRAPHY, "root", Grant(Role.ADMIN, "IR"), "shahr", county)
    # a board recorded before bodies were acts for the Guardian Council
    assert may_undo_certification(GEOGRAPHY, "ostan", _board("P1", None), "shahr", county)


def test_a_national_certification_is_undone_by_a_second_national_board_of_its_body() -> None:
    nation = _board("IR")
    assert may_undo_certification(GEOGRAPHY, "dovom", _board("IR"), "avval", nation)
    assert not may_undo_certification(GEOGRAPHY, "avval", _board("IR"), "avval", nation)
    assert not may_undo_certification(
        GEOGRAPHY, "dovom", _board("IR", Body.MAJLIS), "avval", nation
    )
    assert not may_undo_certification(GEOGRAPHY, "dovom", _board("P1"), "avval", nation)
    assert not may_undo_certification(GEOGRAPHY, "root", Grant(Role.ADMIN, "IR"), "avval", nation)
    # a national certification an administrator made before R4 is undone the same way
    admin = Grant(Role.ADMIN, "IR")
    assert may_undo_certification(GEOGRAPHY, "dovom", _board("IR"), "root", admin)


PLACES = ("IR", "P1", "C1", "C2", "S1", "S2")
GRANTS = st.builds(
    Grant, st.sampled_from(Role), st.sampled_from(PLACES), st.sampled_from([None, *Body])
)


@given(GRANTS, GRANTS, st.sampled_from(["a", "b"]), st.sampled_from(["a", "b"]))
def test_only_a_supervisor_of_the_body_above_or_a_second_at_the_nation_undoes(
    grant: Grant, certified_under: Grant, actor: str, certifier: str
) -> None:
    allowed = may_undo_certification(GEOGRAPHY, actor, grant, certifier, certified_under)
    same_body = (grant.body or GUARDIANS) is (certified_under.body or GUARDIANS)
    at_nation = certified_under.place == "IR"
    above = grant.place != certified_under.place and covers(
        GEOGRAPHY, grant.place, certified_under.place
    )
    second = grant.place == "IR" and actor != certifier
    expected = grant.role is Role.SUPERVISOR and same_body and (second if at_nation else above)
    assert allowed is expected
    if allowed:  # never one's own certification, never from a place below or beside it
        assert actor != certifier or not at_nation
        assert covers(GEOGRAPHY, grant.place, certified_under.place)
