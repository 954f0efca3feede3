from pathlib import Path

import pytest
from escpos.constants import PAPER_FULL_CUT  # type: ignore[import-untyped]  # no type information
from escpos.printer import Dummy  # type: ignore[import-untyped]  # python-escpos is untyped

from sandogh.station.errors import StationFilesError
from sandogh.station.ports import CardWriterError
from sandogh.station.printers import (
    EscposCardWriter,
    EscposPrinter,
    FilePrinter,
    PrintJob,
    qr_version,
)
from sandogh.station.qr import PART_BYTES, qr_parts


def test_the_file_printer_keeps_every_job_in_order(tmp_path: Path) -> None:
    printer = FilePrinter(tmp_path / "printer.jsonl")
    assert printer.jobs() == []
    printer.print_lines(["sandogh ballot", "president: 21"])
    parts = qr_parts(bytes(range(256)) * 4)
    printer.print_lines(["report", "رای سفید"], qr=parts)
    assert printer.jobs() == [
        PrintJob(("sandogh ballot", "president: 21"), ()),
        PrintJob(("report", "رای سفید"), parts),
    ]


def test_a_part_fits_a_qr_code_that_scans_off_a_receipt() -> None:
    (part,) = qr_parts(b"x" * PART_BYTES)
    assert qr_version(part) <= 25
    with pytest.raises(ValueError, match="version"):
        qr_version(b"x" * 3000)


def test_the_escpos_printer_prints_text_codes_and_a_cut() -> None:
    device = Dummy()
    EscposPrinter(device).print_lines(["sandogh", "report"], qr=qr_parts(b"signed"))
    output = device.output
    assert b"sandogh\nreport\n" in output
    assert output.endswith(PAPER_FULL_CUT)
    assert len(output) > 200  # the QR code, as an image


def test_the_file_printer_keeps_paper_copies_in_memory_only(tmp_path: Path) -> None:
    """Copies on the box's disk would lie in the order of voting (issue 9 §1)."""
    printer = FilePrinter(tmp_path / "printer.jsonl")
    printer.print_copy(["sandogh ballot", "president: 21"])
    printer.print_lines(["report"])
    assert printer.copies == [("sandogh ballot", "president: 21")]
    assert printer.jobs() == [PrintJob(("report",), ())]
    assert "president" not in printer.path.read_text(encoding="utf-8")


def test_the_escpos_printer_prints_a_paper_copy_and_cuts() -> None:
    device = Dummy()
    EscposPrinter(device).print_copy(["sandogh ballot", "president: 21"])
    assert b"sandogh ballot\npresident: 21\n" in device.output
    assert device.output.endswith(PAPER_FULL_CUT)


def test_a_receipt_printer_on_a_regular_file_is_refused(tmp_path: Path) -> None:
    """It would write every paper copy to the box's disk, in voting order."""
    (tmp_path / "lp0").touch()
    with pytest.raises(StationFilesError, match="regular file"):
        EscposPrinter.on_device(str(tmp_path / "lp0"))


def test_the_card_printer_prints_the_token_as_a_code_alone(tmp_path: Path) -> None:
    """A ballot card printed at the check-in desk (review S21 F2): the token's QR code, cut;
    no text, so nothing beside the code is printed, and a dead printer says so."""
    device = Dummy()
    token = "cd072cd8be6f9f62ac4c09c28206e7e3"
    EscposCardWriter(EscposPrinter(device)).write(token)
    assert len(device.output) > 200  # the QR code, as an image
    assert device.output.endswith(PAPER_FULL_CUT)
    assert token.encode() not in device.output
    unplugged = EscposCardWriter.on_device(str(tmp_path / "unplugged" / "lp0"))
    with pytest.raises(CardWriterError, match="card printer failed"):
        unplugged.write(token)
