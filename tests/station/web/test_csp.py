"""The kiosk's Content-Security-Policy and what comes with it (issue 9, sections 4 and 5).

Every answer of the kiosk (pages, refusals, static files, a 404) carries the strict policy, no
sniffing, no referrer and no caching. In Chromium, on a box whose enrolment document names every
contest, candidate and member of staff with a script payload, a voter votes and the staff work
through every operator screen: no page breaks the policy (the kiosk's own pages have no inline
script or style), nothing of the payloads runs, and each shows as the text it is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import httpx
import pytest
from playwright.sync_api import Page, sync_playwright

from sandogh.core.report import StaffRole
from sandogh.station.web.guard import CSP
from tests.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.station.build import national_code
from tests.station.web.kiosk_build import (
    NAMES,
    SCREENSHOTS,
    Kiosk,
    Names,
    NamingCentre,
    client,
    log_in,
    press,
    serving,
    voting_kiosk,
)

RAN = "document.documentElement.dataset.ran = 'yes'"
PAYLOADS = (
    "<script>" + RAN + "</script>",
    f'<img src="x" onerror="{RAN}">',
    f'"><svg onload="{RAN}">',
    f'<style>body{{display:none}}</style><b style="color:red" onclick="{RAN}">',
)


class HostileCentre(NamingCentre):
    """A centre whose every name is a script payload."""

    names: ClassVar[Names] = {
        contest: (
            {"fa": PAYLOADS[i % 4], "en": PAYLOADS[(i + 1) % 4]},
            {
                code: {"fa": PAYLOADS[(i + j) % 4], "en": PAYLOADS[(i + j + 2) % 4]}
                for j, code in enumerate(people)
            },
        )
        for i, (contest, (_, people)) in enumerate(NAMES.items())
    }


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    people = ((PAYLOADS[0], StaffRole.HEAD), (PAYLOADS[1], StaffRole.SECRETARY))
    with serving(voting_kiosk(tmp_path, centre=HostileCentre, people=people)) as served:
        yield served


def test_every_answer_carries_the_policy_and_no_caching(kiosk: Kiosk) -> None:
    with client(kiosk) as at:
        answers = [
            at.get(path)
            for path in ("/", "/vote", "/operator", "/operator/login", "/static/station.css")
        ]
        answers += [at.get("/static/kiosk.js"), at.get("/nowhere"), at.post("/vote")]
    answers.append(httpx.get(kiosk.url + "/vote", headers={"host": "rebound.example"}))
    for answer in answers:
        assert answer.headers["content-security-policy"] == CSP, answer.url
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in CSP
    assert "script-src 'self';" in CSP


def _watch(page: Page, broken: list[str]) -> None:
    page.on(
        "console",
        lambda message: (
            broken.append(message.text)
            if "Content Security Policy" in message.text or "CSP" in message.text
            else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => console.error('CSP: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )


def _unharmed(page: Page) -> None:
    assert page.evaluate("document.documentElement.dataset.ran") is None, page.url
    assert page.locator("body").is_visible()


def test_no_page_breaks_the_policy_and_no_name_runs(kiosk: Kiosk) -> None:
    broken: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        staff = browser.new_page(viewport={"width": 800, "height": 900})
        voter = browser.new_page(viewport={"width": 800, "height": 900})
        for page in (staff, voter):
            _watch(page, broken)
        log_in(staff, kiosk.url, kiosk.keys[StaffRole.HEAD])
        log_in(staff, kiosk.url, kiosk.keys[StaffRole.SECRETARY], lang="en")
        staff_list = staff.locator("#staff").inner_text()
        assert PAYLOADS[0] in staff_list  # the names, as text
        assert PAYLOADS[1] in staff_list
        staff.fill("#national-code", national_code(1))
        press(staff, "form[action='/operator/check-in'] button")
        token = staff.locator("#card-token").inner_text()
        _unharmed(staff)

        voter.goto(kiosk.url + "/vote?lang=en")
        voter.fill("#token", token)
        press(voter, "button[type=submit]")
        assert HostileCentre.names["president"][0]["en"] in voter.locator("h1").inner_text()
        voter.fill("#code", "25")
        press(voter, "#enter")
        press(voter, "#next")
        press(voter, "#blank")
        review = voter.locator("main").inner_text()
        assert HostileCentre.names["president"][1]["25"]["en"] in review
        _unharmed(voter)
        voter.screenshot(path=str(SCREENSHOTS / "voter-review-hostile-en.png"), full_page=True)
        press(voter, "#confirm")
        press(voter, "#confirm")
        assert voter.locator("#cast-done").count() == 1
        _unharmed(voter)

        for key in ("#close", "#close-confirm", "#count", "#report"):
            press(staff, key)
            _unharmed(staff)
        staff.goto(kiosk.url + "/operator/login")
        _unharmed(staff)
        staff.goto(kiosk.url + "/operator")
        press(staff, "#log-out")
        _unharmed(staff)
        staff.goto(kiosk.url + "/nowhere")
        staff.goto(kiosk.url + "/operator/close")  # logged out: sent to the log-in
        _unharmed(staff)
        browser.close()
    assert broken == []
    assert kiosk.box.status().records == 1
