"""A snapshot's files that no box signs, vouched for by the centre's log key.

DESIGN.md §6 (verifiers re-derive results from published inputs, anchored from a second source)
and the review of issue 12 (F4): a station's figures are signed by its box, but the supervisory
decisions that change what those figures decide — voids, certifications, hand-count
corrections, stored lots and withdrawals (`data/<election>/supervision.json`) — were published
on the publisher's word: a mirror that replaced them, and the outcome files with them, was
verified as agreeing. An attestation lists each such file by its SHA-256, next to the log
checkpoint the publication was made at, and is signed by the centre's log key, which the
pre-election record names (`core.anchor.Body.LOG`); so changing, adding or dropping a listed file
needs that key.

The signed message is the domain `sandogh/log-attestation@1` and a newline, then the canonical
JSON (`core.canonical_json`, RFC 8785) of

    {"files": {"<relative path>": "<64 hex SHA-256 of its bytes>", …},
     "head": "<64 hex>", "sequence": <n>, "time": "YYYY-MM-DDTHH:MM:SS.ffffffZ"}

where `sequence` and `head` are those of a signed checkpoint (`core.log.checkpoints`) and `time`
is when the attestation was signed, as a checkpoint's time. The domain keeps the signature from
being taken for a checkpoint's. It is published as that object with `"format"` and
`"signature"` (128 lowercase hex digits).
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.log.chain import utc_text
from sandogh.core.log.checkpoints import CheckpointFormatError, SignedCheckpoint, read_checkpoint
from sandogh.core.report.keys import PublicKey, SigningKey

FORMAT = "sandogh/log-attestation@1"
DOMAIN = FORMAT.encode("ascii") + b"\n"
_HASH = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Attestation:
    """The files of `files` (relative path → SHA-256 hex) as published at the checkpoint
    `sequence`/`head`, signed by the log key at `time`."""

    sequence: int
    head: str
    time: datetime.datetime
    files: Mapping[str, str]
    signature: bytes

    def vouches_for(self, relative: str, data: bytes) -> bool:
        return self.files.get(relative) == file_hash(data)


class AttestationFormatError(SandoghError):
    """A published attestation that does not read; `problems` names every part that is wrong."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        super().__init__("not a log attestation: " + "; ".join(str(p) for p in problems))


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def attestation_message(
    sequence: int, head: str, time: datetime.datetime, files: Mapping[str, str]
) -> bytes:
    """The bytes the log key signs."""
    body: dict[str, JSONValue] = {
        "files": dict(files),
        "head": head,
        "sequence": sequence,
        "time": utc_text(time),
    }
    return DOMAIN + canonical_json(body)


def attest(
    key: SigningKey, at: SignedCheckpoint, time: datetime.datetime, files: Mapping[str, bytes]
) -> Attestation:
    """`files` (relative path → bytes) vouched for at the checkpoint `at`, signed at `time`."""
    hashes = {relative: file_hash(data) for relative, data in sorted(files.items())}
    message = attestation_message(at.sequence, at.head, time, hashes)
    return Attestation(at.sequence, at.head, time, hashes, key.sign(message))


def attestation_verifies(key: PublicKey, attestation: Attestation) -> bool:
    message = attestation_message(
        attestation.sequence, attestation.head, attestation.time, attestation.files
    )
    return key.verifies(message, attestation.signature)


def attestation_json(attestation: Attestation) -> dict[str, JSONValue]:
    return {
        "format": FORMAT,
        "sequence": attestation.sequence,
        "head": attestation.head,
        "time": utc_text(attestation.time),
        "files": dict(attestation.files),
        "signature": attestation.signature.hex(),
    }


def read_attestation(value: object) -> Attestation:
    """The attestation `attestation_json` wrote; every part that is wrong is named."""
    if not isinstance(value, Mapping):
        raise AttestationFormatError((Problem("", "must be a JSON object"),))
    problems: list[Problem] = []
    if value.get("format") != FORMAT:
        problems.append(Problem("format", f"must be {FORMAT}"))
    files = value.get("files")
    if not isinstance(files, Mapping):
        problems.append(Problem("files", "must be an object of paths to SHA-256 hex digests"))
        files = {}
    problems += [
        Problem(f"files.{relative}", "must be 64 lowercase hex digits")
        for relative, digest in files.items()
        if not (isinstance(digest, str) and _HASH.fullmatch(digest))
    ]
    try:  # sequence, head, time and signature read as a checkpoint's do
        signed = read_checkpoint(
            {k: value.get(k) for k in ("sequence", "head", "time", "signature")}
        )
    except CheckpointFormatError as error:
        problems += [Problem(p.path.removeprefix("."), p.message) for p in error.problems]
        raise AttestationFormatError(tuple(problems)) from error
    if problems:
        raise AttestationFormatError(tuple(problems))
    return Attestation(
        signed.sequence, signed.head, signed.time, cast(Mapping[str, str], files), signed.signature
    )
