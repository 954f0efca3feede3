"""The junk-report flood of issue 9, through the real HTTP API on SQLite and PostgreSQL: anyone
posting junk (unreadable bytes, a report signed by a key no one enrolled, a changed byte) from a
few addresses must not add an entry to the chained log per request; the refusals are counted,
per source and minute, exactly. A known device's refused report still gets its entry."""

from __future__ import annotations

import datetime
from collections import Counter

import httpx
import pytest
from pydantic import SecretBytes

from sandogh.core.log import EventType
from sandogh.server.app import create_app
from sandogh.server.settings import OperatorSettings, ServerSettings
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.refusals import minute_of
from sandogh.station.ports import CentreRefusedError
from tests.loopback import served
from tests.services.build import final, signed, zero

from .live import (
    ELECTION,
    REGISTRY,
    SECRET,
    Live,
    device,
    kerman,
    server_key_file,
    stations,
    voters,
)

SOURCES = ("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5")
JUNK = 240  # each source sends each kind alike (4 × 3 × 20); its entries are one a minute
VOTES = {"president": [("21",), ("25",), ("25",), ()]}
REPORTS = "/api/v1/reports"
JSON = {"Content-Type": "application/json"}


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _entries(live: Live) -> int:
    with live.uow() as work:
        return sum(1 for _ in work.events.entries())


def _from(source: str) -> httpx.HTTPTransport:
    return httpx.HTTPTransport(local_address=source)


def test_a_flood_of_junk_reports_is_counted_not_logged_one_by_one(live: Live) -> None:
    station = stations()[0]
    live.enrolled(device(1), station).close()
    report = signed(final(kerman().election, station, device(1), VOTES), device(1))
    junk = (
        b"{not json",
        signed(final(kerman().election, station, device(7), VOTES), device(7)),  # not enrolled
        report.replace(b'"sequence":2', b'"sequence":3'),  # a changed byte
    )
    logged = _entries(live)
    first_minute = minute_of(_utc_now())
    clients = [httpx.Client(base_url=live.url, transport=_from(s)) for s in SOURCES]
    statuses: Counter[int] = Counter()
    try:
        for n in range(JUNK):
            answer = clients[n % len(SOURCES)].post(REPORTS, content=junk[n % 3], headers=JSON)
            statuses[answer.status_code] += 1
    finally:
        for client in clients:
            client.close()
    minutes = int((minute_of(_utc_now()) - first_minute).total_seconds()) // 60 + 1

    assert sum(statuses.values()) == JUNK
    assert set(statuses) == {400, 401, 403}
    with live.uow() as work:
        new = [e.event for e in work.events.entries(logged)]
        counts = work.refusals.counts(first_minute, JUNK)
    assert len(new) <= len(SOURCES) * minutes
    assert {e.type for e in new} == {EventType.REFUSALS_COUNTED}
    assert sum(c.count for c in counts) == JUNK
    by_reason = Counter({c.reason: 0 for c in counts})
    for c in counts:
        by_reason[c.reason] += c.count
    assert by_reason == {
        "malformed": statuses[400],
        "bad-signature": statuses[401],
        "unknown-device": statuses[403],
    }
    # each source's first refusal of each minute is the one entry of that minute
    assert sorted((e.details["source"], e.details["minute"]) for e in new) == sorted(
        {(c.source, c.minute.isoformat()) for c in counts}
    )


def test_a_known_devices_refused_report_still_gets_its_own_entry(live: Live) -> None:
    station = stations()[0]
    with live.enrolled(device(1), station) as box:
        box.send_report(signed(zero(kerman().election, station, device(1)), device(1)))
        other = signed(zero(kerman().election, station, device(1), sequence=5), device(1))
        logged = _entries(live)
        for _ in range(3):
            with pytest.raises(CentreRefusedError) as refused:
                box.send_report(other)
            assert refused.value.reason == "conflicting"
    with live.uow() as work:
        new = [e.event for e in work.events.entries(logged)]
    assert [(e.type, e.details["reason"]) for e in new] == [
        (EventType.REPORT_REFUSED, "conflicting")
    ] * 3


def test_signed_requests_from_an_unknown_box_are_counted_too(live: Live) -> None:
    stranger = live.client(device(9), transport=_from(SOURCES[0]))
    logged = _entries(live)
    first_minute = minute_of(_utc_now())
    with stranger:
        for code in voters(30):
            with pytest.raises(CentreRefusedError) as refused:
                stranger.check_in(election=ELECTION, station=stations()[0], national_code=code)
            assert refused.value.reason == "unknown-device"
    minutes = int((minute_of(_utc_now()) - first_minute).total_seconds()) // 60 + 1
    with live.uow() as work:
        new = [e.event for e in work.events.entries(logged)]
        (counted,) = {(c.source, c.reason) for c in work.refusals.counts(first_minute, 100)}
        total = sum(c.count for c in work.refusals.counts(first_minute, 100))
    assert 1 <= len(new) <= minutes
    assert counted == (SOURCES[0], "unknown-device")
    assert total == 30


def _junk_sources(url: str, uow: UnitOfWorkFactory, forwarded_for: str) -> set[str]:
    since = minute_of(_utc_now())
    answer = httpx.post(
        url + REPORTS, content=b"[]", headers={**JSON, "X-Forwarded-For": forwarded_for}
    )
    assert answer.status_code == 400
    with uow() as work:
        return {c.source for c in work.refusals.counts(since, 10)}


def test_a_forwarded_address_counts_only_from_a_trusted_proxy(live: Live, store_url: str) -> None:
    # a caller cannot blame another address by sending the header itself
    assert _junk_sources(live.url, live.uow, "203.0.113.9") == {"127.0.0.1"}
    # `sandogh serve --behind-proxy`: the proxy on this machine sets the caller's address
    settings = ServerSettings(
        database_url=store_url,
        ledger_secret=SecretBytes(SECRET),
        registry=REGISTRY,
        operators=OperatorSettings(trust_forwarded_for=True),
        server_key_file=server_key_file(),
    )
    app = create_app(settings)
    with served(app, "the centre behind a proxy", lifespan="on") as url:
        assert "203.0.113.7" in _junk_sources(url, app.state.centre.uow, "203.0.113.7")
