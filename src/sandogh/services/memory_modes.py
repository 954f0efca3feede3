"""The in-memory `ModeApprovalRepository` of `services.memory`, kept to the SQL store's contract
(tests/store/test_mode_approvals.py)."""

from __future__ import annotations

import threading
from collections.abc import Collection

from sandogh.core.log.verify import Checkpoint
from sandogh.core.supervision.modes import ModeApproval
from sandogh.services.mode_ports import ApprovalRecord
from sandogh.services.ports import ElectionRepository

Key = tuple[str, str, str, str]


def _key(approval: ModeApproval) -> Key:
    return (approval.election, approval.contest, approval.constituency, approval.mode.value)


class MemoryModeApprovals:
    def __init__(
        self,
        tables: dict[Key, ApprovalRecord],
        lock: threading.Lock,
        elections: ElectionRepository,
        *,
        duplicate: type[Exception],
        refused: type[Exception],
    ) -> None:
        self._tables = tables
        self._lock = lock
        self._elections = elections
        self._duplicate = duplicate
        self._refused = refused
        self._mine: dict[Key, ApprovalRecord] = {}

    def add(self, approval: ModeApproval, entry: Checkpoint) -> None:
        if self._elections.get(approval.election) is None:
            raise self._refused(f"election {approval.election!r} is not stored")
        key = _key(approval)
        with self._lock:
            held = key in self._tables
        if held or key in self._mine:
            raise self._duplicate(f"{approval.mode} voting is already approved in {key[1:3]}")
        self._mine[key] = ApprovalRecord(approval, entry)

    def of_election(self, election_id: str) -> list[ApprovalRecord]:
        with self._lock:
            merged = {**self._tables, **self._mine}
        return [merged[k] for k in sorted(merged) if k[0] == election_id]

    def commit(self) -> None:  # called holding the store's lock
        self._tables.update(self._mine)
        self._mine = {}

    def discard(self) -> None:
        self._mine = {}

    def in_constituencies(
        self, election_id: str, places: Collection[tuple[str, str]]
    ) -> list[ApprovalRecord]:
        wanted = set(places)
        return [
            r
            for r in self.of_election(election_id)
            if (r.approval.contest, r.approval.constituency) in wanted
        ]
