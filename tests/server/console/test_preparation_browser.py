"""The preparation pages in headless Chromium against a real centre on loopback (issue 12): the
national headquarters reads the calendar with today's stage, assigns two people at a Baft
station, records a training session, a hard-to-reach plan and a past problem, a withdrawal after
printing and a box's first hand-over; the supervisor approves electronic voting in a
constituency and is told a lot waits for the complete results. Screenshots in Persian and
English are saved in screenshots/."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from sandogh.core.access import Role
from tests.axe import assert_accessible
from tests.server.operators_live import add_account, serving, settings

from .browsing import log_in
from .build import IRAN, baft_stations, copy_store
from .candidacy_build import AT, Clock, code_at, stored
from .preparing import hard_to_reach
from .stages_build import BOXES, fleet, unapproved
from .test_browser import SCREENSHOTS, new_page


def _submit(page: Page, form: str, *, done: bool = True, **fields: str) -> None:
    """Fill the form's fields (a select by its value, a checkbox ticked) and send it."""
    for name, value in fields.items():
        field = page.locator(f"#{form} [name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        elif field.get_attribute("type") == "checkbox":
            field.check()
        else:
            field.fill(value)
    page.locator(f"#{form} button").click()
    expect(page.locator("#done" if done else "#refused")).to_be_visible()


def _shots(page: Page, name: str) -> None:
    """The page in Persian and in English."""
    assert_accessible(page, name)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-fa.png"), full_page=True)
    page.goto(page.url.split("?")[0] + "?lang=en")
    assert_accessible(page, f"{name} (en)")
    page.screenshot(path=str(SCREENSHOTS / f"{name}-en.png"), full_page=True)
    page.goto(page.url.split("?")[0] + "?lang=fa")


def test_each_preparation_form_once(
    browser: Browser, partial_template: Path, tmp_path: Path
) -> None:
    store = copy_store(partial_template, tmp_path)
    stored(store)
    fleet(store)
    unapproved(store)
    remote = hard_to_reach(store)
    station = baft_stations()[0]
    hq = add_account(store, "setad", Role.NATIONAL_HQ, IRAN)
    board = add_account(store, "nazer", Role.SUPERVISOR, IRAN)
    assert hq.totp_uri is not None
    assert board.totp_uri is not None
    with serving(settings(store), clock=Clock()) as centre:
        page = new_page(browser)
        log_in(page, centre.url, "setad", code=code_at(hq.totp_uri, AT))
        page.click("nav >> text=آماده‌سازی")
        expect(page.locator("tr.today")).to_have_attribute("data-stage", "registration")
        for person, name, role in (
            ("2980001111", "مریم احمدی", "head"),
            ("2980002222", "علی‌اکبر رضایی", "governor-rep"),
        ):
            _submit(page, "assign", station=station, person=person, name=name, station_role=role)
        _submit(
            page,
            "session",
            kind="training",
            held="۱۴۰۳/۰۴/۰۱",
            venue="فرمانداری بافت",
            topic="آموزش اعضای شعب",
            attendees="2980001111",
        )
        expect(page.locator("#untrained")).to_have_text("۱ نفر از ۲ نفر آموزش ندیده‌اند.")
        _submit(
            page,
            "plan",
            station=remote[0],
            transport="خودرو تا روستا، سپس پیاده",
            helicopter="yes",
            report_grace="۸",
            link_tested="۱۴۰۳/۰۴/۱۱",
            link_ok="yes",
        )
        _submit(page, "past", station=remote[0], happened_in="۱۴۰۲", note="قطع ارتباط ماهواره‌ای")
        _shots(page, "preparation")

        page.click("nav.tabs >> text=تصمیم‌های ثبت‌شده")
        # the partial day is being polled: no withdrawal any more (review S19, F2)
        _submit(page, "withdraw", done=False, contest="president", candidate="۲۵")
        expect(page.locator("#refused")).to_contain_text("پس از آغاز رأی‌گیری انصرافی ثبت نمی‌شود")
        page.click("nav.tabs >> text=ناوگان صندوق‌ها")
        _submit(page, "hand-over", serial=BOXES[0])
        row = page.locator(f"tr[data-serial='{BOXES[0]}'] .step")
        expect(row).to_have_text("آماده‌سازی در ستاد انتخابات کشور")
        # a build awaiting k officials, with who signed so far (review S19 F7)
        expect(page.locator("#pending-builds")).to_contain_text("۱ امضا از ۳ لازم: رئیس ستاد")
        _shots(page, "fleet")

        supervisor = new_page(browser)
        log_in(supervisor, centre.url, "nazer", code=code_at(board.totp_uri, AT))
        supervisor.goto(f"{centre.url}/console/preparation/decisions")
        _submit(supervisor, "approve-mode", where="president:IR", reference="۱۲۳/ن")
        expect(supervisor.locator("#approvals")).to_contain_text("هیئت‌های نظارت شورای نگهبان")
        _submit(
            supervisor,
            "lot",
            done=False,
            where="president:IR",
            secret="1403-tir",
            drawn_by="الف، ب",
        )
        expect(supervisor.locator("#refused")).to_contain_text("قرعه بر نتایج کامل کشیده می‌شود")
        supervisor.goto(f"{centre.url}/console/preparation/decisions")
        _shots(supervisor, "decisions")
