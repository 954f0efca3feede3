"""What the box prints: the voter's paper copy, and a station report with its QR codes.

Issue 3: the voter's paper copy drops into the sealed box and nothing that shows the vote is
handed to the voter; so it shows the choices and nothing that could tie it to a voter or a moment
(no card, no time, no number). A report is printed with every figure of its tally sheets, so that
anyone can re-add it, and QR codes carrying the signed bytes (`station.qr`).

An E2E box (docs/e2e.md §7) prints the ballot's confirmation code on the paper copy, in Persian
digits and in Latin ones, and hands the voter a receipt with the station and the code only
(nothing of the vote); a challenged ballot is printed for the voter with its choices, its code
and its nonce, marked challenged and not counted in Persian and English.

Issue 13: everything is printed in the box's language, Persian unless the box was started in
English (`locale.printouts`), with the election, the station, its contests and candidates by
name (`station.ballot_names`). A report reads as the headquarters' forms do: each figure in
digits and in words, as an official reads it out, the Jalali date and Tehran time it was
printed, and the signers by role; then the ids and digests that tie the page to its QR codes
and the centre's copy. The paper copy is in the box's language whichever the voter read on the
screen: a copy in the voter's language would tell their copy from the others in the box.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from sandogh.core.counting.tally import INVALID_FIGURES, TallySheet
from sandogh.core.report import CastVoteRecord, ReportKind, SignedReport, StationReport
from sandogh.locale import Lang, format_int, in_words, to_persian_digits
from sandogh.locale.dates import format_moment
from sandogh.locale.messages import text_in
from sandogh.locale.printouts import CATALOGUE
from sandogh.locale.staff_refusals import ROLES
from sandogh.station.ballot_names import BallotNames, with_code
from sandogh.station.setup import StationSetup

CHALLENGED_FA = "ابطال‌شده برای بررسی — شمرده نمی‌شود"
CHALLENGED_EN = "challenged — not counted"
#: A report's figures of each sheet, in the order of the headquarters' minutes.
_FIGURES = ("papers_received", "papers_used", "papers_unused", "papers_spoiled", "cast", "valid")


@dataclass(frozen=True)
class Printouts:
    """The pages of one box, in its language `lang`, with the names its enrolment gave."""

    lang: Lang
    names: BallotNames

    def _t(self, key: str, **values: str | int) -> str:
        return text_in(CATALOGUE, key, self.lang, **values)

    def paper_copy(
        self, setup: StationSetup, record: CastVoteRecord, code: str | None = None
    ) -> list[str]:
        """The voter's paper copy: each contest of the ballot they voted in, with its choices;
        and, from an E2E box, the ballot's readable confirmation `code`."""
        lines = [self._t("print_copy"), *self._heading(setup)]
        if code is not None:
            lines.extend(self._code_lines(code))
        lines.extend(self._choice_lines(setup, record))
        return lines

    def receipt(self, setup: StationSetup, code: str) -> list[str]:
        """What an E2E box's voter takes home: the station and the code, nothing of the vote."""
        return [
            self._t("print_receipt"),
            *self._heading(setup),
            *self._code_lines(code),
            self._t("print_receipt_how"),
        ]

    def challenged(
        self, setup: StationSetup, record: CastVoteRecord, code: str, nonce: bytes
    ) -> list[str]:
        """A challenged ballot, opened: what the box encrypted, its code, and the nonce with
        which anyone encrypts it again (docs/e2e.md §7)."""
        return [
            self._t("print_challenged"),
            CHALLENGED_FA,
            CHALLENGED_EN,
            *self._heading(setup),
            *self._code_lines(code),
            *self._choice_lines(setup, record),
            self._t("print_nonce"),
            nonce.hex(),
        ]

    def report(
        self,
        report: StationReport,
        signed: SignedReport,
        data: bytes,
        at: datetime.datetime,
    ) -> list[str]:
        """A report's page, printed at `at`; `data` are the signed report's bytes
        (`encode_signed`), whose SHA-256 is printed so the page, the QR codes and the centre's
        copy can be matched."""
        zero = report.kind is ReportKind.ZERO
        lines = [
            self._t("print_zero" if zero else "print_final"),
            self.names.election(report.election, self.lang),
            self._t("print_station", station=self._station(report.station)),
            self._t("print_number", number=report.sequence),
            self._t("print_at", moment=format_moment(at, self.lang)),
        ]
        for sheet in sorted(report.sheets, key=lambda sheet: self.names.place(sheet.contest)):
            lines.extend(self._sheet_lines(sheet))
        roles = ROLES[self.lang]
        signers = [self._t("print_device"), *(roles[staff.role] for staff in signed.staff)]
        lines.append(self._t("print_signed_by", signers=self._joined(signers)))
        lines.extend(
            (
                self._t("print_election_id", election=report.election),
                self._t("print_definition"),
                report.definition_hash,
                self._t("print_device_key"),
                report.device.text,
            )
        )
        if report.build is not None:
            lines.extend((self._t("print_build"), report.build))
        lines.extend((self._t("print_records", count=report.cvr_count), report.cvr_digest))
        if report.e2e is not None:  # what ties the figures to the E2E record (docs/e2e.md §7)
            lines.extend(
                (
                    self._t("print_e2e_close"),
                    report.e2e.chain_close,
                    self._t("print_e2e_tally"),
                    report.e2e.tally_hash,
                )
            )
        lines.extend((self._t("print_digest"), "sha256:" + hashlib.sha256(data).hexdigest()))
        return lines

    def _heading(self, setup: StationSetup) -> list[str]:
        return [
            self.names.election(setup.election, self.lang),
            self._t("print_station", station=self._station(setup.station)),
        ]

    def _station(self, code: str) -> str:
        return with_code(self.names.station(code, self.lang), code)

    def _code_lines(self, code: str) -> list[str]:
        """The confirmation code as the language writes it; a Persian page adds its Latin
        digits, which the results site's look-up also takes."""
        if self.lang == "en":
            return [self._t("print_code", code=code)]
        return [self._t("print_code", code=to_persian_digits(code)), f"({code})"]

    def _choice_lines(self, setup: StationSetup, record: CastVoteRecord) -> list[str]:
        chosen = {choice.contest: choice.codes for choice in record.choices}
        lines = []
        for item in setup.ballot:
            if item.contest not in chosen:
                continue
            shown = [self._candidate(item.contest, c) for c in chosen[item.contest]]
            lines.append(self._contest(item.contest))
            lines.extend(f"  {choice}" for choice in shown or [self._t("box_blank")])
        return lines

    def _sheet_lines(self, sheet: TallySheet) -> list[str]:
        counts = sheet.counts
        lines = [self._contest(sheet.contest)]
        lines.extend(self._figure(figure, getattr(counts, figure)) for figure in _FIGURES)
        lines.append(self._figure("invalid", counts.invalid_total))
        lines.extend(
            self._t("print_invalid_kind", label=self._t(INVALID_FIGURES[kind]), number=n)
            for kind, n in counts.invalid.items()
        )
        lines.append(self._figure("void", counts.void))
        lines.extend(
            self._t(
                "print_votes",
                candidate=self._candidate(sheet.contest, code),
                figure=self._read(n),
            )
            for code, n in counts.votes.items()
        )
        return lines

    def _figure(self, label: str, number: int) -> str:
        return self._t("print_figure", label=self._t(label), figure=self._read(number))

    def _contest(self, contest: str) -> str:
        return f"— {self.names.contest(contest, self.lang)} —"

    def _candidate(self, contest: str, code: str) -> str:
        """A candidate as the ballot shows them: the code, then the name when it is known."""
        shown = to_persian_digits(code) if self.lang == "fa" else code
        name = self.names.candidate(contest, code, self.lang)
        return f"{shown} {name}" if name else shown

    def _read(self, number: int) -> str:
        """A figure in digits and in words, as an official reads it out."""
        return self._t(
            "print_in_words",
            number=format_int(number, self.lang),
            words=in_words(number, self.lang),
        )

    def _joined(self, items: list[str]) -> str:
        return ("، " if self.lang == "fa" else ", ").join(items)
