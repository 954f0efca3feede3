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

A receipt printer's own fonts and code pages hold no Persian (issue 13: the box prints Persian
first), so the receipt printer is sent each page as an image (`render`): Pillow lays every line
out through raqm (HarfBuzz shaping, FriBidi order) in DejaVu Sans, whose Persian letters and
digits Debian's fonts-dejavu-core installs; a line with Persian in it is set right to left from
the right margin, and a line too long for the paper breaks between words (a digest, between
characters).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import escpos.exceptions  # type: ignore[import-untyped]  # python-escpos is untyped
import qrcode  # type: ignore[import-untyped]  # qrcode ships no type information
from escpos.constants import QR_ECLEVEL_M  # type: ignore[import-untyped]  # no type information
from escpos.escpos import Escpos  # type: ignore[import-untyped]  # python-escpos is untyped
from escpos.printer import File  # type: ignore[import-untyped]  # as above
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_M  # type: ignore[import-untyped]  # as above

from sandogh.station.errors import StationFilesError
from sandogh.station.ports import CardWriterError

QR_MODULE_DOTS = 4  # a module of 4 dots scans off 203 dpi thermal paper
PAPER_DOTS = 576  # the printable width of 80 mm paper at 203 dpi
FONT = "DejaVuSans.ttf"  # found among the system's fonts (fonts-dejavu-core)
FONT_DOTS = 24  # 3 mm high letters
_MARGIN = 8
_LINE_DOTS = FONT_DOTS * 3 // 2
#: the Arabic script's letters, digits and presentation forms: a line with any is right to left
_RTL = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


def qr_version(payload: bytes) -> int:
    """The smallest QR version (1–40) that holds `payload` at level M; a payload too big for
    any raises ValueError (qrcode's), as drawing it did. Found from the payload's length in
    bits, as `QRCode.make` finds it before it draws the code: drawing it (eight masks tried,
    each scored) took twenty times as long and changed nothing of the answer."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
    code.add_data(payload)
    return int(code.best_fit())


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


def load_font(font: str = FONT, size: int = FONT_DOTS) -> ImageFont.FreeTypeFont:
    """The font pages are set in, laid out by raqm; one not installed is refused
    (`StationFilesError`) when the printer is set up, not when a voter's copy is due."""
    try:
        return ImageFont.truetype(font, size, layout_engine=ImageFont.Layout.RAQM)
    except OSError as missing:
        refused = StationFilesError(f"the font {font} is not installed")
        refused.said = ("no-font", {"font": font})
        raise refused from missing


def render(
    lines: Sequence[str], font: ImageFont.FreeTypeFont, width: int = PAPER_DOTS
) -> Image.Image:
    """The page of `lines` as the paper shows it, one bit a dot, black on white. A page whose
    title (its first line, in the box's language) is Persian is set from the right margin, its
    Latin lines (ids, digests) too; each line is laid out in its own direction."""
    right = bool(lines) and _RTL.search(lines[0]) is not None
    rows = [
        (part, rtl)
        for line in lines
        for rtl in [_RTL.search(line) is not None]
        for part in _wrapped(line, font, width - 2 * _MARGIN, rtl)
    ]
    page = Image.new("1", (width, _LINE_DOTS * len(rows) + 2 * _MARGIN), 1)
    draw = ImageDraw.Draw(page)
    x, anchor = (width - _MARGIN, "ra") if right else (_MARGIN, "la")
    for i, (text, rtl) in enumerate(rows):
        direction = "rtl" if rtl else "ltr"
        y = _MARGIN + i * _LINE_DOTS
        draw.text((x, y), text, font=font, fill=0, direction=direction, anchor=anchor)
    return page


def _wrapped(line: str, font: ImageFont.FreeTypeFont, width: int, rtl: bool) -> list[str]:
    """`line` in rows no wider than `width`, each indented as the line is: whole words while
    they fit, a word wider than a row (a digest) between characters."""
    direction = "rtl" if rtl else "ltr"

    def fits(text: str) -> bool:
        return font.getlength(text, direction=direction) <= width

    body = line.lstrip(" ")
    indent = line[: len(line) - len(body)]
    rows: list[str] = []
    row = indent
    for word in body.split(" "):
        joined = f"{row} {word}" if row.strip() else row + word
        if fits(joined):
            row = joined
            continue
        if row.strip():
            rows.append(row)
            row = indent
        for character in word:
            if not fits(row + character) and row.strip():
                rows.append(row)
                row = indent
            row += character
    return [*rows, row]


def _paper_dots(device: Escpos) -> int:
    """The width of the device's paper in dots, as its profile gives it, else `PAPER_DOTS`,
    which its profile is then told: python-escpos printed a line on the box's terminal for every
    image sent to a printer whose profile gives no width, every voter's paper copy among them."""
    profile = device.profile
    media = profile.profile_data["media"]
    known = media["width"]["pixels"]
    if isinstance(known, int):
        return known
    width = {**media["width"], "pixels": PAPER_DOTS}
    # this device's profile only: the class's data is every printer's of that model
    profile.profile_data = {**profile.profile_data, "media": {**media, "width": width}}
    return PAPER_DOTS


class EscposPrinter:
    """A receipt printer through python-escpos: `device` is any of its printers (Usb, Serial,
    Network, File; Dummy in tests). Each job is one image (`render`), its QR codes, and a cut.
    """

    def __init__(self, device: Escpos, font: ImageFont.FreeTypeFont | None = None) -> None:
        self._device = device
        self._font = load_font() if font is None else font
        self._width = _paper_dots(device)

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
        self._device.image(render(lines, self._font, self._width))
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
