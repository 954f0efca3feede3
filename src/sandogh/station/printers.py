"""The box's printers (`ports.Printer`): ESC/POS for a real receipt printer, a file for tests;
and a receipt printer at the check-in desk as the ballot card writer (`ports.CardWriter`).

Issue 3: the voter's paper copy is printed into the sealed box through python-escpos, with a file
printer for tests; reports are printed with QR codes (`station.qr`). Both printers check that
every QR payload fits a QR code at error-correction level M, as `qrcode` renders it for ESC/POS,
so a report the file printer takes is one a receipt printer can print.

A voter's paper copy is printed, never kept (issue 9 §1): copies on the box's disk would lie in
the order of voting beside the check-ins. The receipt printer sends it to the device; the file
printer, which stands for the device in tests and demos, keeps copies in memory (`copies`) and
writes only reports to its file.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import escpos.exceptions  # type: ignore[import-untyped]  # python-escpos is untyped
import qrcode  # type: ignore[import-untyped]  # qrcode ships no type information
from escpos.constants import QR_ECLEVEL_M  # type: ignore[import-untyped]  # no type information
from escpos.escpos import Escpos  # type: ignore[import-untyped]  # python-escpos is untyped
from escpos.printer import File  # type: ignore[import-untyped]  # as above
from qrcode.constants import ERROR_CORRECT_M  # type: ignore[import-untyped]  # as above

from sandogh.station.errors import StationFilesError
from sandogh.station.ports import CardWriterError

QR_MODULE_DOTS = 4  # a module of 4 dots scans off 203 dpi thermal paper


def qr_version(payload: bytes) -> int:
    """The smallest QR version (1–40) that holds `payload` at level M; a payload too big for
    any raises ValueError (qrcode's)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
    code.add_data(payload)
    code.make(fit=True)
    return int(code.version)


@dataclass(frozen=True)
class PrintJob:
    lines: tuple[str, ...]
    qr: tuple[bytes, ...]


class FilePrinter:
    """Appends each report to `path` as one JSON line: `{"lines": [...], "qr": [base64, ...]}`;
    keeps the paper copies of this process in `copies`, in memory only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.copies: list[tuple[str, ...]] = []

    def print_copy(self, lines: Sequence[str]) -> None:
        self.copies.append(tuple(lines))

    def print_lines(self, lines: Sequence[str], *, qr: Sequence[bytes] = ()) -> None:
        for payload in qr:
            qr_version(payload)
        job = {"lines": list(lines), "qr": [base64.b64encode(p).decode("ascii") for p in qr]}
        with self.path.open("a", encoding="utf-8") as file:
            file.write(json.dumps(job, ensure_ascii=False) + "\n")

    def jobs(self) -> list[PrintJob]:
        """Every report printed so far, in order."""
        if not self.path.exists():
            return []
        jobs = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            job = json.loads(line)
            jobs.append(
                PrintJob(tuple(job["lines"]), tuple(base64.b64decode(p) for p in job["qr"]))
            )
        return jobs


class EscposPrinter:
    """A receipt printer through python-escpos: `device` is any of its printers (Usb, Serial,
    Network, File; Dummy in tests). Each job ends with a cut.

    Text goes through the printer's own code pages, which hold no Persian shaping: Persian
    receipts will need the lines rendered as an image first.
    """

    def __init__(self, device: Escpos) -> None:
        self._device = device

    @classmethod
    def on_device(cls, path: str) -> EscposPrinter:
        """A printer reached through a device file, such as /dev/usb/lp0; a regular file is
        refused (`StationFilesError`): the paper copies would be written to disk in voting
        order."""
        if Path(path).is_file():
            raise StationFilesError(f"{path} is a regular file, not a printer's device")
        return cls(File(devfile=path))

    def print_copy(self, lines: Sequence[str]) -> None:
        self.print_lines(lines)

    def print_lines(self, lines: Sequence[str], *, qr: Sequence[bytes] = ()) -> None:
        for line in lines:
            self._device.text(line + "\n")
        for payload in qr:
            qr_version(payload)
            # rendered by qrcode as an image: not every printer has a native QR command
            self._device.qr(payload, ec=QR_ECLEVEL_M, size=QR_MODULE_DOTS, native=False)
        self._device.cut()


class EscposCardWriter:
    """`ports.CardWriter` on a receipt printer at the check-in desk: a card is the token's QR code
    and nothing else (no name, number or time), cut off for the voter to hold to the booth's
    scanner. Its device is refused as a regular file, as the box's printer's is: the cards would
    lie on disk in the order of check-in."""

    def __init__(self, printer: EscposPrinter) -> None:
        self._printer = printer

    @classmethod
    def on_device(cls, path: str) -> EscposCardWriter:
        return cls(EscposPrinter.on_device(path))

    def write(self, token: str) -> None:
        try:
            self._printer.print_lines([], qr=[token.encode("ascii")])
        except (OSError, escpos.exceptions.Error) as failed:
            raise CardWriterError(f"the card printer failed: {failed}") from failed
