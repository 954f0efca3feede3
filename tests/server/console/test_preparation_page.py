"""The preparation page through FastAPI's TestClient on SQLite (issue 12): the calendar with
today's stage in Jalali dates, a person assigned at a station and trained, who is untrained, a
hard-to-reach plan and a past problem — and the refusals: a station outside the grant (403,
logged), a crafted field (400 naming it), what the use case refuses (422 naming the field, in
Persian), a form without CSRF."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from sandogh.core.access import Role
from sandogh.server.app import create_app
from tests.server.operators_live import add_account, settings

from .build import BAFT, BAM, baft_stations
from .candidacy_build import Clock, stored
from .preparing import hard_to_reach
from .test_pages import denials, log_in, token

BAM_STATION = "ST-0802-0001"


@pytest.fixture
def client(console_store: str) -> Iterator[TestClient]:
    add_account(console_store, "baft", Role.COUNTY_HQ, BAFT)
    # before the day (2024-07-05): after it no staff is named (review S20 F8)
    app = create_app(settings(console_store), clock=Clock())
    with TestClient(app, follow_redirects=False) as c:
        yield c


def alert(page: str) -> str:
    """The refusal a page shows."""
    return page.split('id="refused"', 1)[1].split("</div>", 1)[0]


def _post(client: TestClient, csrf: str, path: str, **form: str) -> Response:
    return client.post(f"/console/preparation/{path}", data={"csrf": csrf, "place": BAFT, **form})


def test_a_person_is_assigned_trained_and_the_roster_says_who_is_untrained(
    client: TestClient,
) -> None:
    csrf = token(log_in(client, "baft"))
    first = baft_stations()[0]
    for person, name, role in (
        ("2980001111", "مریم احمدی", "head"),
        ("2980002222", "رضا", "member"),
    ):
        done = _post(
            client, csrf, "staff", station=first, person=person, name=name, station_role=role
        )
        assert done.status_code == 303, done.text
    page = client.get(done.headers["location"]).text
    assert 'id="done"' in page
    assert "۲ نفر از ۲ نفر آموزش ندیده‌اند" in page
    assert "رئیس شعبه" in page
    trained = _post(
        client,
        csrf,
        "session",
        kind="training",
        held="۱۴۰۳/۰۴/۰۱",
        venue="فرمانداری بافت",
        topic="آموزش اعضای شعب",
        attendees="2980001111",
    )
    assert trained.status_code == 303, trained.text
    page = client.get(f"/console/preparation?place={BAFT}").text
    assert "۱ نفر از ۲ نفر آموزش ندیده‌اند" in page
    assert "آموزش ۱ تیر ۱۴۰۳" in page
    english = client.get(f"/console/preparation?place={BAFT}&lang=en").text
    assert "1 of 2 people are untrained." in english
    assert "head of station" in english


def test_the_calendar_shows_today_s_stage_in_jalali_dates(console_store: str) -> None:
    stored(console_store)
    add_account(console_store, "baft", Role.COUNTY_HQ, BAFT)
    app = create_app(settings(console_store), clock=Clock())
    with TestClient(app, follow_redirects=False) as client:
        log_in(client, "baft")
        page = client.get("/console/preparation").text
    assert "گاه‌شمار انتخابات" in page
    assert "۱ اسفند ۱۴۰۲" in page
    assert 'data-stage="registration" class="today"' in page
    assert "2024" not in page.split('id="pr-calendar"')[1].split("</section>")[0]


def test_a_station_outside_the_grant_is_refused_and_logged(client: TestClient) -> None:
    csrf = token(log_in(client, "baft"))
    refused = _post(
        client,
        csrf,
        "staff",
        station=BAM_STATION,
        person="2980003333",
        name="کسی",
        station_role="head",
    )
    assert refused.status_code == 403
    assert "baft با نقش ستاد انتخابات شهرستان در IR-08-0801 اجازه این کار را ندارد" in refused.text
    assert BAM_STATION in denials(client)[-1]["denied"]  # type: ignore[operator]
    past = _post(client, csrf, "past", station=BAM_STATION, happened_in="1402", note="قطع برق")
    assert past.status_code == 403
    assert client.get(f"/console/preparation?place={BAM}").status_code == 403


def test_a_crafted_or_wrong_field_is_named_in_persian(
    client: TestClient, console_store: str
) -> None:
    csrf = token(log_in(client, "baft"))
    first = baft_stations()[0]
    crafted = _post(client, csrf, "staff", station=first, person="1", name="x", station_role="king")
    assert crafted.status_code == 400
    assert "مقدار «سمت در شعبه» پذیرفته نیست" in crafted.text
    no_date = _post(
        client, csrf, "session", kind="training", held="فردا", venue="x", topic="y", attendees="1"
    )
    assert no_date.status_code == 400
    assert "«فردا» تاریخ نیست" in no_date.text
    stranger = _post(
        client,
        csrf,
        "session",
        kind="briefing",
        held="1403/04/01",
        venue="x",
        topic="y",
        attendees="9999999999",
    )
    assert stranger.status_code == 422
    assert "نادرست: حاضران" in stranger.text
    assert "roster" not in alert(stranger.text)  # the use case's English stays off the page
    remote = hard_to_reach(console_store)
    grace = _post(client, csrf, "plan", station=remote[0], transport="پیاده", report_grace="یک")
    assert grace.status_code == 400
    assert "مهلت گزارش" in grace.text
    long = _post(client, csrf, "plan", station=remote[0], transport="پیاده", report_grace="۳۰")
    assert long.status_code == 422
    assert "مهلت گزارش (بین صفر و ۲۴ ساعت)" in long.text
    forged = client.post(
        "/console/preparation/staff",
        data={
            "csrf": "forged",
            "station": first,
            "person": "1",
            "name": "x",
            "station_role": "head",
        },
    )
    assert forged.status_code == 403


def test_a_plan_and_a_past_problem_are_recorded_and_shown_in_readiness(
    client: TestClient, console_store: str
) -> None:
    csrf = token(log_in(client, "baft"))
    remote = hard_to_reach(console_store)
    plan = _post(
        client,
        csrf,
        "plan",
        station=remote[0],
        transport="خودرو تا روستا، سپس پیاده",
        helicopter="yes",
        report_grace="۸",
        link_tested="1403/04/11",
        link_ok="yes",
    )
    assert plan.status_code == 303, plan.text
    past = _post(
        client, csrf, "past", station=remote[0], happened_in="1402-majlis", note="قطع ارتباط"
    )
    assert past.status_code == 303, past.text
    page = client.get(f"/console/readiness?place={BAFT}").text
    assert "خودرو تا روستا، سپس پیاده" in page
    assert "قطع ارتباط" in page
