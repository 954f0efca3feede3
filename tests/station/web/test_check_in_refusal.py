"""The official's check-in screen and the words of its refusals, walked in Chromium (issue 13).

A voter is first looked up and shown to the official by the registry's name and photo, to compare
with the person in front of them, with nothing recorded: an impostor with another's national code is
turned away (not this person) and the real person checks in later; only the official's confirmation
records the check-in and charges the card, which the desk's card writer writes: its token is not
on the screen, and where the card is written by hand (the writer failed) the token is shown on its
own, never beside the voter's name (review S21 F2). Offline, the look-up says to compare the ID
card, and the check-in goes on under the station's policy. A refusal is said in words
(`locale.check_in_refusals`): a Majlis runoff's sends the voter to the constituency where they voted
in round one without naming it, a mistyped code says what is wrong with it, and the Persian page
holds no machine code. A second check-in of the same person, at this station (whose card is
charged and unused: said so, review S23 A3) or after one at another, shows nothing of the first:
no name, photo, card, station or time. A voter whose ballot
meets the station closed under them reads that voting has ended here, and to ask the staff.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from sandogh.core.report import StaffRole
from sandogh.core.voters import CodeFault
from sandogh.locale.check_in_refusals import FA
from sandogh.services.check_in_rules import RefusalReason
from sandogh.station.box_check_in import LocalRefusal
from sandogh.station.fake_card_writer import FakeCardWriter
from sandogh.station.web.error_words import EN as ERROR_EN
from sandogh.station.web.error_words import FA as ERROR_FA
from sandogh.station.web.labels import EN as LABEL_EN
from sandogh.station.web.labels import FA as LABEL_FA
from tests.axe import assert_accessible
from tests.station.build import national_code
from tests.station.web.kiosk_build import SCREENSHOTS, Kiosk, csrf_of, log_in, serving, voting_kiosk

MACHINE_CODES = [
    code.value
    for code in (*RefusalReason, *LocalRefusal, *CodeFault)
    if "-" in code.value  # "dead" is a word of both languages
]
RUNOFF, NAMED, ELSEWHERE, IN_BOOTH, BY_HAND = (national_code(n) for n in (7, 8, 9, 10, 12))
NAME = "سارا موسوی"
NAME_BY_HAND = "رضا نوری"
OTHER_STATION = "ST-0801-0002"


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain PNG of one colour (PNG specification: signature, IHDR, IDAT, IEND)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        (b"\x89PNG\r\n\x1a\n", chunk(b"IHDR", header), chunk(b"IDAT", zlib.compress(rows)))
    ) + chunk(b"IEND", b"")


PHOTO = _png(90, 120, (120, 144, 156))


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    served = voting_kiosk(tmp_path)
    served.centre.refusals[RUNOFF] = RefusalReason.RUNOFF_ELSEWHERE
    served.centre.people[NAMED] = (NAME, PHOTO)
    served.centre.voted_elsewhere[ELSEWHERE] = OTHER_STATION
    served.centre.people[BY_HAND] = (NAME_BY_HAND, PHOTO)
    served.writer = FakeCardWriter()
    with serving(served) as ready:
        yield ready


def _look_up(page: Page, code: str, lang: str = "fa") -> None:
    page.get_by_label("کد ملی" if lang == "fa" else "National code").fill(code)
    with page.expect_navigation():
        page.click("form[action='/operator/look-up'] button[type=submit]")


def _press(page: Page, button: str) -> None:
    with page.expect_navigation():
        page.click(button)


def _check_in(page: Page, code: str, lang: str = "fa") -> None:
    """Look the voter up and, if they may vote, confirm them as the person."""
    _look_up(page, code, lang)
    if page.locator("#confirm-voter").count():
        _press(page, "#confirm-voter")


def _shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    assert_accessible(page, name)


def test_the_official_checks_voters_in_by_name_and_photo_and_reads_refusals(
    kiosk: Kiosk, browser: Browser
) -> None:
    page = browser.new_page(viewport={"width": 800, "height": 900})
    log_in(page, kiosk.url, kiosk.keys[StaffRole.HEAD])

    # an impostor gives NAMED's code: the registry's name and photo, nothing recorded yet
    _look_up(page, NAMED)
    assert page.locator("#voter-name").inner_text() == NAME
    assert page.locator("#voter-photo").evaluate("img => img.naturalWidth") == 90
    assert page.locator("#voter-compare").inner_text() == LABEL_FA["kiosk_voter_compare"]
    assert page.locator("#card-token").count() == 0
    assert kiosk.box.status().cards_issued == 0
    _shot(page, "operator-look-up-fa")
    _press(page, "#not-them")  # not the person in front of the official
    assert page.locator("#problem").inner_text() == LABEL_FA["kiosk_identity_rejected"]
    assert page.locator("#voter-id").count() == 0
    _shot(page, "operator-not-them-fa")
    assert kiosk.box.status().cards_issued == 0
    page.request.post(  # a confirm sent again, by hand: there is no one to confirm
        kiosk.url + "/operator/check-in",
        form={"csrf": csrf_of(page.content())},
        headers={"origin": kiosk.url},
        max_redirects=0,
    )
    page.goto(kiosk.url + "/operator")
    assert page.locator("#problem").inner_text() == LABEL_FA["kiosk_identity_none"]
    assert kiosk.box.status().cards_issued == 0
    # the real person comes later, is looked up, confirmed, and checked in: the card writer
    # writes the card, and the screen shows neither its token nor, any longer, the name
    assert kiosk.writer is not None
    _check_in(page, NAMED)
    _shot(page, "operator-check-in-fa")
    (token,) = kiosk.writer.cards
    assert LABEL_FA["kiosk_card_written"] in page.locator("#card-charged").inner_text()
    assert page.locator("#card-token").count() == 0
    assert kiosk.box.status().cards_issued == 1
    pages = {"named": page.content()}
    assert token not in pages["named"]
    assert NAME not in pages["named"]

    _check_in(page, NAMED)  # the same person again, at this station: their card is unused
    assert page.locator("#refusal").inner_text() == FA["check_in_refused_card_unused"]
    assert page.locator("#recharge").count() == 1  # the staff may cancel it (review S23 A3)
    pages["again here"] = page.content()
    _check_in(page, ELSEWHERE)  # a person the centre checked in at another station
    assert page.locator("#refusal").inner_text() == FA["check_in_refused_already_voted"]
    _shot(page, "operator-refused-again-fa")
    pages["again elsewhere"] = page.content()
    for html in (pages["again here"], pages["again elsewhere"]):
        for first in ('id="voter-id"', NAME, token, OTHER_STATION, "data:image"):
            assert first not in html

    # the writer jams: the card is written by hand from its token, shown alone on the screen
    kiosk.writer.jammed = True
    _check_in(page, BY_HAND)
    _shot(page, "operator-check-in-by-hand-fa")
    assert page.locator("#writer-failed").inner_text() == LABEL_FA["kiosk_card_writer_failed"]
    by_hand = page.locator("#card-token").inner_text()
    assert len(kiosk.writer.cards) == 1
    assert kiosk.box.status().cards_issued == 2
    for beside in (NAME_BY_HAND, 'id="voter-id"', 'id="voter-name"', "data:image"):
        assert beside not in page.content()
    page.goto(kiosk.url + "/operator")  # shown once: gone from the page that follows
    assert by_hand not in page.content()

    _check_in(page, RUNOFF)
    assert page.locator("#refusal").inner_text() == FA["check_in_refused_runoff_elsewhere"]
    _shot(page, "operator-refused-fa")
    pages["runoff"] = page.content()
    _check_in(page, "۱۲۳۴۵۶۷۸۹۰")  # a wrong check digit, in Persian digits
    assert page.locator("#refusal").inner_text() == (
        f"{FA['check_in_refused_invalid_code']}: {FA['code_fault_wrong_check_digit']}"
    )
    pages["mistyped"] = page.content()

    page.goto(kiosk.url + "/operator?lang=en")
    _check_in(page, RUNOFF, "en")
    assert "first round" in page.locator("#refusal").inner_text()
    _look_up(page, IN_BOOTH, "en")  # no name or photo from this registry: it says so
    assert page.locator("#voter-name").inner_text() == LABEL_EN["kiosk_voter_no_name"]
    assert page.locator("#voter-photo").count() == 0
    assert page.locator("#voter-compare").inner_text() == LABEL_EN["kiosk_voter_unnamed"]
    _shot(page, "operator-look-up-en")
    _press(page, "#confirm-voter")  # the writer still jammed: by hand, in English
    _shot(page, "operator-check-in-en")
    assert page.locator("#writer-failed").inner_text() == LABEL_EN["kiosk_card_writer_failed"]
    assert LABEL_EN["kiosk_card_by_hand"] in page.locator("#card-charged").inner_text()
    booth_token = page.locator("#card-token").inner_text()
    kiosk.writer.jammed = False
    kiosk.centre.down = True  # offline: the ID card is compared, the policy decides
    _look_up(page, national_code(11), "en")
    assert page.locator("#voter-name").count() == 0
    assert page.locator("#voter-compare").inner_text() == LABEL_EN["kiosk_voter_offline"]
    _press(page, "#confirm-voter")
    assert page.locator("#card-charged").count() + page.locator("#refusal").count() == 1
    kiosk.centre.down = False

    # the voter in the booth; the staff close the station before the ballot is cast
    page.goto(kiosk.url + "/vote")
    csrf = csrf_of(page.content())

    def step(**form: str) -> None:
        """A key of the voter's screens, as its form sends it (the redirect left to the page:
        the page that follows shows what happened, once)."""
        sent = page.request.post(
            kiosk.url + "/vote",
            form={"csrf": csrf, **form},
            headers={"origin": kiosk.url},
            max_redirects=0,
        )
        assert sent.status == 303

    step(token=booth_token)
    for code in ("25", "", "31", ""):  # a code, on to the next contest; then the review
        step(key="code", code=code)
    kiosk.box.close()
    for lang in ("en", "fa"):  # confirmed twice; the second says what happened
        step(key="confirm", lang=lang)
        step(key="confirm", lang=lang)
        page.goto(f"{kiosk.url}/vote?lang={lang}")
        words = (ERROR_FA if lang == "fa" else ERROR_EN)["kiosk_late_cast"]
        assert page.locator("#error").inner_text() == words
        _shot(page, f"voter-voting-ended-{lang}")
        pages[f"ended {lang}"] = page.content()
    assert kiosk.box.status().records == 0
    for name, html in pages.items():
        assert [code for code in MACHINE_CODES if code in html] == [], name
        assert "station is closed" not in html, name
