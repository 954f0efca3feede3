"""A ballot box's screens served on loopback, and a kiosk driving them in headless Chromium.

`serve_screens` serves `station.web.create_station_app` over a real box, as the box serves its own
kiosk browser; `Kiosk` is that browser for one box: an operator tab where the station's staff log
in with their key files, check voters in and end the day, and a voter tab where the voter types
codes, reviews and confirms twice, through the same screens (and element ids) a person would use.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from playwright.async_api import Browser, Page, expect

from sandogh.core.report import Choice
from sandogh.formats.key_file import read_key_file
from sandogh.locale import to_persian_digits
from sandogh.station.box import Box
from sandogh.station.web import create_station_app
from tests.loopback import served


@contextmanager
def serve_screens(box: Box) -> Iterator[str]:
    """The box's screens on a free loopback port, in a thread, until the block ends: the URL."""
    with served(create_station_app(box), "the box's screens") as url:
        yield url


async def _press(page: Page, selector: str) -> None:
    async with page.expect_navigation():
        await page.click(selector)


class Kiosk:
    """One box's kiosk browser, in Persian (the box's default language): `operator` and `voter`
    are two tabs, used at the same time as at a real box (the next voter is checked in while
    the last one votes)."""

    def __init__(self, operator: Page, voter: Page, staff: Sequence[Path] = ()) -> None:
        self.operator = operator
        self.voter = voter
        self.staff = tuple(staff)  # their key files, chosen again to check the minutes

    @classmethod
    async def open(cls, browser: Browser, url: str, staff: Sequence[Path]) -> Kiosk:
        """The two tabs, the operator's with each of `staff` (key files) logged in."""
        operator, voter = [
            await browser.new_page(viewport={"width": 800, "height": 720}) for _ in range(2)
        ]
        for key_file in staff:
            await operator.goto(url + "/operator/login")
            await operator.set_input_files("#key-file", str(key_file))
            await operator.wait_for_function("document.getElementById('key-seed').value")
            await _press(operator, "#log-in")
        await voter.goto(url + "/vote")
        return cls(operator, voter, staff)

    async def _check(self, national_code: str) -> None:
        await self.operator.fill("#national-code", national_code)
        await _press(self.operator, "form[action='/operator/look-up'] button")
        if await self.operator.locator("#confirm-voter").count():  # the staff see it is them
            await _press(self.operator, "#confirm-voter")

    async def check_in(self, national_code: str, *, persian_digits: bool = False) -> str:
        """The operator checks the voter in: the ballot card's token shown."""
        await self._check(to_persian_digits(national_code) if persian_digits else national_code)
        return await self.operator.locator("#card-token").inner_text()

    async def refusal(self, national_code: str) -> str:
        """The operator tries to check the voter in: the reason shown for the refusal."""
        await self._check(national_code)
        return await self.operator.locator("#refusal").inner_text()

    async def vote(self, token: str, choice: Choice, *, persian_digits: bool = False) -> str:
        """The voter casts `choice` with the card `token`, confirming twice; the review
        screen's text as the voter saw it before confirming."""
        page = self.voter
        await page.fill("#token", token)
        await _press(page, "button[type=submit]")
        if choice.blank:
            await _press(page, "#blank")
        else:
            for code in choice.codes:
                await page.fill("#code", to_persian_digits(code) if persian_digits else code)
                await _press(page, "#enter")
            await _press(page, "#next")
        review = await page.locator("main").inner_text()
        await _press(page, "#confirm")
        await _press(page, "#confirm")
        if not await page.locator("#cast-done").count():
            raise AssertionError(f"not cast: {await page.locator('main').inner_text()}")
        await _press(page, "main a[href^='/vote']")  # the next voter
        return review

    async def end_of_day(self) -> str:
        """Close (and confirm it), count and report on the operator's screen: the phase shown
        after."""
        operator = self.operator
        await _press(operator, "#close")
        await operator.fill("#close-papers", await operator.locator("#close-cast").inner_text())
        await _press(operator, "#close-confirm")
        await _press(operator, "#count")
        await _press(operator, "#minutes")
        for key_file in self.staff:  # each member logged in checks, choosing their key again
            member = read_key_file(key_file).public_key.text
            form = operator.locator("form[action='/operator/minutes/check']").filter(
                has=operator.locator(f"input[value='{member}']")
            )
            await form.locator("input[type=file]").set_input_files(str(key_file))
            await expect(form.locator("input[name=key]")).not_to_have_value("")
            async with operator.expect_navigation():
                await form.locator("button").click()
        await _press(operator, "#report")
        alert = operator.get_by_role("alert")
        if await alert.count():
            raise AssertionError(await alert.inner_text())
        return await operator.locator("#phase").inner_text()
