"""`log/checkpoints.json` and `log/key.txt`: the event log's signed checkpoints, published; and
`log/attestation.json`, the log key's word for the files no box signs (`core.log.attestation`).

Issue 9, section 3 and DESIGN.md §6: every snapshot publishes every checkpoint of the event log
the centre took (`core.log.checkpoints`), each signed by the centre's log key, and that key's
public half; whoever downloads a snapshot keeps them, and `sandogh log verify --against` holds a
stored log to them. Format `sandogh/log-checkpoints@1` (docs/publish.md). The key in `key.txt` is
the snapshot's own word: a verifier takes the key from a second source (the pre-election record)
when it can.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sandogh.core.log import CheckpointFormatError, SignedCheckpoint, checkpoint_json
from sandogh.core.log import read_checkpoint as read_one
from sandogh.core.log.attestation import (
    Attestation,
    AttestationFormatError,
    attestation_json,
    read_attestation,
)
from sandogh.core.report import PublicKey
from sandogh.core.report.errors import KeyMaterialError
from sandogh.publish.builds import FILE as BUILDS
from sandogh.publish.candidacy_file import FILE as CANDIDACY
from sandogh.publish.sources import Source
from sandogh.publish.writer import Writer

FORMAT = "sandogh/log-checkpoints@1"
CHECKPOINTS = "log/checkpoints.json"
KEY = "log/key.txt"


class LogAnchorFileError(ValueError):
    """A snapshot's log checkpoints that are missing or do not read; the message names why."""


def write_log_anchor(writer: Writer, taken: Iterable[SignedCheckpoint], key: PublicKey) -> None:
    document = {"format": FORMAT, "checkpoints": [checkpoint_json(c) for c in taken]}
    writer.write_json(CHECKPOINTS, document)
    writer.write(KEY, (key.text + "\n").encode("ascii"))


def read_log_anchor(source: Source) -> tuple[tuple[SignedCheckpoint, ...], PublicKey | None]:
    """The checkpoints a snapshot published, and the key it names (None if it names none)."""
    published = source.read(CHECKPOINTS)
    if published is None:
        raise LogAnchorFileError(f"{source.location} publishes no {CHECKPOINTS}")
    taken = _checkpoints(published)
    named = source.read(KEY)
    try:
        key = None if named is None else PublicKey.from_text(named.decode("ascii").strip())
    except (UnicodeDecodeError, KeyMaterialError) as error:
        raise LogAnchorFileError(f"{KEY}: {error}") from error
    return taken, key


def _checkpoints(published: bytes) -> tuple[SignedCheckpoint, ...]:
    try:
        document: Any = json.loads(published)
        right = document.get("format") == FORMAT
        items = document["checkpoints"] if right else []
        taken = tuple(read_one(item, f"checkpoints[{i}]") for i, item in enumerate(items))
    except (AttributeError, KeyError, TypeError, ValueError, CheckpointFormatError) as error:
        raise LogAnchorFileError(f"{CHECKPOINTS}: {error}") from error
    if not right:
        raise LogAnchorFileError(f"{CHECKPOINTS} is not a {FORMAT} document")
    return taken


#: The files of each election's folder that no box signs and that change what the signed reports
#: decide: the log key vouches for them (`core.log.attestation`).
ATTESTED = ("supervision.json", BUILDS, CANDIDACY)
ATTESTATION = "log/attestation.json"


def attested_files(root: Path) -> dict[str, bytes]:
    """Every file of `ATTESTED` published under `root`, by its path relative to it."""
    return {
        f"data/{folder.name}/{name}": (folder / name).read_bytes()
        for folder in sorted((root / "data").glob("*"))
        for name in ATTESTED
        if (folder / name).is_file()
    }


def write_attestation(writer: Writer, attestation: Attestation) -> None:
    writer.write_json(ATTESTATION, attestation_json(attestation))


def read_published_attestation(source: Source) -> Attestation | None:
    """The snapshot's attestation; None when it publishes none."""
    published = source.read(ATTESTATION)
    if published is None:
        return None
    try:
        return read_attestation(json.loads(published))
    except (ValueError, AttestationFormatError) as error:
        raise LogAnchorFileError(f"{ATTESTATION}: {error}") from error
