"""Baft's preparation for the console's tests: two people named at its first station (one
trained, one only briefed), plans for two of its three hard-to-reach stations (one with its
link tested, one not), and a problem one of them had in an earlier election."""

from __future__ import annotations

import datetime

from sandogh.core.access import Grant, Role
from sandogh.core.readiness import RemotePlan, Session, SessionKind, StaffRole, Worker
from sandogh.services.acting import Actor, election_day
from sandogh.services.preparation import (
    assign_worker,
    note_past_problem,
    record_session,
    set_plan,
)
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.server.live import ELECTION

from .build import AT, KERMAN, baft_stations

PROVINCIAL = Actor("rahimi", Grant(Role.PROVINCIAL_HQ, KERMAN))
BRIEFED = "علی‌اکبر رضایی"
PAST = "قطع ارتباط ماهواره‌ای در ساعت ۱۴"


def hard_to_reach(url: str) -> list[str]:
    """Baft's stations that the definition marks hard to reach."""
    engine = make_engine(url)
    try:
        with SqlUnitOfWork(engine, now=AT) as work:
            geography = election_day(work, ELECTION).geography
    finally:
        engine.dispose()
    marked = []
    for code in baft_stations():
        info = geography.unit(code).station
        if info is not None and info.hard_to_reach:
            marked.append(code)
    return marked


def prepare(url: str) -> list[str]:
    """Store Baft's preparation; returns its hard-to-reach stations."""
    remote = hard_to_reach(url)
    engine = make_engine(url)
    try:

        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(engine, now=AT)

        first = baft_stations()[0]
        for person, name, role in (
            ("2980001111", "مریم احمدی", StaffRole.HEAD),
            ("2980002222", BRIEFED, StaffRole.GOVERNOR_REP),
        ):
            assign_worker(uow, PROVINCIAL, ELECTION, Worker(first, person, name, role), now=AT)
        held = datetime.date(2024, 6, 20)
        for kind, person in (
            (SessionKind.TRAINING, "2980001111"),
            (SessionKind.BRIEFING, "2980002222"),
        ):
            session = Session(0, kind, held, "فرمانداری بافت", "آموزش اعضای شعب", (person,))
            record_session(uow, PROVINCIAL, ELECTION, session, now=AT)
        tested = datetime.date(2024, 7, 1)
        plans = (
            RemotePlan(
                remote[0],
                "خودرو تا روستا، سپس پیاده",
                True,
                datetime.timedelta(hours=8),
                tested,
                True,
            ),
            RemotePlan(remote[1], "خودروی کمک‌دار", False, datetime.timedelta(hours=6)),
        )
        for plan in plans:
            set_plan(uow, PROVINCIAL, ELECTION, plan, now=AT)
        note_past_problem(
            uow, PROVINCIAL, ELECTION, remote[0], happened_in="1402-majlis", note=PAST, now=AT
        )
    finally:
        engine.dispose()
    return remote
