"""Why a voter got no ballot card, on the operator's screen in words (`locale.check_in_refusals`):
a Majlis runoff's refusal sends the voter to the constituency where they voted in round one
without naming it, a mistyped code says what is wrong with it, and the Persian page holds no
machine code of a refusal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from sandogh.core.report import StaffRole
from sandogh.core.voters import CodeFault
from sandogh.locale.check_in_refusals import FA
from sandogh.services.checkin import RefusalReason
from sandogh.station.box_check_in import LocalRefusal
from sandogh.station.ports import CheckInAnswer
from tests.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.station.build import national_code
from tests.station.web.kiosk_build import (
    SCREENSHOTS,
    Kiosk,
    NamingCentre,
    log_in,
    press,
    serving,
    voting_kiosk,
)

MACHINE_CODES = [
    code.value
    for code in (*RefusalReason, *LocalRefusal, *CodeFault)
    if "-" in code.value  # "dead" is a word of both languages
]


class RoundOneElsewhere(NamingCentre):
    """A centre that refuses every voter for the Majlis runoff: round one was elsewhere."""

    def check_in(self, *, election: str, station: str, national_code: str) -> CheckInAnswer:
        del election, station, national_code
        return CheckInAnswer(token=None, contests=(), refusal=RefusalReason.RUNOFF_ELSEWHERE)


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    with serving(voting_kiosk(tmp_path, centre=RoundOneElsewhere)) as served:
        yield served


def test_the_operator_reads_a_refusal_in_words(kiosk: Kiosk) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 800, "height": 720})
        log_in(page, kiosk.url, kiosk.keys[StaffRole.HEAD])
        page.get_by_label("کد ملی").fill(national_code(7))
        press(page, "button[type=submit] >> text=استعلام")
        said = page.locator("#refusal").inner_text()
        assert said == FA["check_in_refused_runoff_elsewhere"]
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "operator-refused-fa.png"), full_page=True)
        runoff = page.content()

        page.get_by_label("کد ملی").fill("۱۲۳۴۵۶۷۸۹۰")  # a wrong check digit, in Persian digits
        press(page, "button[type=submit] >> text=استعلام")
        assert page.locator("#refusal").inner_text() == (
            f"{FA['check_in_refused_invalid_code']}: {FA['code_fault_wrong_check_digit']}"
        )
        mistyped = page.content()

        page.goto(kiosk.url + "/operator?lang=en")
        page.get_by_label("National code").fill(national_code(7))
        press(page, "button[type=submit] >> text=Check")
        assert "first round" in page.locator("#refusal").inner_text()
        browser.close()
    for html in (runoff, mistyped):
        assert [code for code in MACHINE_CODES if code in html] == []
