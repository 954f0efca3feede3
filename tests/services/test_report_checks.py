"""The checks a station report must pass (`services.report_checks`), through the ingest use case
on the in-memory fake, SQLite and PostgreSQL: device, signature, station, definition, fit, and
the coverage by the registered staff and the zero report."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from sandogh.core.counting.tally import TallySheet
from sandogh.core.report import SigningKey, StaffRole
from sandogh.services.devices import revoke_device
from sandogh.services.ports import IncidentKind, UnitOfWork
from sandogh.services.report_refusal import ReportRefusal

from .build import (
    DEVICE,
    DEVICE_3,
    NOW,
    ROUND_2,
    ST_1,
    ST_2,
    ST_3,
    signed,
    station_staff,
)
from .report_build import ready_for_reports, refusal_of, runoff_final

NewUnitOfWork = Callable[[], UnitOfWork]


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    return ready_for_reports(new_unit_of_work)


def test_one_changed_byte_is_refused(uow: NewUnitOfWork) -> None:
    data = signed(runoff_final(), DEVICE)
    changed = data.replace(b'"25":2', b'"25":3')
    assert changed != data

    refused = refusal_of(uow, changed)

    assert refused.reason is ReportRefusal.BAD_SIGNATURE
    with uow() as work:
        assert work.reports.get(ROUND_2, ST_1, "final") is None
        assert work.incidents.all(ROUND_2) == []  # anyone can send such bytes


def test_a_report_of_an_unenrolled_device_is_refused(uow: NewUnitOfWork) -> None:
    unknown = SigningKey.from_seed(b"u" * 32)
    refused = refusal_of(uow, signed(runoff_final(ST_1, unknown), unknown))

    assert refused.reason is ReportRefusal.UNKNOWN_DEVICE
    assert refused.incident is None


def test_a_report_of_a_revoked_device_is_refused_as_an_incident(uow: NewUnitOfWork) -> None:
    revoke_device(uow, election_id=ROUND_2, public_key_hex=DEVICE.public_key.raw.hex(), now=NOW)

    refused = refusal_of(uow, signed(runoff_final(), DEVICE))

    assert refused.reason is ReportRefusal.REVOKED_DEVICE
    with uow() as work:
        (incident,) = work.incidents.all(ROUND_2)
        assert (incident.kind, incident.stations) == (IncidentKind.REFUSED_REPORT, (ST_1,))


def test_a_report_for_another_station_names_both(uow: NewUnitOfWork) -> None:
    votes = {"president": [("25",)], "parliament": [("41",)]}
    refused = refusal_of(uow, signed(runoff_final(ST_3, DEVICE, votes), DEVICE))

    assert refused.reason is ReportRefusal.WRONG_STATION
    with uow() as work:
        (incident,) = work.incidents.all(ROUND_2)
        assert incident.stations == (ST_1, ST_3)


def test_a_report_for_another_definition_is_refused(uow: NewUnitOfWork) -> None:
    report = dataclasses.replace(runoff_final(), definition_hash="sha256:" + "00" * 32)

    assert refusal_of(uow, signed(report, DEVICE)).reason is ReportRefusal.DEFINITION_MISMATCH


def test_a_report_that_does_not_fit_the_definition_is_refused(uow: NewUnitOfWork) -> None:
    report = runoff_final()
    parliament, president = report.sheets  # held sorted by contest
    other = TallySheet(
        ST_1, "parliament", dataclasses.replace(parliament.counts, votes={"41": 0, "31": 2})
    )
    missing = dataclasses.replace(report, sheets=(president,))
    stray = dataclasses.replace(report, sheets=(president, other))

    for bad, expected in (
        (missing, "missing: the station votes in this contest"),
        (stray, "unknown-candidate 41"),
    ):
        refused = refusal_of(uow, signed(bad, DEVICE))
        assert refused.reason is ReportRefusal.NONCONFORMING
        assert [str(p) for p in refused.problems] == [f"sheets[parliament]: {expected}"]


# ---- registered staff and the zero report (issue 9, section 2) ----------------------------------


def test_a_final_report_without_staff_signatures_is_refused(uow: NewUnitOfWork) -> None:
    head = station_staff(ST_1)[:1]
    for staff in ((), head):
        refused = refusal_of(uow, signed(runoff_final(), DEVICE, staff))
        assert refused.reason is ReportRefusal.MISSING_STAFF
        assert refused.incident is not None  # the box did sign it
    secretaries = (*station_staff(ST_1)[1:], (StaffRole.SECRETARY, SigningKey.from_seed(b"2" * 32)))
    assert refusal_of(uow, signed(runoff_final(), DEVICE, secretaries)).reason is (
        ReportRefusal.UNREGISTERED_STAFF
    )


def test_a_staff_key_of_another_station_is_refused(uow: NewUnitOfWork) -> None:
    (head, secretary) = station_staff(ST_1)
    borrowed = (head, station_staff(ST_2)[1])
    refused = refusal_of(uow, signed(runoff_final(), DEVICE, borrowed))

    assert refused.reason is ReportRefusal.UNREGISTERED_STAFF
    assert "is not registered for ST-0801-0001" in str(refused.problems[0])
    made_up = (head, (StaffRole.SECRETARY, SigningKey.from_seed(b"y" * 32)))
    assert refusal_of(uow, signed(runoff_final(), DEVICE, made_up)).reason is (
        ReportRefusal.UNREGISTERED_STAFF
    )
    assert secretary  # the real secretary did not sign


def test_a_staff_key_signing_under_another_role_is_refused(uow: NewUnitOfWork) -> None:
    (_, head), (_, secretary) = station_staff(ST_1)
    swapped = ((StaffRole.HEAD, secretary), (StaffRole.SECRETARY, head))

    refused = refusal_of(uow, signed(runoff_final(), DEVICE, swapped))

    assert refused.reason is ReportRefusal.STAFF_ROLE_MISMATCH
    assert "registered as secretary, signs as head" in str(refused)


def test_a_final_report_of_a_box_that_sent_no_zero_report_is_refused(uow: NewUnitOfWork) -> None:
    votes = {"president": [("25",)], "parliament": [("41",)]}

    refused = refusal_of(uow, signed(runoff_final(ST_3, DEVICE_3, votes), DEVICE_3))

    assert refused.reason is ReportRefusal.NO_ZERO_REPORT
    with uow() as work:
        assert work.reports.get(ROUND_2, ST_3, "final") is None
        assert [i.details["reason"] for i in work.incidents.all(ROUND_2)] == ["no-zero-report"]
