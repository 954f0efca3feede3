"""A voting box with named candidates and registered staff, its kiosk served on loopback, and
the moves a person makes at the kiosk in Chromium (log in with a key file, press a key).

The staff are the station's head, secretary and supervisor, each with a key file of their own
(`directory.write_key_file`, as `sandogh staff keygen` makes it) and a staff card of that key
under `PIN`, sealed to the box's card key (`formats.staff_card`), registered in the enrolment
document the fake centre sends; `stranger.key` is a well-made key that nobody registered.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import httpx
import nacl.public
from playwright.sync_api import Page, expect
from starlette.applications import Starlette

from sandogh.core.report import StaffRole
from sandogh.formats.key_file import read_key_file, read_seed_file, write_key_file
from sandogh.formats.staff_card import issue_card
from sandogh.station.box import Box
from sandogh.station.courier import Backoff
from sandogh.station.directory import StationDirectory
from sandogh.station.fake_card_writer import FakeCardWriter
from sandogh.station.fake_centre import FakeCentre
from sandogh.station.printers import FilePrinter
from sandogh.station.setup import OfflinePolicy, StaffMember
from sandogh.station.web import create_station_app
from tests.loopback import served
from tests.station.build import (
    BACKOFF,
    BALLOT,
    DEFINITION_HASH,
    E2E_DOCUMENT,
    ELECTION,
    PAPERS,
    STATION,
    Clock,
)

SCREENSHOTS = Path(__file__).parent / "screenshots"
PIN = "246810"  # every member's staff card's, in these tests
CARD_COST = {"opslimit": 1, "memlimit": 8192}  # argon2id's least: the tests test the log-in
# seed-facts.md names the presidential runoff's two; the Majlis runoff's four are made up here
#: contest → (its name by language, candidate code → name by language)
Names = dict[str, tuple[dict[str, str], dict[str, dict[str, str]]]]
NAMES: Names = {
    "president": (
        {"fa": "ریاست جمهوری", "en": "President"},
        {
            "21": {"fa": "سعید جلیلی", "en": "Saeed Jalili"},
            "25": {"fa": "مسعود پزشکیان", "en": "Masoud Pezeshkian"},
        },
    ),
    "parliament": (
        {"fa": "مجلس شورای اسلامی", "en": "Majlis"},
        {
            code: {"fa": f"نامزد {letter}", "en": f"Candidate {letter}"}
            for code, letter in (("31", "الف"), ("32", "ب"), ("33", "پ"), ("34", "ت"))
        },
    ),
}
PEOPLE = (
    ("مریم رحیمی", StaffRole.HEAD),
    ("علی کرمانی", StaffRole.SECRETARY),
    ("زهرا احمدی", StaffRole.SUPERVISOR),
)


ELECTION_NAME = {
    "fa": "انتخابات ریاست جمهوری و مجلس، دور دوم",
    "en": "Presidential and Majlis runoff",
}
STATION_NAME = {"fa": "شعبه ۱ بافت", "en": "Baft station 1"}


class NamingCentre(FakeCentre):
    """The fake centre, with the names of the election, the station, the contests and
    candidates a real one sends."""

    names: ClassVar[Names] = NAMES

    def enrol(
        self, *, election: str, station: str, build: str | None = None
    ) -> Mapping[str, object]:
        document = dict(super().enrol(election=election, station=station, build=build))
        document["election"] = {"id": election, "name": ELECTION_NAME}
        document["unit"] = {"code": station, "kind": "station", "name": STATION_NAME}
        document["contests"] = [
            {
                "id": contest,
                "name": name,
                "candidates": [{"code": code, "name": n} for code, n in people.items()],
            }
            for contest, (name, people) in self.names.items()
        ]
        return document


@dataclass
class Kiosk:
    box: Box
    centre: NamingCentre
    keys: dict[StaffRole, Path]  # each registered member's key file
    stranger: Path  # a key file of nobody registered
    card_key: nacl.public.PrivateKey | None = None  # the box's (`station.directory`)
    cards: dict[StaffRole, str] = field(default_factory=dict)  # each member's card, under PIN
    url: str = ""
    app: Starlette | None = None
    writer: FakeCardWriter | None = None  # the check-in desk's card writer; none: by hand


def voting_kiosk(
    folder: Path,
    *,
    centre: type[NamingCentre] = NamingCentre,
    clock: Any = None,
    backoff: Backoff = BACKOFF,
    people: tuple[tuple[str, StaffRole], ...] = PEOPLE,
    e2e: bool = False,
    opened: bool = True,
) -> Kiosk:
    """An enrolled box, open and voting (unless not `opened`: enrolled only), whose staff have
    their key files in `folder`; with `e2e`, enrolled with the election's E2E context
    (`build.E2E_DOCUMENT`)."""
    keys = {role: folder / f"{role.value}.key" for _, role in people}
    staff = [
        StaffMember(person, role, write_key_file(keys[role]).public_key) for person, role in people
    ]
    stranger = folder / "stranger.key"
    write_key_file(stranger)
    directory = StationDirectory(folder / "station")
    store, key = directory.create()
    card_key = directory.card_key()
    fake = centre(
        election=ELECTION,
        definition_hash=DEFINITION_HASH,
        ballot=BALLOT,
        staff=staff,
        e2e=E2E_DOCUMENT if e2e else None,
    )
    box = Box(
        store,
        key,
        fake,
        FilePrinter(folder / "printer.jsonl"),
        clock=clock or Clock(),
        backoff=backoff,
    )
    box.enrol(election=ELECTION, station=STATION, policy=OfflinePolicy.REFUSE)
    if opened:
        box.open(PAPERS)
        box.start_voting()
    cards = {
        role: issue_card(read_seed_file(path), PIN, card_key.public_key, **CARD_COST)
        for role, path in keys.items()
    }
    return Kiosk(box, fake, keys, stranger, card_key, cards)


@contextmanager
def serving(kiosk: Kiosk, **options: Any) -> Iterator[Kiosk]:
    """The kiosk's screens on loopback (`options` to `create_station_app`; the box's card key and
    the kiosk's card writer unless they say otherwise) until the block ends."""
    given = {"card_key": kiosk.card_key, "writer": kiosk.writer, **options}
    kiosk.app = create_station_app(kiosk.box, **given)
    try:
        with served(kiosk.app, "the kiosk") as url:
            kiosk.url = url
            yield kiosk
    finally:
        kiosk.box.store.close()


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def press(page: Page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def log_in(page: Page, url: str, key_file: Path, lang: str = "fa") -> None:
    """A member of staff logs in at the kiosk with their key file."""
    page.goto(f"{url}/operator/login?lang={lang}")
    page.set_input_files("#key-file", str(key_file))
    # expect() polls from Playwright's own script, which the kiosk's CSP (no eval) cannot
    # refuse, as it sometimes refused wait_for_function's string
    expect(page.locator("#key-seed")).not_to_have_value("")
    press(page, "#log-in")


def csrf_of(page: str) -> str:
    """The CSRF token in a kiosk page's forms."""
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, page
    return found.group(1)


def client(kiosk: Kiosk) -> httpx.Client:
    """An HTTP client at the kiosk, its POSTs marked as from the kiosk's own pages."""
    return httpx.Client(base_url=kiosk.url, headers={"origin": kiosk.url})


def http_log_in(at: httpx.Client, key_file: Path) -> httpx.Response:
    """Log in over HTTP with a key file, as the log-in page's form sends it."""
    csrf = csrf_of(at.get("/operator/login").text)
    return at.post("/operator/login", data={"csrf": csrf, "key": key_file.read_text()})


def close_voting(page: Page, explanation: str = "") -> None:
    """Close at the kiosk: the paper copies counted as the ballots cast, any mismatch explained."""
    press(page, "#close")
    page.fill("#close-papers", page.locator("#close-cast").inner_text())
    page.fill("#close-explanation", explanation)
    press(page, "#close-confirm")


CHECK_FORM = "form[action='/operator/minutes/check']"


def check_minutes(page: Page, key_file: Path) -> None:
    """The member whose `key_file` it is checks the minutes: logged in by key file, they choose
    it again (review S22 A3), as one logged in by card types the PIN again."""
    member = read_key_file(key_file).public_key.text
    form = page.locator(CHECK_FORM).filter(has=page.locator(f"input[value='{member}']"))
    form.locator("input[type=file]").set_input_files(str(key_file))
    expect(form.locator("input[name=key]")).not_to_have_value("")
    with page.expect_navigation():
        form.locator("button").click()


def sign_minutes(page: Page, keys: Iterable[Path]) -> None:
    """Every member of staff logged in (by the key files `keys`) checks the minutes, then they
    are signed and sent."""
    files = {read_key_file(path).public_key.text: path for path in keys}
    press(page, "#minutes")
    while page.locator(CHECK_FORM).count():
        member = page.locator(CHECK_FORM + " input[name=member]").first.get_attribute("value")
        check_minutes(page, files[str(member)])
    press(page, "#report")


def http_card_log_in(at: httpx.Client, card: str, pin: str) -> httpx.Response:
    """Log in over HTTP with a staff card and PIN, as the log-in page's card form sends them."""
    csrf = csrf_of(at.get("/operator/login").text)
    return at.post("/operator/login", data={"csrf": csrf, "card": card, "pin": pin})
