"""Proving a record of events: every entry sealed, numbered and linked to the one before.

DESIGN.md §3 ("One record of events": the log can be exported and verified by anyone) and the
issue "Operations centre", item 3 (`sandogh log verify` names the first broken entry). Each entry
is checked in order for its number, then its link, then its own hash (`core.log.chain`), and the
first that fails is named with why; entries after it are not trusted, so not checked.

A chain alone cannot show that entries were cut off its end, nor that everything from some entry
on was rewritten and re-hashed. A `Checkpoint` (a sequence number and its hash, printed, published
or kept elsewhere; signed, `core.log.checkpoints`) closes that gap: the record must hold the entry
of every checkpoint given, with that hash.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.log.chain import GENESIS_HASH, Entry, entry_hash


class Fault(StrEnum):
    SEQUENCE_GAP = "sequence-gap"  # the number is not one more than the entry before's
    BROKEN_LINK = "broken-link"  # the previous hash is not the hash of the entry before
    HASH_MISMATCH = "hash-mismatch"  # the hash is not the hash of the entry's contents
    CHECKPOINT_MISMATCH = "checkpoint-mismatch"  # the checkpoint's entry has another hash
    TRUNCATED = "truncated"  # the record ends before the checkpoint's entry


@dataclass(frozen=True)
class Checkpoint:
    """An entry's number and hash, recorded apart from the log."""

    sequence: int
    hash: str


@dataclass(frozen=True)
class Break:
    """The first broken entry: its `position` among those given (from 0), its `sequence`, why.

    For `TRUNCATED` the position and sequence are those the first missing entry would have.
    """

    position: int
    sequence: int
    fault: Fault
    expected: str
    found: str

    def __str__(self) -> str:
        return (
            f"entry {self.sequence} (position {self.position}): {self.fault}: "
            f"expected {self.expected}, found {self.found}"
        )


@dataclass(frozen=True)
class VerifyResult:
    """How many entries were checked, the last sound one as a checkpoint, and the break if any."""

    checked: int
    head: Checkpoint | None
    broken: Break | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify(entries: Iterable[Entry], *checkpoints: Checkpoint) -> VerifyResult:
    """Check `entries`, the whole record from its first entry, in order; stream as they come.
    The record must reach, and agree with, each of `checkpoints`."""
    anchors: dict[int, list[str]] = {}
    for checkpoint in checkpoints:
        anchors.setdefault(checkpoint.sequence, []).append(checkpoint.hash)
    head: Checkpoint | None = None
    checked = 0
    for entry in entries:
        broken = _break(checked, entry, head, anchors.get(entry.sequence, ()))
        if broken is not None:
            return VerifyResult(checked + 1, head, broken)
        head = Checkpoint(entry.sequence, entry.hash)
        checked += 1
    furthest = max(anchors, default=0)
    if (0 if head is None else head.sequence) < furthest:
        missing = 1 if head is None else head.sequence + 1
        found = "no entry" if head is None else f"the last entry is {head.sequence}"
        broken = Break(checked, missing, Fault.TRUNCATED, f"entry {furthest}", found)
        return VerifyResult(checked, head, broken)
    return VerifyResult(checked, head, None)


def _break(
    position: int, entry: Entry, before: Checkpoint | None, anchored: Iterable[str]
) -> Break | None:
    sequence = 1 if before is None else before.sequence + 1
    if entry.sequence != sequence:
        return Break(
            position, entry.sequence, Fault.SEQUENCE_GAP, str(sequence), str(entry.sequence)
        )
    link = GENESIS_HASH if before is None else before.hash
    if entry.previous_hash != link:
        return Break(position, sequence, Fault.BROKEN_LINK, link, entry.previous_hash)
    sealed = entry_hash(entry.sequence, entry.previous_hash, entry.event)
    if entry.hash != sealed:
        return Break(position, sequence, Fault.HASH_MISMATCH, sealed, entry.hash)
    for anchor in anchored:
        if anchor != sealed:
            return Break(position, sequence, Fault.CHECKPOINT_MISMATCH, anchor, sealed)
    return None
