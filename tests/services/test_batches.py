"""Many boxes enrolled, many staff registered and many reports ingested in one transaction each
(the rest of the province on the live demo's day, `cli.simulated_province`), on the in-memory
fake, SQLite and PostgreSQL: every check is the one a single box, person or report meets, and a
refusal of one leaves the batch as it would leave that one alone."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.report import ReportKind, StaffRole
from sandogh.services.acting import Actor
from sandogh.services.devices import EnrolmentError, EnrolmentRefusal, enrol_devices
from sandogh.services.ingest import Ingested, ingest_reports
from sandogh.services.ports import UnitOfWork
from sandogh.services.report_refusal import ReportRefusal, ReportRefusedError
from sandogh.services.staff import StaffError, StaffRefusal, StaffToRegister, register_many

from .build import (
    DEVICE,
    DEVICE_3,
    HEAD,
    LATER,
    NOW,
    ROUND_1_DAY,
    ROUND_2,
    ROUND_2_DAY,
    SECRETARY,
    ST_1,
    ST_3,
    load,
    signed,
    zero,
)
from .report_build import ready_for_reports, runoff_final

NewUnitOfWork = Callable[[], UnitOfWork]
HQ = Actor("hq-1", Grant(Role.PROVINCIAL_HQ, "IR-08"))


def test_boxes_enrolled_together_each_as_alone_or_none(new_unit_of_work: NewUnitOfWork) -> None:
    load(new_unit_of_work, ROUND_1_DAY, ROUND_2_DAY)
    boxes = [(ST_1, DEVICE.public_key.raw.hex()), (ST_3, DEVICE_3.public_key.raw.hex())]
    # one key for two stations: the second is refused, so neither is enrolled
    with pytest.raises(EnrolmentError) as refused:
        enrol_devices(
            new_unit_of_work,
            election_id=ROUND_2,
            boxes=[*boxes, ("ST-0801-0002", boxes[0][1])],
            now=NOW,
        )
    assert refused.value.reason is EnrolmentRefusal.KEY_ENROLLED
    with new_unit_of_work() as work:
        assert work.devices.of_station(ROUND_2, ST_1) == []

    enrolled = enrol_devices(new_unit_of_work, election_id=ROUND_2, boxes=boxes, now=NOW)

    assert [(e.device.station, e.created) for e in enrolled] == [(ST_1, True), (ST_3, True)]
    with new_unit_of_work() as work:
        logged = [
            e.event.details for e in work.events.entries() if e.event.type == "device-enrolled"
        ]
    assert [d["device"] for d in logged] == [key for _, key in boxes]


def test_staff_registered_together_each_as_alone_or_none(new_unit_of_work: NewUnitOfWork) -> None:
    load(new_unit_of_work, ROUND_2_DAY)
    head = StaffToRegister(ST_3, "head of ST_3", StaffRole.HEAD, HEAD.public_key.text)
    secretary = StaffToRegister(
        ST_3, "secretary of ST_3", StaffRole.SECRETARY, SECRETARY.public_key.text
    )
    second_head = StaffToRegister(ST_3, "another head", StaffRole.HEAD, DEVICE_3.public_key.text)
    with pytest.raises(StaffError) as refused:
        register_many(new_unit_of_work, HQ, election_id=ROUND_2, staff=[head, second_head], now=NOW)
    assert refused.value.reason is StaffRefusal.ROLE_FILLED
    with new_unit_of_work() as work:
        assert list(work.staff.of_station(ROUND_2, ST_3)) == []

    registered = register_many(
        new_unit_of_work, HQ, election_id=ROUND_2, staff=[head, secretary], now=NOW
    )

    assert [(r.person, r.role) for r in registered] == [
        ("head of ST_3", StaffRole.HEAD),
        ("secretary of ST_3", StaffRole.SECRETARY),
    ]


def test_reports_ingested_together_or_each_alone_when_one_is_refused(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    uow = ready_for_reports(new_unit_of_work)
    final = signed(runoff_final(), DEVICE)
    opened = signed(zero(ROUND_2_DAY, ST_3, DEVICE_3), DEVICE_3)
    forged = signed(zero(ROUND_2_DAY, ST_3, DEVICE), DEVICE)  # not ST_3's box

    taken = ingest_reports(uow, signed=[final, forged, opened], now=LATER)

    # the batch rolled back for the forged report, then each was taken as it would be alone
    done, refused, zero_taken = taken
    assert isinstance(done, Ingested)
    assert done.kind is ReportKind.FINAL
    assert not done.duplicate
    assert isinstance(refused, ReportRefusedError)
    assert refused.reason is ReportRefusal.WRONG_STATION
    assert isinstance(zero_taken, Ingested)
    assert zero_taken.station == ST_3
    with uow() as work:
        types = [e.event.type for e in work.events.entries()]
    assert types.count("report-refused") == 1

    again = ingest_reports(uow, signed=[final, opened], now=LATER)

    assert [isinstance(a, Ingested) and a.duplicate for a in again] == [True, True]
