"""The live demo's accounts and what it prints for a visitor (`cli.live_demo`): the demo-only
operators, the addresses of the site, the console, the kiosk and the API, the voters the day
leaves for the kiosk and its staff's key files."""

from __future__ import annotations

import datetime
import itertools
from pathlib import Path

import pyotp
from rich.console import Console
from rich.markup import escape

from sandogh.cli.demo_preparation import guide
from sandogh.cli.live_demo_text import say
from sandogh.cli.session import actor
from sandogh.cli.simulated_day import DayPlan
from sandogh.core.access import Grant, Role
from sandogh.locale.definition_names import place_name
from sandogh.locale.digits import to_persian_digits
from sandogh.locale.language import Lang
from sandogh.registry.synthetic import SyntheticRegistry
from sandogh.server.console import labels
from sandogh.server.credentials import Argon2Passwords, TotpFactor, provisioning_uri
from sandogh.server.server_key import ServerKey
from sandogh.server.settings import OperatorSettings
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.operators import Actor, add_user

# Demo-only accounts: fixed, printed, and never to be used on a real election's centre.
# Kerman county (IR-08-0808; IR-08-0801 is Baft): Kerman city's stations vote electronically, so
# the kiosk's box and every station of an E2E day are its own, and its account sees them report.
HQ = ("kerman-hq", "demo-kerman-hq-1403", Role.COUNTY_HQ, "IR-08-0808")
ADMIN = ("demo-admin", "demo-admin-1403", Role.ADMIN, "IR")
ADMIN_TOTP_SECRET = "SANDOGHDEMOKERMANDEMOONLYAAAAAAA"  # base32, 160 bits
#: The people the accounts belong to, as the console names who is signed in: in Persian, the
#: console's language whatever the demo's («kerman-hq (demo)» was English on the Persian console,
#: review S22 A7); a person's name is theirs on the English page too
PEOPLE = {HQ[0]: "زهره افشار", ADMIN[0]: "رضا مدیری"}


def digits(shown: str, lang: Lang) -> str:
    return to_persian_digits(shown) if lang == "fa" else shown


def add_operators(
    store: UnitOfWorkFactory, key: ServerKey
) -> list[tuple[str, str, Grant, str | None]]:
    """The demo accounts: (username, password, grant, TOTP secret)."""
    hasher = Argon2Passwords.of(OperatorSettings())
    now = datetime.datetime.now(datetime.UTC)
    added = []
    for username, password, role, place in (HQ, ADMIN):
        change = add_user(
            store,
            actor=Actor(actor(), None),
            username=username,
            display_name=PEOPLE[username],
            grant=Grant(role, place),
            password=password,
            second_factor=False,
            hasher=hasher,
            factor=_DemoTotp(key),
            now=now,
        )
        secret = None if change.totp_uri is None else pyotp.parse_uri(change.totp_uri).secret
        added.append((username, password, change.account.grant, secret))
    return added


class _DemoTotp(TotpFactor):
    """The same TOTP secret every run, so an authenticator app set up once keeps working."""

    def new_secret(self) -> str:
        return ADMIN_TOTP_SECRET


def spare_voters(plan: DayPlan, count: int = 3) -> list[str]:
    """Voters of the registry whom the simulated day leaves alone, for the kiosk."""
    registry = SyntheticRegistry(plan.registry.seed, size=plan.registry.size)
    used = sum(len(crowd) for crowd in plan.crowds.values())
    spare = itertools.islice(registry.voters(plan.loaded.election.date), used, used + count)
    return [card.digits for card in spare]


def print_addresses(
    out: Console,
    lang: Lang,
    plan: DayPlan,
    urls: dict[str, str],
    kiosk_station: str,
    accounts: list[tuple[str, str, Grant, str | None]],
    voters: list[str],
    staff: list[Path],
) -> None:
    site = urls["site"] + ("/" if lang == "fa" else "/en/")
    rows = [
        (say("site", lang), site),
        (say("console", lang), urls["api"] + "/console/"),
        (
            say("kiosk", lang, station=kiosk_station),
            f"{urls['kiosk']}/operator/login  {urls['kiosk']}/vote",
        ),
        (say("api", lang), urls["api"] + "/openapi.json"),
    ]
    out.print()
    for label, address in rows:
        out.print(f"[bold]{escape(label)}[/bold]: {address}", soft_wrap=True)
    out.print(f"[yellow]{escape(say('accounts', lang))}[/yellow]")
    for username, password, grant, secret in accounts:
        line = say(
            "account",
            lang,
            username=username,
            password=password,
            role=(labels.FA if lang == "fa" else labels.EN)[f"role_{grant.role.value}"],
            place=place_name(plan.loaded.election, "", grant.place, lang),
        )
        out.print(f"  {escape(line)}", soft_wrap=True)
        if secret is not None:
            code = digits(pyotp.TOTP(secret).now(), lang)
            out.print(
                f"  {escape(say('totp', lang, username=username, secret=secret, code=code))}",
                soft_wrap=True,
            )
            uri = provisioning_uri(secret, username)
            out.print(f"  {escape(uri)}", soft_wrap=True)
    out.print(escape(say("voters", lang, codes=" ".join(voters))), soft_wrap=True)
    out.print(escape(say("staff_keys", lang, files=" ".join(map(str, staff)))), soft_wrap=True)
    guide(out, lang, urls["api"] + "/console/", urls["db"])
    out.print()
