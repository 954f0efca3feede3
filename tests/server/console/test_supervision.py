"""The results page's certifications (issue 13): the board's reason and decision asked after the
preview, each certification listed with them and each undone one with who undid it, when and why,
in Persian and English; and a certification undone by hand in the database refused on the page
rather than shown."""

from __future__ import annotations

import datetime
import re

from fastapi.testclient import TestClient
from sqlalchemy import text, update

from sandogh.core.access import Grant, Role
from sandogh.server.app import create_app
from sandogh.services.acting import Actor
from sandogh.services.certifications import certify
from sandogh.store.engine import make_engine
from sandogh.store.tables import CertificationRow
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.server.live import ELECTION
from tests.server.operators_live import add_account, current_code, settings

from .build import AT, IRAN, complete
from .test_pages import log_in, token
from .test_persian_pages import latin_words

CERTIFYING = {"reason": "همه شعبه‌ها گزارش دادند و ارقام بررسی شد", "reference": "هیئت ۱۴۰۳/۱۳"}
UNDOING = {"reason": "شکایت نامزد ۲۵ پذیرفته شد", "reference": "هیئت ۱۴۰۳/۱۴"}


def _signed_in(store: str, name: str) -> tuple[TestClient, dict[str, str]]:
    """A client signed in as the national supervisor `name`, and the fields every form sends."""
    change = add_account(store, name, Role.SUPERVISOR, IRAN, totp=True)
    client = TestClient(create_app(settings(store)), follow_redirects=False)
    page = log_in(client, name, totp=current_code(change))
    return client, {"csrf": token(page), "place": IRAN, "contest": "president"}


def test_a_certification_asks_the_boards_words_and_its_undoing_is_listed(
    console_store: str,
) -> None:
    complete(console_store)
    client, sent = _signed_in(console_store, "nazer")
    with client:
        preview = client.post("/console/results/certify", data=sent)
        assert preview.status_code == 200
        assert 'id="confirm-reason"' in preview.text
        assert 'id="confirm-reference"' in preview.text
        confirmed = {**sent, "confirmed": "1", "checked": "1"}
        # no reason in words: the preview again, saying which, and nothing recorded
        for reason, reference in (("", ""), ("...", "ـ")):
            wordless = {**confirmed, "reason": reason, "reference": reference}
            refused = client.post("/console/results/certify", data=wordless)
            assert refused.status_code == 422
            assert "دلیل تأیید صحت باید با کلمات نوشته شود" in refused.text
            assert "شماره تصمیم هیئت نظارت باید داده شود" in refused.text
            assert 'id="confirm-checked"' in refused.text  # the preview, to confirm again
            assert latin_words(refused.text) == []
        done = client.post("/console/results/certify", data={**confirmed, **CERTIFYING})
        assert done.status_code == 303
        results = client.get("/console/results", params={"place": IRAN}).text
        assert "تأیید صحت شد به دست \u2068nazer\u2069" in results
        assert CERTIFYING["reason"] in results
        assert "شماره تصمیم: \u2068هیئت ۱۴۰۳/۱۳\u2069" in results
    second, sent = _signed_in(console_store, "dovom")
    with second:
        undone = second.post("/console/results/uncertify", data={**sent, **UNDOING})
        assert undone.status_code == 303
        results = second.get("/console/results", params={"place": IRAN}).text
        assert "هنوز تأیید نشده است" in results
        assert "تأیید لغو شد به دست \u2068dovom\u2069" in results
        assert "(تأیید صحت \u2068nazer\u2069، " in results
        assert UNDOING["reason"] in results
        # only the accounts' names, isolated, may be in Latin letters
        assert {w.strip("\u2068\u2069") for w in latin_words(results)} <= {"dovom", "nazer"}
        english = second.get("/console/results", params={"place": IRAN, "lang": "en"}).text
        assert "Certifications undone" in english
        assert "certification undone by \u2068dovom\u2069" in english
        assert (
            "Reason: \u2068شکایت نامزد ۲۵ پذیرفته شد\u2069; decision: \u2068هیئت ۱۴۰۳/۱۴\u2069"
            in english
        )


def test_a_certification_undone_by_hand_is_not_shown_but_said(console_store: str) -> None:
    """The attack of issue 13 seen from the console: `undone_at` set straight in the database
    lifts a certification with no log entry; the results page refuses it and names the row."""
    complete(console_store)
    engine = make_engine(console_store)
    try:
        board = Actor("nazer", Grant(Role.SUPERVISOR, IRAN))
        certify(
            lambda: SqlUnitOfWork(engine, now=AT),
            board,
            ELECTION,
            "president",
            **CERTIFYING,
            now=AT,
        )
        with engine.begin() as connection:
            at = AT + datetime.timedelta(hours=1)
            connection.execute(update(CertificationRow).values(undone_at=at, undone_by="x"))
    finally:
        engine.dispose()
    client, _ = _signed_in(console_store, "nazer-2")
    with client:
        refused = client.get("/console/results", params={"place": IRAN})
        assert refused.status_code == 500
        assert "تأیید صحت شماره ۱ در پایگاه داده با آنچه دفتر رویدادها ثبت کرده است" in refused.text
        assert "نتایج نشان داده نمی‌شود" in refused.text
        assert 'class="cast"' not in refused.text  # no figures shown
        assert latin_words(refused.text) == []
        english = client.get("/console/results", params={"place": IRAN, "lang": "en"})
        assert "The stored certification 1 is not as the event log records it" in english.text


def test_a_certify_preview_names_the_voided_boxes_and_a_certified_result_refuses_a_void_preview(
    console_store: str,
) -> None:
    """Issue 13 (A6): the ballots a board voided are «باطل‌شده» on the results page, apart from
    the void ballots the stations set aside; the certify preview says which stations' voided
    ballots are left out of what is certified, and how many; once certified, a void of the
    result is refused at its preview, saying the certification must be undone first."""
    complete(console_store)
    client, sent = _signed_in(console_store, "nazer")
    voiding = {**sent, "reason": "صندوق بی‌مهر", "reference": "هیئت ۱۴۰۳/۱۲"}
    with client:
        voided = {**voiding, "station": "ST-0801-0001", "confirmed": "1"}
        assert client.post("/console/results/void-station", data=voided).status_code == 303
        results = client.get("/console/results", params={"place": IRAN}).text
        taken = re.search(r'class="ballots-voided" data-contest="president">([۰-۹٬]+)<', results)
        assert taken is not None
        assert taken.group(1) != "۰"
        assert "آرای باطل‌شده به تصمیم هیئت نظارت" in results
        preview = client.post("/console/results/certify", data=sent)
        assert preview.status_code == 200
        assert "آرای ۱ شعبه باطل‌شده به تصمیم هیئت نظارت در آنچه تأیید صحت" in preview.text
        listed = re.search(r'id="preview-voided-stations">(.*?)</ul>', preview.text, re.S)
        assert listed is not None
        assert "ST-0801-0001" in listed.group(1)
        english = client.post("/console/results/certify", data=sent, params={"lang": "en"})
        assert "The ballots of 1 station(s) voided by the supervisory board" in english.text
        confirmed = {**sent, **CERTIFYING, "confirmed": "1", "checked": "1"}
        assert client.post("/console/results/certify", data=confirmed).status_code == 303
        for lang, words in (
            ("fa", "نخست ناظری از همان هیئت در سطح بالاتر باید این تأیید را لغو کند"),
            ("en", "must undo that certification first"),
        ):
            asked = {**voiding, "station": "ST-0801-0002"}
            refused = client.post(
                "/console/results/void-station", data=asked, params={"lang": lang}
            )
            assert refused.status_code == 422
            assert words in refused.text
            assert 'id="preview-stations"' not in refused.text  # refused before any preview


def test_a_nation_total_changed_by_hand_is_not_shown_but_said(console_store: str) -> None:
    """Finding N2 seen from the console: the nation's kept votes of one candidate raised straight
    in the database; the results page refuses, names the unit and the contest, shows no figure."""
    complete(console_store)
    engine = make_engine(console_store)
    try:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "UPDATE results_total_votes SET votes = votes + 100000 WHERE code = :code "
                    "AND scope = 'unit' AND contest = 'president' AND candidate = '21'"
                ),
                {"code": IRAN},
            )
    finally:
        engine.dispose()
    client, sent = _signed_in(console_store, "nazer")
    with client:
        refused = client.get("/console/results", params={"place": IRAN})
        assert refused.status_code == 500
        assert "با جمع واحدها و شعبه‌های زیر آن نمی‌خواند" in refused.text
        # nor is a void's or a certification's preview made of them
        voiding = {**sent, "reason": "صندوق بی‌مهر", "reference": "هیئت ۱۴۰۳/۱۲"}
        for path, form in (
            ("void-station", {**voiding, "station": "ST-0801-0001"}),
            ("certify", sent),
        ):
            previewed = client.post(f"/console/results/{path}", data=form)
            assert previewed.status_code == 500, path
            assert "با جمع واحدها و شعبه‌های زیر آن نمی‌خواند" in previewed.text
        assert "نتایج نشان داده نمی‌شود" in refused.text
        assert 'class="cast"' not in refused.text  # no figures shown
        # the command to run is the only Latin on the page
        assert {w.strip("\u2068\u2069") for w in latin_words(refused.text)} <= {
            "sandogh",
            "results",
            "check-totals",
        }
        english = client.get("/console/results", params={"place": IRAN, "lang": "en"})
        assert f"({IRAN}), contest " in english.text
        assert "Run `sandogh results check-totals`" in english.text


def test_the_results_page_shows_a_page_of_the_units_below(console_store: str) -> None:
    """Issue 14: a county of 337 stations shows 100 of them to a page, saying which page of how
    many with links to the pages beside it; a page past the last is refused naming it."""
    complete(console_store)
    client, _ = _signed_in(console_store, "nazer")
    county = "IR-08-0808"
    with client:
        shown = client.get("/console/results", params={"place": county, "page": "2"})
        assert shown.status_code == 200
        assert "صفحهٔ ۲ از ۴ صفحهٔ واحدهای زیر این واحد (۳۳۷ واحد)" in shown.text
        assert f'href="?place={county}&amp;page=1" rel="prev"' in shown.text
        assert f'href="?place={county}&amp;page=3" rel="next"' in shown.text
        assert shown.text.count('<a href="?place=ST-') == 100  # of each contest's table
        for past in ("5", "x"):
            refused = client.get("/console/results", params={"place": county, "page": past})
            assert refused.status_code == 404
            assert "صفحهٔ آخر آن ۴ است" in refused.text
            assert 'class="cast"' not in refused.text
        last = client.get("/console/results", params={"place": county, "page": "۴", "lang": "en"})
        assert "Page 4 of 4 of the units below this unit (337 units)" in last.text
        assert 'rel="next"' not in last.text
