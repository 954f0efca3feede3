"""A ballot card lost or miscopied is cancelled by two of the staff and another charged for the
same check-in (review S23 A3), walked in Chromium as the officials and the voter would.

The outsider checked a voter in at a box without a card writer, left the page before the code
was copied, and looked the voter up again: «… پیش‌تر رأی داده شده است», with nothing the staff
could do (`k3.py`). Now the look-up says the card is charged and unused and offers to cancel it;
the head of station (by key file) and a member (by card and PIN) each prove themselves again;
the old code is refused at the booth as cancelled, a miscopied code as mistyped, and the new
code, however it is cased or grouped, starts the ballot. The close counts the cancelled card.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sandogh.core.report import StaffRole
from sandogh.locale.box_screens import FA as BOX_FA
from sandogh.locale.check_in_refusals import FA as REFUSALS_FA
from sandogh.station.box_check_in import CARD_CANCELLED
from sandogh.station.web.labels import EN as LABEL_EN
from sandogh.station.web.labels import FA as LABEL_FA
from sandogh.station.web.sessions import PIN_TRIES
from tests.axe import assert_accessible
from tests.station.build import national_code
from tests.station.web.kiosk_build import (
    PIN,
    SCREENSHOTS,
    Kiosk,
    log_in,
    press,
    serving,
    voting_kiosk,
)

VOTER = national_code(3)


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    with serving(voting_kiosk(tmp_path)) as served:  # no card writer: cards by hand
        yield served


def _shot(page: Page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    assert_accessible(page, name)


def _look_up(page: Page, code: str) -> None:
    page.fill("#national-code", code)
    press(page, "form[action='/operator/look-up'] button")


def _card_log_in(page: Page, url: str, card: str) -> None:
    page.goto(url + "/operator/login")
    page.fill("#card", card)
    page.fill("#pin", PIN)
    press(page, "#log-in-card")


def _at_booth(page: Page, url: str, typed: str) -> str:
    page.goto(url + "/vote")
    page.fill("#token", typed)
    press(page, "#start")
    found = page.locator("#card-refused")
    return found.inner_text() if found.count() else ""


def test_two_staff_cancel_a_lost_card_and_charge_another(kiosk: Kiosk, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 800, "height": 900})
    log_in(page, kiosk.url, kiosk.keys[StaffRole.HEAD])
    _card_log_in(page, kiosk.url, kiosk.cards[StaffRole.SECRETARY])
    _look_up(page, VOTER)
    press(page, "#confirm-voter")
    lost = page.locator("#card-token").inner_text()  # the official leaves before copying it
    page.goto(kiosk.url + "/operator")
    assert lost not in page.content()

    _look_up(page, VOTER)  # was "already voted", with nothing to do
    assert page.locator("#refusal").inner_text() == REFUSALS_FA["check_in_refused_card_unused"]
    assert page.locator("#recharge-note").inner_text() == LABEL_FA["kiosk_recharge_offer_note"]
    _shot(page, "operator-card-unused-fa")
    press(page, "#recharge")
    assert VOTER not in page.content()
    _shot(page, "recharge-fa")
    press(page, "#recharge-confirm")  # no one proved: nothing cancelled
    assert page.locator("#recharge-problem").inner_text() == LABEL_FA["kiosk_recharge_two"]
    page.set_input_files("#recharge-key-file-0", str(kiosk.keys[StaffRole.HEAD]))
    expect(page.locator("#recharge-key-0")).not_to_have_value("")
    press(page, "#recharge-confirm")  # the head alone: nothing cancelled either
    assert page.locator("#recharge-problem").inner_text() == LABEL_FA["kiosk_recharge_two"]
    page.set_input_files("#recharge-key-file-0", str(kiosk.keys[StaffRole.HEAD]))
    page.fill("#recharge-pin-1", "135790")  # a wrong PIN counts, as at the minutes
    expect(page.locator("#recharge-key-0")).not_to_have_value("")
    press(page, "#recharge-confirm")
    assert f"{'۰۱۲۳۴'[PIN_TRIES - 1]} بار دیگر" in page.locator("#recharge-problem").inner_text()
    assert kiosk.box.status().cards_issued == 1
    page.set_input_files("#recharge-key-file-0", str(kiosk.keys[StaffRole.HEAD]))
    page.fill("#recharge-pin-1", PIN)
    expect(page.locator("#recharge-key-0")).not_to_have_value("")
    press(page, "#recharge-confirm")
    assert page.locator("#card-recharged").inner_text() == LABEL_FA["kiosk_recharged"]
    new = page.locator("#card-token").inner_text()
    assert new != lost
    _shot(page, "operator-recharged-fa")
    [incident] = kiosk.box.incidents()
    assert (incident.kind, incident.details["cancelled"]) == (CARD_CANCELLED, 1)
    assert lost not in str(incident.details)
    assert new not in str(incident.details)

    # the booth: the cancelled code says so; a miscopied one is mistyped before any look-up;
    # the new one starts the ballot however it is cased and grouped
    voter = browser.new_page(viewport={"width": 800, "height": 900})
    assert _at_booth(voter, kiosk.url, lost) == BOX_FA["box_card_cancelled"]
    slip = new[:5] + ("Y" if new[5] != "Y" else "X") + new[6:]
    assert _at_booth(voter, kiosk.url, slip) == BOX_FA["box_card_mistyped"]
    _shot(voter, "booth-card-mistyped-fa")
    assert _at_booth(voter, kiosk.url, new.replace("-", " ").lower()) == ""
    assert voter.locator("#code").count() == 1

    # the close counts it, in English too
    page.goto(kiosk.url + "/operator/close?lang=en")
    assert page.locator("#close-cancelled").inner_text() == "1"
    assert LABEL_EN["kiosk_rec_cancelled"] in page.content()
    page.goto(kiosk.url + "/operator?lang=en")
    _look_up(page, VOTER)
    press(page, "#recharge")
    _shot(page, "recharge-en")
