"""The preparation pages' store: the console's partial Kerman day with two boxes in Baft's fleet
register (neither shipped) and one build approved, and the operators who act in it: the national
headquarters, Baft's county headquarters and a supervisor of the whole country (who signs in
with a second factor)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text

from sandogh.core.access import Grant, Role
from sandogh.core.log import EventType
from sandogh.core.readiness import Box, Register, UpdateStatus
from sandogh.services.acting import Actor
from sandogh.services.readiness import import_register
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.core.anchor.build import HQ_CHIEF
from tests.server.live import ELECTION
from tests.server.operators_live import add_account, current_code
from tests.services.build_signing import decided

from .build import AT, BAFT, IRAN, baft_stations
from .test_pages import log_in, token

BOXES = ("SB-0801-0001", "SB-0801-0002")
BUILD = "sha256:" + "a1" * 32
NEXT_BUILD = "sha256:" + "b2" * 32
NATIONAL = Actor("keshvari", Grant(Role.NATIONAL_HQ, IRAN))


def national(client: TestClient, store: str) -> str:
    """Sign the national headquarters in (with its second factor); the page's CSRF token."""
    hq = add_account(store, "setad", Role.NATIONAL_HQ, IRAN)
    return token(log_in(client, "setad", totp=current_code(hq)))


def unapproved(url: str) -> None:
    """Take the boards' approvals of electronic voting out of the store, as before the boards
    decided (the partial day's are recorded when it is loaded): their log entries too, which a
    read holds to the rows (`services.mode_approvals.recorded_approvals`)."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM mode_approvals"))
            approved = {"type": EventType.VOTING_MODE_APPROVED.value}
            connection.execute(text("DELETE FROM events WHERE type = :type"), approved)
    finally:
        engine.dispose()


def fleet(url: str) -> None:
    """Baft's two boxes, each assigned to one of its first stations, the approved build, and
    the next one proposed, signed by one official so far."""
    engine = make_engine(url)
    try:

        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(engine, now=AT)

        boxes = [
            Box(serial, "SB-2", "2.4.1", UpdateStatus.PENDING, station)
            for serial, station in zip(BOXES, baft_stations(), strict=False)
        ]
        import_register(uow, NATIONAL, ELECTION, Register.FLEET, boxes, unit=BAFT, now=AT)
        decided(uow, NATIONAL, ELECTION, BUILD, "صندوق ۲٫۴٫۱", now=AT)
        # the next build, signed by one official of the three it needs (review S19 F7)
        decided(uow, NATIONAL, ELECTION, NEXT_BUILD, "صندوق ۲٫۵", now=AT, signers=[HQ_CHIEF])
    finally:
        engine.dispose()
