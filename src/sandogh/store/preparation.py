"""Each station's staff by name, the training sessions and briefings with who attended, the
hard-to-reach stations' plans, and the stations' past problems, in the store."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from sandogh.core.readiness import (
    PastProblem,
    RemotePlan,
    Session,
    SessionKind,
    StaffRole,
    Worker,
)
from sandogh.store.integrity import translated
from sandogh.store.tables import (
    PastProblemRow,
    RemotePlanRow,
    StaffAttendanceRow,
    StaffSessionRow,
    StationWorkerRow,
)

_MINUTE = datetime.timedelta(minutes=1)


class SqlPreparationRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def workers(self, election_id: str) -> list[Worker]:
        query = (
            select(StationWorkerRow)
            .where(StationWorkerRow.election_id == election_id)
            .order_by(StationWorkerRow.station, StationWorkerRow.role, StationWorkerRow.person)
        )
        return [
            Worker(r.station, r.person, r.name, StaffRole(r.role))
            for r in self._connection.execute(query)
        ]

    def put_worker(self, election_id: str, worker: Worker) -> Worker | None:
        key = (
            StationWorkerRow.election_id == election_id,
            StationWorkerRow.person == worker.person,
        )
        old = self._connection.execute(select(StationWorkerRow).where(*key)).one_or_none()
        row = {"name": worker.name, "station": worker.station, "role": worker.role.value}
        with translated():
            if old is None:
                values = {"election_id": election_id, "person": worker.person, **row}
                self._connection.execute(insert(StationWorkerRow), values)
            else:
                self._connection.execute(update(StationWorkerRow).where(*key).values(**row))
        return (
            None if old is None else Worker(old.station, old.person, old.name, StaffRole(old.role))
        )

    def sessions(self, election_id: str) -> list[Session]:
        attendance: dict[int, list[str]] = {}
        people = select(StaffAttendanceRow).where(StaffAttendanceRow.election_id == election_id)
        for r in self._connection.execute(people.order_by(StaffAttendanceRow.person)):
            attendance.setdefault(r.number, []).append(r.person)
        query = (
            select(StaffSessionRow)
            .where(StaffSessionRow.election_id == election_id)
            .order_by(StaffSessionRow.number)
        )
        return [
            Session(
                r.number,
                SessionKind(r.kind),
                r.held,
                r.place,
                r.topic,
                tuple(attendance.get(r.number, ())),
            )
            for r in self._connection.execute(query)
        ]

    def add_session(self, election_id: str, session: Session) -> None:
        row = {
            "election_id": election_id,
            "number": session.number,
            "kind": session.kind.value,
            "held": session.held,
            "place": session.place,
            "topic": session.topic,
        }
        attendees = [
            {"election_id": election_id, "number": session.number, "person": person}
            for person in session.attendees
        ]
        with translated():
            self._connection.execute(insert(StaffSessionRow), row)
            if attendees:
                self._connection.execute(insert(StaffAttendanceRow), attendees)

    def plans(self, election_id: str) -> list[RemotePlan]:
        query = (
            select(RemotePlanRow)
            .where(RemotePlanRow.election_id == election_id)
            .order_by(RemotePlanRow.station)
        )
        return [_plan(r) for r in self._connection.execute(query)]

    def put_plan(self, election_id: str, plan: RemotePlan) -> RemotePlan | None:
        key = (RemotePlanRow.election_id == election_id, RemotePlanRow.station == plan.station)
        old = self._connection.execute(select(RemotePlanRow).where(*key)).one_or_none()
        row = {
            "election_id": election_id,
            "station": plan.station,
            "transport": plan.transport,
            "helicopter": plan.helicopter,
            "report_grace_minutes": plan.report_grace // _MINUTE,
            "link_tested": plan.link_tested,
            "link_ok": plan.link_ok,
        }
        with translated():
            self._connection.execute(delete(RemotePlanRow).where(*key))
            self._connection.execute(insert(RemotePlanRow), row)
        return None if old is None else _plan(old)

    def past(self, stations: Collection[str]) -> list[PastProblem]:
        # The catalogue is short beside a country's stations: read it whole, not by a list of
        # tens of thousands of codes.
        query = select(PastProblemRow).order_by(PastProblemRow.station, PastProblemRow.number)
        return [
            PastProblem(r.station, r.election, r.number, r.note)
            for r in self._connection.execute(query)
            if r.station in stations
        ]

    def add_past(self, problem: PastProblem) -> None:
        row = {
            "station": problem.station,
            "number": problem.number,
            "election": problem.election,
            "note": problem.note,
        }
        with translated():
            self._connection.execute(insert(PastProblemRow), row)


def _plan(row: Any) -> RemotePlan:
    return RemotePlan(
        row.station,
        row.transport,
        row.helicopter,
        row.report_grace_minutes * _MINUTE,
        row.link_tested,
        row.link_ok,
    )
