"""The places of stored days, and who may manage which account (`may_administer`)."""

import pytest

from sandogh.core.access import (
    SECOND_FACTOR_ROLES,
    Action,
    Body,
    Grant,
    Places,
    Role,
    may,
    may_administer,
    needs_second_factor,
    outranks,
)

# nation IR → province P1 → counties C1, C2 → stations S1 (C1), S2 (C2); P2 only on a second day
PLACES = Places.of(
    [
        ("IR", None),
        ("P1", "IR"),
        ("C1", "P1"),
        ("C2", "P1"),
        ("S1", "C1"),
        ("S2", "C2"),
        # a second day: the same codes, and one more province
        ("IR", None),
        ("P1", "IR"),
        ("P2", "IR"),
    ]
)


def test_places_merge_the_days_and_walk_up_to_the_root() -> None:
    assert PLACES.ancestors("S2") == ("C2", "P1", "IR")
    assert PLACES.ancestors("P2") == ("IR",)
    assert PLACES.ancestors("IR") == ()
    assert "P2" in PLACES
    assert "P3" not in PLACES
    with pytest.raises(KeyError):
        PLACES.ancestors("P3")


def test_the_first_day_wins_and_a_loop_ends() -> None:
    places = Places.of([("A", "B"), ("B", "A"), ("A", None)])
    assert places.ancestors("A") == ("B", "A")


def test_the_access_rules_take_places_as_they_take_a_geography() -> None:
    assert may(PLACES, Grant(Role.PROVINCIAL_HQ, "P1"), Action.READ, "S2")
    assert not may(PLACES, Grant(Role.PROVINCIAL_HQ, "P1"), Action.READ, "P2")
    assert outranks(PLACES, Grant(Role.NATIONAL_HQ, "IR"), Grant(Role.PROVINCIAL_HQ, "P2"))


@pytest.mark.parametrize(
    ("actor", "account", "allowed"),
    [
        # the headquarters manage the executive's accounts below them
        (Grant(Role.PROVINCIAL_HQ, "P1"), Grant(Role.COUNTY_HQ, "C1"), True),
        (Grant(Role.PROVINCIAL_HQ, "P1"), Grant(Role.STATION_HEAD, "S2"), True),
        (Grant(Role.NATIONAL_HQ, "IR"), Grant(Role.PROVINCIAL_HQ, "P2"), True),
        (Grant(Role.NATIONAL_HQ, "IR"), Grant(Role.AUDITOR, "P1"), True),
        # … not a peer, a superior, another province, or themselves
        (Grant(Role.PROVINCIAL_HQ, "P1"), Grant(Role.PROVINCIAL_HQ, "P1"), False),
        (Grant(Role.PROVINCIAL_HQ, "P1"), Grant(Role.NATIONAL_HQ, "IR"), False),
        (Grant(Role.PROVINCIAL_HQ, "P1"), Grant(Role.COUNTY_HQ, "P2"), False),
        # … nor anyone holding rights they do not hold: supervisors, inspectors, admins
        (Grant(Role.PROVINCIAL_HQ, "P1"), Grant(Role.SUPERVISOR, "C1"), False),
        (Grant(Role.NATIONAL_HQ, "IR"), Grant(Role.INSPECTOR, "P1"), False),
        (Grant(Role.PROVINCIAL_HQ, "P1"), Grant(Role.ADMIN, "C1"), False),
        # an administrator manages everyone below, but not another administrator at its place
        (Grant(Role.ADMIN, "IR"), Grant(Role.SUPERVISOR, "P1"), True),
        # … supervisors at its own place too: it gives the supervisory rights it holds not (R4)
        (Grant(Role.ADMIN, "IR"), Grant(Role.SUPERVISOR, "IR", Body.GUARDIAN_COUNCIL), True),
        (Grant(Role.ADMIN, "IR"), Grant(Role.NATIONAL_HQ, "IR"), True),
        (Grant(Role.ADMIN, "IR"), Grant(Role.ADMIN, "P1"), True),
        (Grant(Role.ADMIN, "IR"), Grant(Role.ADMIN, "IR"), False),
        # roles without MANAGE_USERS manage no one, even below them
        (Grant(Role.COUNTY_HQ, "C1"), Grant(Role.STATION_HEAD, "S1"), False),
        (Grant(Role.SUPERVISOR, "P1"), Grant(Role.SUPERVISOR, "C1"), False),
    ],
)
def test_who_may_administer_which_account(actor: Grant, account: Grant, allowed: bool) -> None:
    assert may_administer(PLACES, actor, account) is allowed


def test_the_privileged_roles_need_a_second_factor() -> None:
    privileged = {Role.ADMIN, Role.NATIONAL_HQ, Role.PROVINCIAL_HQ, Role.SUPERVISOR}
    assert {role for role in Role if needs_second_factor(role)} == privileged
    assert privileged == SECOND_FACTOR_ROLES
