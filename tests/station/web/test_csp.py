"""The kiosk's Content-Security-Policy and what comes with it (issue 9, sections 4 and 5).

Every answer of the kiosk (pages, refusals, static files, a 404) carries the strict policy, no
sniffing, no referrer and no caching. In Chromium, on a box whose enrolment document names every
contest, candidate and member of staff with a script payload (`tests.script_payloads`, as the
console's and the site's tests use), a voter turns on every aid of the bar (the audio ballot says
the names too) and votes, and the staff work through every operator screen: no page breaks the
policy (the kiosk's own pages have no inline script or style), no script fails, nothing of the
payloads runs, and each shows as the text it is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import httpx
import pytest
from playwright.sync_api import Browser, expect

from sandogh.core.report import StaffRole
from sandogh.station.clips import Clips
from sandogh.station.speech import SilentSpeech
from tests.script_payloads import PAYLOADS, watched
from tests.station.build import national_code
from tests.station.web.kiosk_build import (
    NAMES,
    SCREENSHOTS,
    Kiosk,
    Names,
    NamingCentre,
    client,
    close_voting,
    log_in,
    press,
    serving,
    sign_minutes,
    voting_kiosk,
)

#: the brief's policy, directive by directive: sandogh's shared one holds each
REQUIRED = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
)


class HostileCentre(NamingCentre):
    """A centre whose every name is a script payload."""

    names: ClassVar[Names] = {
        contest: (
            {"fa": PAYLOADS[i % 6], "en": PAYLOADS[(i + 1) % 6]},
            {
                code: {"fa": PAYLOADS[(i + j) % 6], "en": PAYLOADS[(i + j + 2) % 6]}
                for j, code in enumerate(people)
            },
        )
        for i, (contest, (_, people)) in enumerate(NAMES.items())
    }


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    people = ((PAYLOADS[0], StaffRole.HEAD), (PAYLOADS[1], StaffRole.SECRETARY))
    clips = Clips(SilentSpeech(), tmp_path / "clips")  # the audio ballot says the names too
    box = voting_kiosk(tmp_path, centre=HostileCentre, people=people)
    with serving(box, clips=clips) as served:
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
        policy = answer.headers["content-security-policy"]
        assert [d for d in REQUIRED if d not in policy.split("; ")] == [], answer.url
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.headers["cache-control"] == "no-store"


def test_no_page_breaks_the_policy_and_no_name_runs(kiosk: Kiosk, browser: Browser) -> None:
    staff = watched(browser, {"width": 800, "height": 900})
    voter = watched(browser, {"width": 800, "height": 900})
    log_in(staff.page, kiosk.url, kiosk.keys[StaffRole.HEAD])
    staff.check()
    log_in(staff.page, kiosk.url, kiosk.keys[StaffRole.SECRETARY], lang="en")
    staff.check()
    staff.shows_literally(PAYLOADS[0])  # the staff's names, as text
    staff.shows_literally(PAYLOADS[1])
    staff.page.fill("#national-code", national_code(1))
    press(staff.page, "form[action='/operator/look-up'] button")
    press(staff.page, "#confirm-voter")
    token = staff.page.locator("#card-token").inner_text()
    staff.check()

    voter.page.goto(kiosk.url + "/vote?lang=en")
    voter.check()
    for aid in ("#size-xlarge", "#contrast", "#audio"):  # the bar's keys are forms too
        press(voter.page, aid)
    expect(voter.page.locator("#audio-ballot")).to_have_attribute("data-ready", "1")
    voter.check()
    voter.page.fill("#token", token)
    press(voter.page, "button[type=submit]")
    voter.shows_literally(HostileCentre.names["president"][0]["en"])
    voter.check()
    voter.page.fill("#code", "25")
    press(voter.page, "#enter")
    voter.shows_literally(HostileCentre.names["president"][1]["25"]["en"])
    press(voter.page, "#next")
    press(voter.page, "#blank")
    voter.shows_literally(HostileCentre.names["parliament"][0]["en"])
    voter.check()
    voter.page.screenshot(path=str(SCREENSHOTS / "voter-review-hostile-en.png"), full_page=True)
    press(voter.page, "#confirm")
    press(voter.page, "#confirm")
    assert voter.page.locator("#cast-done").count() == 1
    voter.check()

    close_voting(staff.page)
    staff.check()
    press(staff.page, "#count")
    staff.check()
    # the minutes page, each check (a key file chosen again) and the signing
    sign_minutes(staff.page, [kiosk.keys[StaffRole.HEAD], kiosk.keys[StaffRole.SECRETARY]])
    staff.check()
    staff.page.goto(kiosk.url + "/operator/login")
    staff.check()
    staff.page.goto(kiosk.url + "/operator")
    press(staff.page, "#log-out")
    staff.check()
    staff.page.goto(kiosk.url + "/operator/close")  # logged out: sent to the log-in
    staff.check()
    assert kiosk.box.status().records == 1
