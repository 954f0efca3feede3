"""Every operators' endpoint × every role × places inside and outside its scope: each refusal the
rules call for is made (403, or 401 without a session), and each is in the log as ACCESS_DENIED.

The expectations are written out by hand from DESIGN.md §6 and `core.access.accounts`: only
administrators and the national and provincial headquarters manage accounts; each within its
place; none a peer, a superior, or an account holding rights it does not hold.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sandogh.core.access import Grant, Lockout, Role
from sandogh.core.log import EventType
from sandogh.server.credentials import Argon2Passwords, TotpFactor
from sandogh.services.operators import AccountChange, Actor, add_user
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork

from .live import ELECTION, load_kerman, server_key
from .operators_live import (
    PASSWORD,
    SESSION,
    TEST_OPERATORS,
    USERS,
    LiveCentre,
    current_code,
    serving,
    settings,
    signed_in,
)

BAFT, BAM, KERMAN, IRAN = "IR-08-0801", "IR-08-0802", "IR-08", "IR"
#: Who acts, in each role, and where.
ACTORS = {
    Role.ADMIN: IRAN,
    Role.NATIONAL_HQ: IRAN,
    Role.PROVINCIAL_HQ: KERMAN,
    Role.COUNTY_HQ: BAFT,
    Role.STATION_HEAD: "ST-0801-0001",
    Role.SUPERVISOR: KERMAN,
    Role.INSPECTOR: KERMAN,
    Role.AUDITOR: IRAN,
    Role.AUDIT_BOARD: BAFT,
}
MANAGERS = {Role.ADMIN, Role.NATIONAL_HQ, Role.PROVINCIAL_HQ}
READINESS = f"/api/v1/elections/{ELECTION}/readiness"
#: The readiness registers' CSV headers: an import of no rows (nothing there to replace).
EMPTY_REGISTER = "station,sent,received,used\n"
#: The accounts acted on: inside a province, in its two counties, and above it.
TARGETS = {
    "baft-station": Grant(Role.STATION_HEAD, "ST-0801-0001"),
    "bam-station": Grant(Role.STATION_HEAD, "ST-0802-0001"),
    "baft-hq": Grant(Role.COUNTY_HQ, BAFT),
    "nation": Grant(Role.NATIONAL_HQ, IRAN),
    "supervisor": Grant(Role.SUPERVISOR, BAFT),
}


def may_manage(actor: Role, target: Grant) -> bool:
    """By hand: who may add, change, disable or unlock an account holding `target`."""
    if actor not in MANAGERS:
        return False
    if target.role is Role.SUPERVISOR:  # VOID, CERTIFY: an administrator hands them out (R4)
        return actor is Role.ADMIN
    if target.role is Role.NATIONAL_HQ:  # at the top: a peer of the national headquarters
        return actor is Role.ADMIN
    return True  # the stations and counties of Kerman lie inside every manager's place


def may_read_readiness(actor: Role, place: str) -> bool:
    """By hand: every role but the station head and the audit board reads readiness anywhere in
    its place."""
    if actor is Role.STATION_HEAD:  # its place is one station, not these units
        return False
    if actor is Role.AUDIT_BOARD:  # it enters what papers show, blind, and reads nothing
        return False
    return ACTORS[actor] == IRAN or (ACTORS[actor] == KERMAN and place != IRAN) or place == BAFT


def may_manage_readiness(actor: Role, place: str) -> bool:
    """By hand: the headquarters and administrators change the registers in their place."""
    hq = {Role.ADMIN, Role.NATIONAL_HQ, Role.PROVINCIAL_HQ, Role.COUNTY_HQ}
    return actor in hq and may_read_readiness(actor, place)


def may_list(actor: Role, place: str) -> bool:
    return actor in {Role.ADMIN, Role.NATIONAL_HQ} or (
        actor is Role.PROVINCIAL_HQ and place != IRAN
    )


class Setup:
    """The accounts of the matrix, added as the command line adds them (one engine for all)."""

    def __init__(self, store: str) -> None:
        self._engine = make_engine(store)
        self._now = datetime.datetime.now(datetime.UTC)
        self._hasher = Argon2Passwords.of(TEST_OPERATORS)

    def add(self, username: str, grant: Grant, *, locked: bool = False) -> AccountChange:
        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(self._engine, now=self._now)

        added = add_user(
            uow,
            actor=Actor("cli:tests", None),
            username=username,
            display_name=username,
            grant=grant,
            password=PASSWORD,
            second_factor=False,
            hasher=self._hasher,
            factor=TotpFactor(server_key()),
            now=self._now,
        )
        if locked:
            with uow() as work:
                lock = Lockout(5, self._now + datetime.timedelta(minutes=1))
                work.operators.save(dataclasses.replace(added.account, lockout=lock))
                work.commit()
        return added

    def denials(self) -> Counter[str]:
        with SqlUnitOfWork(self._engine, now=self._now) as work:
            return Counter(
                e.event.actor
                for e in work.events.entries()
                if e.event.type is EventType.ACCESS_DENIED
            )

    def close(self) -> None:
        self._engine.dispose()


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveCentre, Setup]]:
    folder: Path = tmp_path_factory.mktemp("matrix")
    store = f"sqlite:///{folder / 'centre.sqlite'}"
    init_database(store)
    load_kerman(store)
    setup = Setup(store)
    try:
        with serving(settings(store)) as live:
            yield live, setup
    finally:
        setup.close()


def _signed_in(live: LiveCentre, setup: Setup, role: Role, address: str) -> httpx.Client:
    username = f"as-{role.value}"
    actor = setup.add(username, Grant(role, ACTORS[role]))
    client = live.client(address)
    signed_in(client, username, current_code(actor) if actor.totp_uri else None)
    return client


_hosts = itertools.count(1)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_is_refused_what_it_must_be_refused(
    centre: tuple[LiveCentre, Setup], role: Role
) -> None:
    live, setup = centre
    client = _signed_in(live, setup, role, f"198.51.100.{next(_hosts)}")
    answers: dict[tuple[str, str], int] = {}
    expected: dict[tuple[str, str], int] = {}
    try:
        for place in (IRAN, KERMAN, BAFT, BAM):
            answers["list", place] = client.get(USERS, params={"place": place}).status_code
            expected["list", place] = 200 if may_list(role, place) else 403
            at = {"unit": place}
            answers["readiness", place] = client.get(READINESS, params=at).status_code
            answers["export", place] = client.get(f"{READINESS}/papers", params=at).status_code
            put = client.put(
                f"{READINESS}/papers",
                params=at,
                content=EMPTY_REGISTER,
                headers={"Content-Type": "text/csv"},
            )
            answers["import", place] = put.status_code
            reads = 200 if may_read_readiness(role, place) else 403
            expected["readiness", place] = expected["export", place] = reads
            expected["import", place] = 200 if may_manage_readiness(role, place) else 403
        for name, grant in TARGETS.items():
            fresh = f"{role.value}-{name}"
            body = {
                "username": f"new-{fresh}",
                "display_name": "تازه",
                "role": grant.role.value,
                "place": grant.place,
                "password": PASSWORD,
            }
            answers["add", name] = client.post(USERS, json=body).status_code
            expected["add", name] = 201 if may_manage(role, grant) else 403
            for action in ("change", "disable", "unlock"):
                username = f"{action}-{fresh}"
                setup.add(username, grant, locked=action == "unlock")
                if action == "change":
                    same = {"role": grant.role.value, "place": grant.place}
                    answer = client.patch(f"{USERS}/{username}", json=same)
                else:
                    answer = client.post(f"{USERS}/{username}/{action}")
                answers[action, name] = answer.status_code
                expected[action, name] = 200 if may_manage(role, grant) else 403
        assert client.get(SESSION).status_code == 200  # every role may ask who it is
    finally:
        client.close()
    assert answers == expected
    refused = sum(1 for status in expected.values() if status == 403)
    assert setup.denials()[f"as-{role.value}"] == refused
    assert refused > 0 or role is Role.ADMIN


def test_without_a_session_every_endpoint_answers_401(centre: tuple[LiveCentre, Setup]) -> None:
    live, _ = centre
    new = {
        "username": "anonymous-made",
        "display_name": "x",
        "role": "admin",
        "place": IRAN,
        "password": PASSWORD,
    }
    with httpx.Client(base_url=live.url) as anonymous:
        answers = [
            anonymous.get(SESSION),
            anonymous.delete(SESSION),
            anonymous.get(USERS, params={"place": IRAN}),
            anonymous.post(USERS, json=new),
            anonymous.patch(f"{USERS}/as-admin", json={"role": "auditor", "place": IRAN}),
            anonymous.post(f"{USERS}/as-admin/disable"),
            anonymous.post(f"{USERS}/as-admin/unlock"),
            anonymous.get(READINESS, params={"unit": IRAN}),
            anonymous.get(f"{READINESS}/fleet", params={"unit": IRAN}),
            anonymous.put(f"{READINESS}/fleet", params={"unit": IRAN}, content=EMPTY_REGISTER),
        ]
    assert {a.status_code for a in answers} == {401}
