"""The port of the pre-election record and its amendments (issue 9, section 2)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Protocol

from sandogh.core.anchor import OfficialSignature, SignedAmendment


@dataclass(frozen=True)
class StoredRecord:
    """An election's pre-election record (`core.anchor`): its canonical bytes as drafted, the
    officials' signatures gathered so far, and when it was sealed (None while a draft)."""

    election: str
    data: bytes
    signatures: tuple[OfficialSignature, ...]
    drafted_at: datetime.datetime
    sealed_at: datetime.datetime | None = None


@dataclass(frozen=True)
class StoredAmendment:
    """A signed amendment to a sealed record, numbered from 1 in the order of the chain."""

    election: str
    number: int
    signed: SignedAmendment
    added_at: datetime.datetime


class RecordRepository(Protocol):
    """The pre-election record of each election and its amendments (issue 9, section 2)."""

    def get(self, election_id: str) -> StoredRecord | None: ...

    def sealed(self, election_id: str) -> tuple[str, str] | None:
        """The sealed record's fingerprint and the hash of its last amendment (the fingerprint
        again without one); None while there is no sealed record. Cheap: every report ingested
        asks (`services.record_coverage.coverage_of`)."""

    def draft(self, election_id: str, data: bytes, at: datetime.datetime) -> None:
        """Store a draft in place of the election's draft, dropping its signatures; callers never
        replace a sealed record."""

    def add_signature(self, election_id: str, signature: OfficialSignature) -> None:
        """Callers check first that the key has not signed this draft."""

    def seal(self, election_id: str, at: datetime.datetime) -> None: ...

    def amendments(self, election_id: str) -> list[StoredAmendment]:
        """Every amendment, by number."""

    def add_amendment(self, amendment: StoredAmendment) -> None:
        """Callers check first that it follows the last one; (election, number) is unique."""
