"""Stored XSS (issue 9 §4): an election day whose every name is a script payload, and a watch on
a Chromium page that tells whether any payload ran or the page broke its Content-Security-Policy.

The console's and the results site's tests load the day and walk every page with it. Were a name
ever parsed as HTML, its payload would set `window.pwned`, or ask for a URL holding `pwned`, or
(with the policy in force) be blocked and reported as a violation; the watch catches all three,
and every script error too, so a page that works only without its policy fails as well.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from playwright.sync_api import Browser, ConsoleMessage, Page, Request

from sandogh.core.access import Grant, Role
from sandogh.core.definition.model import Election, Location, Name
from sandogh.core.supervision import CaseKind
from sandogh.services.acting import Actor
from sandogh.services.cases import open_case
from sandogh.services.ports import LedgerEntry
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.publish.build import report, set_up
from tests.services.build import NOW, ROUND_2_DAY, ST_1, ST_2, ST_3

MARK = "pwned"
_RUN = f"window.{MARK}=1;fetch('/{MARK}')"
PAYLOADS = (
    f'<img src=/{MARK}.png onerror="{_RUN}">',
    f"<script>{_RUN}</script>",
    f'"><svg onload="{_RUN}">',
    f"'><img src=/{MARK}.png onerror={_RUN}>",
    f"</script><script>{_RUN}</script>",
    f"javascript:{_RUN}",
)
#: where the stations stand, apart, so that every map draws them and each can be hovered
LOCATIONS = {
    ST_1: Location(Decimal("29.2522"), Decimal("56.6202")),
    ST_2: Location(Decimal("29.7500"), Decimal("57.1000")),
    ST_3: Location(Decimal("29.1060"), Decimal("58.3570")),
}


class _Names:
    """Hands out the payloads in turn, each followed by the name it replaces."""

    def __init__(self) -> None:
        self.given: list[str] = []

    def __call__(self, name: Name) -> Name:
        fa = f"{PAYLOADS[len(self.given) % len(PAYLOADS)]} {name.fa}"
        en = f"{PAYLOADS[(len(self.given) + 1) % len(PAYLOADS)]} {name.en}"
        self.given += [fa, en]
        return Name(fa, en)


def hostile(day: Election = ROUND_2_DAY) -> Election:
    """`day` with a payload in every name: the election, each unit, contest, constituency and
    candidate; its stations located."""
    named = _Names()
    units = []
    for unit in day.units:
        station = unit.station
        if station is not None:
            station = dataclasses.replace(station, location=LOCATIONS[unit.code])
        units.append(dataclasses.replace(unit, name=named(unit.name), station=station))
    contests = [
        dataclasses.replace(
            contest,
            name=named(contest.name),
            constituencies=tuple(
                dataclasses.replace(k, name=named(k.name)) for k in contest.constituencies
            ),
            candidates=tuple(
                dataclasses.replace(c, name=named(c.name)) for c in contest.candidates
            ),
        )
        for contest in day.contests
    ]
    return dataclasses.replace(
        day, name=named(day.name), units=tuple(units), contests=tuple(contests)
    )


HOSTILE = hostile()


def name_of(code: str, lang: str = "fa") -> str:
    """The payload-laden name of `HOSTILE`'s unit `code` in `lang`."""
    (unit,) = (u for u in HOSTILE.units if u.code == code)
    return unit.name.fa if lang == "fa" else unit.name.en


ADMIN = Actor("tests", Grant(Role.ADMIN, "IR"))


def hostile_store(folder: Path) -> str:
    """A SQLite store under `folder` holding `HOSTILE`, its boxes open, two stations reported,
    three voters checked in at the third (the console draws them by hour) and a case whose
    summary is a payload too; its URL."""
    url = f"sqlite:///{folder / 'hostile.sqlite'}"
    init_database(url)
    engine = make_engine(url)
    try:

        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(engine, now=NOW)

        set_up(uow, HOSTILE)
        report(uow, ST_1, 1, day=HOSTILE)
        report(uow, ST_3, 2, day=HOSTILE)
        with uow() as work:
            for voter in range(3):
                at = NOW + datetime.timedelta(hours=voter)
                work.ledger.add(
                    LedgerEntry(HOSTILE.id, f"voter-{voter}", ST_2, at, {"president": "IR"})
                )
            work.commit()
        open_case(
            uow,
            ADMIN,
            HOSTILE.id,
            kind=CaseKind.VOTE_BUYING,
            summary=PAYLOADS[0],
            place="IR-08-0801",
            stations=[ST_1],
            now=NOW,
        )
    finally:
        engine.dispose()
    return url


def report_later(url: str) -> None:
    """The last station's report, for a page that should show it without a reload."""
    engine = make_engine(url)
    try:
        at = NOW + datetime.timedelta(hours=13)
        report(lambda: SqlUnitOfWork(engine, now=at), ST_2, 3, day=HOSTILE)
    finally:
        engine.dispose()


# Runs before any script of every page, outside the page's policy (Playwright's own channel).
_LISTEN = """
window.violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.violations.push(
  `${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
"""


@dataclass
class Watch:
    """A page and what went wrong on it so far."""

    page: Page
    problems: list[str] = field(default_factory=list)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(f"console: {message.text}")

    def _request(self, request: Request) -> None:
        if MARK in request.url:
            self.problems.append(f"a payload asked for {request.url}")

    def check(self) -> None:
        """Fail if a payload ran, a policy was broken or a script failed on the current page."""
        ran = self.page.evaluate(f"window.{MARK}")
        violations = self.page.evaluate("window.violations")
        assert ran is None, f"a payload ran on {self.page.url}"
        assert violations == [], violations
        assert self.problems == [], self.problems

    def shows_literally(self, text: str) -> None:
        """`text` is on the page as text: no element was made of it."""
        assert text in self.page.locator("body").inner_text(), text


def watched(browser: Browser, viewport: dict[str, int]) -> Watch:
    page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]  # a ViewportSize
    page.set_default_timeout(10_000)
    page.add_init_script(_LISTEN)
    watch = Watch(page)
    page.on("pageerror", lambda error: watch.problems.append(f"error: {error}"))
    page.on("console", watch._console)
    page.on("request", watch._request)
    return watch
