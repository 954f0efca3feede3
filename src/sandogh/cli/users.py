"""`sandogh user add|role|disable|unlock|seal-totp`: operators' accounts from the centre's own
machine.

For the first administrator and for scripts. Whoever runs the command holds the database, so it
acts with no grant of its own (`services.operators.Actor`, its name the operating-system account);
each change is still recorded in the event log. A password is read from a file or typed twice,
never taken on the command line, where other accounts of the machine could read it; a TOTP
secret's provisioning URI is printed once, for the operator's authenticator app. TOTP secrets are
sealed with the server key (`--server-key`, `server.server_key`); `seal-totp` seals those a
database stored in clear before, once, and the other commands refuse to work until it has.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption, LangOption, Language, ServerKeyOption
from sandogh.cli.secret_input import ask_secret
from sandogh.cli.session import actor, now
from sandogh.core.access import Body, Grant, Role
from sandogh.locale.access_refusals import ROLES
from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang
from sandogh.services.operators import (
    AccountChange,
    Actor,
    add_user,
    change_role,
    disable_user,
    unlock_user,
)
from sandogh.services.totp_at_rest import check_secrets, seal_clear_secrets

if TYPE_CHECKING:
    from sandogh.server.credentials import TotpFactor
    from sandogh.services.elections import UnitOfWorkFactory

# The server's password hashing, TOTP and key files are imported by the command that uses them:
# every `sandogh user` command imports this module for its options, and they bring the server's
# settings.

user_app = typer.Typer(help="Operators' accounts.", no_args_is_help=True)
_out = Console(highlight=False, soft_wrap=True)

UsernameArgument = Annotated[str, typer.Argument(help="The account's username.")]
RoleOption = Annotated[Role, typer.Option("--role", help="The role (DESIGN.md §6).")]
PlaceOption = Annotated[
    str, typer.Option("--place", help="The unit code the role is scoped to (IR, IR-08, …).")
]
BodyOption = Annotated[
    Body | None,
    typer.Option(
        "--body",
        help="The supervisory body a supervisor acts for (guardian-council: president, Majlis, "
        "Experts; majlis: councils); the Guardian Council's boards when not given.",
    ),
]


@user_app.command("add")
def user_add(
    username: UsernameArgument,
    role: RoleOption,
    place: PlaceOption,
    server_key: ServerKeyOption,
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
    body: BodyOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Add an operator's account."""
    from sandogh.server.credentials import Argon2Passwords
    from sandogh.server.settings import OperatorSettings

    store, factor = _opened(db, server_key)
    password = _password(password_file, lang.lang)
    added = add_user(
        store,
        actor=_actor(),
        username=username,
        display_name=name or username,
        grant=Grant(role, place, body),
        password=password,
        second_factor=totp,
        hasher=Argon2Passwords.of(OperatorSettings()),
        factor=factor,
        now=now(),
    )
    _report("added", added, lang.lang)


@user_app.command("role")
def user_role(
    username: UsernameArgument,
    role: RoleOption,
    place: PlaceOption,
    server_key: ServerKeyOption,
    db: DbOption = None,
    body: BodyOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Give an account another role, or the same role at another place."""
    store, factor = _opened(db, server_key)
    changed = change_role(
        store,
        actor=_actor(),
        username=username,
        grant=Grant(role, place, body),
        factor=factor,
        now=now(),
    )
    _report("changed", changed, lang.lang)


@user_app.command("disable")
def user_disable(
    username: UsernameArgument,
    server_key: ServerKeyOption,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Disable an account for good and end its sessions."""
    store, _ = _opened(db, server_key)
    disabled = disable_user(store, actor=_actor(), username=username, now=now())
    _report("disabled", disabled, lang.lang)


@user_app.command("unlock")
def user_unlock(
    username: UsernameArgument,
    server_key: ServerKeyOption,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Clear an account's failed log-ins and lock."""
    store, _ = _opened(db, server_key)
    unlocked = unlock_user(store, actor=_actor(), username=username, now=now())
    _report("unlocked", unlocked, lang.lang)


@user_app.command("seal-totp")
def user_seal_totp(
    server_key: ServerKeyOption, db: DbOption = None, lang: LangOption = Language.FA
) -> None:
    """Seal with the server key every TOTP secret the database stores in clear (once, after
    the upgrade that seals them)."""
    from sandogh.server.credentials import TotpFactor
    from sandogh.server.server_key import ServerKey

    factor = TotpFactor(ServerKey.read(server_key))
    sealed = seal_clear_secrets(open_store(db), factor, by=actor(), now=now())
    count = format_int(len(sealed), lang.lang)
    _out.print(_SAID[lang.lang]["sealed"].format(count=count), markup=False)
    for username in sealed:
        _out.print(f"  {username}", markup=False)


def _opened(db: str | None, server_key: Path) -> tuple[UnitOfWorkFactory, TotpFactor]:
    """The store, once its TOTP secrets are shown sealed with the server key."""
    from sandogh.server.credentials import TotpFactor
    from sandogh.server.server_key import ServerKey

    factor = TotpFactor(ServerKey.read(server_key))
    store = open_store(db)
    check_secrets(store, factor, key=str(server_key))
    return store, factor


def _actor() -> Actor:
    return Actor(actor(), None)


def _password(path: Path | None, lang: Lang) -> str:
    if path is None:
        # asked twice by hand, not by click's confirmation, whose words are English only; asked
        # again until the two agree, as click would (an ended input aborts)
        while (typed := ask_secret(_SAID[lang]["password"])) != ask_secret(_SAID[lang]["again"]):
            _out.print(_SAID[lang]["differ"], markup=False)
        return typed
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[0] if lines else ""


def _report(done: str, change: AccountChange, lang: Lang) -> None:
    account = change.account
    grant = account.grant
    # the username and the place are typed back into commands: isolated, in Latin letters
    where = {"username": account.username, "place": grant.place}
    if lang == "fa":
        where = {k: f"\u2066{v}\u2069" for k, v in where.items()}
    role = ROLES[lang][grant.role]
    _out.print(_SAID[lang][done].format(role=role, **where), markup=False)
    if change.totp_uri is not None:
        _out.print(_SAID[lang]["totp"], markup=False)
        _out.print(change.totp_uri, markup=False)


_SAID: dict[Lang, dict[str, str]] = {
    "fa": {
        "added": "حساب {username} ساخته شد: {role} در {place}",
        "changed": "نقش حساب {username} اکنون {role} در {place} است",
        "disabled": "حساب {username} ({role} در {place}) برای همیشه بسته شد و نشست‌هایش پایان یافت",
        "unlocked": "قفل حساب {username} ({role} در {place}) باز شد",
        "totp": "راز رمز یک‌بارمصرف (TOTP)، که تنها همین یک بار نشان داده می‌شود؛ آن را در برنامه"
        " احراز هویت کاربر بیفزایید:",
        "sealed": "رازهای رمز یک‌بارمصرف {count} حساب با کلید سرور مهر شد:",
        "password": "گذرواژه",
        "again": "همان گذرواژه، دوباره",
        "differ": "دو گذرواژه داده‌شده یکی نیستند؛ دوباره بدهید.",
    },
    "en": {
        "added": "added {username}: {role} at {place}",
        "changed": "changed {username}: {role} at {place}",
        "disabled": "disabled {username}: {role} at {place}",
        "unlocked": "unlocked {username}: {role} at {place}",
        "totp": "TOTP secret, shown this once — add it to the operator's authenticator app:",
        "sealed": "sealed the TOTP secrets of {count} accounts",
        "password": "Password",
        "again": "The same password again",
        "differ": "the two passwords given do not match; give it again",
    },
}
