"""The box's screens in headless Chromium, as its staff and a voter go through the day: the staff
see the zero report, sign it and start voting; a member of staff logs in and checks a voter in,
the voter types codes, corrects one, reviews and confirms twice; a second member of staff logs
in, closing asks first and reconciles (a card charged and never used is named, and the mismatch
must be explained), each checks the minutes, and they are signed by those who checked: the box
then holds exactly that one ballot, and the screen shows the centre's receipt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sandogh.core.report import ReportKind, StaffRole, decode_record, decode_signed
from sandogh.core.station import Phase
from sandogh.formats.key_file import read_key_file
from sandogh.station.web.error_words import EN as ERROR_EN
from sandogh.station.web.labels import FA as LABELS_FA
from tests.axe import assert_accessible
from tests.station.build import national_code, opened
from tests.station.web.kiosk_build import (
    PIN,
    SCREENSHOTS,
    Kiosk,
    check_minutes,
    log_in,
    press,
    serving,
    voting_kiosk,
)


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    with serving(voting_kiosk(tmp_path)) as served:
        yield served


def _type(page: Page, code: str) -> None:
    page.get_by_label("کد نامزد").fill(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the form's first key: enter the code


def _press(page: Page, key: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=key).click()


def test_the_staff_see_and_sign_the_zero_report_then_start_voting(
    tmp_path: Path, browser: Browser
) -> None:
    with serving(voting_kiosk(tmp_path, opened=False)) as kiosk:
        box, url = kiosk.box, kiosk.url
        page = browser.new_page(viewport={"width": 800, "height": 720})
        for role in (StaffRole.HEAD, StaffRole.SECRETARY):
            log_in(page, url, kiosk.keys[role])
        press(page, "#opening")
        zero = page.locator("main").inner_text()
        for shown in ("مسعود پزشکیان", "نامزد ت"):
            assert shown in zero
        assert page.locator("#zero-charged").inner_text() == "۰"
        assert page.locator("#zero-records").inner_text() == "۰"
        page.fill("#papers-president", "۵۰۰")
        page.fill("#papers-parliament", "پانصد")
        press(page, "#open-sign")  # a contest's papers not a number: not opened
        assert page.locator("#open-problem").count() == 1
        assert page.locator("#papers-president").input_value() == "۵۰۰"
        assert box.status().phase is Phase.SET_UP
        page.fill("#papers-parliament", "500")
        page.screenshot(path=str(SCREENSHOTS / "open-zero-fa.png"), full_page=True)
        assert_accessible(page, "zero report (fa)")
        press(page, "#open-sign")
        assert box.status().phase is Phase.OPEN
        assert page.locator("#zero-signers li").count() == 2
        page.goto(url + "/operator/open?lang=en")
        page.screenshot(path=str(SCREENSHOTS / "open-signed-en.png"), full_page=True)
        assert_accessible(page, "zero report signed (en)")
        press(page, "#start-voting")
        assert box.status().phase is Phase.VOTING
        page.close()
        with box.store.transaction() as tx:
            signed = tx.signed(ReportKind.ZERO.value)
    assert signed is not None  # by the box and by the two logged in
    assert {s.role for s in decode_signed(signed).staff} == {StaffRole.HEAD, StaffRole.SECRETARY}


def test_a_voter_checks_in_and_votes_through_the_screens(kiosk: Kiosk, browser: Browser) -> None:
    box, url = kiosk.box, kiosk.url
    page = browser.new_page(viewport={"width": 800, "height": 720})

    page.goto(url + "/operator")
    assert page.url.startswith(url + "/operator/login")  # no operator screen before log-in
    assert page.locator("html").get_attribute("dir") == "rtl"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "staff-login-fa.png"), full_page=True)
    assert_accessible(page, "staff log-in (fa)")
    for pin in ("135790", "۲۴۶۸۱۰"):  # the head's card, a wrong PIN, then hers
        expect(page.locator("#card")).to_be_focused()
        page.keyboard.type(kiosk.cards[StaffRole.HEAD])  # as the scanner types it
        page.keyboard.press("Enter")  # the scanner's Enter: on to the PIN, nothing sent
        expect(page.locator("#pin")).to_be_focused()
        page.keyboard.type(pin)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        if pin == "135790":
            assert "۴ بار دیگر" in page.locator("#login-problem").inner_text()
            page.screenshot(path=str(SCREENSHOTS / "staff-login-wrong-pin-fa.png"))
            assert_accessible(page, "staff log-in, wrong PIN (fa)")
    assert "مریم رحیمی" in page.locator("#staff").inner_text()
    page.go_back(wait_until="load")  # the log-in page again: no card or PIN left in it
    assert page.locator("#card").input_value() == ""
    assert page.locator("#pin").input_value() == ""
    page.go_forward(wait_until="load")
    page.screenshot(path=str(SCREENSHOTS / "operator-head-fa.png"), full_page=True)
    assert_accessible(page, "operator (fa)")
    page.get_by_label("کد ملی").fill(national_code(7))
    _press(page, "استعلام")
    _press(page, "همان کس است؛ کارت تعرفه را شارژ کن")
    token = page.locator("#card-token").inner_text()
    assert page.locator("#cards-issued").inner_text() == "۱"

    page.goto(url + "/vote")
    page.get_by_label("کارت تعرفه").fill(token)
    _press(page, "آغاز")
    assert_accessible(page, "voter: contest")
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
    page.screenshot(path=str(SCREENSHOTS / "voter-review-fa.png"), full_page=True)
    assert_accessible(page, "voter: review")

    _press(page, "تأیید")
    assert page.locator("#confirm-again").is_visible()
    assert box.status().records == 0  # the first confirmation casts nothing
    _press(page, "تأیید")
    assert "صندوق" in page.locator("#cast-done").inner_text()
    assert_accessible(page, "voter: cast")

    page.goto(url + "/operator")
    page.get_by_label("کد ملی").fill(national_code(8))
    _press(page, "استعلام")  # a second card, charged and never used
    _press(page, "همان کس است؛ کارت تعرفه را شارژ کن")
    unused = page.locator("#card-token").inner_text()

    page.goto(url + "/operator?lang=en")
    assert page.locator("html").get_attribute("dir") == "ltr"
    log_in(page, url, kiosk.keys[StaffRole.SUPERVISOR], lang="en")  # a second, beside the head
    press(page, "#close")  # closing asks first, says what it means, and reconciles
    assert "cannot be undone" in page.locator("#close-means").inner_text()
    # the unused card counted, its code not shown: it could still cast a ballot (review S22 A2)
    assert page.locator("#close-unused").inner_text().startswith("1 ballot card")
    assert unused not in page.content()
    assert page.locator("#close-charged").inner_text() == "2"
    assert page.locator("#close-used").inner_text() == "1"
    assert box.status().phase is Phase.VOTING
    page.screenshot(path=str(SCREENSHOTS / "close-confirm-en.png"), full_page=True)
    assert_accessible(page, "close (en)")
    press(page, "#close-cancel")
    assert box.status().phase is Phase.VOTING
    press(page, "#close")
    page.fill("#close-papers", "2")
    press(page, "#close-confirm")  # a card unused, a paper too many, no words: not closed
    assert "explain" in page.locator("#close-problem").inner_text()
    assert "paper copies" in page.locator("#close-mismatches").inner_text()
    assert page.locator("#close-papers").input_value() == "2"  # what was typed stays
    assert box.status().phase is Phase.VOTING
    page.goto(url + "/operator/close?lang=fa")
    page.fill("#close-papers", "۱")
    page.fill("#close-explanation", "رأی‌دهنده پس از دریافت کارت از شعبه بیرون رفت.")
    page.screenshot(path=str(SCREENSHOTS / "close-confirm-fa.png"), full_page=True)
    assert_accessible(page, "close (fa)")
    press(page, "#close-confirm")
    assert page.locator("#phase").inner_text() == "پایان رأی‌گیری"
    press(page, "#count")
    press(page, "#minutes")  # the minutes, checked by each before anyone signs
    minutes = page.locator("main").inner_text()
    for shown in ("مسعود پزشکیان", "بیرون رفت", "وارد نشده است"):
        assert shown in minutes, minutes
    assert page.locator("#minutes-unused").inner_text() == "۱"  # counted, its code not shown
    assert unused not in minutes
    press(page, "#report")  # no one has checked yet: nothing is signed
    assert page.locator("#minutes-problem").count() == 1
    assert box.status().phase is Phase.COUNTED
    page.fill("#pin-0", "135790")  # the head logged in by card: her PIN confirms, not another's
    press(page, "#check-0")
    assert "۴ بار دیگر" in page.locator("#minutes-problem").inner_text()
    assert page.locator("#signer-0").get_attribute("data-state") == "present"
    page.fill("#pin-0", PIN)
    press(page, "#check-0")  # the head checks
    assert page.locator("#signer-0").get_attribute("data-state") == "checked"
    assert page.locator("#signer-2").get_attribute("data-state") == "present"
    page.screenshot(path=str(SCREENSHOTS / "minutes-fa.png"), full_page=True)
    assert_accessible(page, "minutes (fa)")
    press(page, "#report")  # the head alone (finding F9): refused before signing, who is to check
    unsigned = page.locator("#minutes-problem").inner_text()
    assert "از جمله رئیس شعبه" in unsigned
    assert "علی کرمانی، زهرا احمدی" in unsigned
    assert box.status().phase is Phase.COUNTED
    assert page.locator("#signer-0").get_attribute("data-state") == "checked"
    page.screenshot(path=str(SCREENSHOTS / "minutes-unsigned-fa.png"), full_page=True)
    press(page, "#check-2")  # the supervisor, logged in by key file, checks without it: refused
    assert page.locator("#minutes-problem").inner_text() == LABELS_FA["kiosk_no_key"]
    assert page.locator("#signer-2").get_attribute("data-state") == "present"
    page.set_input_files("#key-file-2", str(kiosk.keys[StaffRole.HEAD]))  # another's key
    expect(page.locator("#key-seed-2")).not_to_have_value("")
    press(page, "#check-2")
    assert page.locator("#minutes-problem").inner_text() == LABELS_FA["kiosk_minutes_other_key"]
    assert page.locator("#signer-2").get_attribute("data-state") == "present"
    check_minutes(page, kiosk.keys[StaffRole.SUPERVISOR])  # her own key, chosen again: checked
    assert page.locator("#signer-2").get_attribute("data-state") == "checked"
    press(page, "#report")
    assert page.locator("#phase").inner_text() == "گزارش‌شده"
    page.goto(url + "/operator/minutes?lang=en")
    assert page.locator("#signer-0").get_attribute("data-state") == "signed"
    assert page.locator("#signer-1").get_attribute("data-state") == "absent"
    page.screenshot(path=str(SCREENSHOTS / "minutes-signed-en.png"), full_page=True)
    assert_accessible(page, "minutes signed (en)")
    page.goto(url + "/operator?lang=en")  # the page looks again until the receipt is back
    expect(page.locator("#report-final")).to_have_attribute("data-state", "received")
    assert "sha256:" in page.locator("#receipt-final").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "operator-reported-en.png"), full_page=True)
    assert_accessible(page, "operator reported (en)")
    page.goto(url + "/operator/close?lang=en")
    page.fill("#close-papers", "1")
    page.fill("#close-explanation", "once more, to see the box refuse")
    press(page, "#close-confirm")  # once more: the box refuses, and says why
    assert page.locator("#error").inner_text() == ERROR_EN["kiosk_late_close"]
    page.close()

    with box.store.transaction() as tx:
        card = tx.card(token)
        final = tx.signed(ReportKind.FINAL.value)
    staff = [(role, read_key_file(path)) for role, path in kiosk.keys.items()]
    records = [decode_record(data) for data in opened(box.store, staff)]
    assert final is not None  # signed by the box and by the two staff logged in
    assert {s.role for s in decode_signed(final).staff} == {StaffRole.HEAD, StaffRole.SUPERVISOR}
    assert [{c.contest: c.codes for c in r.choices} for r in records] == [
        {"president": ("25",), "parliament": ("31", "33")}
    ]
    assert card is not None
    assert card.consumed
