"""`sandogh station …`: a ballot box's day from the command line.

The commands enrol the box, open it, close and count it, send its report, sync it and show its
status; `cli.station_kiosk`'s print its public card key (which the staff cards are sealed to) and
serve its kiosk screens. Each works on the box of a station directory (`--dir`),
opened by `cli.station_box`, and talks to the centre at `--centre`: without it, what the box
would send stays queued until a command is given one (`sandogh station sync`). Voters check in
and vote on the box's own screens (`kiosk`), not here; what is printed is `cli.station_view`'s.

Counting opens the ballots, which are sealed to the station's count key (issue 9 §1): it needs
the key files of two registered staff members (or of the only one), `--staff ROLE=FILE`, each
brought by its holder (on their own medium, never left on the box); the same keys sign the report.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sandogh.cli.failures import lang_of
from sandogh.cli.options import JsonOption, LangOption, Language
from sandogh.cli.station_box import ESCPOS, PRINTER_FILE, open_box
from sandogh.cli.station_view import print_report, print_sync, status_json
from sandogh.core.report import SigningKey, StaffRole
from sandogh.core.station import Phase
from sandogh.formats.key_file import KeyFileError, read_key_file
from sandogh.locale.candidacy import outside_window_text
from sandogh.locale.command_failures import say
from sandogh.station.centre_http import OperatorLogin, log_in_operator
from sandogh.station.polling_days import OutsidePollingError
from sandogh.station.setup import OfflinePolicy

#: Where a script gives the enrolling operator's password (never on the command line, where
#: other accounts of the machine could read it).
PASSWORD_VAR = "SANDOGH_OPERATOR_PASSWORD"

station_app = typer.Typer(
    help="The ballot box: enrol it, open it, close it, send its report.", no_args_is_help=True
)
_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)

DirOption = Annotated[
    Path,
    typer.Option("--dir", help="The station's directory: its database, device key and card key."),
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
        help=f"A file to print reports into (one JSON line per report; default "
        f"DIR/{PRINTER_FILE}; voters' paper copies are never written to it), or {ESCPOS}DEVICE "
        f"for an ESC/POS receipt printer on that device file.",
        show_default=False,
    ),
]
StaffOption = Annotated[
    list[str] | None,
    typer.Option(
        "--staff",
        help="A staff member's role and key file, ROLE=FILE (repeatable): two registered members "
        "(or the only one) open the ballots to count them, and sign the report.",
        show_default=False,
    ),
]
TimeoutOption = Annotated[
    float, typer.Option("--timeout", help="Seconds to wait for each answer of the centre.")
]


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


def _staff(given: Sequence[str]) -> list[tuple[StaffRole, SigningKey]]:
    """`ROLE=FILE` for each staff member present."""
    staff = []
    for item in given:
        role, _, file = item.partition("=")
        if role not in set(StaffRole) or not file:
            roles = ", ".join(StaffRole)
            line = say("staff-option", lang_of(sys.argv), given=item, roles=roles)
            raise typer.BadParameter(line, param_hint="--staff")
        try:
            staff.append((StaffRole(role), read_key_file(Path(file))))
        except KeyFileError as error:
            raise typer.BadParameter(str(error), param_hint="--staff") from error
    return staff


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
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            help="The enrolling operator's username (asked when not given); the password is "
            f"read from ${PASSWORD_VAR}, else from stdin with --password-stdin, else asked.",
            show_default=False,
        ),
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin's first line.")
    ] = False,
    totp: Annotated[
        str | None,
        typer.Option(
            "--totp",
            help="The authenticator's code, if the account has one (asked at a terminal).",
            show_default=False,
        ),
    ] = None,
    timeout: TimeoutOption = 10.0,
) -> None:
    """Make the box's key (in DIR) and enrol it with the centre for one station, as an operator
    with the manage-devices right there (they log in: username, password, TOTP code)."""
    login = _operator_login(user, password_stdin=password_stdin, totp=totp)
    operator = log_in_operator(centre, login, timeout=timeout)
    with open_box(directory, centre, None, timeout, create=True, operator=operator) as box:
        setup = box.enrol(election=election, station=station, policy=policy)
        _out.print(
            f"enrolled {box.key.public_key.text} for station {setup.station} of "
            f"{setup.election} ({setup.definition_hash}); contests: {', '.join(setup.contests)}; "
            f"offline policy: {setup.policy}",
            markup=False,
        )


def _operator_login(user: str | None, *, password_stdin: bool, totp: str | None) -> OperatorLogin:
    """The operator's log-in, from the options, the environment, stdin or the terminal."""
    username = user or typer.prompt("operator username")
    password = os.environ.get(PASSWORD_VAR)
    if password is None and password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    if password is None:
        password = typer.prompt("password", hide_input=True)
    if totp is None and sys.stdin.isatty():
        totp = typer.prompt("TOTP code (empty if the account has none)", default="") or None
    return OperatorLogin(username, password, totp)


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
    with open_box(directory, centre, printer, timeout) as box:
        received = _figures(papers, box.status().setup.contests, "--papers")
        try:
            opened = box.open(received)
        except OutsidePollingError as refused:  # the stage and its window, Persian first
            for lang in ("fa", "en"):
                _err.print(outside_window_text(refused.refused, lang), markup=False)
            raise typer.Exit(1) from refused
        print_report(_out, opened)
        if start:
            box.start_voting()
            _out.print("voting has started", markup=False)
        if centre is not None:
            print_sync(_out, box.sync())


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
    staff: StaffOption = None,
) -> None:
    """Close voting and, given the staff's keys, count the ballots into the tally sheets (a
    paper station's sheets are entered by blind double entry on the box's screens)."""
    present = _staff(staff or [])
    with open_box(directory) as box:
        box.close()
        _out.print("voting is closed", markup=False)
        if not paper and present:
            contests = box.status().setup.contests
            figures = _figures(spoiled or [], contests, "--spoiled")
            print_report(_out, box.count(figures, staff=present))
        elif not paper:
            _out.print("to count, give the staff's keys: --staff ROLE=FILE", markup=False)


@station_app.command("report")
def report(
    directory: DirOption,
    centre: CentreOption = None,
    printer: PrinterOption = None,
    paper: Annotated[
        bool, typer.Option("--paper", help="Count the sheets agreed by double entry first.")
    ] = False,
    staff: StaffOption = None,
    timeout: TimeoutOption = 10.0,
) -> None:
    """Count if not yet counted, then sign the report (device and staff), print it with its QR
    codes and send it."""
    present = _staff(staff or [])
    with open_box(directory, centre, printer, timeout) as box:
        if box.status().phase is Phase.CLOSED:
            box.count_paper() if paper else box.count(staff=present)
        signed = box.report(present)
        _out.print(f"signed report, {len(signed.report)} bytes", markup=False)
        if centre is not None:
            print_sync(_out, box.sync())


@station_app.command("chain")
def chain(
    directory: DirOption,
    out: Annotated[Path, typer.Option("--out", help="Where to write the chain file.")],
) -> None:
    """Write an E2E box's chain file (docs/e2e.md §7), once voting has closed: what `sync`
    sends to the centre after the final report, for carrying by hand when the link is down."""
    with open_box(directory) as box:
        data = box.export_chain()
    out.write_bytes(data)
    _out.print(f"chain file, {len(data.splitlines())} lines, written to {out}", markup=False)


@station_app.command("sync")
def sync(directory: DirOption, centre: CentreOption = None, timeout: TimeoutOption = 10.0) -> None:
    """Send what the box has queued: offline check-ins, reports and an E2E box's chain."""
    with open_box(directory, centre, None, timeout) as box:
        print_sync(_out, box.sync())


@station_app.command("status")
def status(
    directory: DirOption,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,  # noqa: ARG001 (the language of its refusals: cli/failures.py)
) -> None:
    """Where the box is in its day, what it holds and what it has yet to send."""
    with open_box(directory) as box:
        document = status_json(box.status())
    if as_json:
        _out.print_json(data=document)
        return
    for name, value in document.items():
        _out.print(f"{name}: {value}", markup=False)
