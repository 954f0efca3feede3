"""Lots and withdrawals in the store (`services.outcome_decision_ports`)."""

from __future__ import annotations

from sqlalchemy import bindparam, insert, select
from sqlalchemy.engine import Connection

from sandogh.core.log import Checkpoint
from sandogh.services.outcome_decision_ports import StoredDecision
from sandogh.store.integrity import translated
from sandogh.store.tables import OutcomeDecisionRow

# Built once: every read of results reads it (issue 14)
_ALL = (
    select(OutcomeDecisionRow)
    .where(OutcomeDecisionRow.election_id == bindparam("election"))
    .order_by(OutcomeDecisionRow.number)
)


class SqlOutcomeDecisionRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def all(self, election_id: str) -> list[StoredDecision]:
        return [
            StoredDecision(
                row.election_id,
                row.number,
                row.kind,
                row.key,
                row.data,
                Checkpoint(row.log_sequence, row.log_hash),
            )
            for row in self._connection.execute(_ALL, {"election": election_id})
        ]

    def add(self, decision: StoredDecision) -> None:
        row = {
            "election_id": decision.election,
            "number": decision.number,
            "kind": decision.kind,
            "key": decision.key,
            "data": dict(decision.data),
            "log_sequence": decision.logged.sequence,
            "log_hash": decision.logged.hash,
        }
        with translated():
            self._connection.execute(insert(OutcomeDecisionRow), row)
