"""The in-memory `OutcomeDecisionRepository` of `services.memory`, kept to the contract of the
SQL store (`store.outcome_decisions`)."""

from __future__ import annotations

import threading

from sandogh.services.outcome_decision_ports import StoredDecision


class MemoryOutcomeDecisions:
    def __init__(
        self,
        table: dict[tuple[str, int], StoredDecision],
        lock: threading.Lock,
        *,
        duplicate: type[Exception],
    ) -> None:
        self._table = table
        self._lock = lock
        self._duplicate = duplicate
        self._mine: dict[tuple[str, int], StoredDecision] = {}

    def all(self, election_id: str) -> list[StoredDecision]:
        with self._lock:
            merged = {**self._table, **self._mine}
        return [merged[k] for k in sorted(merged) if k[0] == election_id]

    def add(self, decision: StoredDecision) -> None:
        held = self.all(decision.election)
        if any(d.number == decision.number or d.key == decision.key for d in held):
            raise self._duplicate(f"{decision.kind} {decision.key} is already stored")
        self._mine[(decision.election, decision.number)] = decision

    def commit(self) -> None:
        self._table.update(self._mine)
        self.discard()

    def discard(self) -> None:
        self._mine = {}
