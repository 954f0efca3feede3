"""The console's readiness page through FastAPI's TestClient on SQLite: a county operator sees
and replaces the registers of the county only, a supervisor reads but may not replace, a bad file
names every bad row and changes nothing, and the dashboard shows the check-ins by hour."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from sandogh.core.access import Role
from sandogh.server.app import create_app
from tests.server.operators_live import add_account, current_code, settings

from .build import BAFT, BAM, KERMAN, baft_stations
from .preparing import BRIEFED, PAST, prepare
from .test_pages import denials, log_in, token


@pytest.fixture
def client(console_store: str) -> Iterator[TestClient]:
    add_account(console_store, "baft", Role.COUNTY_HQ, BAFT)
    with TestClient(create_app(settings(console_store)), follow_redirects=False) as client:
        yield client


def papers(*rows: str) -> str:
    return "\n".join(("station,sent,received,used", *rows)) + "\n"


def test_a_county_operator_sees_the_readiness_of_the_county_only(client: TestClient) -> None:
    log_in(client, "baft")
    page = client.get("/console/readiness")
    assert page.status_code == 200
    assert 'href="/console/readiness" aria-current="page"' in page.text
    assert '<bdi dir="ltr">IR-08-0801</bdi>' in page.text
    assert "شعبه با کمبود تعرفه" in page.text
    # The fixture (`build`) loads the example's definition only: the ballot-paper register
    # (examples/kerman-1403/papers.csv) is a later step of a real set-up (`sandogh readiness
    # import papers`), so no station has a papers row. Baft's 71 stations are all
    # semi-electronic (paper ballots) in the example, so each lacks its papers register (71);
    # no box and no staff registered: each lacks a box (71) and the five roles of its
    # complement (355); each is late, opening (66) or reporting (5), in the partial store; its
    # 3 hard-to-reach stations have no plan (3): 71 + 71 + 355 + 66 + 5 + 3 = 571. The five
    # open are not without a box: their boxes are enrolled, only the fleet register lacks them.
    # Grouped by kind, the worst first (issue 13): the stations late to open lead.
    kinds = re.findall(
        r'<details class="gap-group" id="gap-([a-z-]+)" data-count="(\d+)"', page.text
    )
    assert kinds == [
        ("late-to-open", "66"),
        ("late-to-report", "5"),
        ("no-box", "66"),
        ("no-papers", "71"),
        ("staff-short", "355"),
        ("no-remote-plan", "3"),
        ("box-unregistered", "5"),
    ]
    assert "کمبودها (۵۷۱)" in page.text
    assert 'href="/api/v1/elections/' in page.text
    assert "/readiness/papers?unit=IR-08-0801" in page.text
    assert 'id="upload-papers"' in page.text
    csv = client.get(page.text.split('id="download-papers"')[0].rsplit('href="', 1)[1][:-2])
    assert csv.status_code == 200
    assert csv.text.startswith("station,sent,received,used")

    assert client.get(f"/console/readiness?place={BAM}").status_code == 403
    assert client.get(f"/console/readiness?place={KERMAN}").status_code == 403
    assert {"place": BAM}.items() <= denials(client)[0].items()


def test_a_register_is_replaced_and_a_bad_file_names_each_row(client: TestClient) -> None:
    page = log_in(client, "baft")
    first, second = baft_stations()[:2]
    good = papers(f"{first},400,400,10", f"{second},300,300,0")
    done = client.post(
        "/console/readiness", data={"csrf": token(page), "register": "papers", "csv": good}
    )
    assert done.status_code == 303
    shown = client.get(done.headers["location"]).text
    assert "دفتر تعرفه‌ها ذخیره شد." in shown
    # the first station keeps 390 papers for its voters not yet voted
    short = shown.split('id="gap-papers-short"')[1].split("</details>")[0]
    assert "<td></td><td>مانده: ۳۹۰، لازم: ۷۲۰</td>" in short
    # the two stations registered leave the 71 without a papers row (571, see the test above)
    # and the first is short: 571 - 2 + 1
    assert 'id="gap-no-papers" data-count="69"' in shown
    assert "کمبودها (۵۷۰)" in shown

    unreadable = papers(f"{first},x,400,10", f"{second},300,-1,0")
    refused = client.post(
        "/console/readiness", data={"csrf": token(page), "register": "papers", "csv": unreadable}
    )
    assert refused.status_code == 422
    assert "line 2, column sent" in refused.text
    assert "line 3, column received" in refused.text
    assert "۲ اشکال" in refused.text

    outside = papers(f"{first},400,400,10", "ST-0802-0001,10,10,0")  # a station of Bam
    refused = client.post(
        "/console/readiness", data={"csrf": token(page), "register": "papers", "csv": outside}
    )
    assert refused.status_code == 422
    assert "line 3" in refused.text
    assert "کمبودها (۵۷۰)" in refused.text  # nothing changed


def test_a_supervisor_reads_but_may_not_replace_a_register(
    client: TestClient, console_store: str
) -> None:
    change = add_account(console_store, "nazer", Role.SUPERVISOR, KERMAN, totp=True)
    page = log_in(client, "nazer", totp=current_code(change))
    shown = client.get(f"/console/readiness?place={BAFT}")
    assert shown.status_code == 200
    assert 'id="upload-papers"' not in shown.text
    refused = client.post(
        f"/console/readiness?place={BAFT}",
        data={"csrf": token(page), "register": "papers", "csv": papers()},
    )
    assert refused.status_code == 403
    assert any(d.get("action") == "manage-readiness" for d in denials(client))


def test_the_dashboard_shows_the_check_ins_by_hour_in_tehran_time(client: TestClient) -> None:
    page = log_in(client, "baft")
    # the 9 check-ins were at 08:30 UTC, noon in Tehran: the bar of Tehran's hour from 12:00
    # (issue 13: hours are whole hours in Tehran, never a bar at 11:30)
    assert 'id="by-hour"' in page
    assert '<tr><th scope="row">۱۲:۰۰</th><td>۹</td></tr>' in page


def test_the_page_and_the_atlas_show_untrained_staff_and_hard_to_reach_plans(
    client: TestClient, console_store: str
) -> None:
    remote = prepare(console_store)
    log_in(client, "baft")
    page = client.get("/console/readiness").text
    untrained = page.split('id="gap-untrained"')[1].split("</details>")[0]
    assert f"<td><bdi>{BRIEFED}</bdi></td>" in untrained
    # briefed, not trained: the governor's representative is still missing; the head is not
    assert "<td>نماینده فرماندار</td><td>آموزش‌دیده: ۰، لازم: ۱</td>" in page
    assert page.count("<td>رئیس شعبه</td>") == 70  # every station of Baft's but the first
    assert "۲ نفر با نام ثبت شده‌اند و ۱ نفر از آنان آموزش دیده‌اند." in page
    assert "شعبه‌های مناطق صعب‌العبور (۳)" in page
    assert '<span class="good">موفق، ۱۱ تیر ۱۴۰۳</span>' in page
    assert '<span class="bad">آزموده نشده</span>' in page
    assert '<span class="bad">بی‌برنامه</span>' in page
    assert PAST in page
    english = client.get("/console/readiness?lang=en").text
    assert "Hard-to-reach stations (3)" in english
    assert "governor&#39;s representative" in english
    atlas = client.get("/console/atlas?lang=fa").text
    assert "بالگرد آماده‌باش" in atlas
    points = json.loads(atlas.split('id="map-data">')[1].split("</script>")[0])
    plans = {p["code"]: p["plan"] for p in points if p["hard"]}
    assert plans.keys() == set(remote)
    assert plans[remote[1]].startswith("آزمون ارتباط: ارتباط پیش از روز رأی آزموده نشده")
    assert plans[remote[2]] == "صعب‌العبور بی‌برنامه"
