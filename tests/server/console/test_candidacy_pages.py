"""The candidacy pages through FastAPI's TestClient on SQLite (issue 12, section 1): the calendar
with today's stage, a registration through the form, and the refusals in Persian words that say
what to do — outside the window, out of turn, the wrong board, a place outside the grant (named,
and logged), a form without CSRF."""

from __future__ import annotations

import datetime
import html
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from sandogh.core.access import Role
from sandogh.core.log import EventType
from sandogh.server.app import create_app
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.server.live import ELECTION
from tests.server.operators_live import add_account, settings

from .build import BAFT, BAM, IRAN
from .candidacy_build import AT, Clock, code_at, stored
from .test_pages import log_in, token

PERSON = {
    "contest": "president",
    "national_code": "0013542419",
    "name_fa": "مریم احمدی",
    "name_en": "Maryam Ahmadi",
    "born": "۱۳۵۰/۰۱/۱۵",
    "education": "master",
}


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(console_store: str, clock: Clock) -> Iterator[TestClient]:
    stored(console_store)
    add_account(console_store, "baft", Role.COUNTY_HQ, BAFT)
    with TestClient(create_app(settings(console_store), clock=clock), follow_redirects=False) as c:
        yield c


def _post(client: TestClient, csrf: str, path: str, **form: str) -> Response:
    return client.post(f"/console/candidacy/{path}", data={"csrf": csrf, **form})


def test_the_calendar_shows_each_window_and_today_s_stage_in_persian(client: TestClient) -> None:
    log_in(client, "baft")
    page = client.get("/console/candidacy", params={"place": BAFT}).text
    assert "گاه‌شمار انتخابات" in page
    assert "ثبت‌نام داوطلبان" in page
    assert "۱ اسفند ۱۴۰۲" in page
    assert 'data-stage="registration" class="today"' in page
    assert 'data-stage="polling" class' not in page
    assert "2024" not in page.split('id="cy-calendar"')[1].split("</section>")[0]


def test_the_headquarters_registers_and_a_late_one_is_told_the_window(
    client: TestClient, clock: Clock
) -> None:
    csrf = token(log_in(client, "baft"))
    done = _post(client, csrf, "register", place=BAFT, constituency=BAFT, **PERSON)
    assert done.status_code == 303, done.text
    page = client.get(done.headers["location"]).text
    assert "مریم احمدی" in page
    assert 'id="done"' in page
    again = _post(client, csrf, "register", place=BAFT, constituency=BAFT, **PERSON)
    assert again.status_code == 422
    assert "پیش‌تر با شماره ۱" in again.text
    clock.at = AT + datetime.timedelta(days=1)
    client.cookies.clear()
    csrf = token(log_in(client, "baft"))
    late = _post(
        client,
        csrf,
        "register",
        place=BAFT,
        constituency=BAFT,
        **{**PERSON, "national_code": "0013542427"},
    )
    assert late.status_code == 422
    assert "بازه آن" in late.text
    assert "در بازه همین مرحله" in late.text


def test_a_young_applicant_and_a_bad_date_are_told_why(client: TestClient) -> None:
    csrf = token(log_in(client, "baft"))
    young = _post(
        client, csrf, "register", place=BAFT, constituency=BAFT, **{**PERSON, "born": "1390/01/01"}
    )
    assert young.status_code == 422
    assert "سن" in young.text
    bad = _post(client, csrf, "register", place=BAFT, constituency=BAFT, **{**PERSON, "born": "x"})
    assert bad.status_code == 400
    assert "۱۳۶۰/۰۱/۱۵" in bad.text


def test_a_county_is_kept_to_its_constituency_and_a_board_to_its_decisions(
    client: TestClient, console_store: str
) -> None:
    csrf = token(log_in(client, "baft"))
    outside = _post(client, csrf, "register", place=BAFT, constituency=BAM, **PERSON)
    assert outside.status_code == 403
    assert (
        _post(client, csrf, "register", place=BAFT, constituency=BAFT, **PERSON).status_code == 303
    )
    vetting = _post(
        client,
        csrf,
        "decide",
        place=BAFT,
        applicant="1",
        board="supervisory",
        outcome="qualified",
        article="Art. 30",
    )
    assert vetting.status_code == 403
    board = add_account(console_store, "board", Role.SUPERVISOR, IRAN)
    client.cookies.clear()
    assert board.totp_uri is not None
    csrf = token(log_in(client, "board", totp=code_at(board.totp_uri, AT)))
    registering = _post(client, csrf, "register", place=IRAN, constituency=BAFT, **PERSON)
    assert registering.status_code == 403
    early = _post(
        client,
        csrf,
        "decide",
        place=IRAN,
        applicant="1",
        board="supervisory",
        outcome="qualified",
        article="Art. 30",
    )
    assert early.status_code == 422
    assert "نخست هیئت اجرایی" in early.text
    no_csrf = client.post("/console/candidacy/final-list", data={"contest": "president"})
    assert no_csrf.status_code == 403


def test_without_a_calendar_the_page_says_who_stores_it(console_store: str, clock: Clock) -> None:
    add_account(console_store, "baft", Role.COUNTY_HQ, BAFT)
    with TestClient(create_app(settings(console_store), clock=clock), follow_redirects=False) as c:
        csrf = token(log_in(c, "baft"))
        assert 'id="no-calendar"' in c.get("/console/candidacy").text
        refused = _post(c, csrf, "register", place=BAFT, constituency=BAFT, **PERSON)
        assert refused.status_code == 422
        assert "ذخیره نشده" in refused.text


def test_answers_objections_and_the_draw_refused_out_of_order(client: TestClient) -> None:
    csrf = token(log_in(client, "baft"))
    assert (
        _post(client, csrf, "register", place=BAFT, constituency=BAFT, **PERSON).status_code == 303
    )
    answer = {"place": BAFT, "applicant": "1", "authority": "police", "reference": "۷"}
    unasked = _post(client, csrf, "answer", **answer)
    assert unasked.status_code == 422
    assert "استعلامی نشده است" in unasked.text
    assert _post(client, csrf, "inquire", place=BAFT, applicant="1").status_code == 303
    assert _post(client, csrf, "answer", **answer).status_code == 303
    again = _post(client, csrf, "answer", **answer)
    assert again.status_code == 409
    # the answers where the board decides: the police's typed "not clear", the others none yet
    for lang, words in (("en", ("has a record", "no answer")), ("fa", ("دارای سابقه", "بی‌پاسخ"))):
        shown = client.get("/console/candidacy", params={"place": BAFT, "lang": lang}).text
        row = shown.split('id="dc-answers"')[1].split("</table>")[0]
        assert f'data-authority="police">{words[0]}' in row
        assert row.count(words[1]) == 3
    assert "همین شماره نامه" in again.text
    early = _post(client, csrf, "object", place=BAFT, applicant="1", grounds="سابقه")
    assert early.status_code == 422
    assert "هیئت نظارت" in early.text
    # the final list and the draw are the whole election's: a county's grant does not reach
    listed = _post(client, csrf, "final-list", place=BAFT, contest="president")
    assert listed.status_code == 403


def test_a_county_is_told_the_place_of_an_applicant_outside_its_own_and_the_refusal_is_logged(
    client: TestClient, console_store: str
) -> None:
    national = add_account(console_store, "setad", Role.NATIONAL_HQ, IRAN)
    assert national.totp_uri is not None
    csrf = token(log_in(client, "setad", totp=code_at(national.totp_uri, AT)))
    registered = _post(client, csrf, "register", place=IRAN, constituency=BAM, **PERSON)
    assert registered.status_code == 303, registered.text  # a national grant covers Bam
    client.cookies.clear()
    csrf = token(log_in(client, "baft"))
    asked = _post(client, csrf, "inquire", place=BAFT, applicant="1")
    assert asked.status_code == 403
    assert "حوزه «بم» بیرون از حوزه حکم baft («بافت») است" in asked.text
    english = client.post(
        "/console/candidacy/inquire?lang=en",
        data={"csrf": csrf, "place": BAFT, "applicant": "1"},
    )
    assert "lies outside the place of baft's grant («Baft»)" in html.unescape(english.text)
    engine = make_engine(console_store)
    try:
        with SqlUnitOfWork(engine, now=AT) as work:
            denied = work.events.of_type(EventType.ACCESS_DENIED, ELECTION)
    finally:
        engine.dispose()
    assert [(e.event.actor, e.event.details.get("constituency")) for e in denied][-2:] == [
        ("baft", BAM),
        ("baft", BAM),
    ]
