"""`sandogh staff keygen|add|list`: the station staff's own keys, and their registration (the
roster by name and role, and training, are `staff assign|session|roster`: `cli.staff_roster`).

A member of a station's staff makes their key on their own machine (`keygen`: a file of mode 0600
that stays with them) and hands over only its public key; the election HQ registers it for the
station and role (`add`), and the box receives the station's registered keys at enrolment. The
same key files serve the officials who sign the pre-election record.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption, JsonOption
from sandogh.cli.session import actor, now
from sandogh.core.report import StaffRole
from sandogh.formats.key_file import write_key_file
from sandogh.services.staff import register_staff, staff_of

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


@staff_app.command("add")
def add(
    election: ElectionRequired,
    station: Annotated[str, typer.Option("--station", help="The polling station's code.")],
    role: Annotated[StaffRole, typer.Option("--role", help="The role they sign under.")],
    person: Annotated[str, typer.Option("--person", help="The staff member's full name.")],
    key: Annotated[str, typer.Option("--key", help="Their public key, ed25519:HEX.")],
    db: DbOption = None,
) -> None:
    """Register a member of a station's staff with their public key."""
    staff = register_staff(
        open_store(db),
        election_id=election,
        station=station,
        person=person,
        role=role,
        public_key=key,
        now=now(),
        actor=actor(),
    )
    _out.print(f"{staff.station} {staff.role} {staff.person} {staff.key.text}", markup=False)


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
