import re
from pathlib import Path

import pytest
import qrcode  # type: ignore[import-untyped]  # qrcode ships no type information
from escpos.constants import PAPER_FULL_CUT  # type: ignore[import-untyped]  # no type information
from escpos.printer import Dummy  # type: ignore[import-untyped]  # python-escpos is untyped
from PIL import Image, ImageDraw, ImageOps
from qrcode.constants import ERROR_CORRECT_M  # type: ignore[import-untyped]  # as above

from sandogh.locale.messages import FA as MAIN
from sandogh.locale.printouts import FA as PRINTED
from sandogh.station.errors import StationFilesError
from sandogh.station.ports import CardWriterError
from sandogh.station.printers import (
    FONT_DOTS,
    PAPER_DOTS,
    EscposCardWriter,
    EscposPrinter,
    FilePrinter,
    PrintJob,
    load_font,
    qr_version,
    render,
)
from sandogh.station.qr import PART_BYTES, qr_parts

RASTER = b"\x1dv0"  # ESC/POS's GS v 0: a raster image
#: the Arabic script's letters (Persian's among them)
RTL = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")


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


@pytest.mark.parametrize("size", [1, 120, 700, 2331])
def test_a_payloads_version_is_the_one_its_drawn_code_has(size: int) -> None:
    payload = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    drawn = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
    drawn.add_data(payload)
    drawn.make(fit=True)  # every mask tried: what the receipt printer's image is made by
    assert qr_version(payload) == drawn.version


def test_the_escpos_printer_prints_the_page_as_an_image_then_codes_and_a_cut() -> None:
    """The printer's code pages hold no Persian: its text would print as question marks."""
    device = Dummy()
    lines = ["صورتجلسه پایانی (شمارش آرا)", "sha256:" + "ab" * 32]
    EscposPrinter(device).print_lines(lines, qr=qr_parts(b"signed"))
    output = device.output
    assert output.count(RASTER) >= 2  # the page, then the QR code
    assert lines[0].encode() not in output
    assert b"sha256" not in output
    assert b"??" not in output
    assert output.endswith(PAPER_FULL_CUT)


def _ink(page: Image.Image) -> tuple[int, int, int, int] | None:
    """Where the black dots of `page` are (left, top, right, bottom)."""
    return ImageOps.invert(page.convert("L")).getbbox()


def _rows(page: Image.Image, count: int) -> list[tuple[int, int, int, int] | None]:
    height = page.height // count
    return [_ink(page.crop((0, i * height, page.width, (i + 1) * height))) for i in range(count)]


def test_a_persian_page_is_set_from_the_right_margin_an_english_one_from_the_left() -> None:
    font = load_font()
    persian = render(["برگه رأی", "ST-0801-0001"], font)
    english = render(["Receipt", "ST-0801-0001"], font)
    assert persian.width == english.width == PAPER_DOTS
    for page, rows in ((persian, _rows(persian, 2)), (english, _rows(english, 2))):
        for row in rows:
            assert row is not None
            left, _, right, _ = row
            near, far = (
                (right, left) if page is persian else (PAPER_DOTS - left, PAPER_DOTS - right)
            )
            assert near > PAPER_DOTS - 20
            assert far > PAPER_DOTS // 2


def test_a_line_too_long_for_the_paper_breaks_and_every_row_fits() -> None:
    font = load_font()
    digest = "sha256:" + "0123456789abcdef" * 4
    words = "تعرفه‌های مصرف‌نشده: ۴۹۷ (" + "چهارصد و نود و هفت " * 3 + ")"
    page = render(["صورتجلسه", digest, words], font)
    assert page.height > render(["صورتجلسه", "a", "b"], font).height
    ink = _ink(page)
    assert ink is not None
    assert ink[0] > 0  # nothing falls off the paper
    assert ink[2] < PAPER_DOTS


def test_the_font_draws_every_letter_and_digit_the_persian_pages_use() -> None:
    """A font without Persian would print each letter as the same empty box."""
    font = load_font()

    def drawn(character: str) -> bytes:
        glyph = Image.new("1", (FONT_DOTS * 2, FONT_DOTS * 2), 1)
        ImageDraw.Draw(glyph).text((4, 4), character, font=font, fill=0)
        return glyph.tobytes()

    missing = drawn("\ue000")  # a private-use point: no font draws it
    used = {c for line in [*PRINTED.values(), *MAIN.values()] for c in line if RTL.match(c)}
    used |= set("۰۱۲۳۴۵۶۷۸۹")
    assert len(used) > 30
    assert [c for c in sorted(used) if drawn(c) == missing] == []


def test_a_font_not_installed_is_refused_when_the_printer_is_set_up() -> None:
    with pytest.raises(StationFilesError, match="font"):
        load_font("NoSuchFont-Regular.ttf")


def test_the_file_printer_keeps_paper_copies_in_memory_only(tmp_path: Path) -> None:
    """Copies on the box's disk would lie in the order of voting (issue 9 §1)."""
    printer = FilePrinter(tmp_path / "printer.jsonl")
    printer.print_copy(["sandogh ballot", "president: 21"])
    printer.print_lines(["report"])
    assert printer.copies == [("sandogh ballot", "president: 21")]
    assert printer.jobs() == [PrintJob(("report",), ())]
    assert "president" not in printer.path.read_text(encoding="utf-8")


def test_the_escpos_printer_prints_a_paper_copy_and_cuts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    device = Dummy()
    EscposPrinter(device).print_copy(["نسخه کاغذی برگه رأی", "  ۲۱ سعید جلیلی"])
    assert device.output.count(RASTER) == 1
    assert device.output.endswith(PAPER_FULL_CUT)
    # python-escpos said "The media.width.pixel field … is not set" on the terminal each time
    assert capsys.readouterr() == ("", "")
    assert Dummy().profile.profile_data["media"]["width"]["pixels"] == "Unknown"  # its own only


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
