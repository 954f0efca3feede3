"""The audit in headless Chromium against a real centre on loopback (issue 11): a supervisor
starts the audit of the small runoff, records the dice and draws a round; a national audit board
enters what the six papers drawn show (one misread); the supervisor closes the round with the
boxes' records file and sees the decision and the discrepancy. Screenshots in Persian and
English are saved in screenshots/."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from sandogh.core.access import Role
from tests.axe import assert_accessible
from tests.server.operators_live import add_account, current_code, serving, settings

from .audit_build import accounts, code_of, records_file, template
from .browsing import log_in
from .test_audit_pages import DICE
from .test_browser import SCREENSHOTS, new_page


def _shot(page: Page, name: str) -> None:
    assert_accessible(page, name)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_a_round_from_start_to_close(browser: Browser, tmp_path: Path) -> None:
    store = f"sqlite:///{template(tmp_path)}"
    nazer = accounts(store)["nazer"]
    add_account(store, "hayat", Role.AUDIT_BOARD, "IR")
    with serving(settings(store)) as centre:
        supervisor = new_page(browser)
        log_in(supervisor, centre.url, "nazer", code=current_code(nazer))
        supervisor.click("nav >> text=حسابرسی برگه‌ها")
        expect(supervisor.locator("#no-audit")).to_be_visible()
        supervisor.fill("#risk-limit", "۱۰")
        supervisor.fill("#start-records", records_file())
        supervisor.locator("#audit-start button").click()
        supervisor.fill("#rolls", DICE)
        supervisor.locator("#audit-seed-form button").click()
        supervisor.locator("#audit-draw button").click()
        expect(supervisor.locator("#audit-open")).to_have_text("دور ۱ باز است: ۰ از ۶ خوانده شده")
        _shot(supervisor, "audit-fa")
        supervisor.click(".tabs >> text=فهرست برداشت برگه‌ها")
        expect(supervisor.locator(".position")).to_have_count(6)
        _shot(supervisor, "audit-pull-fa")

        board = new_page(browser)  # a browser context of its own: another session
        log_in(board, centre.url, "hayat")
        board.goto(f"{centre.url}/console/audit/enter")
        _shot(board, "audit-enter-fa")
        papers: list[str] = []
        while board.locator("form.reading").count():
            form = board.locator("form.reading").first
            paper = form.get_attribute("data-paper")
            assert paper is not None
            form.locator("input[name=code]").fill(code_of(paper))
            if papers:  # as its record says: 290 votes for 21 first, then 10 for 25
                mark = "21" if int(paper.rsplit("/", 1)[1]) <= 290 else "25"
                form.locator(f"input[name=mark-president-{mark}]").check()
            else:  # the first is misread as invalid
                form.locator("input[name=shows-president][value=invalid]").check()
            form.locator("button").click()
            expect(board.locator("#done")).to_contain_text(paper)
            papers.append(paper)
        expect(board.locator("#all-read")).to_be_visible()
        assert len(papers) == 6

        supervisor.click(".tabs >> text=حسابرسی برگه‌ها")
        form = supervisor.locator("#audit-close")
        records = records_file()
        form.locator("input[type=file]").set_input_files(
            files=[
                {"name": "records.json", "mimeType": "application/json", "buffer": records.encode()}
            ]
        )
        expect(form.locator("textarea")).to_have_value(records)
        form.locator("button").click()
        expect(supervisor.locator("#done")).to_be_visible()
        expect(supervisor.locator(".decision")).to_have_attribute("data-decision", "confirmed")
        expect(supervisor.locator("#audit-rounds tbody tr")).to_have_count(1)
        _shot(supervisor, "audit-closed-fa")
        supervisor.click(".tabs >> text=مغایرت‌ها")
        expect(supervisor.locator(".discrepancy")).to_have_count(1)
        expect(supervisor.locator(".board-read")).to_have_text("باطل")
        _shot(supervisor, "audit-discrepancies-fa")
        supervisor.goto(f"{centre.url}/console/audit/discrepancies?place=IR&lang=en")
        expect(supervisor.locator(".board-read")).to_have_text("Invalid")
        _shot(supervisor, "audit-discrepancies-en")
        supervisor.click(".tabs >> text=Paper audit")
        _shot(supervisor, "audit-closed-en")
