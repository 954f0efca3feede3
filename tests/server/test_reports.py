"""Signed station reports through the real HTTP API, on SQLite and PostgreSQL: each refusal of
issue 3 ("a report with one changed byte, a replayed report, a report from an unenrolled or
revoked device, or for another station, is refused with its reason")."""

from __future__ import annotations

import dataclasses

import httpx
import pytest

from sandogh.core.report import SigningKey, StaffRole
from sandogh.station.ports import CentreRefusedError
from tests.services.build import final, signed, zero

from .live import ELECTION, Live, device, kerman, stations, voters

VOTES = {"president": [("21",), ("25",), ("25",), ()]}


def _final(station: str, key: SigningKey, votes: dict[str, list[tuple[str, ...]]] = VOTES) -> bytes:
    return signed(final(kerman().election, station, key, votes), key)


def _refusal(live: Live, report: bytes) -> str:
    with live.client(device(0)) as box, pytest.raises(CentreRefusedError) as refused:
        box.send_report(report)
    return refused.value.reason


def test_a_signed_report_is_taken_once(live: Live) -> None:
    station = stations()[0]
    with live.enrolled(device(1), station) as box:
        opened = box.send_report(signed(zero(kerman().election, station, device(1)), device(1)))
        assert opened["kind"] == "zero"
        assert opened["duplicate"] is False
        report = _final(station, device(1))
        taken = box.send_report(report)
        again = box.send_report(report)
    assert {k: taken[k] for k in ("election", "station", "kind", "sheets", "duplicate")} == {
        "election": ELECTION,
        "station": station,
        "kind": "final",
        "sheets": 1,
        "duplicate": False,
    }
    assert again["duplicate"] is True
    assert again["sheets"] == 0
    assert again["report_hash"] == taken["report_hash"]
    with live.uow() as work:
        assert len(list(work.reports.all(ELECTION))) == 2
        (sheet,) = work.tallies.all(ELECTION)
    assert dict(sheet.counts.votes) == {"21": 1, "25": 2}
    assert sheet.counts.cast == 4


def test_the_status_says_new_or_already_held(live: Live) -> None:
    station = stations()[0]
    live.opened(device(1), station)
    report = _final(station, device(1))
    sent = [
        httpx.post(
            f"{live.url}/api/v1/reports",
            content=report,
            headers={"Content-Type": "application/json"},
        )
        for _ in range(2)
    ]
    assert [answer.status_code for answer in sent] == [201, 200]


def test_a_changed_byte_is_refused(live: Live) -> None:
    station = stations()[0]
    live.enrolled(device(1), station).close()
    report = _final(station, device(1))
    assert report.count(b'"sequence":2') == 1
    assert _refusal(live, report.replace(b'"sequence":2', b'"sequence":3')) == "bad-signature"
    assert _refusal(live, report.replace(b'{"', b'{ "', 1)) == "malformed"  # not canonical
    assert _refusal(live, report[:-1]) == "malformed"


def test_a_report_from_an_unenrolled_or_revoked_box_is_refused(live: Live) -> None:
    first, second = stations()[:2]
    assert _refusal(live, _final(first, device(9))) == "unknown-device"
    live.enrolled(device(1), first).close()
    revoked = httpx.delete(
        f"{live.url}/api/v1/elections/{ELECTION}/devices/{device(1).public_key.text}",
        headers=live.operator_headers,
    )
    assert revoked.status_code == 200
    assert _refusal(live, _final(first, device(1))) == "revoked-device"
    live.enrolled(device(2), second).close()
    assert _refusal(live, _final(first, device(2))) == "wrong-station"


def test_a_conflicting_or_mismatched_report_is_refused(live: Live) -> None:
    station = stations()[0]
    live.opened(device(1), station)
    with live.client(device(1)) as box:
        box.send_report(_final(station, device(1)))
    other = _final(station, device(1), {"president": [("21",), ("21",)]})
    assert _refusal(live, other) == "conflicting"
    with live.uow() as work:
        # no voter was checked in for the first report's papers used: that is an incident too
        assert [i.kind.value for i in work.incidents.all(ELECTION)] == [
            "check-ins-not-papers-used",
            "conflicting-report",
        ]
    second = stations()[1]
    live.enrolled(device(2), second).close()
    wrong = dataclasses.replace(
        final(kerman().election, second, device(2), VOTES), definition_hash="sha256:" + "0" * 64
    )
    assert _refusal(live, signed(wrong, device(2))) == "definition-mismatch"


def test_a_final_report_without_its_staff_or_zero_report_is_refused(live: Live) -> None:
    """Issue 9, section 2: the centre takes a final report only with two registered staff
    signatures, the head's among them, after a zero report of the same box."""
    station = stations()[0]
    live.enrolled(device(1), station).close()
    assert _refusal(live, _final(station, device(1))) == "no-zero-report"
    live.opened(device(1), station)
    counted = final(kerman().election, station, device(1), VOTES)
    assert _refusal(live, signed(counted, device(1), ())) == "missing-staff"
    made_up = (StaffRole.HEAD, SigningKey.from_seed(b"y" * 32))
    assert _refusal(live, signed(counted, device(1), (made_up,))) == "unregistered-staff"


def test_the_answer_names_the_reason_status_and_problems(live: Live) -> None:
    answer = httpx.post(
        f"{live.url}/api/v1/reports", content=b"{}", headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 400
    body = answer.json()
    assert body["error"] == "malformed"
    assert body["problems"]
    assert set(body) == {"error", "message", "problems"}
    text = httpx.post(f"{live.url}/api/v1/reports", content=b"{}")
    assert (text.status_code, text.json()["error"]) == (415, "unsupported-media-type")
    unknown = httpx.post(
        f"{live.url}/api/v1/reports",
        content=_final(stations()[0], device(9)),
        headers={"Content-Type": "application/json"},
    )
    assert (unknown.status_code, unknown.json()["error"]) == (403, "unknown-device")


def test_a_box_that_has_reported_checks_no_one_in(live: Live) -> None:
    # Issue 9, §4: check-ins after a station's final report were stored silently.
    station = stations()[0]
    (voter,) = voters(1)
    with live.enrolled(device(1), station) as box:
        box.send_report(signed(zero(kerman().election, station, device(1)), device(1)))
        box.send_report(_final(station, device(1)))
        with pytest.raises(CentreRefusedError) as refused:
            box.check_in(election=ELECTION, station=station, national_code=voter)
    assert refused.value.reason == "after-final-report"
    assert f"the final report of {station} was received at" in str(refused.value)
    with live.uow() as work:
        assert work.ledger.count(ELECTION) == 0
