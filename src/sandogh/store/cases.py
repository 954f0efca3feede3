"""Violation cases in the store, numbered as opened; each row holds the case as it stands."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from sandogh.core.supervision import CaseCandidate, CaseKind, CaseStatus, ViolationCase
from sandogh.store.errors import ConstraintError
from sandogh.store.integrity import translated
from sandogh.store.tables import ViolationCaseRow


def _case(row: Any) -> ViolationCase:
    return ViolationCase(
        election=row.election_id,
        kind=CaseKind(row.kind),
        summary=row.summary,
        place=row.place,
        opened_by=row.opened_by,
        opened_at=row.opened_at,
        stations=tuple(row.stations),
        candidates=tuple(CaseCandidate(contest, code) for contest, code in row.candidates),
        status=CaseStatus(row.status),
        reference=row.reference,
        note=row.note,
        id=row.id,
    )


class SqlCaseRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, case: ViolationCase) -> ViolationCase:
        row = {
            "election_id": case.election,
            "kind": case.kind.value,
            "status": case.status.value,
            "summary": case.summary,
            "place": case.place,
            "stations": list(case.stations),
            "candidates": [[c.contest, c.code] for c in case.candidates],
            "reference": case.reference,
            "note": case.note,
            "opened_by": case.opened_by,
            "opened_at": case.opened_at,
        }
        with translated():
            number: int = self._connection.execute(
                insert(ViolationCaseRow).values(row).returning(ViolationCaseRow.id)
            ).scalar_one()
        return replace(case, id=number)

    def get(self, case_id: int) -> ViolationCase | None:
        query = select(ViolationCaseRow).where(ViolationCaseRow.id == case_id)
        row = self._connection.execute(query).one_or_none()
        return None if row is None else _case(row)

    def all(self, election_id: str) -> list[ViolationCase]:
        query = (
            select(ViolationCaseRow)
            .where(ViolationCaseRow.election_id == election_id)
            .order_by(ViolationCaseRow.id)
        )
        return [_case(row) for row in self._connection.execute(query)]

    def update(self, case: ViolationCase) -> None:
        statement = (
            update(ViolationCaseRow)
            .where(ViolationCaseRow.id == case.id)
            .values(status=case.status.value, reference=case.reference, note=case.note)
        )
        if self._connection.execute(statement).rowcount == 0:
            raise ConstraintError(f"no case {case.id} is stored")
