"""What the box prints: the voter's paper copy, and a station report with its QR codes.

Issue 3: the voter's paper copy drops into the sealed box and nothing that shows the vote is
handed to the voter; so it shows the choices and nothing that could tie it to a voter or a moment
(no card, no time, no number). A report is printed with every figure of its tally sheets, so that
anyone can re-add it, and QR codes carrying the signed bytes (`station.qr`).

An E2E box (docs/e2e.md §7) prints the ballot's confirmation code on the paper copy, in Persian
digits and in Latin ones, and hands the voter a receipt with the station and the code only
(nothing of the vote); a challenged ballot is printed for the voter with its choices, its code
and its nonce, marked challenged and not counted in Persian and English.
"""

from __future__ import annotations

import hashlib

from sandogh.core.report import CastVoteRecord, ReportKind, SignedReport, StationReport
from sandogh.locale import to_persian_digits
from sandogh.station.setup import StationSetup

BLANK = "blank"
CHALLENGED_FA = "ابطال‌شده برای بررسی — شمرده نمی‌شود"
CHALLENGED_EN = "challenged — not counted"


def paper_copy_lines(
    setup: StationSetup, record: CastVoteRecord, code: str | None = None
) -> list[str]:
    """The voter's paper copy: each contest of the ballot they voted in, with its codes; and,
    from an E2E box, the ballot's readable confirmation `code`."""
    lines = ["sandogh ballot", f"{setup.election} · {setup.station}"]
    if code is not None:
        lines.extend(_code_lines(code))
    lines.extend(_choice_lines(setup, record))
    return lines


def receipt_lines(setup: StationSetup, code: str) -> list[str]:
    """What an E2E box's voter takes home: the station and the code, nothing of the vote."""
    return ["sandogh receipt", f"{setup.election} · {setup.station}", *_code_lines(code)]


def challenged_lines(
    setup: StationSetup, record: CastVoteRecord, code: str, nonce: bytes
) -> list[str]:
    """A challenged ballot, opened: what the box encrypted, its code, and the nonce with which
    anyone encrypts it again (docs/e2e.md §7)."""
    return [
        "sandogh challenged ballot",
        CHALLENGED_FA,
        CHALLENGED_EN,
        f"{setup.election} · {setup.station}",
        *_code_lines(code),
        *_choice_lines(setup, record),
        f"nonce {nonce.hex()}",
    ]


def _code_lines(code: str) -> list[str]:
    return [f"کد رهگیری {to_persian_digits(code)}", f"code {code}"]


def _choice_lines(setup: StationSetup, record: CastVoteRecord) -> list[str]:
    chosen = {choice.contest: choice.codes for choice in record.choices}
    return [
        f"{item.contest}: {' '.join(chosen[item.contest]) or BLANK}"
        for item in setup.ballot
        if item.contest in chosen
    ]


def report_lines(report: StationReport, signed: SignedReport, data: bytes) -> list[str]:
    """A report's page; `data` are the signed report's bytes (`encode_signed`), whose SHA-256
    is printed so the page, the QR codes and the centre's copy can be matched."""
    title = "ZERO REPORT" if report.kind is ReportKind.ZERO else "STATION REPORT"
    lines = [
        f"sandogh {title} no. {report.sequence}",
        f"election {report.election}",
        f"station {report.station}",
        f"definition {report.definition_hash}",
        f"device {report.device.text}",
        f"records {report.cvr_count} {report.cvr_digest}",
    ]
    if report.build is not None:
        lines.insert(5, f"build {report.build}")
    for sheet in report.sheets:
        counts = sheet.counts
        invalid = ", ".join(f"{kind} {n}" for kind, n in counts.invalid.items())
        lines.extend(
            (
                f"-- {sheet.contest}",
                f"papers received {counts.papers_received} used {counts.papers_used}"
                f" unused {counts.papers_unused} spoiled {counts.papers_spoiled}",
                f"cast {counts.cast} valid {counts.valid} void {counts.void}",
                f"invalid {invalid}",
            )
        )
        lines.extend(f"  {code}: {n}" for code, n in counts.votes.items())
    if report.e2e is not None:  # what ties the figures to the E2E record (docs/e2e.md §7)
        lines.extend(
            (f"e2e chain close {report.e2e.chain_close}", f"e2e tally {report.e2e.tally_hash}")
        )
    signers = ", ".join(["device", *(staff.role.value for staff in signed.staff)])
    lines.append(f"signed by {signers}")
    lines.append("sha256:" + hashlib.sha256(data).hexdigest())
    return lines
