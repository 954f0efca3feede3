"""The station report: the trust anchor of DESIGN.md §3, in its canonical bytes.

What the box prints and sends: the election, the definition hash, the station, the device (its
public key), the kind (the zero report at opening, the final report at close), a sequence number,
the tally sheet of every contest (DESIGN.md §3 and `counting.tally`: ballot papers received, used,
unused, spoiled; cast; valid; invalid by kind; void; votes per candidate), and the number and
digest of the cast-vote records (`report.records`). The model is Brazil's Boletim de Urna: a
report anyone can re-add, whose zero report proves the box was empty when it opened.

`sequence` is the device's count of the reports it has signed, so that a replayed report is
recognisable: the centre holds, per device, the reports it accepted, and takes the same bytes
again as the same report.

Canonical form (format `sandogh/station-report@1`), canonical JSON (`report.canonical_json`):

    {"cvr_count":N,"cvr_digest":"sha256:…","definition_hash":"sha256:…","device":"ed25519:…",
     "election":"…","format":"sandogh/station-report@1","kind":"zero"|"final","sequence":N,
     "sheets":{CONTEST:{"cast":N,"invalid":{"blank":N,"illegible":N,"multiple-names":N,
     "non-candidate":N},"papers_received":N,"papers_spoiled":N,"papers_unused":N,"papers_used":N,
     "valid":N,"void":N,"votes":{CODE:N,…}},…},"station":"…"}

An end-to-end verifiable box's final report (docs/e2e.md §7) has one more field, and only such
a report has it: `"e2e":{"chain_close":HEX,"tally_hash":HEX}`, the close of the box's chain of
confirmation codes and the hash of its encrypted tally (64 lower-case hex digits each), so that
the signature ties the figures to the E2E record. A report without it reads as before.

A box names the software it runs (issue 12; docs/fleet.md): `"build":"sha256:…"`, the hash of
its installed code as `station.build` defines it, in every report it signs, zero and final, so
the signature covers it. A report without it (written before builds were attested) reads as
before; the centre refuses one once it keeps a list of approved builds.

A box's final report carries the close's reconciliation (issue 13; `report.reconciliation`): the
cards charged, used and unused, the ballots cast, the paper copies counted and the staff's words
for any mismatch, `"reconciliation":{…}`, sorted between `kind` and `sequence`. A report without
it (a paper station's, or one signed before) reads as before; its `cast` is the report's
`cvr_count`, and a zero report has none.

A sheet with crossed-out ballots (مخدوش, `InvalidKind.CROSSED_OUT`, counted on paper) has one
more invalid figure, `"crossed-out":N`, written only when N is not 0 (`tally.LATER_KINDS`), so a
report signed before the kind existed keeps its bytes, hash and signatures.

Every other field is present; every other invalid kind is written, 0 included; a sheet's votes are
written as given (a ballot's candidates with 0 votes included); N is a whole number from 0 to
2^53 − 1. The
report hash is `sha256:` + the hex SHA-256 of these bytes. Reading accepts these bytes only: a
field missing, unknown, of a wrong type or range, or bytes that are not canonical, raise
`ReportError` naming every field.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.counting.tally import (
    FIGURES,
    LATER_KINDS,
    Counts,
    InvalidKind,
    TallySheet,
    written_invalid,
)
from sandogh.core.definition.problems import Problem
from sandogh.core.report.ballot import BallotContest, Papers, count_ballots
from sandogh.core.report.digests import DIGEST, sha256_text
from sandogh.core.report.errors import ReportError
from sandogh.core.report.json_reader import Reader
from sandogh.core.report.keys import KEY_TEXT, PublicKey
from sandogh.core.report.reconciliation import FIELD as RECONCILIATION
from sandogh.core.report.reconciliation import CloseReconciliation, read_reconciliation
from sandogh.core.report.records import CastVoteRecord, cvr_digest

REPORT_FORMAT = "sandogh/station-report@1"


class ReportKind(StrEnum):
    ZERO = "zero"  # at opening: nothing cast, every count 0 (صورتجلسه آغاز رأی‌گیری)
    FINAL = "final"  # at close: the station's count


_KINDS = frozenset(InvalidKind)
_HEX = re.compile("[0-9a-f]{64}")


@dataclass(frozen=True)
class E2ECommitment:
    """What an E2E final report signs of the box's E2E record (docs/e2e.md §7), in hex."""

    chain_close: str
    tally_hash: str


#: What a zero report must show as 0; received and unused may show the papers the box opened with.
_ZERO_AT_OPENING = ("papers_used", "papers_spoiled", "cast", "valid", "void")


@dataclass(frozen=True)
class StationReport:
    """One station's report. Sheets are held sorted by contest, each with every invalid kind.

    Building one checks it: an empty or malformed id or digest, a figure out of range, two sheets
    of a contest or a sheet of another station, or a zero report with anything counted, raise
    `ReportError` naming every field.
    """

    election: str
    definition_hash: str
    station: str
    device: PublicKey
    kind: ReportKind
    sequence: int
    sheets: tuple[TallySheet, ...]
    cvr_count: int
    cvr_digest: str
    e2e: E2ECommitment | None = None  # an E2E box's final report only
    build: str | None = None  # `sha256:…` of the box's installed code (`station.build`)
    reconciliation: CloseReconciliation | None = None  # a box's final report (its close)

    def __post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise ReportError(problems)
        object.__setattr__(
            self, "sheets", tuple(_normal(sheet) for sheet in sorted(self.sheets, key=_contest))
        )


def _contest(sheet: TallySheet) -> str:
    return sheet.contest


def _normal(sheet: TallySheet) -> TallySheet:
    """The sheet with fresh dicts: every invalid kind in enum order, votes in code order."""
    counts = sheet.counts
    return dataclasses.replace(
        sheet,
        counts=dataclasses.replace(
            counts,
            invalid={kind: counts.invalid.get(kind, 0) for kind in InvalidKind},
            votes=dict(sorted(counts.votes.items())),
        ),
    )


def _problems(report: StationReport) -> list[Problem]:
    reader = Reader()
    reader.text(report.election, "election")
    reader.text(report.definition_hash, "definition_hash", DIGEST)
    reader.text(report.station, "station")
    reader.figure(report.sequence, "sequence")
    reader.figure(report.cvr_count, "cvr_count")
    reader.text(report.cvr_digest, "cvr_digest", DIGEST)
    if not report.sheets:
        reader.problem("sheets", "a report has a sheet for every contest of the station")
    for contest, n in Counter(sheet.contest for sheet in report.sheets).items():
        if n > 1:
            reader.problem(f"sheets[{contest}]", f"{n} sheets for one contest")
    for sheet in report.sheets:
        path = f"sheets[{sheet.contest}]"
        reader.text(sheet.contest, f"{path}.contest")
        if sheet.station != report.station:
            reader.problem(f"{path}.station", f"{sheet.station} is not {report.station}")
        counts = sheet.counts
        for figure in FIGURES:
            reader.figure(getattr(counts, figure), f"{path}.{figure}")
        for kind, n in counts.invalid.items():
            if kind not in _KINDS:
                reader.problem(f"{path}.invalid", f"{kind!r} is not an invalid kind")
            reader.figure(n, f"{path}.invalid[{kind}]")
        for code, n in counts.votes.items():
            reader.text(code, f"{path}.votes")
            reader.figure(n, f"{path}.votes[{code}]")
    if report.build is not None:
        reader.text(report.build, "build", DIGEST)
    if report.e2e is not None:
        reader.text(report.e2e.chain_close, "e2e.chain_close", _HEX)
        reader.text(report.e2e.tally_hash, "e2e.tally_hash", _HEX)
    reader.problems.extend(_close_problems(report))
    if report.kind is ReportKind.ZERO:
        reader.problems.extend(_counted_at_opening(report))
    return reader.problems


def _close_problems(report: StationReport) -> Iterable[Problem]:
    """A reconciliation in a zero report, or whose ballots cast are not those counted."""
    reconciled = report.reconciliation
    if reconciled is None:
        return
    if report.kind is ReportKind.ZERO:
        yield Problem(RECONCILIATION, "a zero report has no close to reconcile")
    elif reconciled.cast != report.cvr_count:
        yield Problem(
            f"{RECONCILIATION}.cast",
            f"{reconciled.cast} ballots cast at the close, {report.cvr_count} counted",
        )


def _counted_at_opening(report: StationReport) -> Iterable[Problem]:
    if report.cvr_count:
        yield Problem("cvr_count", "a zero report has no cast-vote record")
    if report.e2e is not None:
        yield Problem("e2e", "a zero report commits to no chain: the chain starts from it")
    if report.cvr_digest != cvr_digest(()):
        yield Problem("cvr_digest", "a zero report has the digest of no records")
    for sheet in report.sheets:
        path = f"sheets[{sheet.contest}]"
        counts = sheet.counts
        for figure in _ZERO_AT_OPENING:
            if getattr(counts, figure):
                yield Problem(f"{path}.{figure}", "a zero report counts 0")
        for kind, n in counts.invalid.items():
            if n:
                yield Problem(f"{path}.invalid[{kind}]", "a zero report counts 0")
        for code, n in counts.votes.items():
            if n:
                yield Problem(f"{path}.votes[{code}]", "a zero report counts 0")


def report_from_records(
    *,
    kind: ReportKind,
    election: str,
    definition_hash: str,
    station: str,
    device: PublicKey,
    sequence: int,
    ballot: Sequence[BallotContest],
    records: Iterable[CastVoteRecord],
    papers: Mapping[str, Papers],
) -> StationReport:
    """The report of an electronic station: its records counted (`ballot.count_ballots`) into a
    sheet per contest of its ballot, with their number and digest."""
    given = tuple(records)
    counts = count_ballots(given, ballot, papers)
    return StationReport(
        election=election,
        definition_hash=definition_hash,
        station=station,
        device=device,
        kind=kind,
        sequence=sequence,
        sheets=tuple(TallySheet(station, contest, c) for contest, c in counts.items()),
        cvr_count=len(given),
        cvr_digest=cvr_digest(given),
    )


def zero_report(
    *,
    election: str,
    definition_hash: str,
    station: str,
    device: PublicKey,
    sequence: int,
    ballot: Sequence[BallotContest],
) -> StationReport:
    """What the box prints when it opens: every figure of every contest on its ballot 0, every
    candidate listed with 0 votes, no records."""
    return report_from_records(
        kind=ReportKind.ZERO,
        election=election,
        definition_hash=definition_hash,
        station=station,
        device=device,
        sequence=sequence,
        ballot=ballot,
        records=(),
        papers={contest.contest: Papers() for contest in ballot},
    )


def encode_report(report: StationReport) -> bytes:
    """The canonical bytes of `report` (see the module docstring): what the device signs."""
    e2e = report.e2e
    also: dict[str, JSONValue] = (
        {}
        if e2e is None
        else {"e2e": {"chain_close": e2e.chain_close, "tally_hash": e2e.tally_hash}}
    )
    if report.build is not None:
        also["build"] = report.build
    if report.reconciliation is not None:
        also[RECONCILIATION] = dict(report.reconciliation.document())
    return canonical_json(
        {
            **also,
            "format": REPORT_FORMAT,
            "election": report.election,
            "definition_hash": report.definition_hash,
            "station": report.station,
            "device": report.device.text,
            "kind": report.kind.value,
            "sequence": report.sequence,
            "cvr_count": report.cvr_count,
            "cvr_digest": report.cvr_digest,
            "sheets": {sheet.contest: sheet_document(sheet.counts) for sheet in report.sheets},
        }
    )


def sheet_document(counts: Counts) -> dict[str, object]:
    """A sheet's figures as a report's `sheets` writes them."""
    document: dict[str, object] = {figure: getattr(counts, figure) for figure in FIGURES}
    document["invalid"] = written_invalid(counts.invalid)
    document["votes"] = dict(counts.votes)
    return document


def report_hash(report: StationReport) -> str:
    """`sha256:` and the hex SHA-256 of the canonical bytes: the same report, the same hash."""
    return sha256_text(encode_report(report))


_REPORT_FIELDS = frozenset(
    (
        "format",
        "election",
        "definition_hash",
        "station",
        "device",
        "kind",
        "sequence",
        "cvr_count",
        "cvr_digest",
        "sheets",
    )
)
_SHEET_FIELDS = frozenset((*FIGURES, "invalid", "votes"))
_E2E_FIELDS = frozenset(("chain_close", "tally_hash"))
_INVALID_FIELDS = frozenset(kind.value for kind in InvalidKind if kind not in LATER_KINDS)
_LATER = frozenset(kind.value for kind in LATER_KINDS)
_KIND = re.compile("|".join(kind.value for kind in ReportKind))


def decode_report(data: bytes) -> StationReport:
    """The report whose canonical bytes are `data`; anything else raises `ReportError`."""
    reader = Reader()
    parsed = reader.parse(data)
    optional = (
        {"e2e", "build", RECONCILIATION} & parsed.keys() if isinstance(parsed, dict) else set()
    )
    document = None if reader.problems else reader.fields(parsed, "", _REPORT_FIELDS | optional)
    if document is None:
        raise ReportError(reader.problems)
    if document["format"] != REPORT_FORMAT:
        raise ReportError([Problem("format", f"{document['format']!r} is not {REPORT_FORMAT}")])
    station = reader.text(document["station"], "station")
    texts = {
        "election": reader.text(document["election"], "election"),
        "definition_hash": reader.text(document["definition_hash"], "definition_hash", DIGEST),
        "device": reader.text(document["device"], "device", KEY_TEXT),
        "kind": reader.text(document["kind"], "kind", _KIND),
        "cvr_digest": reader.text(document["cvr_digest"], "cvr_digest", DIGEST),
    }
    sequence = reader.figure(document["sequence"], "sequence")
    cvr_count = reader.figure(document["cvr_count"], "cvr_count")
    sheets = _read_sheets(reader, document["sheets"], station)
    e2e = _read_e2e(reader, document["e2e"]) if "e2e" in document else None
    build = reader.text(document["build"], "build", DIGEST) if "build" in document else None
    reconciled = (
        read_reconciliation(reader, document[RECONCILIATION])
        if RECONCILIATION in document
        else None
    )
    if reader.problems:
        raise ReportError(reader.problems)
    report = StationReport(
        election=texts["election"],
        definition_hash=texts["definition_hash"],
        station=station,
        device=PublicKey.from_text(texts["device"]),
        kind=ReportKind(texts["kind"]),
        sequence=sequence,
        sheets=sheets,
        cvr_count=cvr_count,
        cvr_digest=texts["cvr_digest"],
        e2e=e2e,
        build=build,
        reconciliation=reconciled,
    )
    reader.require_canonical(encode_report(report), data)
    if reader.problems:
        raise ReportError(reader.problems)
    return report


def _read_e2e(reader: Reader, value: object) -> E2ECommitment | None:
    document = reader.fields(value, "e2e", _E2E_FIELDS)
    if document is None:
        return None
    return E2ECommitment(
        chain_close=reader.text(document["chain_close"], "e2e.chain_close", _HEX),
        tally_hash=reader.text(document["tally_hash"], "e2e.tally_hash", _HEX),
    )


def _read_sheets(reader: Reader, value: object, station: str) -> tuple[TallySheet, ...]:
    sheets: list[TallySheet] = []
    for contest, sheet_value in (reader.mapping(value, "sheets") or {}).items():
        path = f"sheets[{contest}]"
        sheet = reader.fields(sheet_value, path, _SHEET_FIELDS)
        if sheet is None:
            continue
        given = sheet["invalid"]
        later = _LATER & given.keys() if isinstance(given, dict) else frozenset()
        invalid = reader.fields(given, f"{path}.invalid", _INVALID_FIELDS | later)
        votes = reader.mapping(sheet["votes"], f"{path}.votes")
        figure = {name: reader.figure(sheet[name], f"{path}.{name}") for name in FIGURES}
        counts = Counts(
            papers_received=figure["papers_received"],
            papers_used=figure["papers_used"],
            papers_unused=figure["papers_unused"],
            papers_spoiled=figure["papers_spoiled"],
            cast=figure["cast"],
            valid=figure["valid"],
            invalid={
                InvalidKind(kind): reader.figure(n, f"{path}.invalid[{kind}]")
                for kind, n in (invalid or {}).items()
            },
            void=figure["void"],
            votes={
                code: reader.figure(n, f"{path}.votes[{code}]") for code, n in (votes or {}).items()
            },
        )
        sheets.append(TallySheet(station, contest, counts))
    return tuple(sheets)
