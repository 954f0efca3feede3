"""The port the audit use cases store through (`services.audits`, docs/audit.md §6–§7).

An audit is stored as what was published and entered, never as figures computed from it: the
manifest, plan and seed as their canonical bytes, each round's sizes and, once closed, its
record and hash, and every reading the boards entered. Every figure is re-run from these by
`core.audit.replay`, as `sandogh audit verify` re-runs it from the published files.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol

from sandogh.core.access import Grant
from sandogh.core.canonical_json import JSONValue
from sandogh.core.log import Checkpoint


@dataclass(frozen=True)
class StoredAudit:
    """An election's audit as started: the contests audited, the risk limit, the manifest and
    plan (canonical JSON, docs/audit.md §3.1, §7), and the seed record once rolled (§3.2)."""

    election: str
    contests: tuple[str, ...]
    risk_limit: Fraction
    manifest: bytes
    manifest_hash: str
    plan: bytes
    started_at: datetime.datetime
    seed: bytes | None = None


@dataclass(frozen=True)
class StoredRound:
    """A round as drawn (`sizes`: each sample's total after it; `asked`: what the estimate
    asked) and, once closed, its record (`audit_record.round_json`, canonical) and hash."""

    election: str
    number: int
    sizes: Mapping[str, int]
    asked: Mapping[str, int]
    drawn_at: datetime.datetime
    record: bytes | None = None
    hash: str | None = None

    @property
    def closed(self) -> bool:
        return self.record is not None


@dataclass(frozen=True)
class StoredReading:
    """What a board entered for one drawn paper (`sample` empty, `unit` its address, `shows`
    its READS or null when not found, `code` the confirmation code printed on it) or one drawn
    station of a batch sample (`unit` the station, `shows` its hand TOTALS or null). `record`
    is the cast-vote record the code named, joined when the round closes; the code is then
    erased: it is the voter's receipt (docs/audit.md §7, secrecy)."""

    election: str
    round: int
    sample: str
    unit: str
    shows: JSONValue
    code: str | None
    entered_at: datetime.datetime
    by: str
    record: JSONValue = None


@dataclass(frozen=True)
class HandCountCertified:
    """Who certified a hand count as a correction, under which grant, when and why; the audit
    record it came from (`sha256:…`) and the log entry that recorded it."""

    by: str
    grant: Grant
    at: datetime.datetime
    reason: str
    audit: str
    logged: Checkpoint | None = None  # None until the log entry is written


PENDING = "pending-certification"
CERTIFIED = "certified"


@dataclass(frozen=True)
class StoredHandCount:
    """A full hand count's totals for one contest (`CONTEST:CONSTITUENCY`), waiting for the
    supervising board to certify them as a hand-count correction (docs/audit.md §6.3), or
    certified (`certified`, status `certified`)."""

    election: str
    contest: str
    counts: JSONValue  # {"cast": n, "valid": n, "invalid": {KIND: n}, "votes": {CODE: n}}
    entered_at: datetime.datetime
    by: str
    status: str = PENDING
    certified: HandCountCertified | None = None


class AuditRepository(Protocol):
    def get(self, election_id: str) -> StoredAudit | None: ...

    def add(self, audit: StoredAudit) -> None:
        """Callers check first that the election has no audit."""

    def set_seed(self, election_id: str, seed: bytes) -> bool:
        """Store the seed unless one is stored: True if stored (decided in the database, so two
        meetings racing store one seed)."""

    def rounds(self, election_id: str) -> list[StoredRound]:
        """By number."""

    def add_round(self, stored: StoredRound) -> None: ...

    def close_round(self, election_id: str, number: int, record: bytes, hash: str) -> bool:
        """Close the round unless it is closed: True if this call closed it."""

    def readings(self, election_id: str) -> list[StoredReading]:
        """By round, sample, unit."""

    def add_reading(self, reading: StoredReading) -> None:
        """A unit is entered once per election and sample (a unique key decides races)."""

    def compared(self, election_id: str, sample: str, unit: str, record: JSONValue) -> None:
        """Store the record a paper's code named and erase the code."""

    def hand_counts(self, election_id: str) -> list[StoredHandCount]: ...

    def add_hand_count(self, count: StoredHandCount) -> None: ...

    def certify_hand_count(
        self, election_id: str, contest: str, certified: HandCountCertified
    ) -> bool:
        """Mark a pending hand count certified: True if this call did (the store decides a
        race, so two boards certifying at once certify once)."""

    def uncertify_hand_count(
        self, election_id: str, contest: str, certified: HandCountCertified
    ) -> bool:
        """Mark the hand count certified as `certified` (its log entry) pending again, the
        certification erased from the row (the log keeps it): True if this call did."""

    def replace_hand_count(
        self, election_id: str, contest: str, count: StoredHandCount | None
    ) -> bool:
        """Replace the *pending* hand count of `contest` by `count`, or withdraw it (None):
        True if this call did; a certified one is never touched (the store decides)."""
