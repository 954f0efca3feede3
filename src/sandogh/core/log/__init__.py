"""The hash-chained record of events: events, entries chained by SHA-256, and their proof.

DESIGN.md §3 ("One record of events") and §6; the issue "Operations centre", item 3. The exact
bytes that are hashed are documented in `core.log.chain`, so that anyone can re-verify the record
in another language; signed checkpoints (`core.log.checkpoints`) anchor its head.
"""

from sandogh.core.canonical_json import JSONValue, NotCanonicalError, canonical_json
from sandogh.core.log.chain import (
    GENESIS_HASH,
    Entry,
    chain,
    entry_hash,
    entry_record,
    event_record,
)
from sandogh.core.log.checkpoints import (
    Anchored,
    Cadence,
    CheckpointFormatError,
    SignedCheckpoint,
    checkpoint_due,
    checkpoint_json,
    checkpoint_message,
    checkpoint_verifies,
    read_checkpoint,
    sign_checkpoint,
    verify_anchored,
)
from sandogh.core.log.events import Disposition, Event, EventError, EventType
from sandogh.core.log.verify import Break, Checkpoint, Fault, VerifyResult, verify

__all__ = [
    "GENESIS_HASH",
    "Anchored",
    "Break",
    "Cadence",
    "Checkpoint",
    "CheckpointFormatError",
    "Disposition",
    "Entry",
    "Event",
    "EventError",
    "EventType",
    "Fault",
    "JSONValue",
    "NotCanonicalError",
    "SignedCheckpoint",
    "VerifyResult",
    "canonical_json",
    "chain",
    "checkpoint_due",
    "checkpoint_json",
    "checkpoint_message",
    "checkpoint_verifies",
    "entry_hash",
    "entry_record",
    "event_record",
    "read_checkpoint",
    "sign_checkpoint",
    "verify",
    "verify_anchored",
]
