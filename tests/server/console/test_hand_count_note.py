"""The console's results page shows a certified hand-count correction: the corrected figures of
the constituency with the Jalali date of its certification, in Persian and in English."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from sandogh.core.access import Grant, Role
from sandogh.core.counting.tally import Counts
from sandogh.server.app import create_app
from sandogh.services.acting import Actor
from sandogh.services.audit_status import record_hand_count
from sandogh.services.audits import start_audit
from sandogh.services.hand_count_corrections import certify_hand_count
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.conftest import TEST_NOW
from tests.server.operators_live import add_account, settings
from tests.services.audit_build import FIVE_PERCENT, load, sheets_of
from tests.services.test_audits import SMALL, STATIONS

from .test_pages import log_in


def test_the_results_page_shows_the_certified_hand_count(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    init_database(url)
    engine = make_engine(url)
    try:

        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(engine, now=TEST_NOW)

        load(uow, SMALL, sheets_of(dict.fromkeys(STATIONS, (151, 149))))
        start_audit(uow, SMALL.id, ["president"], FIVE_PERCENT, now=TEST_NOW)
        hand = Counts(cast=900, valid=900, votes={"21": 440, "25": 460})
        record_hand_count(uow, SMALL.id, "president:IR", hand, now=TEST_NOW)
        board = Actor("tehrani", Grant(Role.SUPERVISOR, "IR"))
        certify_hand_count(uow, board, SMALL.id, "president:IR", reason="minutes", now=TEST_NOW)
    finally:
        engine.dispose()
    add_account(url, "nazer", Role.AUDITOR, "IR")
    with TestClient(create_app(settings(url)), follow_redirects=False) as client:
        log_in(client, "nazer")
        page = client.get("/console/results").text
        assert 'class="hand-count" data-contest="president"' in page
        assert "شمارش دستی حوزه IR در" in page
        assert "۴۶۰" in page  # the hand count's votes, not the reported 447
        english = client.get("/console/results?lang=en").text
        assert "Hand count of constituency IR certified on" in english
