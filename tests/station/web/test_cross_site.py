"""Cross-site requests to the kiosk (issue 9, section 4): the kiosk took POSTs from any page.

In Chromium, with the head of station logged in, a page served from another loopback origin
(another port of 127.0.0.1: the same site, so even a SameSite=Strict cookie goes with it)
submits forms to the kiosk by itself: close the station, check a voter in, start a ballot.
Nothing changes, and the kiosk answers with its refusal in Persian and English. Over HTTP: a POST
without the session's token, or from another origin, or to the kiosk under another host name (a
DNS-rebound name), is refused, as is any request from off the box."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from sandogh.core.report import StaffRole
from sandogh.core.station import Phase
from sandogh.station.web import create_station_app
from tests.axe import assert_accessible
from tests.chromium import run_apart
from tests.loopback import served
from tests.station.build import national_code
from tests.station.web.kiosk_build import (
    SCREENSHOTS,
    Kiosk,
    client,
    csrf_of,
    http_log_in,
    log_in,
    serving,
    voting_kiosk,
)

ATTACKS = {
    "close": ("/operator/close", {}),
    "look-up": ("/operator/look-up", {"national_code": national_code(9)}),
    "check-in": ("/operator/check-in", {}),
    "vote": ("/vote", {"token": "anything"}),
}


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    with serving(voting_kiosk(tmp_path)) as served_kiosk:
        yield served_kiosk


def _attacker(kiosk_url: str) -> Starlette:
    """Pages that post a form to the kiosk as soon as they load."""

    async def page(request: Request) -> HTMLResponse:
        path, fields = ATTACKS[request.path_params["attack"]]
        hidden = "".join(
            f'<input type="hidden" name="{name}" value="{value}">'
            for name, value in {**fields, "csrf": "guessed"}.items()
        )
        return HTMLResponse(
            f'<form id="f" method="post" action="{kiosk_url}{path}">{hidden}</form>'
            "<script>document.getElementById('f').submit()</script>"
        )

    return Starlette(routes=[Route("/{attack}", page)])


def test_a_page_of_another_origin_changes_nothing_at_the_kiosk(
    kiosk: Kiosk, browser: Browser
) -> None:
    with served(_attacker(kiosk.url), "the attacker's site") as evil:
        page = browser.new_page()
        log_in(page, kiosk.url, kiosk.keys[StaffRole.HEAD])
        for attack in ATTACKS:
            with page.expect_navigation(url=f"{kiosk.url}/**"):
                page.goto(f"{evil}/{attack}")
            page.wait_for_load_state()
            assert "این درخواست پذیرفته نشد" in page.locator("h1").inner_text(), attack
            assert "did not come from the box's own screens" in page.locator("main").inner_text()
            if attack == "close":
                page.screenshot(path=str(SCREENSHOTS / "refused-fa.png"), full_page=True)
                assert_accessible(page, "refused")
        page.close()
    status = kiosk.box.status()
    assert status.phase is Phase.VOTING
    assert status.cards_issued == 0


def test_a_post_without_the_token_or_from_elsewhere_is_refused(kiosk: Kiosk) -> None:
    with client(kiosk) as at:
        http_log_in(at, kiosk.keys[StaffRole.HEAD])
        csrf = csrf_of(at.get("/operator").text)
        code = {"national_code": national_code(4)}
        assert at.post("/operator/check-in", data=code).status_code == 403
        assert at.post("/operator/check-in", data={**code, "csrf": "x" + csrf}).status_code == 403
        elsewhere = {"origin": "http://127.0.0.1:1"}
        answer = at.post("/operator/check-in", data={**code, "csrf": csrf}, headers=elsewhere)
        assert answer.status_code == 403
        assert kiosk.box.status().cards_issued == 0
        assert at.post("/operator/look-up", data={**code, "csrf": csrf}).status_code == 303
        assert at.post("/operator/check-in", data={"csrf": csrf}).status_code == 303
        assert kiosk.box.status().cards_issued == 1  # the same forms, from the kiosk: taken


def test_the_kiosk_answers_at_its_own_address_only(kiosk: Kiosk) -> None:
    port = kiosk.url.rsplit(":", 1)[1]
    for host in (f"rebound.example:{port}", f"localhost:{port}", "127.0.0.1"):
        answer = httpx.get(kiosk.url + "/vote", headers={"host": host})
        assert answer.status_code == 403, host
        assert "This box answers at its own address only." in answer.text


def test_a_request_from_off_the_box_is_refused(tmp_path: Path) -> None:
    box = voting_kiosk(tmp_path).box
    transport = httpx.ASGITransport(create_station_app(box), client=("192.0.2.1", 50000))

    async def get() -> int:
        async with httpx.AsyncClient(transport=transport, base_url="http://box") as at:
            return (await at.get("/operator")).status_code

    assert run_apart(get()) == 403
    box.store.close()
