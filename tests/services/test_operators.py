"""Managing operators' accounts: add, change role, disable, unlock, list — each recorded, each
refused and logged when the actor's grant does not allow it (on memory, SQLite, PostgreSQL)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from sandogh.core.access import Grant, Lockout, Role
from sandogh.core.log import Disposition, EventType, entry_record
from sandogh.services.operators import (
    Actor,
    OperatorError,
    OperatorRefusal,
    add_user,
    change_role,
    disable_user,
    list_users,
    unlock_user,
)

from .build import NOW
from .conftest import NewUnitOfWork
from .operators_build import CLI, FACTOR, PASSWORD, CountingPasswords, add, events, secret

PROVINCE = Actor("kerman-hq", Grant(Role.PROVINCIAL_HQ, "IR-08"))
COUNTY = Actor("baft-hq", Grant(Role.COUNTY_HQ, "IR-08-0801"))


def test_the_command_line_adds_the_first_admin_with_a_second_factor(uow: NewUnitOfWork) -> None:
    added = add(uow, "admin", Role.ADMIN, "IR")
    assert added.account.grant == Grant(Role.ADMIN, "IR")
    assert added.account.totp_sealed is not None
    assert added.totp_uri is not None
    assert added.totp_uri.startswith("otpauth://totp/sandogh:admin?secret=")
    assert added.account.password_hash.startswith("$argon2id$")
    assert added.account.lockout == Lockout()
    (entry,) = [e for e in events(uow) if e.event.type is EventType.USER_ADDED]
    assert (entry.event.actor, entry.event.role, entry.event.place) == ("cli:root", "system", "IR")
    assert entry.event.details == {
        "username": "admin",
        "role": "admin",
        "place": "IR",
        "second_factor": True,
    }


def test_other_roles_get_a_second_factor_only_when_asked(uow: NewUnitOfWork) -> None:
    assert add(uow, "baft-hq", Role.COUNTY_HQ, "IR-08-0801").totp_uri is None
    assert add(uow, "bam-hq", Role.COUNTY_HQ, "IR-08-0802", totp=True).totp_uri is not None


@pytest.mark.parametrize(
    ("username", "place", "password", "reason"),
    [
        ("Baft HQ", "IR-08-0801", PASSWORD, OperatorRefusal.BAD_USERNAME),
        ("ab", "IR-08-0801", PASSWORD, OperatorRefusal.BAD_USERNAME),
        ("baft-hq", "IR-08-0801", "short", OperatorRefusal.WEAK_PASSWORD),
        ("baft-hq", "IR-99", PASSWORD, OperatorRefusal.UNKNOWN_PLACE),
    ],
)
def test_an_account_is_refused_with_its_reason(
    uow: NewUnitOfWork, username: str, place: str, password: str, reason: OperatorRefusal
) -> None:
    passwords = CountingPasswords()
    with pytest.raises(OperatorError) as refused:
        add_user(
            uow,
            actor=CLI,
            username=username,
            display_name="ستاد بافت",
            grant=Grant(Role.COUNTY_HQ, place),
            password=password,
            second_factor=False,
            hasher=passwords,
            factor=FACTOR,
            now=NOW,
        )
    assert refused.value.reason is reason
    with uow() as work:
        assert work.operators.all() == []


def test_a_username_is_taken_once(uow: NewUnitOfWork) -> None:
    add(uow, "baft-hq", Role.COUNTY_HQ, "IR-08-0801")
    with pytest.raises(OperatorError) as refused:
        add(uow, "baft-hq", Role.STATION_HEAD, "ST-0801-0001")
    assert refused.value.reason is OperatorRefusal.USERNAME_TAKEN


def test_a_province_adds_its_counties_but_not_supervisors_or_peers(uow: NewUnitOfWork) -> None:
    add(uow, "kerman-hq", Role.PROVINCIAL_HQ, "IR-08")
    added = add(uow, "baft-hq", Role.COUNTY_HQ, "IR-08-0801", actor=PROVINCE)
    assert added.account.grant.place == "IR-08-0801"
    passwords = CountingPasswords()
    for username, role, place in [
        ("baft-nazer", Role.SUPERVISOR, "IR-08-0801"),
        ("kerman-hq-2", Role.PROVINCIAL_HQ, "IR-08"),
        ("tehran", Role.NATIONAL_HQ, "IR"),
    ]:
        with pytest.raises(OperatorError) as refused:
            add(uow, username, role, place, actor=PROVINCE, passwords=passwords)
        assert refused.value.reason is OperatorRefusal.NOT_ALLOWED
    assert passwords.hashed == 0  # a refused request costs no argon2id hash (issue 9)
    denials = [e.event for e in events(uow) if e.event.type is EventType.ACCESS_DENIED]
    assert [(d.actor, d.role, d.place, d.disposition) for d in denials] == [
        ("kerman-hq", "provincial-hq", place, Disposition.DENIED)
        for place in ("IR-08-0801", "IR-08", "IR")
    ]
    assert denials[0].details == {"action": "add-user", "username": "baft-nazer"}
    with uow() as work:
        assert [a.username for a in work.operators.all()] == ["baft-hq", "kerman-hq"]


def test_a_role_without_the_right_learns_nothing_of_the_accounts(uow: NewUnitOfWork) -> None:
    add(uow, "bam-head", Role.STATION_HEAD, "ST-0802-0001")
    for username in ("bam-head", "nobody"):
        with pytest.raises(OperatorError) as refused:
            disable_user(uow, actor=COUNTY, username=username, now=NOW)
        assert refused.value.reason is OperatorRefusal.NOT_ALLOWED


def test_a_role_change_needs_both_grants_and_issues_a_second_factor(uow: NewUnitOfWork) -> None:
    add(uow, "baft-hq", Role.COUNTY_HQ, "IR-08-0801")
    with pytest.raises(OperatorError) as refused:
        change_role(
            uow,
            actor=PROVINCE,
            username="baft-hq",
            grant=Grant(Role.SUPERVISOR, "IR-08-0801"),
            factor=FACTOR,
            now=NOW,
        )
    assert refused.value.reason is OperatorRefusal.NOT_ALLOWED
    moved = change_role(
        uow,
        actor=PROVINCE,
        username="baft-hq",
        grant=Grant(Role.COUNTY_HQ, "IR-08-0802"),
        factor=FACTOR,
        now=NOW,
    )
    assert (moved.account.grant.place, moved.totp_uri) == ("IR-08-0802", None)
    promoted = change_role(
        uow,
        actor=CLI,
        username="baft-hq",
        grant=Grant(Role.SUPERVISOR, "IR-08"),
        factor=FACTOR,
        now=NOW,
    )
    assert promoted.account.totp_sealed is not None
    assert promoted.totp_uri is not None
    changes = [e.event for e in events(uow) if e.event.type is EventType.ROLE_CHANGED]
    assert changes[-1].details == {
        "username": "baft-hq",
        "from": {"role": "county-hq", "place": "IR-08-0802"},
        "to": {"role": "supervisor", "place": "IR-08"},
    }


def test_disabling_ends_the_account_for_good(uow: NewUnitOfWork) -> None:
    add(uow, "baft-hq", Role.COUNTY_HQ, "IR-08-0801")
    disabled = disable_user(uow, actor=PROVINCE, username="baft-hq", now=NOW)
    assert disabled.account.disabled
    with pytest.raises(OperatorError) as again:
        disable_user(uow, actor=PROVINCE, username="baft-hq", now=NOW)
    assert again.value.reason is OperatorRefusal.DISABLED
    with pytest.raises(OperatorError) as unknown:
        disable_user(uow, actor=PROVINCE, username="nobody", now=NOW)
    assert unknown.value.reason is OperatorRefusal.UNKNOWN_ACCOUNT
    (entry,) = [e.event for e in events(uow) if e.event.type is EventType.USER_DISABLED]
    assert entry.details == {"username": "baft-hq", "sessions_ended": 0}


def test_an_account_is_unlocked_by_a_higher_grant_only(uow: NewUnitOfWork) -> None:
    add(uow, "kerman-hq", Role.PROVINCIAL_HQ, "IR-08")
    add(uow, "kerman-hq-2", Role.PROVINCIAL_HQ, "IR-08")
    with uow() as work:
        for username in ("kerman-hq", "kerman-hq-2"):
            account = work.operators.get(username)
            assert account is not None
            locked = Lockout(5, NOW.replace(hour=9))
            work.operators.save(dataclasses.replace(account, lockout=locked))
        work.commit()
    with pytest.raises(OperatorError) as peer:
        unlock_user(uow, actor=PROVINCE, username="kerman-hq-2", now=NOW)
    assert peer.value.reason is OperatorRefusal.NOT_ALLOWED
    nation = Actor("tehran-hq", Grant(Role.NATIONAL_HQ, "IR"))
    unlocked = unlock_user(uow, actor=nation, username="kerman-hq-2", now=NOW)
    assert unlocked.account.lockout == Lockout()
    with pytest.raises(OperatorError) as twice:
        unlock_user(uow, actor=nation, username="kerman-hq-2", now=NOW)
    assert twice.value.reason is OperatorRefusal.NOT_LOCKED
    (entry,) = [e.event for e in events(uow) if e.event.type is EventType.ACCOUNT_UNLOCKED]
    assert (entry.actor, entry.role, entry.place) == ("tehran-hq", "national-hq", "IR-08")
    assert entry.details == {
        "username": "kerman-hq-2",
        "failures": 5,
        "was_locked": True,
        "networks": 0,
    }


def test_accounts_are_listed_by_place(uow: NewUnitOfWork) -> None:
    add(uow, "kerman-hq", Role.PROVINCIAL_HQ, "IR-08")
    add(uow, "baft-hq", Role.COUNTY_HQ, "IR-08-0801")
    add(uow, "baft-head", Role.STATION_HEAD, "ST-0801-0002")
    add(uow, "bam-hq", Role.COUNTY_HQ, "IR-08-0802")
    names = [a.username for a in list_users(uow, under="IR-08-0801")]
    assert names == ["baft-head", "baft-hq"]
    assert len(list_users(uow, under="IR")) == 4
    assert list_users(uow, under="IR-99") == []


def test_no_event_holds_a_password_a_hash_or_a_secret(uow: NewUnitOfWork) -> None:
    added = add(uow, "admin", Role.ADMIN, "IR")
    change_role(
        uow,
        actor=CLI,
        username="admin",
        grant=Grant(Role.NATIONAL_HQ, "IR"),
        factor=FACTOR,
        now=NOW,
    )
    text = json.dumps([entry_record(e) for e in events(uow)], ensure_ascii=False)
    for forbidden in (PASSWORD, added.account.password_hash, secret(added), "argon2"):
        assert forbidden not in text
