"""Whether a snapshot's supervisory decisions (and its build decisions) are the centre's log
key's word, or only the publisher's (`core.log.attestation`, the review of issue 12, F4).

`supervision.json` holds what no box signs and what changes the outcome: voids, certifications,
hand-count corrections, stored lots and withdrawals. When the pre-election record taken from a
second source names the event log's key (`core.anchor.Body.LOG`), the snapshot must publish
`log/attestation.json` signed by that key, at a checkpoint it publishes signed by the same key,
and listing the election's `supervision.json` by the SHA-256 of its bytes — or not listing it,
when the snapshot has none; so too `builds.json`, the approvals and revocations of the boxes'
software (`publish.builds`). A file changed, added or dropped is then a disagreement. When no
record is anchored, or it names no log key, the decisions rest on the publisher's word, and
`verify-results` says so.
"""

from __future__ import annotations

from sandogh.core.log import checkpoint_verifies
from sandogh.core.log.attestation import Attestation, attestation_verifies, file_hash
from sandogh.core.report import PublicKey
from sandogh.publish.findings import Check, Disagreement, Finding, Vouched
from sandogh.publish.log_anchor import (
    ATTESTATION,
    ATTESTED,
    CHECKPOINTS,
    LogAnchorFileError,
    read_log_anchor,
    read_published_attestation,
)


def check_decisions(check: Check, log_keys: tuple[PublicKey, ...]) -> Vouched:
    """Hold the election's files of `ATTESTED` (its supervisory decisions and build decisions)
    to the attestation `log_keys` signed (the record's log keys; none: only say whose word the
    files are). Every failure is a finding of `check`."""
    published = {
        relative: check.source.read(relative)
        for relative in (f"{check.folder}/{name}" for name in ATTESTED)
    }
    if not log_keys:
        return Vouched.PUBLISHER if any(published.values()) else Vouched.NOTHING
    attestation = _signed(check, log_keys)
    if attestation is None:
        return Vouched.PUBLISHER
    vouched = [_vouched(check, attestation, relative, data) for relative, data in published.items()]
    if not all(vouched):
        return Vouched.PUBLISHER
    return Vouched.LOG_KEY if any(published.values()) else Vouched.NOTHING


def _vouched(check: Check, attestation: Attestation, relative: str, data: bytes | None) -> bool:
    """Whether the file at `relative` (None: not published) is as the attestation lists it."""
    listed = attestation.files.get(relative)
    if data is None and listed is None:
        return True
    if data is None:
        check.found.append(
            Finding(Disagreement.MISSING, check.election, relative, detail=ATTESTATION)
        )
        return False
    if listed != file_hash(data):
        check.found.append(
            Finding(
                Disagreement.DECISIONS,
                check.election,
                relative,
                "sha256",
                file_hash(data),
                listed or "",
                ATTESTATION,
            )
        )
        return False
    return True


def _signed(check: Check, log_keys: tuple[PublicKey, ...]) -> Attestation | None:
    """The snapshot's attestation when one of `log_keys` signed it at a checkpoint published
    and signed by the same key; else None, with a finding."""
    try:
        attestation = read_published_attestation(check.source)
        checkpoints, _ = read_log_anchor(check.source)
    except LogAnchorFileError as error:
        check.found.append(
            Finding(Disagreement.UNREADABLE, check.election, ATTESTATION, detail=str(error))
        )
        return None
    if attestation is None:
        check.found.append(Finding(Disagreement.MISSING, check.election, ATTESTATION))
        return None
    key = next((k for k in log_keys if attestation_verifies(k, attestation)), None)
    if key is None:
        check.found.append(
            Finding(
                Disagreement.SIGNATURE,
                check.election,
                ATTESTATION,
                detail="not signed by the log key the pre-election record names",
            )
        )
        return None
    if not any(
        c.sequence == attestation.sequence
        and c.head == attestation.head
        and checkpoint_verifies(key, c)
        for c in checkpoints
    ):
        check.found.append(
            Finding(
                Disagreement.DECISIONS,
                check.election,
                ATTESTATION,
                "checkpoint",
                str(attestation.sequence),
                detail=CHECKPOINTS,
            )
        )
        return None
    return attestation
