"""Signed checkpoints: the head of the record of events, vouched for by the centre's log key.

DESIGN.md §6 ("The event log's head is anchored by signed checkpoints that every snapshot
publishes") and issue 9, section 3. A chain alone cannot show that its end was cut off, or that
an entry was deleted and everything after it re-hashed (`core.log.verify`). A checkpoint names an
entry's `sequence` and its hash (`head`) at a `time`, signed with Ed25519 (`core.report.keys`)
by the centre's log key; once published, whoever keeps a copy can hold the stored record to it.

The signed message is the domain `sandogh/log-checkpoint@1` and a newline, then the canonical
JSON (`core.canonical_json`, RFC 8785) of

    {"head": "<64 hex>", "sequence": <n>, "time": "YYYY-MM-DDTHH:MM:SS.ffffffZ"}

(`time` in UTC with six decimals, as an entry's time in `core.log.chain`); the domain keeps a
checkpoint's signature from being taken for any other signature of the same key. A checkpoint is
published as that object with `"signature"`: the 128 lowercase hex digits of the signature.

A checkpoint is due (`checkpoint_due`) once `Cadence.entries` entries were added since the last,
or `Cadence.minutes` passed since it while any entry was added.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import cast

from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.log.chain import Entry, utc_text
from sandogh.core.log.verify import Checkpoint, VerifyResult, verify
from sandogh.core.report.keys import PublicKey, SigningKey

DOMAIN = b"sandogh/log-checkpoint@1\n"
_HASH = re.compile(r"[0-9a-f]{64}")
_SIGNATURE = re.compile(r"[0-9a-f]{128}")


@dataclass(frozen=True)
class SignedCheckpoint:
    """The entry `sequence` had hash `head` at `time` (timezone-aware): signed by the log key."""

    sequence: int
    head: str
    time: datetime.datetime
    signature: bytes

    @property
    def checkpoint(self) -> Checkpoint:
        return Checkpoint(self.sequence, self.head)


@dataclass(frozen=True)
class Cadence:
    """How often the centre takes a checkpoint while entries arrive."""

    entries: int = 1_000
    minutes: int = 5


class CheckpointFormatError(SandoghError):
    """A published checkpoint that does not read; `problems` names every part that is wrong."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        super().__init__("not a log checkpoint: " + "; ".join(str(p) for p in problems))


def checkpoint_message(sequence: int, head: str, time: datetime.datetime) -> bytes:
    """The bytes the log key signs."""
    return DOMAIN + canonical_json({"head": head, "sequence": sequence, "time": utc_text(time)})


def sign_checkpoint(key: SigningKey, head: Entry, time: datetime.datetime) -> SignedCheckpoint:
    """The checkpoint of the record whose last entry is `head`, signed by `key` at `time`."""
    message = checkpoint_message(head.sequence, head.hash, time)
    return SignedCheckpoint(head.sequence, head.hash, time, key.sign(message))


def checkpoint_verifies(key: PublicKey, signed: SignedCheckpoint) -> bool:
    """Whether `signed` carries `key`'s signature of its sequence, head and time."""
    message = checkpoint_message(signed.sequence, signed.head, signed.time)
    return key.verifies(message, signed.signature)


def checkpoint_due(
    cadence: Cadence, last: SignedCheckpoint | None, head: int, now: datetime.datetime
) -> bool:
    """Whether a checkpoint of the record whose last entry is `head` is due at `now`."""
    since = 0 if last is None else last.sequence
    if head <= since:
        return False
    return (
        last is None
        or head - since >= cadence.entries
        or now - last.time >= datetime.timedelta(minutes=cadence.minutes)
    )


@dataclass(frozen=True)
class Anchored:
    """The record checked against checkpoints: `chain` held to those that verify, and the
    checkpoints whose signature does not verify under the key given (`forged`)."""

    chain: VerifyResult
    forged: tuple[SignedCheckpoint, ...]

    @property
    def ok(self) -> bool:
        return self.chain.ok and not self.forged


def verify_anchored(
    entries: Iterable[Entry], checkpoints: Iterable[SignedCheckpoint], key: PublicKey
) -> Anchored:
    """Check the whole record against every checkpoint that `key` signed; name the others."""
    signed: list[SignedCheckpoint] = []
    forged: list[SignedCheckpoint] = []
    for each in checkpoints:
        (signed if checkpoint_verifies(key, each) else forged).append(each)
    return Anchored(verify(entries, *(c.checkpoint for c in signed)), tuple(forged))


def checkpoint_json(signed: SignedCheckpoint) -> dict[str, JSONValue]:
    return {
        "sequence": signed.sequence,
        "head": signed.head,
        "time": utc_text(signed.time),
        "signature": signed.signature.hex(),
    }


def read_checkpoint(value: object, path: str = "") -> SignedCheckpoint:
    """The checkpoint `checkpoint_json` wrote; every part that is wrong is named."""
    if not isinstance(value, Mapping):
        raise CheckpointFormatError((Problem(path, "must be a JSON object"),))
    sequence, head = value.get("sequence"), value.get("head")
    time, signature = _instant(value.get("time")), value.get("signature")
    problems = [
        Problem(f"{path}.{name}", must)
        for name, fits, must in (
            ("sequence", _is_sequence(sequence), "must be a whole number from 1"),
            ("head", _matches(_HASH, head), "must be 64 lowercase hex digits"),
            ("time", time is not None, "must be YYYY-MM-DDTHH:MM:SS.ffffffZ"),
            ("signature", _matches(_SIGNATURE, signature), "must be 128 lowercase hex digits"),
        )
        if not fits
    ]
    if problems or time is None:
        raise CheckpointFormatError(tuple(problems))
    # each checked above
    return SignedCheckpoint(
        cast(int, sequence), cast(str, head), time, bytes.fromhex(cast(str, signature))
    )


def _is_sequence(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _matches(pattern: re.Pattern[str], value: object) -> bool:
    return isinstance(value, str) and pattern.fullmatch(value) is not None


def _instant(text: object) -> datetime.datetime | None:
    if not isinstance(text, str) or not text.endswith("Z"):
        return None
    try:
        parsed = datetime.datetime.fromisoformat(text.removesuffix("Z"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        return None
    instant = parsed.replace(tzinfo=datetime.UTC)
    return instant if utc_text(instant) == text else None
