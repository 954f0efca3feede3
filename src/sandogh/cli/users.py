"""`sandogh user add|role|disable|unlock`: operators' accounts from the centre's own machine.

For the first administrator and for scripts. Whoever runs the command holds the database, so it
acts with no grant of its own (`services.operators.Actor`, its name the operating-system account);
each change is still recorded in the event log. A password is read from a file or typed twice,
never taken on the command line, where other accounts of the machine could read it; a TOTP
secret's provisioning URI is printed once, for the operator's authenticator app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption
from sandogh.cli.session import actor, now
from sandogh.core.access import Grant, Role
from sandogh.server.credentials import Argon2Passwords, TotpFactor
from sandogh.server.settings import OperatorSettings
from sandogh.services.operators import (
    AccountChange,
    Actor,
    add_user,
    change_role,
    disable_user,
    unlock_user,
)

user_app = typer.Typer(help="Operators' accounts.", no_args_is_help=True)
_out = Console(highlight=False, soft_wrap=True)

UsernameArgument = Annotated[str, typer.Argument(help="The account's username.")]
RoleOption = Annotated[Role, typer.Option("--role", help="The role (DESIGN.md §6).")]
PlaceOption = Annotated[
    str, typer.Option("--place", help="The unit code the role is scoped to (IR, IR-08, …).")
]


@user_app.command("add")
def user_add(
    username: UsernameArgument,
    role: RoleOption,
    place: PlaceOption,
    name: Annotated[
        str | None,
        typer.Option("--name", help="The operator's name as shown; default the username."),
    ] = None,
    password_file: Annotated[
        Path | None,
        typer.Option(
            "--password-file",
            help="Read the password from this file (its first line); else it is asked for.",
            show_default=False,
        ),
    ] = None,
    totp: Annotated[
        bool,
        typer.Option("--totp", help="Issue a TOTP secret; privileged roles always get one."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Add an operator's account."""
    password = _password(password_file)
    added = add_user(
        open_store(db),
        actor=_actor(),
        username=username,
        display_name=name or username,
        grant=Grant(role, place),
        password=password,
        second_factor=totp,
        hasher=Argon2Passwords.of(OperatorSettings()),
        factor=TotpFactor(),
        now=now(),
    )
    _report("added", added)


@user_app.command("role")
def user_role(
    username: UsernameArgument, role: RoleOption, place: PlaceOption, db: DbOption = None
) -> None:
    """Give an account another role, or the same role at another place."""
    changed = change_role(
        open_store(db),
        actor=_actor(),
        username=username,
        grant=Grant(role, place),
        factor=TotpFactor(),
        now=now(),
    )
    _report("changed", changed)


@user_app.command("disable")
def user_disable(username: UsernameArgument, db: DbOption = None) -> None:
    """Disable an account for good and end its sessions."""
    _report("disabled", disable_user(open_store(db), actor=_actor(), username=username, now=now()))


@user_app.command("unlock")
def user_unlock(username: UsernameArgument, db: DbOption = None) -> None:
    """Clear an account's failed log-ins and lock."""
    _report("unlocked", unlock_user(open_store(db), actor=_actor(), username=username, now=now()))


def _actor() -> Actor:
    return Actor(actor(), None)


def _password(path: Path | None) -> str:
    if path is None:
        typed: str = typer.prompt("password", hide_input=True, confirmation_prompt=True)
        return typed
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[0] if lines else ""


def _report(done: str, change: AccountChange) -> None:
    account = change.account
    grant = account.grant
    _out.print(f"{done} {account.username}: {grant.role.value} at {grant.place}", markup=False)
    if change.totp_uri is not None:
        _out.print(
            "TOTP secret, shown this once — add it to the operator's authenticator app:",
            markup=False,
        )
        _out.print(change.totp_uri, markup=False)
