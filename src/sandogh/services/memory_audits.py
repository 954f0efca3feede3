"""The in-memory `AuditRepository` of `services.memory`, kept to the contract of the SQL store
(`store.audits`; tests/services/test_audits.py runs on both). Like the rest of the fake, a unit
of work's writes are its own until `commit()`."""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass, field

from sandogh.core.canonical_json import JSONValue
from sandogh.services.audit_ports import (
    CERTIFIED,
    PENDING,
    HandCountCertified,
    StoredAudit,
    StoredHandCount,
    StoredReading,
    StoredRound,
)
from sandogh.services.ports import ElectionRepository


@dataclass
class AuditTables:
    """What is committed; one per `MemoryStore`."""

    audits: dict[str, StoredAudit] = field(default_factory=dict)
    rounds: dict[tuple[str, int], StoredRound] = field(default_factory=dict)
    readings: dict[tuple[str, str, str], StoredReading] = field(default_factory=dict)
    hand_counts: dict[tuple[str, str], StoredHandCount] = field(default_factory=dict)


class MemoryAudits:
    def __init__(
        self,
        tables: AuditTables,
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
        self._mine = AuditTables()
        self._withdrawn: set[tuple[str, str]] = set()

    def _merged(self) -> AuditTables:
        with self._lock:
            t = self._tables
            return AuditTables(
                {**t.audits, **self._mine.audits},
                {**t.rounds, **self._mine.rounds},
                {**t.readings, **self._mine.readings},
                {
                    **{k: v for k, v in t.hand_counts.items() if k not in self._withdrawn},
                    **self._mine.hand_counts,
                },
            )

    def get(self, election_id: str) -> StoredAudit | None:
        return self._merged().audits.get(election_id)

    def add(self, audit: StoredAudit) -> None:
        if self._elections.get(audit.election) is None:
            raise self._refused(f"election {audit.election!r} is not stored")
        if self.get(audit.election) is not None:
            raise self._duplicate(f"the audit of {audit.election!r} is already stored")
        self._mine.audits[audit.election] = audit

    def set_seed(self, election_id: str, seed: bytes) -> bool:
        audit = self.get(election_id)
        if audit is None:
            raise self._refused(f"no audit of {election_id!r}")
        if audit.seed is not None:
            return False
        self._mine.audits[election_id] = dataclasses.replace(audit, seed=seed)
        return True

    def rounds(self, election_id: str) -> list[StoredRound]:
        rounds = self._merged().rounds
        return [rounds[k] for k in sorted(rounds) if k[0] == election_id]

    def add_round(self, stored: StoredRound) -> None:
        if self.get(stored.election) is None:
            raise self._refused(f"no audit of {stored.election!r}")
        key = (stored.election, stored.number)
        if key in self._merged().rounds:
            raise self._duplicate(f"round {stored.number} is already stored")
        self._mine.rounds[key] = stored

    def close_round(self, election_id: str, number: int, record: bytes, hash: str) -> bool:
        stored = self._merged().rounds[(election_id, number)]
        if stored.closed:
            return False
        self._mine.rounds[(election_id, number)] = dataclasses.replace(
            stored, record=record, hash=hash
        )
        return True

    def readings(self, election_id: str) -> list[StoredReading]:
        merged = self._merged().readings
        found = [r for k, r in merged.items() if k[0] == election_id]
        return sorted(found, key=lambda r: (r.round, r.sample, r.unit))

    def add_reading(self, reading: StoredReading) -> None:
        key = (reading.election, reading.sample, reading.unit)
        if (reading.election, reading.round) not in self._merged().rounds:
            raise self._refused(f"no round {reading.round}")
        if key in self._merged().readings:
            raise self._duplicate(f"{reading.unit} is already read")
        self._mine.readings[key] = reading

    def compared(self, election_id: str, sample: str, unit: str, record: JSONValue) -> None:
        key = (election_id, sample, unit)
        stored = self._merged().readings[key]
        self._mine.readings[key] = dataclasses.replace(stored, record=record, code=None)

    def hand_counts(self, election_id: str) -> list[StoredHandCount]:
        merged = self._merged().hand_counts
        return [merged[k] for k in sorted(merged) if k[0] == election_id]

    def add_hand_count(self, count: StoredHandCount) -> None:
        key = (count.election, count.contest)
        if key in self._merged().hand_counts:
            raise self._duplicate(f"the hand count of {count.contest!r} is already stored")
        self._mine.hand_counts[key] = count

    def certify_hand_count(
        self, election_id: str, contest: str, certified: HandCountCertified
    ) -> bool:
        found = self._merged().hand_counts.get((election_id, contest))
        if found is None or found.status != PENDING:
            return False
        done = dataclasses.replace(found, status=CERTIFIED, certified=certified)
        self._mine.hand_counts[election_id, contest] = done
        return True

    def uncertify_hand_count(
        self, election_id: str, contest: str, certified: HandCountCertified
    ) -> bool:
        found = self._merged().hand_counts.get((election_id, contest))
        if found is None or found.certified is None or found.certified.logged != certified.logged:
            return False
        undone = dataclasses.replace(found, status=PENDING, certified=None)
        self._mine.hand_counts[election_id, contest] = undone
        return True

    def replace_hand_count(
        self, election_id: str, contest: str, count: StoredHandCount | None
    ) -> bool:
        key = (election_id, contest)
        found = self._merged().hand_counts.get(key)
        if found is None or found.status != PENDING:
            return False
        if count is None:
            self._mine.hand_counts.pop(key, None)
            self._withdrawn.add(key)
        else:
            self._mine.hand_counts[key] = count
        return True

    def commit(self) -> None:
        self._tables.audits.update(self._mine.audits)
        self._tables.rounds.update(self._mine.rounds)
        self._tables.readings.update(self._mine.readings)
        for key in self._withdrawn:
            self._tables.hand_counts.pop(key, None)
        self._tables.hand_counts.update(self._mine.hand_counts)
        self.discard()

    def discard(self) -> None:
        self._mine = AuditTables()
        self._withdrawn = set()
