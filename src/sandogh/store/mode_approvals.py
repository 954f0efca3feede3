"""The supervisory bodies' approvals of a voting mode in the store: one row per (election,
contest, constituency, mode), naming the event-log entry that recorded it."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from sandogh.core.access import Body
from sandogh.core.definition.model import VotingMode
from sandogh.core.log.verify import Checkpoint
from sandogh.core.supervision.modes import ModeApproval
from sandogh.services.mode_ports import ApprovalRecord
from sandogh.store.integrity import translated
from sandogh.store.tables import ModeApprovalRow as Row


def _record(row: Any) -> ApprovalRecord:
    approval = ModeApproval(
        row.election_id,
        row.contest,
        row.constituency,
        VotingMode(row.mode),
        row.reference,
        row.approved_by,
        Body(row.body),
        row.approved_at,
    )
    return ApprovalRecord(approval, Checkpoint(row.log_sequence, row.log_hash))


class SqlModeApprovalRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, approval: ModeApproval, entry: Checkpoint) -> None:
        row = {
            "election_id": approval.election,
            "contest": approval.contest,
            "constituency": approval.constituency,
            "mode": approval.mode.value,
            "reference": approval.reference,
            "approved_by": approval.by,
            "body": approval.body.value,
            "approved_at": approval.at,
            "log_sequence": entry.sequence,
            "log_hash": entry.hash,
        }
        with translated():
            self._connection.execute(insert(Row), row)

    def of_election(self, election_id: str) -> list[ApprovalRecord]:
        query = (
            select(Row)
            .where(Row.election_id == election_id)
            .order_by(Row.contest, Row.constituency, Row.mode)
        )
        return [_record(row) for row in self._connection.execute(query)]

    def in_constituencies(
        self, election_id: str, places: Collection[tuple[str, str]]
    ) -> list[ApprovalRecord]:
        if not places:
            return []
        # the contests and the constituencies each in a list, which the primary key serves
        # (SQLite reads the pairs' list by the election alone: ~13,500 rows nationally); the
        # few other pairs this finds are left here
        query = (
            select(Row)
            .where(Row.election_id == election_id)
            .where(Row.contest.in_(sorted({contest for contest, _ in places})))
            .where(Row.constituency.in_(sorted({place for _, place in places})))
            .order_by(Row.contest, Row.constituency, Row.mode)
        )
        wanted = set(places)
        rows = self._connection.execute(query)
        return [_record(row) for row in rows if (row.contest, row.constituency) in wanted]
