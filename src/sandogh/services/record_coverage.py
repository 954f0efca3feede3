"""What an election's sealed pre-election record and its amendments cover, as every report's
intake asks it (`services.report_checks`), read once a process and kept.

The record read is held to the one sealed (`services.anchor.stored_record`): its bytes must
hash to the fingerprint the seal's entry in the hash-chained log names. Without this check, a
record rewritten by SQL (another box's key on record, a staff key made up) would be decoded and
trusted by every process that starts after the rewrite.
"""

from __future__ import annotations

from threading import Lock

from sandogh.core.anchor import Coverage, decode_record, verify_amendments
from sandogh.core.log import EventType
from sandogh.services.anchor import AnchorError, AnchorRefusal, stored_amendments, stored_record
from sandogh.services.collector import collector_paused
from sandogh.services.ports import UnitOfWork


def coverage_of(work: UnitOfWork, election_id: str) -> Coverage | None:
    """What the election's sealed record and its amendments cover; None while it is unsealed;
    `AnchorError` (`REWRITTEN`) when the stored record is not the one sealed,
    (`AMENDMENTS_REWRITTEN`) when its amendments are not those logged or no longer verify.

    Every report ingested asks, and a national record is megabytes: what a record and its
    amendments cover is kept by the record's fingerprint and the last amendment's hash, which
    name them forever (each amendment chains to the one before), so a kept one is never stale,
    and by the log's last amendment entry: a store whose last amendments were deleted by SQL
    names an older record and head again, which alone would find what was kept for them."""
    sealed = work.records.sealed(election_id)
    if sealed is None:
        return None
    amended = work.events.last_of_types((EventType.RECORD_AMENDED,), election_id)
    key = (election_id, *sealed, None if amended is None else amended.sequence)
    with _kept_lock:
        kept = _kept.get(key)
    if kept is not None:
        return kept
    stored = stored_record(work, election_id)
    assert stored is not None  # sealed, in this same unit of work
    amendments = [each.signed for each in stored_amendments(work, election_id)]
    with collector_paused():  # a national record is a million objects that stay
        record = decode_record(stored.data)
        # stored only after every check, so one failing now was rewritten in the store (its
        # signatures: the amendments' hashes are the log's)
        problems = verify_amendments(record, amendments)
        if problems:
            raise AnchorError(AnchorRefusal.AMENDMENTS_REWRITTEN, problems)
        coverage = Coverage.of(record, [each.amendment for each in amendments])
    with _kept_lock:
        _kept[key] = coverage
        while len(_kept) > _KEPT:
            _kept.pop(next(iter(_kept)))
    return coverage


_KEPT = 4  # coverages held at once: a centre serves one or two elections
_kept: dict[tuple[str, str, str, int | None], Coverage] = {}
_kept_lock = Lock()
