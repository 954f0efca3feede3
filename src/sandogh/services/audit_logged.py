"""An audit's stored records held to the hash-chained event log (docs/audit.md §6.5): the plan
and manifest as `audit-started` logged them, every closed round's hash as `audit-round-closed`
did. The rows of the audit's tables are the store's to rewrite; the log is chained and its
checkpoints signed and published, so rows swapped in whole, which replay to their own hashes,
still differ from it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NoReturn

from sandogh.core.log import EventType
from sandogh.core.log.chain import Entry, entry_hash
from sandogh.core.report.digests import sha256_text
from sandogh.services.audit_errors import RecordsDifferFromLogError
from sandogh.services.audit_ports import StoredRound
from sandogh.services.audits import Audit
from sandogh.services.ports import UnitOfWork


def require_logged(work: UnitOfWork, audit: Audit, rounds: Sequence[StoredRound]) -> None:
    """The plan and manifest, and every closed round's hash, as the hash-chained event log
    recorded them (`audit-started`, `audit-round-closed`), each entry sealed by its own hash:
    rows of the audit's tables swapped wholesale (from a twin database, say) replay to their
    own hashes, and only the log, which they cannot rewrite without breaking its chain and
    its signed checkpoints, tells them apart (F6 of the S18 review)."""
    election = audit.election

    def differ(subject: str, said: str) -> NoReturn:
        raise RecordsDifferFromLogError(f"{election}: {said}", subject=subject)

    def sealed(kind: EventType) -> list[Entry]:
        found = work.events.of_type(kind, election)
        for e in found:
            if entry_hash(e.sequence, e.previous_hash, e.event) != e.hash:
                differ(f"log entry {e.sequence}", f"log entry {e.sequence} is not sealed")
        return found

    started = sealed(EventType.AUDIT_STARTED)
    logged_plan = {
        (e.event.details.get("manifest_hash"), e.event.details.get("plan_hash")) for e in started
    }
    if (audit.stored.manifest_hash, sha256_text(audit.stored.plan)) not in logged_plan:
        differ("plan", "the stored plan or manifest is not the one audit-started logged")
    logged = {
        e.event.details.get("round"): e.event.details.get("hash")
        for e in sealed(EventType.AUDIT_ROUND_CLOSED)
    }
    for stored in rounds:
        if stored.closed and logged.get(stored.number) != stored.hash:
            differ(f"round {stored.number}", f"round {stored.number}'s hash is not the one logged")
    closed = {r.number for r in rounds if r.closed}
    for number in sorted(n for n in logged if isinstance(n, int) and n not in closed):
        differ(f"round {number}", f"round {number} was logged closed and is not stored closed")
