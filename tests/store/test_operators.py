"""The operators' repository contract, on the in-memory fake, SQLite and PostgreSQL: accounts and
sessions read back as written, counters that every concurrent failure adds to, alerts stored once
per window, and the places the stored days define."""

from __future__ import annotations

import dataclasses
import datetime
import threading

import pytest

from sandogh.core.access import Grant, Lockout, Places, Role
from sandogh.services.ports import (
    AccountNetwork,
    AlertKind,
    OperatorAccount,
    OperatorSession,
    SecurityAlert,
)

from .contract import DUPLICATE, REFUSED, NewUnitOfWork, at_once, store_election

T0 = datetime.datetime(2024, 7, 5, 4, 30, tzinfo=datetime.UTC)
IRST = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
WINDOW = datetime.datetime(2024, 7, 5, 4, 30, tzinfo=datetime.UTC)


def account(username: str = "baft-hq", **changes: object) -> OperatorAccount:
    base = OperatorAccount(
        username=username,
        display_name="ستاد انتخابات بافت",
        grant=Grant(Role.COUNTY_HQ, "IR-08-0801"),
        password_hash="$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
        added_at=T0,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def session(token_hash: str = "a" * 64, username: str = "baft-hq") -> OperatorSession:
    return OperatorSession(
        token_hash, username, "csrf-1", T0, T0, T0 + datetime.timedelta(hours=12)
    )


def test_an_account_reads_back_as_written_and_changes(new_unit_of_work: NewUnitOfWork) -> None:
    locked = Lockout(5, (T0 + datetime.timedelta(minutes=1)).astimezone(IRST))
    with new_unit_of_work() as uow:
        uow.operators.add(account())
        uow.operators.add(account("kerman-ostandari", totp_sealed=b"\x00sealed\xff"))
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.operators.get("baft-hq") == account()
        assert uow.operators.get("kerman-ostandari") == account(
            "kerman-ostandari", totp_sealed=b"\x00sealed\xff"
        )
        assert uow.operators.get("nobody") is None
        changed = account(lockout=locked, totp_step=57_600_000, disabled=True)
        uow.operators.save(changed)
        uow.commit()
    with new_unit_of_work() as uow:
        stored = uow.operators.get_for_update("baft-hq")
        assert stored == changed
        assert stored is not None
        assert stored.lockout.locked_until == locked.locked_until  # the same instant, in UTC
        assert [a.username for a in uow.operators.all()] == ["baft-hq", "kerman-ostandari"]


def test_a_username_is_taken_once_and_only_stored_accounts_change(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    with new_unit_of_work() as uow:
        uow.operators.add(account())
        uow.commit()
    with new_unit_of_work() as uow, pytest.raises(DUPLICATE):
        uow.operators.add(account())
    with new_unit_of_work() as uow, pytest.raises(REFUSED):
        uow.operators.save(account("nobody"))
    with new_unit_of_work() as uow, pytest.raises(REFUSED):
        uow.operators.add_session(session(username="nobody"))


def test_sessions_are_found_by_their_hash_touched_and_ended(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    with new_unit_of_work() as uow:
        uow.operators.add(account())
        uow.operators.add_session(session("a" * 64))
        uow.operators.add_session(session("b" * 64))
        uow.commit()
    later = T0 + datetime.timedelta(minutes=5)
    with new_unit_of_work() as uow:
        assert uow.operators.session("a" * 64) == session("a" * 64)
        uow.operators.touch_session("a" * 64, later)
        uow.commit()
    with new_unit_of_work() as uow:
        touched = uow.operators.session("a" * 64)
        assert touched is not None
        assert touched.last_seen_at == later
        assert uow.operators.end_session("a" * 64)
        assert not uow.operators.end_session("a" * 64)
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.operators.session("a" * 64) is None
        assert uow.operators.end_sessions("baft-hq") == 1
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.operators.session("b" * 64) is None


def test_counters_add_up_per_key_and_window_and_are_forgotten(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    previous = WINDOW - datetime.timedelta(minutes=10)
    address, network = "address:10.0.0.1", "network:10.0.0.0/24"
    with new_unit_of_work() as uow:
        uow.operators.count([(address, WINDOW), (network, WINDOW), (address, previous)])
        uow.operators.count([(address, WINDOW)])
        # a unit of work sees its own counts
        assert uow.operators.counts([(address, WINDOW)]) == {(address, WINDOW): 2}
        uow.commit()
    with new_unit_of_work() as uow:
        uow.operators.count([(network, WINDOW.astimezone(IRST))])  # one instant, any zone
        uow.commit()
    wanted = [
        (address, WINDOW),
        (address, previous),
        (network, WINDOW),
        (network, previous),
        ("address:10.0.0.2", WINDOW),
    ]
    with new_unit_of_work() as uow:
        assert uow.operators.counts(wanted) == {
            (address, WINDOW): 2,
            (address, previous): 1,
            (network, WINDOW): 2,
        }
        uow.operators.forget_counts(WINDOW)
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.operators.counts(wanted) == {(address, WINDOW): 2, (network, WINDOW): 2}


def test_concurrent_failures_each_count(new_unit_of_work: NewUnitOfWork) -> None:
    failures = 8

    def fail(start: threading.Barrier, _number: int) -> None:
        start.wait()
        with new_unit_of_work() as uow:
            uow.operators.count([("accounts", WINDOW), ("network:10.0.0.0/24", WINDOW)])
            uow.commit()

    at_once(failures, fail)
    with new_unit_of_work() as uow:
        assert uow.operators.counts([("accounts", WINDOW)]) == {("accounts", WINDOW): failures}


def test_an_alert_is_stored_once_per_kind_subject_and_window(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    first = SecurityAlert(AlertKind.NETWORK, "10.0.0.0/24", WINDOW, T0, 30)
    again = dataclasses.replace(first, at=T0 + datetime.timedelta(seconds=5), failures=31)
    other = SecurityAlert(AlertKind.ACCOUNTS, "*", WINDOW, T0 + datetime.timedelta(seconds=9), 100)
    with new_unit_of_work() as uow:
        assert uow.operators.raise_alert(first)
        assert not uow.operators.raise_alert(again)
        uow.commit()
    with new_unit_of_work() as uow:
        assert not uow.operators.raise_alert(again)
        assert uow.operators.raise_alert(other)
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.operators.alerts(T0) == [first, other]
        assert uow.operators.alerts(T0 + datetime.timedelta(seconds=1)) == [other]
        assert uow.operators.alerts(T0, kind=AlertKind.NETWORK) == [first]
        assert uow.operators.alerts(T0, subject="*") == [other]
        assert uow.operators.alerts(T0, kind=AlertKind.ACCOUNT, subject="*") == []


def test_an_account_keeps_a_standing_per_network(new_unit_of_work: NewUnitOfWork) -> None:
    minute = datetime.timedelta(minutes=1)
    home = AccountNetwork("baft-hq", "192.0.2.0/24", succeeded_at=T0)
    away = AccountNetwork("baft-hq", "198.51.100.0/24", Lockout(5, T0 + minute), T0, None)
    stale = AccountNetwork("baft-hq", "203.0.113.0/24", Lockout(2), T0 - 2 * minute, None)
    with new_unit_of_work() as uow:
        uow.operators.add(account())
        for standing in (home, away, stale):
            uow.operators.save_network(standing)
        uow.commit()
    with new_unit_of_work() as uow, pytest.raises(REFUSED):
        uow.operators.save_network(dataclasses.replace(home, username="nobody"))
    with new_unit_of_work() as uow:
        assert uow.operators.network("baft-hq", "192.0.2.0/24") == home
        assert uow.operators.network("baft-hq", "198.51.100.0/24") == away
        assert uow.operators.network("baft-hq", "10.0.0.0/24") is None
        assert uow.operators.failing_networks("baft-hq", T0 - minute) == 1
        assert uow.operators.failing_networks("baft-hq", T0 - 3 * minute) == 2
        assert uow.operators.clear_networks("baft-hq") == 2
        uow.commit()
    with new_unit_of_work() as uow:
        assert uow.operators.failing_networks("baft-hq", T0 - 3 * minute) == 0
        assert uow.operators.network("baft-hq", "198.51.100.0/24") == dataclasses.replace(
            away, lockout=Lockout()
        )
        assert uow.operators.network("baft-hq", "192.0.2.0/24") == home
        assert uow.operators.clear_networks("baft-hq") == 0


def test_the_places_are_the_units_of_the_stored_days(new_unit_of_work: NewUnitOfWork) -> None:
    with new_unit_of_work() as uow:
        assert uow.operators.unit_parents() == []
    store_election(new_unit_of_work, stations=2)
    with new_unit_of_work() as uow:
        places = Places.of(uow.operators.unit_parents())
    assert places.ancestors("ST-0801-00002") == ("IR-08-0801", "IR-08", "IR")
    assert "IR-08-0802" not in places
