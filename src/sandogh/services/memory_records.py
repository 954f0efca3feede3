"""The in-memory `RecordRepository` of `services.memory`: pre-election records and amendments,
kept to the same contract as the SQL store (tests/services/test_anchor.py runs on both).

Like the rest of the fake, a unit of work's writes are its own until `commit()`.
"""

from __future__ import annotations

import dataclasses
import datetime
import threading
from dataclasses import dataclass, field

from sandogh.core.anchor import OfficialSignature, amendment_hash, fingerprint
from sandogh.services.ports import ElectionRepository, StoredAmendment, StoredRecord


@dataclass
class RecordTables:
    """What is committed; one per `MemoryStore`."""

    records: dict[str, StoredRecord] = field(default_factory=dict)
    amendments: dict[tuple[str, int], StoredAmendment] = field(default_factory=dict)


class MemoryRecords:
    def __init__(
        self,
        tables: RecordTables,
        lock: threading.Lock,
        elections: ElectionRepository,
        *,
        duplicate: type[Exception],
        refused: type[Exception],
    ) -> None:
        """`duplicate` and `refused` are the fake's errors for a key already stored and for a row
        naming what is not stored (`memory.DuplicateError`, `memory.ConstraintError`)."""
        self._tables = tables
        self._lock = lock
        self._elections = elections
        self._duplicate = duplicate
        self._refused = refused
        self._records: dict[str, StoredRecord] = {}
        self._amendments: dict[tuple[str, int], StoredAmendment] = {}

    def get(self, election_id: str) -> StoredRecord | None:
        if election_id in self._records:
            return self._records[election_id]
        with self._lock:
            return self._tables.records.get(election_id)

    def sealed(self, election_id: str) -> tuple[str, str] | None:
        record = self.get(election_id)
        if record is None or record.sealed_at is None:
            return None
        amendments = self.amendments(election_id)
        head = amendment_hash(amendments[-1].signed.amendment) if amendments else None
        return fingerprint(record.data), head or fingerprint(record.data)

    def draft(self, election_id: str, data: bytes, at: datetime.datetime) -> None:
        if self._elections.get(election_id) is None:
            raise self._refused(f"election {election_id!r} is not stored")
        self._records[election_id] = StoredRecord(election_id, data, (), at)

    def add_signature(self, election_id: str, signature: OfficialSignature) -> None:
        record = self._held(election_id)
        if any(s.key == signature.key for s in record.signatures):
            raise self._duplicate(f"{signature.key.text} has signed {election_id}'s record")
        signatures = (*record.signatures, signature)
        self._records[election_id] = dataclasses.replace(record, signatures=signatures)

    def seal(self, election_id: str, at: datetime.datetime) -> None:
        self._records[election_id] = dataclasses.replace(self._held(election_id), sealed_at=at)

    def amendments(self, election_id: str) -> list[StoredAmendment]:
        with self._lock:
            merged = {**self._tables.amendments, **self._amendments}
        return [merged[key] for key in sorted(merged) if key[0] == election_id]

    def add_amendment(self, amendment: StoredAmendment) -> None:
        self._held(amendment.election)
        key = (amendment.election, amendment.number)
        with self._lock:
            taken = key in self._tables.amendments
        if taken or key in self._amendments:
            raise self._duplicate(f"amendment {key!r} is already stored")
        self._amendments[key] = amendment

    def _held(self, election_id: str) -> StoredRecord:
        record = self.get(election_id)
        if record is None:
            raise self._refused(f"no record of {election_id!r} is stored")
        return record

    def commit(self) -> None:
        self._tables.records.update(self._records)
        self._tables.amendments.update(self._amendments)
        self.discard()

    def discard(self) -> None:
        self._records.clear()
        self._amendments.clear()
