"""The centre's metrics (`server.metrics`), counted by a live centre in this process: check-ins
by outcome, refusals by reason, reports by kind, a box's outbox — and no voter in any of it."""

from __future__ import annotations

import datetime

import httpx
import pytest
from prometheus_client import REGISTRY, generate_latest

from sandogh.server.metrics import endpoint_of
from sandogh.station.ports import Backlog, CentreRefusedError, OfflineCheckIn
from sandogh.wire import api_paths
from sandogh.wire.request_signing import sign_request
from tests.services.build import signed, zero

from .live import ELECTION, Live, device, kerman, stations, voters


def _value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def _values(*samples: tuple[str, dict[str, str]]) -> list[float]:
    return [_value(name, **labels) for name, labels in samples]


SAMPLES = (
    ("sandogh_check_ins_total", {"outcome": "ballot-card"}),
    ("sandogh_check_ins_total", {"outcome": "refused"}),
    ("sandogh_refusals_total", {"endpoint": "check-in", "reason": "already-voted"}),
    ("sandogh_refusals_total", {"endpoint": "check-in", "reason": "unknown-device"}),
    ("sandogh_reports_received_total", {"kind": "zero", "outcome": "accepted"}),
    ("sandogh_reports_received_total", {"kind": "zero", "outcome": "duplicate"}),
    ("sandogh_refusals_total", {"endpoint": "report", "reason": "malformed"}),
    ("sandogh_request_seconds_count", {"endpoint": "check-in"}),
    ("sandogh_requests_total", {"endpoint": "check-in", "status": "200"}),
)


def test_the_centre_counts_check_ins_refusals_and_reports_by_kind(live: Live) -> None:
    station, other = stations()[:2]
    voter, offline = voters(2)
    before = _values(*SAMPLES)
    key = device(7)
    report = signed(zero(kerman().election, station, key), key)
    with live.enrolled(key, station) as box:
        box.send_report(report)
        assert box.send_report(report)["duplicate"] is True
        assert box.check_in(election=ELECTION, station=station, national_code=voter).token
        again = box.check_in(election=ELECTION, station=station, national_code=voter)
        assert again.refusal == "already-voted"
        with pytest.raises(CentreRefusedError):
            box.send_report(b'{"format": "not a report"}')
        at = datetime.datetime(2024, 7, 5, 9, 30, tzinfo=datetime.UTC)
        box.sync_check_ins(
            election=ELECTION,
            station=station,
            entries=[OfflineCheckIn(offline, at)],
            backlog=Backlog(station, 3),
        )
        # a box that may not act for another station: refused, so what it says is not taken
        with pytest.raises(CentreRefusedError):
            box.sync_check_ins(
                election=ELECTION, station=other, entries=[], backlog=Backlog(other, 9)
            )
    path = api_paths.fill(api_paths.CHECK_INS, election_id=ELECTION)
    fields = {"station": station, "national_code": voter}
    now = datetime.datetime.now(datetime.UTC)
    unknown = sign_request(device(8), "POST", path, fields, at=now)
    assert httpx.post(live.url + path, json=unknown).status_code == 403
    after = _values(*SAMPLES)
    gained = [b - a for a, b in zip(before, after, strict=True)]
    assert gained[:4] == [1, 1, 1, 1]  # a card, a refusal and its reason, an unknown box
    assert gained[4:7] == [1, 1, 1]  # zero taken, then again; a malformed one
    assert gained[7:] == [3, 2]  # three check-ins timed, two answered
    assert _value("sandogh_box_outbox_items", station=station) == 3
    assert _value("sandogh_box_outbox_items", station=other) == 0
    # the centre's figures: the publisher's (publish.metrics) name their election by design,
    # and a publishing test run before in this process may have set them
    exposition = "\n".join(
        line
        for line in generate_latest(REGISTRY).decode().splitlines()
        if "sandogh_publish" not in line
    )
    for code in (voter, offline):  # no voter's code in any figure
        assert code not in exposition
    assert ELECTION not in exposition  # the endpoint is a word, not the path


def test_the_metrics_are_not_on_the_api_s_port(live: Live) -> None:
    assert httpx.get(live.url + "/metrics").status_code == 404


def test_a_refused_log_in_is_counted_by_the_status_of_its_page(live: Live) -> None:
    refused = ("sandogh_refusals_total", {"endpoint": "console-login", "reason": "http-403"})
    (before,) = _values(refused)
    page = httpx.post(live.url + "/console/login", data={"username": "x", "password": "y"})
    assert page.status_code == 403  # no log-in form's token: refused before any password
    assert _values(refused) == [before + 1]


@pytest.mark.parametrize(
    ("path", "endpoint"),
    [
        ("/api/v1/elections/kerman-1403-r2/check-ins", "check-in"),
        ("/api/v1/elections/x/check-ins/sync", "sync"),
        ("/api/v1/elections/x/check-ins/look-ups", "look-up"),
        ("/api/v1/reports", "report"),
        ("/api/v1/session", "session"),
        ("/console/login", "console-login"),
        ("/console/results/0912345678", "console"),
        ("/api/v1/elections/x/devices/ed25519:00", "api"),
        ("/0912345678", "other"),
    ],
)
def test_a_path_is_counted_under_one_word_of_a_fixed_set(path: str, endpoint: str) -> None:
    assert endpoint_of(path) == endpoint
