"""Entries chained by SHA-256, each to the one before, so that no change goes unseen.

DESIGN.md §3 ("One record of events": an append-only log whose entries chain by hash, exported
and verified by anyone) and the issue "Operations centre", item 3. An entry's hash is the
lower-case hex SHA-256 of the canonical JSON (RFC 8785; see `core.log.canonical`) of

    {"event": {"actor": …, "details": {…}, "disposition": …, "place": …, "role": …,
               "time": "YYYY-MM-DDTHH:MM:SS.ffffffZ", "type": …},
     "previous_hash": …, "sequence": …}

where `sequence` is 1 for the first entry and one more for each next one, `previous_hash` is the
hash of the entry before (64 zeros for the first), `time` is the event's instant in UTC with
exactly six decimals of seconds, `type` and `disposition` are the catalogue strings, and
`details` is the event's JSON object. For instance, the first entry of an event at
2024-07-05 08:00+03:30 by `head-0801-0001` (role `station-head`, place `ST-0801-0001`),
`station-opened`, `done`, details `{"zero_report": "ab"}` hashes these bytes:

    {"event":{"actor":"head-0801-0001","details":{"zero_report":"ab"},"disposition":"done",
    "place":"ST-0801-0001","role":"station-head","time":"2024-07-05T04:30:00.000000Z",
    "type":"station-opened"},"previous_hash":"000…000","sequence":1}

(one line, 64 zeros) to the hash
57cd0a3c72e7685481c1c677590dbb8ee2cc0acdadfdf1ce0d754fd42cdbc131 (`printf %s '…' | sha256sum`).
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from typing import Protocol

from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.log.events import Event

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class Entry:
    """An event in its place in the record: `hash` seals `sequence`, `previous_hash` and `event`."""

    sequence: int
    event: Event
    previous_hash: str
    hash: str


def event_record(event: Event) -> dict[str, JSONValue]:
    """The event as the JSON object that is hashed (and exported)."""
    return {
        "time": utc_text(event.time),
        "actor": event.actor,
        "role": event.role,
        "place": event.place,
        "type": event.type.value,
        "disposition": event.disposition.value,
        "details": event.details,
    }


def utc_text(time: datetime.datetime) -> str:
    """An instant as the record writes it: UTC, six decimals of seconds, `Z`."""
    utc = time.astimezone(datetime.UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="microseconds") + "Z"


def entry_record(entry: Entry) -> dict[str, JSONValue]:
    """The entry as one JSON object, its hash beside what the hash is taken of."""
    return {**_sealed(entry.sequence, entry.previous_hash, entry.event), "hash": entry.hash}


def entry_hash(sequence: int, previous_hash: str, event: Event) -> str:
    """The hash an entry of these contents must carry."""
    return hashlib.sha256(canonical_json(_sealed(sequence, previous_hash, event))).hexdigest()


class Head(Protocol):
    """What the next entry chains to of the one before: its sequence and hash."""

    @property
    def sequence(self) -> int: ...

    @property
    def hash(self) -> str: ...


def chain(previous: Head | None, event: Event) -> Entry:
    """The entry that records `event` after `previous` (None for the first entry of the record)."""
    sequence = 1 if previous is None else previous.sequence + 1
    previous_hash = GENESIS_HASH if previous is None else previous.hash
    return Entry(sequence, event, previous_hash, entry_hash(sequence, previous_hash, event))


def _sealed(sequence: int, previous_hash: str, event: Event) -> dict[str, JSONValue]:
    return {"sequence": sequence, "previous_hash": previous_hash, "event": event_record(event)}
