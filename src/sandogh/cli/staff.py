"""`sandogh staff keygen|card|add|list`: the station staff's own keys (and the staff card that
carries one under its holder's PIN, sealed to the box it opens at, `formats.staff_card`), and
their registration (the roster by name and role, and training, are `staff assign|session|roster`:
`cli.staff_roster`).

A member of a station's staff makes their key on their own machine (`keygen`: a file of mode 0600
that stays with them) and hands over only its public key; the election HQ registers it for the
station and role (`add`, under a grant given as `--as NAME --role ROLE --place CODE`, as
`cli.staff_roster`'s commands take it; the staff member's own role is `--station-role`), and the
box receives the station's registered keys at enrolment. The
same key files serve the officials who sign the pre-election record. A member's card is made
where their key file is, sealed to the box's public card key (`--box-key`: the line `sandogh
station card-key` prints, handed out with the box), or at the box itself (`--box DIR`); the
box's secret never leaves it (review S21 F8, docs/threat-model.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from string import Formatter
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from sandogh.cli.acting import acting
from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption, JsonOption, LangOption, Language
from sandogh.cli.secret_input import ask_secret
from sandogh.cli.session import now
from sandogh.core.report import StaffRole
from sandogh.formats.key_file import read_seed_file, write_key_file
from sandogh.formats.staff_card import (
    MIN_PIN,
    BoxKeyError,
    card_holder,
    issue_card,
    read_box_key,
)
from sandogh.locale import to_ascii_digits, to_persian_digits
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in
from sandogh.locale.staff_refusals import CATALOGUE, ROLES
from sandogh.services.acting import Actor
from sandogh.services.staff import AMENDMENT_PATH, StaffError, register_staff, staff_of
from sandogh.station.directory import StationDirectory

staff_app = typer.Typer(
    help="The station staff: their keys, the roster and their training.", no_args_is_help=True
)
_out = Console(highlight=False, soft_wrap=True)

ElectionRequired = Annotated[str, typer.Option("--election", "-e", help="Election id.")]


@staff_app.command("keygen")
def keygen(
    out: Annotated[Path, typer.Option("--out", help="The new key file (never overwritten).")],
) -> None:
    """Make a new personal key: its seed goes to --out (mode 0600), its public key is printed."""
    key = write_key_file(out)
    _out.print(key.public_key.text, markup=False)


_CARD_SAID: dict[Lang, dict[str, str]] = {
    "fa": {
        "pin": "رمز شخصی ({n} رقم یا بیشتر)",
        "short": "رمز شخصی باید دست‌کم {n} رقم باشد",
        "again": "همان رمز شخصی، دوباره",
        "differ": "دو رمز شخصی داده‌شده یکی نیستند؛ کارتی ساخته نشد",
        "exists": "{file} از پیش هست؛ کارتی روی آن نوشته نمی‌شود",
        "written": "کارت کارکنان در {file} نوشته شد؛ کلید عمومی آن: {key}",
        "box": "صندوقی که کارت در آن باز می‌شود را یک بار بدهید: --box-key با سطری که"
        " «sandogh station card-key» چاپ می‌کند، یا --box با پوشه صندوق",
        "bad_box": "آنچه با --box-key آمده کلید کارت صندوق نیست؛"
        " سطری را بدهید که «sandogh station card-key» چاپ می‌کند",
    },
    "en": {
        "pin": "PIN ({n} digits or more)",
        "short": "a PIN has at least {n} digits",
        "again": "The same PIN again",
        "differ": "the two PINs given differ; no card was made",
        "exists": "{file} exists; no card is written over it",
        "written": "the staff card is in {file}; its public key: {key}",
        "box": "name the box the card opens at, once: --box-key with the line `sandogh station"
        " card-key` prints, or --box with the box's folder",
        "bad_box": "what --box-key gives is not a box's card key; give the line `sandogh"
        " station card-key` prints",
    },
}


@staff_app.command("card")
def card(
    key_file: Annotated[Path, typer.Option("--key", help="The member's own key file.")],
    out: Annotated[Path, typer.Option("--out", help="The new card file (never overwritten).")],
    box_key: Annotated[
        str | None,
        typer.Option(
            "--box-key",
            help="The public card key of the box the card opens at: the line `sandogh station "
            "card-key` prints.",
            show_default=False,
        ),
    ] = None,
    box: Annotated[
        Path | None,
        typer.Option(
            "--box",
            help="Or the box's own folder, to make the card at the box.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = Language.FA,
) -> None:
    """Make a staff card of a key under the member's PIN (asked twice, never shown or kept),
    sealed to one box: one line to print as a QR code or to carry as a file, for that box's
    kiosk log-in."""
    said = _CARD_SAID[lang.lang]
    shown = to_persian_digits if lang.lang == "fa" else str
    if box_key is not None and box is None:
        try:
            sealed_to = read_box_key(box_key)
        except BoxKeyError:
            _refuse(said["bad_box"])
    elif box is not None and box_key is None:
        sealed_to = StationDirectory(box).card_key().public_key
    else:
        _refuse(said["box"])
    seed = read_seed_file(key_file)
    # asked twice by hand, not by click's confirmation, whose words are English only
    pin = to_ascii_digits(ask_secret(shown(said["pin"].format(n=MIN_PIN))))
    if to_ascii_digits(ask_secret(said["again"])) != pin:
        _refuse(said["differ"])
    try:
        text = issue_card(seed, pin, sealed_to)
    except ValueError:
        _refuse(shown(said["short"].format(n=MIN_PIN)))
    try:
        with out.open("x", encoding="ascii") as written:
            written.write(text + "\n")
    except FileExistsError:
        _refuse(said["exists"].format(file=str(out)))
    holder = card_holder(text).text
    _out.print(said["written"].format(file=str(out), key=holder), markup=False)


def _refuse(line: str) -> NoReturn:
    Console(stderr=True, highlight=False).print(f"sandogh: {line}", markup=False)
    raise typer.Exit(1)


@staff_app.command("add")
@acting
def add(
    actor: Actor,
    election: ElectionRequired,
    station: Annotated[str, typer.Option("--station", help="The polling station's code.")],
    station_role: Annotated[
        StaffRole, typer.Option("--station-role", help="The role they sign under at the station.")
    ],
    person: Annotated[str, typer.Option("--person", help="The staff member's full name.")],
    key: Annotated[str, typer.Option("--key", help="Their public key, ed25519:HEX.")],
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Register a member of a station's staff with their public key, acting under a grant at the
    station (the board's observer: the supervisory board's grant)."""
    try:
        staff = register_staff(
            open_store(db),
            actor,
            election_id=election,
            station=station,
            person=person,
            role=station_role,
            public_key=key,
            now=now(),
        )
    except StaffError as refused:
        Console(stderr=True, highlight=False, soft_wrap=True).print(
            f"sandogh: {_refusal(refused, station, lang.lang)}", markup=False
        )
        raise typer.Exit(1) from refused
    _out.print(f"{staff.station} {staff.role} {staff.person} {staff.key.text}", markup=False)


def _refusal(refused: StaffError, station: str, lang: Lang) -> str:
    held = refused.held
    given: dict[str, str | int] = {"path": AMENDMENT_PATH, "detail": str(refused)}
    given |= {"station": station, "person": "", "held": ""}
    if held is not None:
        given |= {"person": held.person, "held": ROLES[lang][held.role]}
    key = f"staff_{refused.reason}"
    wanted = {name for _, name, _, _ in Formatter().parse(CATALOGUE[lang][key]) if name}
    return text_in(CATALOGUE, key, lang, **{k: v for k, v in given.items() if k in wanted})


@staff_app.command("list")
def list_staff(
    election: ElectionRequired,
    station: Annotated[
        str | None, typer.Option("--station", help="Only this station.", show_default=False)
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The registered staff, by station, role and key."""
    found = staff_of(open_store(db), election_id=election, station=station)
    rows = [
        {"station": s.station, "role": s.role.value, "person": s.person, "key": s.key.text}
        for s in found
    ]
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    for row in rows:
        _out.print(f"{row['station']}\t{row['role']}\t{row['person']}\t{row['key']}", markup=False)
