"""The audit's plan and round records as published (docs/audit.md §7), read for the verifier.

Each is read from its canonical JSON bytes only (its SHA-256 is the hash the next record
chains to), every problem named with its path, and decoded into the core's values: the plan's
choices (risk limit, inflator, the contests and samples planned) and each round's `RoundInput`
(sizes, papers with what they show and their record, stations' hand counts), with the whole
document kept to be compared field by field with the one the replay writes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Literal, cast

from pydantic import AfterValidator, Field, JsonValue, StrictInt, StrictStr

from sandogh.core.audit.audit_record import PLAN_FORMAT, ROUND_FORMAT, Settled, settled_of
from sandogh.core.audit.cast_records import RecordsCommitment, commitment_of
from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.plan import AuditKind, Escalation
from sandogh.core.audit.reading import Reading
from sandogh.core.audit.record_reading import (
    paper_from_text,
    reading_from_json,
    shows_from_json,
    totals_from_json,
)
from sandogh.core.audit.rounds import BatchReading, Checked, Decision, RoundInput
from sandogh.core.audit.sample_record import Method
from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.rules.lots import Stake
from sandogh.formats.audit_files import (
    AuditFileError,
    Strict,
    Text,
    parse_model,
    read_bounded,
    require_canonical,
)

# An exact rational as §7 writes it: "numerator/denominator", an integer as "3".
Rational = Annotated[StrictStr, Field(pattern=r"^-?[0-9]{1,400}(/[1-9][0-9]{0,399})?$")]
Count = Annotated[StrictInt, Field(ge=0)]
MOST_UNITS = 1_000_000  # papers, stations, discrepancies or assertions in one record


def _paper(text: str) -> str:
    _held(lambda: paper_from_text(text))
    return text


def _read(value: JsonValue) -> JsonValue:
    # §7 writes a valid ballot's codes sorted, each once: the record `shows_json` writes
    if isinstance(value, list) and sorted(set(map(str, value))) != value:
        raise ValueError(f"{value} are not a valid ballot's codes in order")
    _held(lambda: reading_from_json(cast(JSONValue, value), ""))
    return value


def _tally(value: dict[str, JsonValue]) -> dict[str, JsonValue]:
    _held(lambda: totals_from_json(cast(JSONValue, value)))
    return value


def _held(read: Callable[[], object]) -> None:
    """The shape read by `core.audit.record_reading`, the one reading of it the services and
    the boards' sheets share; its problem becomes the field's, named by the field's path."""
    try:
        read()
    except AuditInputError as error:
        raise ValueError("; ".join(p.message for p in error.problems)) from None


# A paper's address (§3.4), a READ, READS and TOTALS.
Paper = Annotated[StrictStr, AfterValidator(_paper)]
Read = Annotated[JsonValue, AfterValidator(_read)]
Reads = Annotated[dict[Text, Read], Field(min_length=1)]
Tally = Annotated[dict[Text, JsonValue], AfterValidator(_tally)]


class _Assertion(Strict):
    cast: Rational
    key: Text
    margin: Rational
    marks: dict[Text, Rational]
    max_marks: Count
    upper: Rational
    valid: Rational


class _Lot(Strict):
    drawn_by: list[Text]
    order: list[Text]
    seed: Text
    stake: Stake
    tied: list[Text]


class _Contest(Strict):
    assertions: list[_Assertion] = Field(max_length=MOST_UNITS)
    constituency: Text
    contest: Text
    detail: StrictStr
    elected: list[Text]
    hand_count: Escalation | None
    kind: AuditKind
    lots: list[_Lot]
    reported: Tally
    sample: Text
    stations: dict[Text, Tally]
    withdrawn: list[Text]


class _SamplePlan(Strict):
    frame: Text
    method: Method


class _Records(Strict):
    count: StrictInt = Field(ge=0)
    disagree: dict[Text, Text] = Field(max_length=MOST_UNITS)
    sha256: Text
    stations: list[Text] = Field(max_length=MOST_UNITS)


class _Plan(Strict):
    contests: list[_Contest] = Field(max_length=MOST_UNITS)
    election: Text
    format: Literal["sandogh/audit-plan@1"]
    inflator: Rational
    manifest_hash: Text
    risk_limit: Rational
    samples: list[_SamplePlan] = Field(max_length=MOST_UNITS)
    records: _Records | None = None  # absent: no cast-vote records were committed


class _Paper(Strict):
    paper: Paper
    record: Reads | None
    shows: Reads | None


class _Batch(Strict):
    hand: Tally | None
    sample: Text
    station: Text


class _Discrepancy(Strict):
    assertion: Text
    contest: Text
    overstatement: Rational
    sample: Text
    unit: Text


class _Risk(Strict):
    decision: Decision
    detail: StrictStr
    next_size: Count | None
    p_values: dict[Text, Rational]
    reason: Escalation | None


class _Round(Strict):
    asked: dict[Text, Count]
    batches: list[_Batch] = Field(max_length=MOST_UNITS)
    discrepancies: list[_Discrepancy] = Field(max_length=MOST_UNITS)
    format: Literal["sandogh/audit-round@1"]
    number: Annotated[StrictInt, Field(ge=1)]
    papers: list[_Paper] = Field(max_length=MOST_UNITS)
    previous: Text
    risk: dict[Text, _Risk]
    sizes: dict[Text, Count]


@dataclass(frozen=True)
class PublishedPlan:
    """The plan file: the audit's choices typed, each contest planned as (contest,
    constituency), each sample as (frame, method), and the whole document as published."""

    election: str
    manifest_hash: str
    risk_limit: Fraction
    inflator: Fraction
    contests: tuple[tuple[str, str], ...]
    samples: tuple[tuple[str, Method], ...]
    document: Mapping[str, JSONValue]
    settled: Mapping[str, Settled]  # by CONTEST:CONSTITUENCY: the lot and the withdrawn
    records: RecordsCommitment | None = None  # the boxes' records committed before the seed


@dataclass(frozen=True)
class PublishedRound:
    """A round record: its number, the hash it chains to, what it read (`given`, for the
    replay) and the whole document as published."""

    number: int
    previous: str
    given: RoundInput
    document: Mapping[str, JSONValue]


def plan_from_bytes(data: bytes, source: str) -> PublishedPlan:
    parsed = parse_model(_Plan, data, source)
    document = _canonical_document(data, source)
    return PublishedPlan(
        parsed.election,
        parsed.manifest_hash,
        Fraction(parsed.risk_limit),
        Fraction(parsed.inflator),
        tuple((c.contest, c.constituency) for c in parsed.contests),
        tuple((s.frame, s.method) for s in parsed.samples),
        document,
        settled_of(document),
        commitment_of(document.get("records")),
    )


def round_from_bytes(data: bytes, source: str) -> PublishedRound:
    parsed = parse_model(_Round, data, source)
    document = _canonical_document(data, source)
    papers = tuple(
        Checked(paper_from_text(p.paper), _reads(p.shows), _reads(p.record)) for p in parsed.papers
    )
    batches = tuple(
        BatchReading(b.sample, b.station, totals_from_json(cast(JSONValue, b.hand)))
        for b in parsed.batches
    )
    given = RoundInput(dict(parsed.sizes), papers, batches)
    return PublishedRound(parsed.number, parsed.previous, given, document)


def read_plan(path: Path) -> PublishedPlan:
    return plan_from_bytes(read_bounded(path), str(path))


def read_round(path: Path) -> PublishedRound:
    return round_from_bytes(read_bounded(path), str(path))


def write_record(path: Path, record: Mapping[str, JSONValue]) -> None:
    """A plan (`audit_record.plan_json`) or round record (`round_json`), canonical."""
    if record.get("format") not in {PLAN_FORMAT, ROUND_FORMAT}:
        raise AuditFileError(str(path), [f"format: {record.get('format')} is no audit record"])
    path.write_bytes(canonical_json(record))


def _canonical_document(data: bytes, source: str) -> dict[str, JSONValue]:
    document: dict[str, JSONValue] = json.loads(data)
    require_canonical(data, canonical_json(document), source)
    return document


def _reads(given: Mapping[str, JsonValue] | None) -> Mapping[str, Reading] | None:
    return shows_from_json(cast(JSONValue, given))
