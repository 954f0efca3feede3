"""`hand-counts.json` as published (docs/audit.md §7), read for the verifiers.

Read from its canonical JSON bytes only, every problem named with its path, into each hand
count's contest, totals (`Counts`), status and the audit hash its certification named, with
each entry kept whole to be compared field by field with the one its totals give
(`core.audit.hand_count_record.hand_count_json`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictInt

from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.counting.tally import Counts, InvalidKind
from sandogh.core.rules.outcome import Status
from sandogh.formats.audit_files import Strict, Text, parse_model, read_bounded, require_canonical

Count = Annotated[StrictInt, Field(ge=0)]
MOST_COUNTS = 100_000  # contests of one election


class _Outcome(Strict):
    advancing: list[Text]
    alternates: list[Text]
    elected: list[Text]
    status: Status


class _HandCount(Strict):
    audit: Text | None
    cast: Count
    changed: StrictBool
    contest: Text
    invalid: dict[InvalidKind, Count]
    outcome: _Outcome
    status: Literal["pending-certification", "certified"]
    valid: Count
    votes: dict[Text, Count]


class _HandCounts(Strict):
    election: Text
    format: Literal["sandogh/audit-hand-counts@1"]
    hand_counts: list[_HandCount] = Field(max_length=MOST_COUNTS)


@dataclass(frozen=True)
class PublishedHandCount:
    """One hand count: the contest it decided (`CONTEST:CONSTITUENCY`), its totals, whether it
    is certified and the audit hash that certification named, and the entry as published."""

    contest: str
    counts: Counts
    certified: bool
    audit: str | None
    document: Mapping[str, JSONValue]


def hand_counts_from_bytes(data: bytes, source: str) -> tuple[PublishedHandCount, ...]:
    parsed = parse_model(_HandCounts, data, source)
    document: dict[str, JSONValue] = json.loads(data)
    require_canonical(data, canonical_json(document), source)
    entries = document["hand_counts"]
    assert isinstance(entries, list)  # the model read it as one
    return tuple(
        PublishedHandCount(
            h.contest,
            Counts(cast=h.cast, valid=h.valid, invalid=dict(h.invalid), votes=dict(h.votes)),
            h.status == "certified",
            h.audit,
            entry,
        )
        for h, entry in zip(parsed.hand_counts, entries, strict=True)
        if isinstance(entry, dict)
    )


def read_hand_counts(path: Path) -> tuple[PublishedHandCount, ...]:
    return hand_counts_from_bytes(read_bounded(path), str(path))
