"""The API's answer to a request read over a store rewritten behind the event log's back
(`server.errors`): a sealed record whose bytes the seal's entry does not name is a 503 of its own
reason, worded in Persian and English, counted by reason, and the box keeps what it sent."""

from __future__ import annotations

import httpx
import pytest
from prometheus_client import REGISTRY

from sandogh.services.anchor import record_of
from sandogh.station.ports import CentreUnreachableError
from tests.services.build import NOW, seal_record, signed, zero

from .live import ELECTION, Live, device, kerman, stations

REFUSED = ("sandogh_refusals_total", {"endpoint": "report", "reason": "store-rewritten"})


def _refused() -> float:
    return REGISTRY.get_sample_value(*REFUSED) or 0.0


def test_a_report_over_a_rewritten_sealed_record_is_a_503_of_its_own(live: Live) -> None:
    """The attack of session 27's N-series: the sealed record's bytes and fingerprint column
    rewritten together by SQL. The intake refuses to read it; before, the API said 500."""
    station = stations()[0]
    key = device(1)
    live.enrolled(key, station).close()
    seal_record(live.uow, ELECTION)
    stored, _ = record_of(live.uow, election_id=ELECTION)
    with live.uow() as work:
        work.records.draft(ELECTION, stored.data.replace(station.encode(), b"ST-X", 1), NOW)
        work.records.seal(ELECTION, NOW)
        work.commit()
    report = signed(zero(kerman().election, station, key), key)
    before = _refused()

    with live.client(key) as box, pytest.raises(CentreUnreachableError):  # kept, sent again
        box.send_report(report)
    answer = httpx.post(
        f"{live.url}/api/v1/reports", content=report, headers={"Content-Type": "application/json"}
    )

    assert answer.status_code == 503
    body = answer.json()
    assert body["error"] == "store-rewritten"
    assert "پایگاه داده دستکاری شده است" in body["text"]["fa"]
    assert "The database was tampered with" in body["text"]["en"]
    assert _refused() - before == 2
    with live.uow() as work:
        assert list(work.reports.all(ELECTION)) == []
