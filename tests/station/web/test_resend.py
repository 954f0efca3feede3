"""A signed report is "sent" only once the centre's receipt is back (issue 9, section 4): the
kiosk said "done" while the report sat unsent in the outbox. In Chromium the staff close, count,
and sign with the centre down: the screen says the report is signed and waiting, with its
attempts. The centre comes back, and with no key pressed the box sends the report by itself and
its screen comes to say so within the bound of the retries."""

from __future__ import annotations

import datetime
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from sandogh.core.report import StaffRole
from sandogh.station.courier import Backoff
from tests.axe import assert_accessible
from tests.station.web.kiosk_build import (
    SCREENSHOTS,
    Kiosk,
    close_voting,
    log_in,
    press,
    serving,
    sign_minutes,
    utc_now,
    voting_kiosk,
)

BACKOFF = Backoff(first=datetime.timedelta(seconds=0.2), cap=datetime.timedelta(seconds=1))
BOUND_SECONDS = 15.0  # the cap, the resender's poll and the page's own refresh, with room


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    box = voting_kiosk(tmp_path, clock=utc_now, backoff=BACKOFF)
    box.centre.down = True  # from the start: the zero report waits too
    with serving(box, resend_every=0.2) as served:
        yield served


def _state(page: Page, kind: str = "final") -> str:
    return page.locator(f"#report-{kind}").get_attribute("data-state") or ""


def test_a_report_waits_while_the_centre_is_down_and_is_sent_by_itself(
    kiosk: Kiosk, browser: Browser
) -> None:
    page = browser.new_page(viewport={"width": 800, "height": 900})
    for role in (StaffRole.HEAD, StaffRole.SECRETARY):
        log_in(page, kiosk.url, kiosk.keys[role])
    close_voting(page)
    press(page, "#count")
    sign_minutes(page, [kiosk.keys[StaffRole.HEAD], kiosk.keys[StaffRole.SECRETARY]])
    assert page.get_by_role("status").count() == 1  # "done": it is signed, no more
    assert _state(page) in ("queued", "sending")
    time.sleep(1.5)  # the box tries, and fails, by itself
    page.goto(kiosk.url + "/operator")
    shown = page.locator("#report-final").inner_text()
    assert _state(page) in ("queued", "sending")
    if _state(page) == "queued":  # between tries: when the next one is
        assert "در صف ارسال" in shown
        assert re.search(r"ساعت [۰-۹]{2}:[۰-۹]{2}:[۰-۹]{2} \([۱-۹][۰-۹]* تلاش", shown), shown
    page.screenshot(path=str(SCREENSHOTS / "report-waiting-fa.png"), full_page=True)
    assert kiosk.centre.reports == []

    kiosk.centre.down = False
    deadline = time.monotonic() + BOUND_SECONDS
    while _state(page) != "received":  # the page looks again by itself: no key is pressed
        assert time.monotonic() < deadline, page.locator("main").inner_text()
        page.wait_for_timeout(200)
    received = page.locator("#report-final").inner_text()
    assert "رسید دریافت شد" in received
    assert "sha256:" in received
    assert _state(page, "zero") == "received"
    page.goto(kiosk.url + "/operator?lang=en")
    assert page.locator("#report-final").inner_text().startswith("Receipt received")
    assert_accessible(page, "operator, reports received (en)")
    page.screenshot(path=str(SCREENSHOTS / "report-sent-en.png"), full_page=True)
    assert len(kiosk.centre.reports) == 2  # the zero report and the final one
