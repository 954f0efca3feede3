"""The Back key after a ballot (issue 9, section 1): in Chromium a voter casts a ballot, and
whoever comes next presses Back and Forward through the browser's history. No page they reach
may show any name or code of that ballot, in its text, its title or a form's value; and the
review, asked for again over HTTP once the ballot is cast, answers the neutral card screen.
On an E2E box (docs/e2e.md §7) the same holds for the steps of cast-or-challenge: neither the
confirmation codes, the opened ballot nor its nonce shows again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, Playwright

from sandogh.core.e2e.chain import readable_code
from sandogh.core.report import StaffRole
from sandogh.locale import to_persian_digits
from tests.chromium import LAUNCH
from tests.station.build import national_code
from tests.station.web.kiosk_build import (
    NAMES,
    SCREENSHOTS,
    Kiosk,
    log_in,
    press,
    serving,
    voting_kiosk,
)

CHOSEN = {"president": ("21",), "parliament": ("32", "34")}
CHALLENGED = {"president": ("25",), "parliament": ("31",)}


def _leaks(*ballots: dict[str, tuple[str, ...]]) -> list[str]:
    return [
        shown
        for chosen in ballots
        for contest, codes in chosen.items()
        for code in codes
        for shown in (
            code,
            to_persian_digits(code),
            NAMES[contest][1][code]["fa"],
            NAMES[contest][1][code]["en"],
        )
    ]


LEAKS = _leaks(CHOSEN)


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    with serving(voting_kiosk(tmp_path)) as served:
        yield served


def _card(kiosk: Kiosk, page: Page, voter: int) -> str:
    log_in(page, kiosk.url, kiosk.keys[StaffRole.HEAD])
    page.fill("#national-code", national_code(voter))
    press(page, "form[action='/operator/look-up'] button")
    press(page, "#confirm-voter")
    return page.locator("#card-token").inner_text()


def _type(page: Page, chosen: dict[str, tuple[str, ...]]) -> None:
    for codes in chosen.values():
        for code in codes:
            page.fill("#code", code)
            press(page, "#enter")
        press(page, "#next")


def _vote(page: Page, url: str, token: str) -> None:
    page.goto(url + "/vote")
    page.fill("#token", token)
    press(page, "button[type=submit]")
    _type(page, CHOSEN)
    assert "مسعود" not in page.locator("main").inner_text()  # the review: Jalili, not the other
    press(page, "#confirm")
    press(page, "#confirm")
    assert page.locator("#cast-done").count() == 1


def _what_shows(page: Page) -> str:
    """Everything a person at the screen can read, or read out of a form (the CSRF token, random,
    is left out: it is no one's choice)."""
    values = page.eval_on_selector_all(
        "input, textarea, select",
        "els => els.filter(e => e.name !== 'csrf').map(e => e.value)",
    )
    return "\n".join([page.title(), page.locator("body").inner_text(), *values])


def _back_and_forward(page: Page, times: int, shot: str) -> list[str]:
    """What shows at each step `times` back through the history, then `times` forward."""
    seen = []
    for _ in range(times):
        page.go_back(wait_until="load")
        seen.append(_what_shows(page))
    page.screenshot(path=str(SCREENSHOTS / shot), full_page=True)
    for _ in range(times):
        page.go_forward(wait_until="load")
        seen.append(_what_shows(page))
    return seen


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """One Chromium for the module, as a kiosk's: each test's pages are contexts of their own."""
    launched = playwright.chromium.launch(
        **LAUNCH,
        # Playwright turns the back/forward cache off; a kiosk's Chromium has it on
        ignore_default_args=["--disable-back-forward-cache"],
    )
    try:
        yield launched
    finally:
        launched.close()


def test_back_and_forward_after_a_ballot_show_nothing_of_it(kiosk: Kiosk, browser: Browser) -> None:
    token = _card(kiosk, browser.new_page(), 1)
    page = browser.new_page(viewport={"width": 800, "height": 720})
    _vote(page, kiosk.url, token)
    seen = _back_and_forward(page, 5, "voter-after-back-fa.png")
    for shown in seen:
        assert [leak for leak in LEAKS if leak in shown] == []
        assert "بازبینی" not in shown  # never the review screen
    assert kiosk.box.status().records == 1


def test_the_review_is_gone_once_the_ballot_is_cast(kiosk: Kiosk, browser: Browser) -> None:
    token = _card(kiosk, browser.new_page(), 2)
    page = browser.new_page()
    _vote(page, kiosk.url, token)
    page.goto(kiosk.url + "/vote")  # the card screen: the visit's form and cookie
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    csrf = page.eval_on_selector("input[name=csrf]", "e => e.value")
    page.context.close()
    origin = {"origin": kiosk.url}
    with httpx.Client(base_url=kiosk.url, cookies=cookies, headers=origin) as client:
        assert "cast-done" not in client.get("/vote").text  # "cast" is shown once, then gone
        for key in ("back", "confirm"):  # the review's own keys, pressed again
            moved = client.post("/vote", data={"key": key, "csrf": csrf})
            assert moved.status_code == 303
            page_now = client.get("/vote").text.replace(csrf, "")  # random, no one's choice
            assert 'id="token"' in page_now  # the card screen
            assert [leak for leak in LEAKS if leak in page_now] == []
    assert kiosk.box.status().records == 1


def test_back_and_forward_after_a_challenge_and_a_cast_show_nothing_of_either(
    tmp_path: Path, browser: Browser
) -> None:
    with serving(voting_kiosk(tmp_path, e2e=True)) as kiosk:
        token = _card(kiosk, browser.new_page(), 3)
        page = browser.new_page(viewport={"width": 800, "height": 720})
        page.goto(kiosk.url + "/vote")
        page.fill("#token", token)
        press(page, "button[type=submit]")
        _type(page, CHALLENGED)
        press(page, "#seal")
        press(page, "#challenge")
        press(page, "#challenge-yes")
        nonce = page.locator("#opened-nonce").inner_text().split()
        press(page, "#vote-again")
        _type(page, CHOSEN)
        press(page, "#seal")
        press(page, "#cast")
        assert page.locator("#cast-done").count() == 1
        seen = _back_and_forward(page, 10, "voter-after-challenge-back-fa.png")
        box = kiosk.box
        with box.store.transaction() as tx:
            head, chain = tx.chain_head(), list(tx.chain())
        assert head is not None
        assert (head.cast, head.challenged) == (1, 1)
        codes = [readable_code(entry.code).split() for entry in chain]
        leaks = _leaks(CHOSEN, CHALLENGED) + nonce
        leaks += [shown for groups in codes for g in groups for shown in (g, to_persian_digits(g))]
        for shown in seen:
            assert [leak for leak in leaks if leak in shown] == []
            for step in ("بازبینی", "کد رهگیری", "ابطال‌شده"):  # review, code, opened
                assert step not in shown
        assert box.status().records == 1
