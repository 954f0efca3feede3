"""What a guardian reads of a published election folder and what it was given from a second
source (docs/e2e.md §8), and the check of the snapshot's sealed pre-election record against them
(issue 9): what the record covers once it holds (`services.tally_origin`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from sandogh.core.anchor import (
    Coverage,
    E2EKeys,
    RecordError,
    anchored_amendments,
    decode_amendments,
    decode_record,
    decode_signatures,
    fingerprint,
    verify_amendments,
    verify_record,
)
from sandogh.core.e2e.ceremony_record import CeremonyRecord, encode_record
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.report.digests import sha256_text
from sandogh.services.origin_faults import OriginFault, OriginProblem, typed

#: where the snapshot's election folder holds its sealed pre-election record (issue 9), as
#: `publish.published` writes them (a service imports no publisher; a test holds them equal)
ANCHOR_RECORD = "anchor/record.json"
ANCHOR_SIGNATURES = "anchor/signatures.json"
ANCHOR_AMENDMENTS = "anchor/amendments.json"


@dataclass(frozen=True)
class StationFiles:
    """One station's published files, as bytes (None: not published)."""

    chain: bytes | None
    zero: bytes | None
    final: bytes | None


@dataclass(frozen=True)
class Snapshot:
    """What a guardian reads of a published election folder: every station's files and the
    sealed record's three files (None: not published)."""

    stations: Mapping[str, StationFiles]
    anchor_record: bytes | None = None
    anchor_signatures: bytes | None = None
    anchor_amendments: bytes | None = None


@dataclass(frozen=True)
class Trust:
    """What the guardian was given from a second source: the sealed record's fingerprint or an
    amendment's head (None: the record published is taken as it reads, once sealed and this
    ceremony's); `unanchored` lets a snapshot with no record through (a rehearsal only);
    `never_opened` names the stations the guardian was told, from a second source, that their
    box never opened: a station the sealed record gives a box has its chain in the snapshot or is
    named here, else it is refused (§8); `not_closed` those whose box opened and never closed
    (it failed, or is still open): they hold ballots no final report counts, and are left out."""

    anchor: str | None = None
    unanchored: bool = False
    never_opened: frozenset[str] = frozenset()
    not_closed: frozenset[str] = frozenset()


def anchored_coverage(
    record: CeremonyRecord, snapshot: Snapshot, trust: Trust
) -> tuple[Coverage | None, list[OriginProblem]]:
    """What the snapshot's sealed record and amendments cover, once k of n officials signed the
    record and every amendment, the record is of the ceremony's election, definition and
    ceremony (its `e2e` member: id, HE, K), and its fingerprint or an amendment's head is the one
    the guardian was given (when given); else the problems. No record: nothing covered, and a
    problem unless `trust.unanchored`."""
    data = snapshot.anchor_record
    if data is None:
        if trust.unanchored and trust.anchor is None:
            return None, []
        detail = "not published: no box key can be trusted"
        return None, [OriginProblem(OriginFault.RECORD_MISSING, ANCHOR_RECORD, detail)]
    problems: list[OriginProblem] = []
    at = ANCHOR_RECORD  # the file read last is the one that does not read
    try:
        anchored = decode_record(data)
        at = ANCHOR_SIGNATURES
        signatures = decode_signatures(snapshot.anchor_signatures or b"", data)
        at = ANCHOR_AMENDMENTS
        amendments = decode_amendments(snapshot.anchor_amendments or b"")
    except RecordError as error:
        return None, typed(OriginFault.RECORD_UNREADABLE, error.problems, at=at)
    plan = record.plan
    said = {"election": anchored.election, "definition_hash": anchored.definition_hash}
    for name, value in {"election": plan.election, "definition_hash": plan.definition_hash}.items():
        if said[name] != value:
            detail = f"is not the ceremony's {value}"
            at = f"{ANCHOR_RECORD} {name}"
            problems.append(OriginProblem(OriginFault.RECORD_OF_ANOTHER, at, detail))
    # a record sealed before `e2e.record` existed vouches for the id, HE and K only
    e2e = E2EKeys(plan.id, record.extended_hash.hex(), record.joint_key.hex())
    sealed = anchored.e2e
    if sealed is None or replace(sealed, record=None) != e2e:
        detail = f"is not this ceremony's ({plan.id}, HE, K)"
        problems.append(
            OriginProblem(OriginFault.RECORD_OF_ANOTHER, f"{ANCHOR_RECORD} e2e", detail)
        )
    elif sealed.record not in (None, sha256_text(encode_record(RISTRETTO255, record))):
        detail = "is not the SHA-256 of this ceremony record: its complaints or a field differ"
        at = f"{ANCHOR_RECORD} e2e.record"
        problems.append(OriginProblem(OriginFault.RECORD_OF_ANOTHER, at, detail))
    signed = verify_record(anchored, signatures)
    problems += typed(OriginFault.RECORD_SIGNATURES, signed, at=ANCHOR_SIGNATURES)
    amended = verify_amendments(anchored, amendments)
    problems += typed(OriginFault.AMENDMENT_FAILS, amended, at=ANCHOR_AMENDMENTS)
    chain = [each.amendment for each in amendments]
    if (
        trust.anchor is not None
        and anchored_amendments(fingerprint(data), chain, trust.anchor) is None
    ):
        detail = (
            f"its fingerprint is {fingerprint(data)}, and neither it nor the head of any of "
            f"its {len(chain)} amendments is {trust.anchor}, the one given"
        )
        problems.append(OriginProblem(OriginFault.ANCHOR_DIFFERS, ANCHOR_RECORD, detail))
    return (None if problems else Coverage.of(anchored, chain)), problems
