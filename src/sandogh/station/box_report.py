"""Counting at the ballot box and its signed reports (`station.box`'s day, from the close on).

`count` opens the sealed ballots with two of the staff's keys (or the only one) and counts the
cast-vote records into the tally sheets; a paper station's sheets come from blind double entry
(`count_paper`). `report` signs the counted report (the device, then the staff: signers short of
the centre's rule are refused), prints it with its QR codes and queues it for the centre; a final
report the centre refused is signed again the same way, the new signed report superseding the
refused one while the station stays reported (`core.station.ReportAgain`). The zero report at
opening is signed and kept by the same steps (`_sign`, `_keep`).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping, Sequence

from sandogh.core.anchor.coverage import check_staff
from sandogh.core.report import (
    CloseReconciliation,
    ReportError,
    ReportKind,
    SignatureError,
    SignedReport,
    SigningKey,
    StaffRole,
    StationReport,
    decode_record,
    decode_report,
    decode_signed,
    encode_report,
    encode_signed,
    sign_as_staff,
    sign_report,
)
from sandogh.core.report.json_reader import Reader
from sandogh.core.report.reconciliation import read_reconciliation
from sandogh.core.report.staff import RegisteredStaff
from sandogh.core.station import Action, Count, Open, Report, ReportAgain, require, transition
from sandogh.station import ballot_chain
from sandogh.station.box_state import BoxState, record_bound_of
from sandogh.station.count import count_entered, count_records
from sandogh.station.count_key import recover
from sandogh.station.errors import UnsignedMinutesError
from sandogh.station.local_outbox import OutboxKind
from sandogh.station.local_store import StoredStation, Transaction
from sandogh.station.qr import qr_parts
from sandogh.station.setup import StationSetup


def _require_signers(signed: SignedReport, setup: StationSetup) -> None:
    """Refuse (`UnsignedMinutesError`) a final report the centre would refuse for its signers, by
    the centre's own rule (`check_staff`), naming the registered members still to sign it."""
    registered = [
        RegisteredStaff(setup.election, setup.station, m.person, m.role, m.key) for m in setup.staff
    ]
    try:
        check_staff(signed, ReportKind.FINAL, setup.station, registered)
    except SignatureError as error:
        signers = {s.key for s in signed.staff}
        waiting = sorted(
            (m for m in setup.staff if m.key not in signers),
            key=lambda m: m.role is not StaffRole.HEAD,
        )
        raise UnsignedMinutesError([m.person for m in waiting], error.problems) from error


def closed_reconciliation(tx: Transaction) -> CloseReconciliation | None:
    """The staff's reconciliation kept at the close, as the final report signs it (None when
    the box was closed without one)."""
    kept = tx.reconciled()
    if kept is None:
        return None
    reader = Reader()
    figures = {name: value for name, value in kept.items() if name != "staff"}
    reconciled = read_reconciliation(reader, figures)
    if reconciled is None:
        raise ReportError(reader.problems)
    return reconciled


def final_refused(tx: Transaction) -> bool:
    """Whether the centre refused the station's signed final report (it is kept in the outbox,
    refused): then the staff sign the counted report again."""
    queued = tx.queued(OutboxKind.REPORT, ReportKind.FINAL.value)
    return queued is not None and queued.refused is not None


class Reporting(BoxState):
    """The box's count and its signed reports (`Box` is one)."""

    def count(
        self,
        spoiled: Mapping[str, int] | None = None,
        *,
        staff: Sequence[tuple[StaffRole, SigningKey]],
    ) -> StationReport:
        """Count the ballots into the tally sheets (`count.count_records`), with the ballot
        papers `spoiled` per contest as counted by hand. The keys of two registered `staff` (or
        of the only one) open the count key in memory (`count_key.recover`, whose
        `StaffKeyError` names what is wrong); only the counted report is stored."""
        given = dict(spoiled or {})
        with self._station() as (tx, station):
            require(station.lifecycle, Action.COUNT)
            setup = station.setup
            key = tx.count_key()
            if key is None:
                raise AssertionError("a closed station holds its count key")
            registered = [(member.role, member.key) for member in setup.staff]
            opener = recover(key, registered, staff, record_bound_of(setup.ballot))
            records = [decode_record(opener.open(sealed)) for sealed in tx.records()]
            report = count_records(tx, station, self.key.public_key, given, records)
            if setup.e2e is not None:
                commitment = ballot_chain.commitment(tx, setup, len(records))
                report = dataclasses.replace(report, e2e=commitment)
            report = dataclasses.replace(report, reconciliation=closed_reconciliation(tx))
            tx.set_spoiled(given)
            return self._counted(tx, station, report)

    def count_paper(self) -> StationReport:
        """A paper station's count: the sheets agreed by blind double entry (`double_entry`)."""
        with self._station() as (tx, station):
            require(station.lifecycle, Action.COUNT)
            return self._counted(tx, station, count_entered(tx, station, self.key.public_key))

    def _counted(
        self, tx: Transaction, station: StoredStation, report: StationReport
    ) -> StationReport:
        """Keep the counted report, with this box's build in it, as what `report` signs."""
        report = dataclasses.replace(report, build=self.build)
        tx.set_counted(encode_report(report))
        tx.save_lifecycle(transition(station.lifecycle, Count()))
        return report

    def report(self, staff: Sequence[tuple[StaffRole, SigningKey]] = ()) -> SignedReport:
        """Sign the counted report (device, then each of `staff`), print it with its QR codes and
        queue it for the centre. Signers short of the centre's rule are refused
        (`UnsignedMinutesError`). A final report the centre refused is signed again the same
        way: the new signed report supersedes the refused one, which the centre never took."""
        with self._station() as (tx, station):
            again = final_refused(tx)
            require(station.lifecycle, Action.REPORT_AGAIN if again else Action.REPORT)
            if station.counted is None:
                raise AssertionError("a counted station holds its counted report")
            report, signed, data = self._sign(decode_report(station.counted), staff)
            _require_signers(signed, station.setup)
            digest = hashlib.sha256(data).hexdigest()
            if again:
                tx.save_lifecycle(transition(station.lifecycle, ReportAgain(digest)))
                tx.supersede_signed(report.kind.value, data)
                tx.enqueue(OutboxKind.REPORT, report.kind.value, data, self._clock())
            else:
                self._keep(tx, station, Report(digest), report, data)
            if report.e2e is not None:
                chain = self._export(tx, station)
                tx.enqueue(OutboxKind.BALLOT_CHAIN, report.kind.value, chain, self._clock())
        self._print(report, signed, data)
        return signed

    def export_chain(self) -> bytes:
        """The box's chain file (docs/e2e.md §7), once voting has closed."""
        with self._station() as (tx, station):
            return self._export(tx, station)

    def _export(self, tx: Transaction, station: StoredStation) -> bytes:
        return ballot_chain.export(tx, station.setup.station, self.key.public_key)

    def reprint(self, kind: ReportKind) -> bool:
        """Print a signed report again (after a paper jam); False if there is none of `kind`."""
        with self._station() as (tx, _):
            data = tx.signed(kind.value)
        if data is None:
            return False
        signed = decode_signed(data)
        report = decode_report(signed.report)
        self._print(report, signed, data)
        return True

    def _print(self, report: StationReport, signed: SignedReport, data: bytes) -> None:
        """Print a signed report with its QR codes, dated by the box's clock."""
        lines = self._printouts().report(report, signed, data, self._clock())
        self._printer.print_lines(lines, qr=qr_parts(data))

    def _sign(
        self, report: StationReport, staff: Sequence[tuple[StaffRole, SigningKey]]
    ) -> tuple[StationReport, SignedReport, bytes]:
        """`report` with this box's build in it (issue 12), signed by the device and `staff`."""
        report = dataclasses.replace(report, build=self.build)
        signed = sign_report(report, self.key)
        for role, key in staff:
            signed = sign_as_staff(signed, role, key)
        return report, signed, encode_signed(signed)

    def _keep(
        self,
        tx: Transaction,
        station: StoredStation,
        event: Open | Report,
        report: StationReport,
        data: bytes,
    ) -> None:
        tx.save_lifecycle(transition(station.lifecycle, event))
        tx.save_signed(report.kind.value, report.sequence, data)
        tx.enqueue(OutboxKind.REPORT, report.kind.value, data, self._clock())
