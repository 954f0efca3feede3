"""The ballot box a `sandogh station` command works on, opened from its directory.

A command's box is the one in its station directory (`station.directory`: the box's database
and device key), talking to the centre at `--centre` through `station.centre_http.HttpCentreClient`
or, given none, to a centre that is never reachable, so that what the box would send stays queued
until a command is given one. It prints to a file or an ESC/POS printer in the command's language,
and reads the clock here (DESIGN.md §2). What the box refuses is said in that language too
(`cli.station_refusals`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sandogh.cli.session import now
from sandogh.cli.station_refusals import box_refusal
from sandogh.core.errors import SandoghError
from sandogh.core.report import SigningKey
from sandogh.locale.language import Lang
from sandogh.station.centre_http import HttpCentreClient, OperatorPass
from sandogh.station.directory import StationDirectory
from sandogh.station.ports import (
    CentreClient,
    CentreUnreachableError,
    CheckInAnswer,
    LookUpAnswer,
    Printer,
)

if TYPE_CHECKING:
    from sandogh.station.box import Box

# The box and its printers (python-escpos, qrcode) are imported when a box opens, not whenever
# `sandogh` starts: `sandogh station`'s options come from the module that imports this one.

PRINTER_FILE = "printer.jsonl"
ESCPOS = "escpos:"


class _NoCentre:
    """The centre of a command given no `--centre`: never reachable, so what the box would send
    stays queued. It answers every request alike, whatever the request says."""

    def _unreachable(self) -> CentreUnreachableError:
        return CentreUnreachableError("no --centre was given")

    def enrol(self, **_: object) -> Mapping[str, object]:
        raise self._unreachable()

    def look_up(self, **_: object) -> LookUpAnswer:
        raise self._unreachable()

    def check_in(self, **_: object) -> CheckInAnswer:
        raise self._unreachable()

    def sync_check_ins(self, **_: object) -> Mapping[str, object]:
        raise self._unreachable()

    def send_report(self, *_: object, **__: object) -> Mapping[str, object]:
        raise self._unreachable()

    def send_chain(self, *_: object, **__: object) -> Mapping[str, object]:
        raise self._unreachable()


@contextmanager
def _centre(
    url: str | None, key: SigningKey, timeout: float, operator: OperatorPass | None = None
) -> Iterator[CentreClient]:
    if url is None:
        yield _NoCentre()
        return
    with HttpCentreClient(url, key, timeout=timeout, operator=operator) as client:
        yield client


def _printer(directory: Path, printer: str | None) -> Printer:
    from sandogh.station.printers import EscposPrinter, FilePrinter

    if printer is None:
        return FilePrinter(directory / PRINTER_FILE)
    if printer.startswith(ESCPOS):
        return EscposPrinter.on_device(printer.removeprefix(ESCPOS))
    return FilePrinter(Path(printer))


@contextmanager
def open_box(
    directory: Path,
    centre: str | None = None,
    printer: str | None = None,
    timeout: float = 10.0,
    *,
    create: bool = False,
    operator: OperatorPass | None = None,
    lang: Lang = "fa",
) -> Iterator[Box]:
    """The box in `directory` (made there first with `create`, unless a key is there already),
    printing in `lang`; `operator`: the session of the operator enrolling it."""
    from sandogh.station.box import Box

    place = StationDirectory(directory)
    store, key = place.create() if create and not place.key_file.exists() else place.open()
    try:
        with store, _centre(centre, key, timeout, operator) as client:
            yield Box(store, key, client, _printer(directory, printer), clock=now, lang=lang)
    except SandoghError as refused:
        if refused.said is None:
            refused.said = box_refusal(refused, lang)
        raise
