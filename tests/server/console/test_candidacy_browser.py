"""Candidacy in headless Chromium against a real centre on loopback (issue 12, section 1): the
county headquarters registers two applicants in a constituency chosen by name from the
contest's (the id `sandogh candidates register --constituency` takes), and records the four
authorities' answers and the executive board's decisions; the supervisory board qualifies one
(the four answers shown on its decision form) and disqualifies the other, who objects and is
reinstated on the objection; once registration closed the headquarters commits to the draw's
secret, publishes the final list and draws the codes by revealing it. Before any election is
loaded the page says, in Persian and English, to load the draft definition first, and works once
it is. Screenshots in Persian and English are saved in screenshots/."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from sandogh.core.access import Role
from sandogh.formats.definition_file import CANONICAL
from sandogh.services.elections import load_election
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.axe import assert_accessible
from tests.server.live import ELECTION, kerman
from tests.server.operators_live import add_account, serving, settings

from .browsing import log_in
from .build import IRAN, copy_store
from .candidacy_build import AT, Clock, code_at, stored
from .test_browser import SCREENSHOTS, new_page

PEOPLE = (
    ("0013542419", "مریم احمدی", "Maryam Ahmadi", "۱۳۵۰/۰۱/۱۵"),
    ("0013542427", "علی رضایی", "Ali Rezaei", "1345/06/30"),
)
AUTHORITIES = ("civil-registry", "police", "judiciary", "intelligence")
SECRET = "1402-aban: dice 6 6 2 5 1 3 4"


def _submit(page: Page, form: str, **fields: str) -> None:
    """Fill the form's fields (a select by its value) and send it; it must be recorded."""
    for name, value in fields.items():
        field = page.locator(f"#{form} [name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        elif field.get_attribute("type") == "checkbox":
            field.check()
        else:
            field.fill(value)
    page.locator(f"#{form} button").click()
    expect(page.locator("#done")).to_be_visible()


def _decide(page: Page, applicant: str, board: str, outcome: str, **more: str) -> None:
    _submit(
        page,
        "decide",
        applicant=applicant,
        board=board,
        outcome=outcome,
        article="ماده ۳۰ قانون انتخابات مجلس",
        **more,
    )


def _shot(page: Page, name: str) -> None:
    assert_accessible(page, name)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_register_to_the_code_draw(
    browser: Browser, unprinted_template: Path, tmp_path: Path
) -> None:
    store = copy_store(unprinted_template, tmp_path)
    stored(store)
    add_account(store, "setad", Role.COUNTY_HQ, IRAN)
    board = add_account(store, "nazer", Role.SUPERVISOR, IRAN)
    assert board.totp_uri is not None
    clock = Clock()
    with serving(settings(store), clock=clock) as centre:
        hq = new_page(browser)
        log_in(hq, centre.url, "setad")
        hq.click("nav >> text=داوطلبان")
        expect(hq.locator("tr.today")).to_have_attribute("data-stage", "registration")
        # the constituency is chosen by name among the contest's, as the command takes its id
        expect(hq.locator("#rg-constituency option[data-contest=president]")).to_have_text(
            ["ایران"]
        )
        for code, name_fa, name_en, born in PEOPLE:
            _submit(
                hq,
                "register",
                constituency="IR",  # the president contest's one constituency
                national_code=code,
                name_fa=name_fa,
                name_en=name_en,
                born=born,
                education="doctorate",
            )
        expect(hq.locator("tr[data-applicant='1'] td").nth(2)).to_have_text("ایران")
        for applicant in ("1", "2"):
            _submit(hq, "inquire", applicant=applicant)
            for n, authority in enumerate(AUTHORITIES):
                _submit(
                    hq,
                    "answer",
                    applicant=applicant,
                    authority=authority,
                    reference=f"{applicant}/{n}",
                )
            _decide(hq, applicant, "executive", "qualified")

        vetting = new_page(browser)
        log_in(vetting, centre.url, "nazer", code=code_at(board.totp_uri, AT))
        vetting.goto(f"{centre.url}/console/candidacy")
        # the four authorities' answers where the board decides (the usability review)
        answers = vetting.locator("#dc-answers tr[data-applicant='2'] td")
        expect(answers).to_have_text(["علی رضایی", *["بی‌مانع"] * 4])
        _decide(vetting, "1", "supervisory", "qualified")
        _decide(vetting, "2", "supervisory", "not-established", reason="سابقه")
        expect(vetting.locator("tr[data-applicant='2'] .standing")).to_have_text("عدم احراز صلاحیت")

        hq.goto(f"{centre.url}/console/candidacy")
        _submit(hq, "object", applicant="2", grounds="سابقه از آن دیگری است")
        vetting.goto(f"{centre.url}/console/candidacy")
        _decide(vetting, "2", "supervisory", "qualified", on_objection="yes")
        expect(vetting.locator("tr[data-applicant='2'] .standing")).to_have_text("تأیید صلاحیت")

        hq.goto(f"{centre.url}/console/candidacy")
        for minutes in (20, 40, 60, 61):  # past registration's close, the session kept alive
            clock.at = AT + datetime.timedelta(minutes=minutes)
            hq.reload()
        _submit(hq, "commit", contest="president", secret=SECRET)  # before the list
        expect(hq.locator(".committed")).to_contain_text("setad")
        _submit(hq, "final-list", contest="president")
        expect(hq.locator(".published")).to_contain_text("۲ نامزد")
        hq.locator("#draw [name=secret]").fill(SECRET)
        hq.locator("#draw [name=drawn_by]").fill("setad, nazer")
        hq.locator("#draw button").click()
        expect(hq.locator("table.codes .code")).to_have_count(2)
        expect(hq.locator("#new-hash")).to_be_visible()
        _shot(hq, "candidacy-fa")
        hq.goto(f"{centre.url}/console/candidacy?lang=en")
        expect(hq.locator("tr[data-applicant='2'] .standing")).to_have_text("qualified")
        _shot(hq, "candidacy-en")


def test_before_the_definition_is_loaded_the_page_says_to_load_it(
    browser: Browser, unprinted_template: Path, tmp_path: Path
) -> None:
    """R6 of the S19 re-attack: a centre that holds another election's day (its accounts are
    placed by it) and not yet the draft of the election asked: the page failed, or acted on the
    other election. It says to load the draft first, and works once it is loaded."""
    store = copy_store(unprinted_template, tmp_path)
    add_account(store, "setad", Role.COUNTY_HQ, IRAN)
    majlis = f"{ELECTION}-majlis"
    with serving(settings(store), clock=Clock()) as centre:
        hq = new_page(browser)
        log_in(hq, centre.url, "setad")
        for lang, words in (("fa", "پیش‌نویس تعریف انتخابات"), ("en", "sandogh load DRAFT.json")):
            shown = hq.goto(f"{centre.url}/console/candidacy?election={majlis}&lang={lang}")
            assert shown is not None
            assert shown.status == 409
            expect(hq.locator("#no-definition")).to_contain_text(words)
            expect(hq.locator("#no-definition")).to_contain_text(majlis)
            _shot(hq, f"candidacy-undefined-{lang}")
        _load_draft(store, majlis)
        hq.goto(f"{centre.url}/console/candidacy?election={majlis}")
        expect(hq.locator("#no-calendar")).to_be_visible()  # the next step: its calendar


def _load_draft(store: str, election: str) -> None:
    """Kerman's day under the id `election`, with no candidates: a draft before its code draw."""
    kerman_day = kerman().election
    contests = tuple(dataclasses.replace(c, candidates=()) for c in kerman_day.contests)
    draft = dataclasses.replace(kerman_day, id=election, contests=contests)
    engine = make_engine(store)
    try:
        load_election(
            lambda: SqlUnitOfWork(engine, now=AT),
            draft,
            definition_hash=CANONICAL.hash_of(draft),
            canonical=CANONICAL.bytes_of(draft),
            now=AT,
        )
    finally:
        engine.dispose()
