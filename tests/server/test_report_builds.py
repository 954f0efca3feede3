"""A box's build at the centre, through the real HTTP API (issue 12): once builds are approved for
the day, a report signed under any other build is refused with its reason, which the box shows in
Persian; revoking a build refuses it from then on."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.fleet.build_signatures import BuildAction
from sandogh.core.log import EventType
from sandogh.services.acting import Actor
from sandogh.station.local_outbox import OutboxKind
from sandogh.station.ports import CentreRefusedError
from sandogh.station.web.labels import centre_refusal
from tests.services.build import signed, zero
from tests.services.build_signing import decided

from .live import ELECTION, Live, device, kerman, stations

APPROVED = "sha256:" + "a1" * 32
ELSEWHERE = "sha256:" + "e5" * 32
NATIONAL = Actor("keshvari", Grant(Role.NATIONAL_HQ, "IR"))
NOW = datetime.datetime(2024, 7, 4, 12, 0, tzinfo=datetime.UTC)


def _zero(n: int, station: str, build: str | None) -> bytes:
    report = dataclasses.replace(zero(kerman().election, station, device(n)), build=build)
    return signed(report, device(n))


def test_a_report_from_a_build_not_approved_is_refused(live: Live) -> None:
    decided(live.uow, NATIONAL, ELECTION, APPROVED, "۱۴۰۳-۲", now=NOW)
    station, other = stations()[:2]
    with live.enrolled(device(1), station, APPROVED) as box:
        with pytest.raises(CentreRefusedError) as refused:
            box.send_report(_zero(1, station, ELSEWHERE))
        assert refused.value.reason == "unapproved-build"
        with pytest.raises(CentreRefusedError) as unnamed:
            box.send_report(_zero(1, station, None))
        assert unnamed.value.reason == "no-build"
        assert box.send_report(_zero(1, station, APPROVED))["kind"] == "zero"
    shown = centre_refusal(OutboxKind.REPORT, refused.value.reason, "fa")
    assert "تأییدشده" in shown
    assert not any("a" <= c <= "z" for c in shown)
    with live.enrolled(device(2), other, APPROVED) as box:  # enrolled before the revocation
        decided(live.uow, NATIONAL, ELECTION, APPROVED, action=BuildAction.REVOKE, now=NOW)
        with pytest.raises(CentreRefusedError) as revoked:
            box.send_report(_zero(2, other, APPROVED))
    assert revoked.value.reason == "revoked-build"
    with live.uow() as work:
        types = [e.event.type for e in work.events.entries()]
        attested = work.fleet.attested(ELECTION)
        refusals = [
            e.event.details
            for e in work.events.entries()
            if e.event.type is EventType.REPORT_REFUSED
        ]
        incidents = [i.details["reason"] for i in work.incidents.all(ELECTION)]
    # a report of a revoked build is refused, not lost (docs/fleet.md §2): the reason is logged,
    # naming who revoked the build, and the headquarters have an incident for the station
    assert "revoked-build" in incidents
    (logged,) = [d for d in refusals if d["reason"] == "revoked-build"]
    assert "was revoked by keshvari" in str(logged["problems"])
    assert EventType.BUILD_APPROVED in types
    assert EventType.BUILD_REVOKED in types
    # the refused box proved what it runs: the register shows it, not what anyone typed
    assert attested[device(2).public_key.raw.hex()] == APPROVED
    assert attested[device(1).public_key.raw.hex()] == APPROVED


def test_a_box_whose_build_is_not_approved_is_not_enrolled(live: Live) -> None:
    """The box states its build when it enrols, signed with the key being enrolled: once builds
    are approved for the day, the centre enrols no box that names none, or names one never
    approved or revoked, and its refusal names the build; an approved one is enrolled and is the
    box's attested build before it ever reports."""
    decided(live.uow, NATIONAL, ELECTION, APPROVED, "۱۴۰۳-۲", now=NOW)
    station, other = stations()[:2]
    for build, reason in ((ELSEWHERE, "unapproved-build"), (None, "no-build")):
        with pytest.raises(CentreRefusedError) as refused:
            live.enrolled(device(1), station, build)
        assert refused.value.reason == reason
    assert f"{ELSEWHERE} is not approved" in _refusal_of(live, ELSEWHERE, station)
    live.enrolled(device(1), station, APPROVED).close()
    with live.uow() as work:
        assert work.fleet.attested(ELECTION)[device(1).public_key.raw.hex()] == APPROVED
    decided(live.uow, NATIONAL, ELECTION, APPROVED, action=BuildAction.REVOKE, now=NOW)
    with pytest.raises(CentreRefusedError) as revoked:
        live.enrolled(device(2), other, APPROVED)
    assert revoked.value.reason == "revoked-build"


def _refusal_of(live: Live, build: str, station: str) -> str:
    try:
        live.enrolled(device(3), station, build)
    except CentreRefusedError as refused:
        return str(refused)
    raise AssertionError("enrolled")
