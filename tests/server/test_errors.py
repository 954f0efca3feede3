"""The API's answer to a request read over a store rewritten behind the event log's back
(`server.errors`): a sealed record whose bytes the seal's entry does not name, or kept totals
that do not lead to the roots the log last recorded, is a 503 of its own reason, worded in Persian
and English, counted by reason, and the box keeps what it sent."""

from __future__ import annotations

import httpx
import pytest
from prometheus_client import REGISTRY

from sandogh.core.counting.running import Place, Running, Scope
from sandogh.core.counting.tally import Counts
from sandogh.core.definition.geography import Geography
from sandogh.services.anchor import record_of
from sandogh.station.ports import CentreUnreachableError
from tests.services.build import NOW, final, seal_record, signed, zero

from .live import ELECTION, Live, device, kerman, stations

REFUSED = ("sandogh_refusals_total", {"endpoint": "report", "reason": "store-rewritten"})


def _answered_store_rewritten(live: Live, report: bytes) -> dict[str, str]:
    """The report posted as anyone may: answered 503 `store-rewritten`, its words by language."""
    answer = httpx.post(
        f"{live.url}/api/v1/reports", content=report, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 503
    body = answer.json()
    assert body["error"] == "store-rewritten"
    text: dict[str, str] = body["text"]
    return text


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
    text = _answered_store_rewritten(live, report)
    assert "پایگاه داده دستکاری شده است" in text["fa"]
    assert "The database was tampered with" in text["en"]
    assert _refused() - before == 2
    with live.uow() as work:
        assert list(work.reports.all(ELECTION)) == []


def test_a_report_over_kept_totals_rewritten_is_a_503_of_its_own(live: Live) -> None:
    """The session-26 outsider's F2: the kept totals above a station rewritten by SQL after a
    report; the next report is not counted on top of them (its root would log them)."""
    first, second = stations()[:2]
    key, other = device(1), device(2)
    votes = {"president": [("21",), ("25",), ("25",), ()]}
    live.opened(key, first)
    live.opened(other, second)
    with live.client(key) as box:
        box.send_report(signed(final(kerman().election, first, key, votes), key))
    above = Geography.of(kerman().election).ancestors(first)
    moved = Running(Counts(votes={"21": 1}), 0)  # a vote more for 21, alike in every row
    with live.uow() as work:  # written past the intake, as SQL would
        work.totals.add(ELECTION, {Place("president", Scope.UNIT, unit): moved for unit in above})
        work.commit()
    report = signed(final(kerman().election, second, other, votes), other)
    before = _refused()

    text = _answered_store_rewritten(live, report)
    assert "دفتر رویدادها آخرین بار" in text["fa"]
    assert "do not lead to the root the event log last recorded" in text["en"]
    assert _refused() - before == 1
    with live.uow() as work:
        assert {r.station for r in work.reports.all(ELECTION) if r.kind == "final"} == {first}
