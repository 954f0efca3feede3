"""`sandogh station …`: a ballot box's day from the command line.

The commands enrol the box, open it, close and count it, send its report, sync it and show its
status; `cli.station_kiosk`'s print its public card key (which the staff cards are sealed to) and
serve its kiosk screens. Each works on the box of a station directory (`--dir`),
opened by `cli.station_box`, and talks to the centre at `--centre`: without it, what the box
would send stays queued until a command is given one (`sandogh station sync`). Voters check in
and vote on the box's own screens (`kiosk`), not here; what is printed is `cli.station_view`'s.
Each command speaks, prints the box's pages and says its refusals in its `--lang` (issue 13).

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

from sandogh.cli.failures import lang_of, refusal_line
from sandogh.cli.options import JsonOption, LangOption, Language
from sandogh.cli.secret_input import ask_secret
from sandogh.cli.station_box import ESCPOS, PRINTER_FILE, open_box
from sandogh.cli.station_view import print_report, print_sync, say, status_json, status_lines
from sandogh.core.report import SigningKey, StaffRole
from sandogh.core.station import Phase
from sandogh.formats.key_file import KeyFileError, read_key_file
from sandogh.locale.candidacy import outside_window_text
from sandogh.locale.command_failures import say as say_failure
from sandogh.locale.language import Lang
from sandogh.station.ballot_names import with_code
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


def _figures(
    given: Sequence[str], contests: Sequence[str], option: str, lang: Lang
) -> dict[str, int]:
    """`N` for every contest, or `CONTEST=N` for one (repeatable)."""
    figures: dict[str, int] = {}
    for item in given:
        contest, _, value = item.rpartition("=")
        if not value.isdigit():
            line = say_failure("figures-option", lang, given=item)
            raise typer.BadParameter(line, param_hint=option)
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
            line = say_failure("staff-option", lang_of(sys.argv), given=item, roles=roles)
            raise typer.BadParameter(line, param_hint="--staff")
        try:
            staff.append((StaffRole(role), read_key_file(Path(file))))
        except KeyFileError as error:
            line = refusal_line(error, sys.argv).removeprefix("sandogh: ")
            raise typer.BadParameter(line, param_hint="--staff") from error
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
    lang: LangOption = Language.FA,
) -> None:
    """Make the box's key (in DIR) and enrol it with the centre for one station, as an operator
    with the manage-devices right there (they log in: username, password, TOTP code)."""
    login = _operator_login(user, password_stdin=password_stdin, totp=totp, lang=lang.lang)
    operator = log_in_operator(centre, login, timeout=timeout)
    with open_box(
        directory, centre, None, timeout, create=True, operator=operator, lang=lang.lang
    ) as box:
        setup = box.enrol(election=election, station=station, policy=policy)
        names = box.names()
        for line in (
            say(
                "station_enrolled",
                lang.lang,
                device=box.key.public_key.text,
                station=with_code(names.station(setup.station, lang.lang), setup.station),
                election=names.election(setup.election, lang.lang),
            ),
            f"{say('definition_hash', lang.lang)}: {setup.definition_hash}",
            say(
                "station_contests",
                lang.lang,
                contests=("، " if lang.lang == "fa" else ", ").join(
                    names.contest(contest, lang.lang) for contest in setup.contests
                ),
            ),
            say(
                "station_policy",
                lang.lang,
                policy=say(f"station_policy_{setup.policy.value}", lang.lang),
            ),
        ):
            _out.print(line, markup=False)


def _operator_login(
    user: str | None, *, password_stdin: bool, totp: str | None, lang: Lang
) -> OperatorLogin:
    """The operator's log-in, from the options, the environment, stdin or the terminal."""
    username = user or typer.prompt(say("station_ask_user", lang))
    password = os.environ.get(PASSWORD_VAR)
    if password is None and password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    if password is None:
        password = ask_secret(say("station_ask_password", lang))
    if totp is None and sys.stdin.isatty():
        totp = typer.prompt(say("station_ask_totp", lang), default="") or None
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
    lang: LangOption = Language.FA,
) -> None:
    """Open the box: print the signed zero report (صورتجلسه آغاز رأی‌گیری), send it, and start
    voting."""
    with open_box(directory, centre, printer, timeout, lang=lang.lang) as box:
        received = _figures(papers, box.status().setup.contests, "--papers", lang.lang)
        try:
            opened = box.open(received)
        except OutsidePollingError as refused:  # the stage and its window
            _err.print(outside_window_text(refused.refused, lang.lang), markup=False)
            raise typer.Exit(1) from refused
        print_report(_out, opened, lang.lang, box.names())
        if start:
            box.start_voting()
            _out.print(say("station_voting_started", lang.lang), markup=False)
        if centre is not None:
            print_sync(_out, box.sync(), lang.lang)


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
    lang: LangOption = Language.FA,
) -> None:
    """Close voting and, given the staff's keys, count the ballots into the tally sheets (a
    paper station's sheets are entered by blind double entry on the box's screens)."""
    present = _staff(staff or [])
    with open_box(directory, lang=lang.lang) as box:
        box.close()
        _out.print(say("station_voting_closed", lang.lang), markup=False)
        if not paper and present:
            contests = box.status().setup.contests
            figures = _figures(spoiled or [], contests, "--spoiled", lang.lang)
            print_report(_out, box.count(figures, staff=present), lang.lang, box.names())
        elif not paper:
            _out.print(say("station_count_needs_staff", lang.lang), markup=False)


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
    lang: LangOption = Language.FA,
) -> None:
    """Count if not yet counted, then sign the report (device and staff), print it with its QR
    codes and send it."""
    present = _staff(staff or [])
    with open_box(directory, centre, printer, timeout, lang=lang.lang) as box:
        if box.status().phase is Phase.CLOSED:
            box.count_paper() if paper else box.count(staff=present)
        box.report(present)
        _out.print(say("station_report_signed", lang.lang), markup=False)
        if centre is not None:
            print_sync(_out, box.sync(), lang.lang)


@station_app.command("chain")
def chain(
    directory: DirOption,
    out: Annotated[Path, typer.Option("--out", help="Where to write the chain file.")],
    lang: LangOption = Language.FA,
) -> None:
    """Write an E2E box's chain file (docs/e2e.md §7), once voting has closed: what `sync`
    sends to the centre after the final report, for carrying by hand when the link is down."""
    with open_box(directory, lang=lang.lang) as box:
        data = box.export_chain()
    out.write_bytes(data)
    lines = len(data.splitlines())
    _out.print(say("station_chain_written", lang.lang, lines=lines, file=str(out)), markup=False)


@station_app.command("sync")
def sync(
    directory: DirOption,
    centre: CentreOption = None,
    timeout: TimeoutOption = 10.0,
    lang: LangOption = Language.FA,
) -> None:
    """Send what the box has queued: offline check-ins, reports and an E2E box's chain."""
    with open_box(directory, centre, None, timeout, lang=lang.lang) as box:
        print_sync(_out, box.sync(), lang.lang)


@station_app.command("status")
def status(
    directory: DirOption,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Where the box is in its day, what it holds and what it has yet to send."""
    with open_box(directory, lang=lang.lang) as box:
        status, names = box.status(), box.names()
    if as_json:
        _out.print_json(data=status_json(status))
        return
    for line in status_lines(status, lang.lang, names):
        _out.print(line, markup=False)
