"""The station's signed reports, as far as the record needs them (`docs/e2e.md` §9, §10 V6, V15,
V18): the zero report's hash that starts the chain, and the final report's commitment to the
chain's close and the tally's hash, its device's signature and its figures.

The signed report's form is docs/formats.md's and `core/report/signatures.py`'s: canonical JSON
`{"device_signature", "format", "report", "staff"}`, the device signing the line
`sandogh/station-report@1 device\\n` and then the report's canonical bytes. Whether the device
and the staff are those the pre-election record enrolled is `verify-results`' check.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import nacl.exceptions
import nacl.signing

from sandogh.verify_election.checks import Check, Ledger
from sandogh.verify_election.definition import ContestBallot
from sandogh.verify_election.election import Context
from sandogh.verify_election.errors import RecordError
from sandogh.verify_election.reading import (
    Source,
    canonical_bytes,
    count,
    digest,
    field,
    parse_json,
    prefixed,
)
from sandogh.verify_election.summary import StationSummary, StationTask

SIGNED_FORMAT = "sandogh/signed-station-report@1"
DEVICE_LINE = b"sandogh/station-report@1 device\n"


@dataclass(frozen=True)
class SignedReport:
    data: bytes  # the file's bytes, as the box sent them: the chain starts from their hash
    report: Any  # the report's JSON object
    report_bytes: bytes  # its canonical bytes: what the device signed, what its hash is of
    device: bytes
    signature: bytes


def read_report(source: Source, where: str) -> SignedReport | None:
    """The signed report at `where`, or None when there is none; `RecordError` if unreadable."""
    data = source.read(where)
    if data is None:
        return None
    document = parse_json(data, where)
    if field(document, "format", where, str) != SIGNED_FORMAT:
        raise RecordError(where, f"not a {SIGNED_FORMAT}")
    report = field(document, "report", where, dict)
    signature = field(document, "device_signature", where, str)
    try:
        signed = bytes.fromhex(signature)
    except ValueError as error:
        raise RecordError(where, "device_signature is not hex") from error
    return SignedReport(
        data, report, canonical_bytes(report), prefixed(report, "device", "ed25519", where), signed
    )


def signature_holds(report: SignedReport) -> bool:
    try:
        nacl.signing.VerifyKey(report.device).verify(
            DEVICE_LINE + report.report_bytes, report.signature
        )
    except (nacl.exceptions.BadSignatureError, ValueError):
        return False
    return True


def check_final(
    source: Source,
    task: StationTask,
    summary: StationSummary,
    *,
    device: bytes | None,
    closed: bytes | None,
    tally: bytes,
) -> None:
    """V15 and V18 against `reports/<station>/final.json`."""
    context, station, ballot = task.context, task.station, task.ballot
    ledger = summary.ledger
    where = f"{context.folder}reports/{station}/final.json"
    try:
        signed = read_report(source, where)
        if signed is None:
            ledger.failed(Check.REPORT_COMMITMENT, where, "the station has no final report")
            return
        if _commitment(
            ledger, context, station, signed, device=device, closed=closed, tally=tally, where=where
        ):
            _figures(ledger, station, ballot, summary, report=signed.report, where=where)
    except RecordError as error:
        ledger.failed(Check.REPORT_COMMITMENT, error.where, error.detail)


def _commitment(
    ledger: Ledger,
    context: Context,
    station: str,
    signed: SignedReport,
    *,
    device: bytes | None,
    closed: bytes | None,
    tally: bytes,
    where: str,
) -> bool:
    report = signed.report
    facts = {
        "station": (field(report, "station", where, str), station),
        "kind": (field(report, "kind", where, str), "final"),
        "election": (field(report, "election", where, str), context.election),
        "definition_hash": (
            field(report, "definition_hash", where, str),
            "sha256:" + context.definition_hash.hex(),
        ),
    }
    for name, (shown, expected) in facts.items():
        if not ledger.record(Check.REPORT_COMMITMENT, shown == expected, where, f"{name} {shown}"):
            return False
    if not ledger.record(
        Check.REPORT_COMMITMENT, signed.device == device, where, "signed by another device"
    ):
        return False
    if not ledger.record(
        Check.REPORT_COMMITMENT,
        signature_holds(signed),
        where,
        "the device's signature does not verify",
    ):
        return False
    e2e = field(report, "e2e", where, dict)
    ledger.record(
        Check.REPORT_COMMITMENT,
        digest(e2e, "chain_close", where) == closed,
        where,
        "e2e.chain_close is not the chain's close",
    )
    return ledger.record(
        Check.REPORT_COMMITMENT,
        digest(e2e, "tally_hash", where) == tally,
        where,
        "e2e.tally_hash is not the hash of the product of the chain's cast ballots",
    )


def _figures(
    ledger: Ledger,
    station: str,
    ballot: Sequence[ContestBallot],
    summary: StationSummary,
    *,
    report: Any,
    where: str,
) -> None:
    ledger.record(
        Check.REPORT_FIGURES,
        count(report, "cvr_count", where) == summary.cast,
        where,
        f"cvr_count is not the {summary.cast} ballots cast in the chain",
    )
    sheets = field(report, "sheets", where, dict)
    for contest in ballot:
        values = summary.values.get(contest.contest)
        name = f"{station}, {contest.contest}"
        sheet = sheets.get(contest.contest)
        if contest.large:
            _large_figures(ledger, contest, summary, sheet, name=name, where=where)
            continue
        if values is None or not isinstance(sheet, dict):
            ledger.failed(Check.REPORT_FIGURES, name, "no sheet, or no decrypted tally, to compare")
            continue
        ballots = summary.tally[contest.contest][0]
        place = f"{where}: sheets.{contest.contest}"
        invalid = field(sheet, "invalid", place, dict)
        votes = field(sheet, "votes", place, dict)
        shown = [votes.get(code) for code in contest.candidates] + [count(invalid, "blank", place)]
        differing = [
            option or "blank"
            for option, figure, value in zip(contest.options, shown, values, strict=True)
            if figure != value
        ]
        if count(sheet, "cast", place) != ballots:
            differing.insert(0, "cast")
        ledger.record(
            Check.REPORT_FIGURES,
            not differing,
            name,
            f"the signed figures of {', '.join(differing)} are not the decrypted tally's",
        )


def _large_figures(
    ledger: Ledger,
    contest: ContestBallot,
    summary: StationSummary,
    sheet: Any,
    *,
    name: str,
    where: str,
) -> None:
    """A large contest has no station tally (§11.5): V18 holds its `cast` to the chain's cast
    ballots carrying it, and keeps its figures for the constituency's count (V25)."""
    if not isinstance(sheet, dict):
        ledger.failed(Check.REPORT_FIGURES, name, "no sheet for the contest")
        return
    place = f"{where}: sheets.{contest.contest}"
    votes = field(sheet, "votes", place, dict)
    figures = [votes.get(code) for code in contest.candidates]
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in figures):
        raise RecordError(place, "a candidate's votes is not a number")
    blank = count(field(sheet, "invalid", place, dict), "blank", place)
    summary.figures[contest.contest] = [*figures, blank]
    cast = count(sheet, "cast", place)
    carried = len(summary.rows[contest.contest])
    ledger.record(
        Check.REPORT_FIGURES,
        cast == carried,
        name,
        f"cast {cast}, the chain casts {carried} ballots carrying the contest",
    )


def zero_hash(report: SignedReport) -> bytes:
    """The SHA-256 of the signed zero report's bytes, which start the chain (§7)."""
    return hashlib.sha256(report.data).digest()
