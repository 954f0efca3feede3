"""The dashboard's alerts show the junk sent to the station API as counts per source and minute
(`services.refusals`), in Persian with Persian digits and the reason in words, and in English."""

from __future__ import annotations

from fastapi.testclient import TestClient

from sandogh.core.access import Role
from sandogh.server.app import create_app
from tests.server.operators_live import add_account, current_code, settings

from .build import KERMAN
from .test_pages import log_in


def test_junk_reports_are_one_counted_alert_on_the_dashboard(console_store: str) -> None:
    change = add_account(console_store, "nazer", Role.SUPERVISOR, KERMAN, totp=True)
    with TestClient(create_app(settings(console_store)), follow_redirects=False) as client:
        for _ in range(3):
            answer = client.post(
                "/api/v1/reports",
                content=b"{not json",
                headers={"Content-Type": "application/json"},
            )
            assert answer.status_code == 400
        page = log_in(client, "nazer", totp=current_code(change))
        english = client.get("/console/?lang=en").text

    assert "درخواست‌های ردشده از testclient" in page
    assert "(گزارش ناخوانا): ۳ در دقیقهٔ" in page
    assert "malformed" not in page
    assert "Requests from testclient refused" in english
    assert "(unreadable report): 3 in the minute from" in english
