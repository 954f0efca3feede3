"""`sandogh station enrol|open|close|report|sync|status`: a ballot box's day from the command line.

Each command works on a station directory (`--dir`: the box's database and device key,
`station.directory`) and, to talk to the centre, on its URL (`--centre`) through
`station.centre_http.HttpCentreClient`. Without `--centre` the box works alone: what it would send
stays queued until a command is given one (`sandogh station sync`). Voters check in and vote on
the box's own screens, not here. The clock is read here and handed to the box (DESIGN.md §2).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from rich.console import Console

from sandogh.cli.options import JsonOption, LangOption, Language
from sandogh.cli.session import now
from sandogh.core.report import SigningKey, StationReport
from sandogh.core.station import Phase
from sandogh.station.box import Box, Status
from sandogh.station.centre_http import HttpCentreClient
from sandogh.station.courier import SyncOutcome
from sandogh.station.directory import StationDirectory
from sandogh.station.ports import (
    CentreClient,
    CentreUnreachableError,
    CheckInAnswer,
    Printer,
)
from sandogh.station.printers import EscposPrinter, FilePrinter
from sandogh.station.setup import OfflinePolicy
from sandogh.station.web.app import LOOPBACK, create_station_app

station_app = typer.Typer(
    help="The ballot box: enrol it, open it, close it, send its report.", no_args_is_help=True
)
_out = Console(highlight=False, soft_wrap=True)

PRINTER_FILE = "printer.jsonl"
ESCPOS = "escpos:"

DirOption = Annotated[
    Path, typer.Option("--dir", help="The station's directory: its database and device key.")
]
CentreOption = Annotated[
    str | None,
    typer.Option(
        "--centre",
        help="URL of the central service (e.g. http://127.0.0.1:8000/); without it, what the "
        "box sends stays queued.",
        show_default=False,
    ),
]
PrinterOption = Annotated[
    str | None,
    typer.Option(
        "--printer",
        help=f"A file to print into (one JSON line per job; default DIR/{PRINTER_FILE}), or "
        f"{ESCPOS}DEVICE for an ESC/POS receipt printer on that device file.",
        show_default=False,
    ),
]
TimeoutOption = Annotated[
    float, typer.Option("--timeout", help="Seconds to wait for each answer of the centre.")
]


class _NoCentre:
    """The centre of a command given no `--centre`: never reachable, so what the box would send
    stays queued. It answers every request alike, whatever the request says."""

    def _unreachable(self) -> CentreUnreachableError:
        return CentreUnreachableError("no --centre was given")

    def enrol(self, **_: object) -> Mapping[str, object]:
        raise self._unreachable()

    def check_in(self, **_: object) -> CheckInAnswer:
        raise self._unreachable()

    def sync_check_ins(self, **_: object) -> Mapping[str, object]:
        raise self._unreachable()

    def send_report(self, *_: object, **__: object) -> Mapping[str, object]:
        raise self._unreachable()


@contextmanager
def _centre(
    url: str | None, key: SigningKey, timeout: float, operator_token: str | None = None
) -> Iterator[CentreClient]:
    if url is None:
        yield _NoCentre()
        return
    with HttpCentreClient(url, key, timeout=timeout, operator_token=operator_token) as client:
        yield client


def _printer(directory: Path, printer: str | None) -> Printer:
    if printer is None:
        return FilePrinter(directory / PRINTER_FILE)
    if printer.startswith(ESCPOS):
        return EscposPrinter.on_device(printer.removeprefix(ESCPOS))
    return FilePrinter(Path(printer))


@contextmanager
def _box(
    directory: Path,
    centre: str | None = None,
    printer: str | None = None,
    timeout: float = 10.0,
    *,
    create: bool = False,
    operator_token: str | None = None,
) -> Iterator[Box]:
    """The box in `directory` (made there first with `create`, unless a key is there already)."""
    place = StationDirectory(directory)
    store, key = place.create() if create and not place.key_file.exists() else place.open()
    with store, _centre(centre, key, timeout, operator_token) as client:
        yield Box(store, key, client, _printer(directory, printer), clock=now)


def _figures(given: Sequence[str], contests: Sequence[str], option: str) -> dict[str, int]:
    """`N` for every contest, or `CONTEST=N` for one (repeatable)."""
    figures: dict[str, int] = {}
    for item in given:
        contest, _, value = item.rpartition("=")
        if not value.isdigit():
            raise typer.BadParameter(f"{item!r} is not N or CONTEST=N", param_hint=option)
        for name in [contest] if contest else contests:
            figures[name] = int(value)
    return figures


def _print_sync(outcome: SyncOutcome) -> None:
    left = outcome.outbox
    line = f"sent {outcome.delivered}, waiting {left.pending}, refused {left.refused}"
    if left.next_attempt is not None and left.pending:
        line += f" (next try {left.next_attempt.isoformat(timespec='seconds')})"
    _out.print(line, markup=False)
    if outcome.incidents:
        _out.print(f"{outcome.incidents} new incident(s) for the supervisors", markup=False)


def _print_report(report: StationReport) -> None:
    _out.print(
        f"{report.kind} report no. {report.sequence} of {report.station}: "
        f"{report.cvr_count} ballot(s), records {report.cvr_digest}",
        markup=False,
    )
    for sheet in report.sheets:
        counts = sheet.counts
        votes = ", ".join(f"{code} {n}" for code, n in counts.votes.items())
        _out.print(
            f"  {sheet.contest}: cast {counts.cast}, valid {counts.valid}, "
            f"blank/invalid {counts.invalid_total}, papers used {counts.papers_used} of "
            f"{counts.papers_received}; {votes}",
            markup=False,
        )


@station_app.command("enrol")
def enrol(
    directory: DirOption,
    *,
    centre: Annotated[str, typer.Option("--centre", help="URL of the central service.")],
    election: Annotated[str, typer.Option("--election", "-e", help="The election day's id.")],
    station: Annotated[str, typer.Option("--station", help="The polling station's code.")],
    policy: Annotated[
        OfflinePolicy,
        typer.Option(
            "--policy",
            help="While the centre is unreachable: refuse voters, or check them in provisionally.",
        ),
    ] = OfflinePolicy.REFUSE,
    operator_token: Annotated[
        str | None,
        typer.Option(
            "--operator-token",
            help="The operator's token for enrolment; default $SANDOGH_OPERATOR_TOKEN.",
            show_default=False,
        ),
    ] = None,
    timeout: TimeoutOption = 10.0,
) -> None:
    """Make the box's key (in DIR) and enrol it with the centre for one station."""
    token = operator_token or os.environ.get("SANDOGH_OPERATOR_TOKEN")
    with _box(directory, centre, None, timeout, create=True, operator_token=token) as box:
        setup = box.enrol(election=election, station=station, policy=policy)
        _out.print(
            f"enrolled {box.key.public_key.text} for station {setup.station} of "
            f"{setup.election} ({setup.definition_hash}); contests: {', '.join(setup.contests)}; "
            f"offline policy: {setup.policy}",
            markup=False,
        )


@station_app.command("open")
def open_station(
    directory: DirOption,
    *,
    papers: Annotated[
        list[str],
        typer.Option(
            "--papers",
            help="Ballot papers received: N for every contest, or CONTEST=N (repeatable).",
        ),
    ],
    centre: CentreOption = None,
    printer: PrinterOption = None,
    start: Annotated[
        bool, typer.Option("--start/--no-start", help="Start voting once the box is open.")
    ] = True,
    timeout: TimeoutOption = 10.0,
) -> None:
    """Open the box: print the signed zero report, send it, and start voting."""
    with _box(directory, centre, printer, timeout) as box:
        received = _figures(papers, box.status().setup.contests, "--papers")
        _print_report(box.open(received))
        if start:
            box.start_voting()
            _out.print("voting has started", markup=False)
        if centre is not None:
            _print_sync(box.sync())


@station_app.command("close")
def close(
    directory: DirOption,
    spoiled: Annotated[
        list[str] | None,
        typer.Option(
            "--spoiled",
            help="Ballot papers spoiled: N for every contest, or CONTEST=N (repeatable).",
        ),
    ] = None,
    paper: Annotated[
        bool, typer.Option("--paper", help="A paper station: its sheets are entered by hand.")
    ] = False,
) -> None:
    """Close voting and count the ballots into the tally sheets (a paper station's sheets are
    entered by blind double entry on the box's screens)."""
    with _box(directory) as box:
        box.close()
        _out.print("voting is closed", markup=False)
        if not paper:
            contests = box.status().setup.contests
            _print_report(box.count(_figures(spoiled or [], contests, "--spoiled")))


@station_app.command("report")
def report(
    directory: DirOption,
    centre: CentreOption = None,
    printer: PrinterOption = None,
    paper: Annotated[
        bool, typer.Option("--paper", help="Count the sheets agreed by double entry first.")
    ] = False,
    timeout: TimeoutOption = 10.0,
) -> None:
    """Sign the counted report, print it with its QR codes and send it."""
    with _box(directory, centre, printer, timeout) as box:
        if box.status().phase is Phase.CLOSED:
            box.count_paper() if paper else box.count()
        signed = box.report()
        _out.print(f"signed report, {len(signed.report)} bytes", markup=False)
        if centre is not None:
            _print_sync(box.sync())


@station_app.command("sync")
def sync(directory: DirOption, centre: CentreOption = None, timeout: TimeoutOption = 10.0) -> None:
    """Send what the box has queued: offline check-ins and reports."""
    with _box(directory, centre, None, timeout) as box:
        _print_sync(box.sync())


def _status_json(status: Status) -> dict[str, object]:
    next_attempt = status.outbox.next_attempt
    return {
        "election": status.setup.election,
        "station": status.setup.station,
        "definition_hash": status.setup.definition_hash,
        "device": status.device,
        "policy": status.setup.policy.value,
        "phase": status.phase.value,
        "extended_by_minutes": int(status.extended_by / datetime.timedelta(minutes=1)),
        "cards_issued": status.cards_issued,
        "cards_used": status.cards_used,
        "ballots": status.records,
        "outbox": {
            "pending": status.outbox.pending,
            "refused": status.outbox.refused,
            "next_attempt": None if next_attempt is None else next_attempt.isoformat(),
        },
        "incidents": status.incidents,
    }


@station_app.command("status")
def status(directory: DirOption, as_json: JsonOption = False) -> None:
    """Where the box is in its day, what it holds and what it has yet to send."""
    with _box(directory) as box:
        document = _status_json(box.status())
    if as_json:
        _out.print_json(data=document)
        return
    for name, value in document.items():
        _out.print(f"{name}: {value}", markup=False)


@station_app.command("kiosk")
def kiosk(
    directory: DirOption,
    centre: CentreOption = None,
    printer: PrinterOption = None,
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8080,
    lang: LangOption = Language.FA,
    timeout: TimeoutOption = 10.0,
) -> None:
    """Serve the operator and voter screens to the box's own kiosk browser, on loopback only."""
    with _box(directory, centre, printer, timeout) as box:
        _out.print(f"http://{LOOPBACK}:{port}/", markup=False)
        uvicorn.run(create_station_app(box, lang=lang.lang), host=LOOPBACK, port=port)
