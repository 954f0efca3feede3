"""The fleet's page through FastAPI's TestClient on SQLite (issue 12): the approved build and
Baft's boxes listed with their shipping; the national headquarters records a box prepared and
sent to the province; a county operator's hand-over at the country is refused and logged, a
serial not in the register and an installed box's step are named in Persian."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from sandogh.core.access import Role
from sandogh.server.app import create_app
from tests.server.operators_live import add_account, settings

from .build import BAFT, IRAN, KERMAN
from .candidacy_build import code_at
from .stages_build import BOXES, BUILD, NEXT_BUILD, fleet
from .test_pages import denials, log_in, token
from .test_preparation_page import alert

PATH = "/console/preparation/fleet"
#: before Kerman's polling day (2024-07-05): after it no box moves (review S20 F14)
BEFORE_THE_DAY = datetime.datetime(2024, 7, 1, 5, 30, tzinfo=datetime.UTC)


def national(client: TestClient, store: str) -> str:
    """Sign the national headquarters in, its second factor at the centre's clock."""
    hq = add_account(store, "setad", Role.NATIONAL_HQ, IRAN)
    return token(log_in(client, "setad", totp=code_at(hq.totp_uri, BEFORE_THE_DAY)))


@pytest.fixture
def client(console_store: str) -> Iterator[TestClient]:
    fleet(console_store)
    add_account(console_store, "baft", Role.COUNTY_HQ, BAFT)
    app = create_app(settings(console_store), clock=lambda: BEFORE_THE_DAY)
    with TestClient(app, follow_redirects=False) as c:
        yield c


def _post(client: TestClient, csrf: str, **form: str) -> Response:
    return client.post(f"{PATH}/hand-over", data={"csrf": csrf, **form})


def test_boxes_are_handed_over_step_by_step(client: TestClient, console_store: str) -> None:
    csrf = national(client, console_store)
    page = client.get(PATH).text
    assert BUILD in page
    assert "معتبر؛ تأیید keshvari" in page
    assert "هنوز آماده نشده" in page
    prepared = _post(client, csrf, serial=BOXES[0])
    assert prepared.status_code == 303, prepared.text
    sent = _post(client, csrf, serial=BOXES[0], to=KERMAN)
    assert sent.status_code == 303, sent.text
    page = client.get(PATH).text
    row = page.split(f'data-serial="{BOXES[0]}"')[1].split("</tr>")[0]
    assert "ارسال به ستاد انتخابات استان" in row
    assert "تحویل ستاد انتخابات استان" in row
    unknown = _post(client, csrf, serial="SB-9999")
    assert unknown.status_code == 422
    assert "شماره صندوق (در دفتر صندوق‌ها نیست)" in alert(unknown.text)
    nowhere = _post(client, csrf, serial=BOXES[1])
    assert nowhere.status_code == 303
    wrong = _post(client, csrf, serial=BOXES[1], to=BAFT)  # a county is not a province
    assert wrong.status_code == 422
    assert "مرحله بعدی آن «ارسال به ستاد انتخابات استان» است" in alert(wrong.text)
    english = client.get(f"{PATH}?lang=en").text
    assert "sent to the province&#39;s election headquarters" in english


def test_a_county_operator_may_not_hand_over_at_the_country(client: TestClient) -> None:
    csrf = token(log_in(client, "baft"))
    page = client.get(PATH).text
    assert BOXES[0] in page
    refused = _post(client, csrf, serial=BOXES[0])
    assert refused.status_code == 403
    assert "baft با نقش ستاد انتخابات شهرستان" in alert(refused.text)
    # the step is named, and whose account records it (review S19 F13)
    assert "«آماده‌سازی در ستاد انتخابات کشور» صندوق" in alert(refused.text)
    assert "تنها حسابی از خود «IR» ثبت می‌کند" in alert(refused.text)
    assert denials(client)[-1]["action"] == "manage-readiness"
    assert _post(client, "forged", serial=BOXES[0]).status_code == 403


def test_a_build_awaiting_the_officials_signatures_is_listed_with_who_signed(
    client: TestClient, console_store: str
) -> None:
    """Review S19 F7: a build takes effect once k officials have signed; until then the page
    lists it apart, with the officials who signed so far."""
    national(client, console_store)
    page = client.get(PATH).text
    pending = page.split('id="pending-builds"')[1].split("</table>")[0]
    assert NEXT_BUILD in pending
    assert "پیشنهاد تأیید" in pending
    assert "۱ امضا از ۳ لازم" in pending
    assert "رئیس ستاد" in pending
    approved = page.split('id="builds"')[1].split("</table>")[0]
    assert NEXT_BUILD not in approved
    english = client.get(f"{PATH}?lang=en").text.split('id="pending-builds"')[1]
    assert "1 signatures of the 3 needed" in english
    assert "approval proposed" in english
