"""The box's screens in headless Chromium: an operator checks a voter in, the voter types codes,
corrects one, reviews and confirms twice; the box then holds exactly that one ballot."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import Page, sync_playwright

from sandogh.core.report import decode_record
from sandogh.locale import text
from sandogh.station.box import Box
from sandogh.station.directory import StationDirectory
from sandogh.station.fake_centre import FakeCentre
from sandogh.station.printers import FilePrinter
from sandogh.station.setup import OfflinePolicy
from sandogh.station.web import LOOPBACK, create_station_app
from tests.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.station.build import (
    BACKOFF,
    BALLOT,
    COUNTERS,
    DEFINITION_HASH,
    ELECTION,
    PAPERS,
    STAFF,
    STATION,
    Clock,
    national_code,
    opened,
)

SCREENSHOTS = Path(__file__).parent / "screenshots"
# seed-facts.md names the presidential runoff's two; the Majlis runoff's four are made up here
NAMES = {
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


class NamingCentre(FakeCentre):
    """The fake centre, with the names of the contests and candidates a real one sends."""

    def enrol(self, *, election: str, station: str) -> Mapping[str, object]:
        document = dict(super().enrol(election=election, station=station))
        document["contests"] = [
            {
                "id": contest,
                "name": name,
                "candidates": [{"code": code, "name": n} for code, n in people.items()],
            }
            for contest, (name, people) in NAMES.items()
        ]
        return document


def _voting_box(folder: Path) -> Box:
    store, key = StationDirectory(folder / "station").create()
    centre = NamingCentre(
        election=ELECTION, definition_hash=DEFINITION_HASH, ballot=BALLOT, staff=STAFF
    )
    box = Box(
        store, key, centre, FilePrinter(folder / "printer.jsonl"), clock=Clock(), backoff=BACKOFF
    )
    box.enrol(election=ELECTION, station=STATION, policy=OfflinePolicy.REFUSE)
    box.open(PAPERS)
    box.start_voting()
    return box


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Box, str]]:
    box = _voting_box(tmp_path)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_station_app(box, staff=COUNTERS), host=LOOPBACK, port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield box, f"http://{LOOPBACK}:{port}"
    finally:
        server.should_exit = True
        thread.join(5)
        box.store.close()


def _type(page: Page, code: str) -> None:
    page.get_by_label("کد نامزد").fill(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the form's first key: enter the code


def _press(page: Page, key: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=key).click()


def test_a_voter_checks_in_and_votes_through_the_screens(served: tuple[Box, str]) -> None:
    box, url = served
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 800, "height": 720})

        page.goto(url + "/operator")
        assert page.locator("html").get_attribute("dir") == "rtl"
        page.get_by_label("کد ملی").fill(national_code(7))
        _press(page, "استعلام")
        token = page.locator("#card-token").inner_text()
        assert page.locator("#cards-issued").inner_text() == "۱"

        page.goto(url + "/vote")
        page.get_by_label("کارت تعرفه").fill(token)
        _press(page, "آغاز")
        # the presidency: a wrong code is refused, then 21 corrected to 25
        _type(page, "99")
        assert page.get_by_role("alert").inner_text() == "نامزدی با این کد نیست."
        _type(page, "۲۱")  # a Persian keypad's digits
        assert "سعید جلیلی" in page.locator(".chosen").inner_text()
        _type(page, "25")
        assert "کرسی" in page.get_by_role("alert").inner_text()  # one seat: full
        _press(page, "اصلاح")
        _type(page, "25")
        assert "مسعود پزشکیان" in page.locator(".chosen").inner_text()
        _press(page, "بعدی")
        # the Majlis: two seats
        _type(page, "31")
        _type(page, "33")
        assert page.locator(".chosen li").count() == 2
        _press(page, "بعدی")

        assert page.get_by_role("heading", level=1).inner_text() == "بازبینی رأی"
        review = page.locator("main").inner_text()
        for shown in ("مسعود پزشکیان", "۲۵", "نامزد الف", "۳۱", "نامزد پ", "۳۳"):
            assert shown in review
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "voter-review-fa.png"))

        _press(page, "تأیید")
        assert page.locator("#confirm-again").is_visible()
        assert box.status().records == 0  # the first confirmation casts nothing
        _press(page, "تأیید")
        assert "صندوق" in page.locator("#cast-done").inner_text()

        page.goto(url + "/operator?lang=en")
        assert page.locator("html").get_attribute("dir") == "ltr"
        for key in ("Close voting", "Count the ballots", "Sign and send the report"):
            _press(page, key)
        assert page.locator("#phase").inner_text() == "Reported"
        _press(page, "Close voting")  # once more: the box refuses, and says why
        assert "cannot close" in page.get_by_role("alert").inner_text()
        browser.close()

    with box.store.transaction() as tx:
        card = tx.card(token)
    records = [decode_record(data) for data in opened(box.store)]
    assert [{c.contest: c.codes for c in r.choices} for r in records] == [
        {"president": ("25",), "parliament": ("31", "33")}
    ]
    assert card is not None
    assert card.consumed


def test_a_request_from_off_the_box_is_refused(tmp_path: Path) -> None:
    box = _voting_box(tmp_path)
    transport = httpx.ASGITransport(create_station_app(box), client=("192.0.2.1", 50000))

    async def get() -> int:
        async with httpx.AsyncClient(transport=transport, base_url="http://box") as client:
            return (await client.get("/operator")).status_code

    assert asyncio.run(get()) == 403
    box.store.close()


def test_no_screen_is_kept_in_the_browser_s_cache(tmp_path: Path) -> None:
    """A voter's review page, cached on the box's disk, would lie there in voting order."""
    box = _voting_box(tmp_path)
    transport = httpx.ASGITransport(create_station_app(box))

    async def headers() -> list[str]:
        async with httpx.AsyncClient(transport=transport, base_url="http://box") as client:
            pages = [await client.get(path) for path in ("/operator", "/vote")]
            pages.append(await client.post("/vote", data={"token": "unknown"}))
            return [page.headers.get("cache-control", "") for page in pages]

    assert asyncio.run(headers()) == ["no-store"] * 3
    box.store.close()


def test_counting_without_two_staff_keys_says_so_in_persian(tmp_path: Path) -> None:
    box = _voting_box(tmp_path)
    box.close()
    transport = httpx.ASGITransport(create_station_app(box, staff=COUNTERS[:1]))

    async def count() -> str:
        async with httpx.AsyncClient(transport=transport, base_url="http://box") as client:
            return (await client.post("/operator/count")).text

    assert text("box_staff_too_few", "fa") in asyncio.run(count())
    box.store.close()
