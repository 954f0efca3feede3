"""The candidacy part of the store: each election's calendar and its candidacy steps
(`services.candidacy_ports`, issue 12 section 1)."""

from __future__ import annotations

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Connection

from sandogh.core.log import Checkpoint
from sandogh.formats.calendar_file import decode_calendar
from sandogh.services.candidacy_ports import StoredCalendar, StoredStep
from sandogh.store.integrity import translated
from sandogh.store.tables import CandidacyCalendarRow, CandidacyStepRow, ElectionRow

# read by every check-in (`services.polling_calendar.polling_day`): built once, not per call
_VERSIONS = (
    select(ElectionRow.definition_hash, CandidacyCalendarRow.calendar_hash)
    .outerjoin(CandidacyCalendarRow, CandidacyCalendarRow.election_id == ElectionRow.id)
    .where(ElectionRow.id == bindparam("election_id"))
)


class SqlCandidacyRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def calendar(self, election_id: str) -> StoredCalendar | None:
        query = select(CandidacyCalendarRow).where(CandidacyCalendarRow.election_id == election_id)
        row = self._connection.execute(query).one_or_none()
        if row is None:
            return None
        return StoredCalendar(
            decode_calendar(row.canonical), row.canonical, row.calendar_hash, row.stored_at
        )

    def versions(self, election_id: str) -> tuple[str, str | None] | None:
        row = self._connection.execute(_VERSIONS, {"election_id": election_id}).one_or_none()
        return None if row is None else (row[0], row[1])

    def put_calendar(self, election_id: str, stored: StoredCalendar) -> None:
        values = {
            "canonical": stored.canonical,
            "calendar_hash": stored.hash,
            "stored_at": stored.stored_at,
        }
        with translated():
            if self.calendar(election_id) is None:
                row = {"election_id": election_id, **values}
                self._connection.execute(insert(CandidacyCalendarRow), row)
            else:
                self._connection.execute(
                    update(CandidacyCalendarRow)
                    .where(CandidacyCalendarRow.election_id == election_id)
                    .values(**values)
                )

    def steps(self, election_id: str) -> list[StoredStep]:
        query = (
            select(CandidacyStepRow)
            .where(CandidacyStepRow.election_id == election_id)
            .order_by(CandidacyStepRow.number)
        )
        return [
            StoredStep(
                row.election_id,
                row.number,
                row.kind,
                row.data,
                row.at,
                row.by,
                Checkpoint(row.log_sequence, row.log_hash),
                row.answer_id,
            )
            for row in self._connection.execute(query)
        ]

    def add(self, step: StoredStep) -> None:
        row = {
            "election_id": step.election,
            "number": step.number,
            "kind": step.kind,
            "data": dict(step.data),
            "at": step.at,
            "by": step.by,
            "log_sequence": step.logged.sequence,
            "log_hash": step.logged.hash,
            "answer_id": step.answer_id,
        }
        with translated():
            self._connection.execute(insert(CandidacyStepRow), row)

    def has_answer(self, election_id: str, answer_id: str) -> bool:
        query = select(CandidacyStepRow.number).where(
            CandidacyStepRow.election_id == election_id, CandidacyStepRow.answer_id == answer_id
        )
        return self._connection.execute(query).first() is not None
