"""Registering a station's staff with their keys, on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sandogh.core.report import StaffRole
from sandogh.core.report.staff import RegisteredStaff
from sandogh.services.devices import EnrolmentError, EnrolmentRefusal, enrol_device
from sandogh.services.errors import ElectionNotFoundError
from sandogh.services.ports import UnitOfWork
from sandogh.services.staff import StaffError, StaffRefusal, register_staff, staff_of

from .build import DEVICE, DEVICE_3, HEAD, NOW, ROUND_2, SECRETARY, ST_1, ST_3, event_types

NewUnitOfWork = Callable[[], UnitOfWork]


def _register(
    uow: NewUnitOfWork,
    *,
    station: str = ST_3,
    person: str = "مریم کرمانی",
    role: StaffRole = StaffRole.HEAD,
    key: str = HEAD.public_key.text,
) -> RegisteredStaff:
    return register_staff(
        uow,
        election_id=ROUND_2,
        station=station,
        person=person,
        role=role,
        public_key=key,
        now=NOW,
        actor="hq-1",
    )


def test_registered_staff_reach_the_box_of_their_station(uow: NewUnitOfWork) -> None:
    head = _register(uow)
    secretary = _register(
        uow, person="Reza", role=StaffRole.SECRETARY, key=SECRETARY.public_key.text
    )
    _register(uow, station=ST_1, person="Other", key=DEVICE.public_key.text)

    enrolment = enrol_device(
        uow,
        election_id=ROUND_2,
        station=ST_3,
        public_key_hex=DEVICE_3.public_key.raw.hex(),
        now=NOW,
    )

    assert enrolment.staff == (head, secretary)  # by role, then key; only this station's
    assert staff_of(uow, election_id=ROUND_2, station=ST_3) == [head, secretary]
    assert len(staff_of(uow, election_id=ROUND_2)) == 3
    assert event_types(uow).count("staff-registered") == 3


def test_registering_the_same_again_changes_nothing(uow: NewUnitOfWork) -> None:
    first = _register(uow)
    assert _register(uow) == first
    assert event_types(uow).count("staff-registered") == 1


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"station": ST_1}, StaffRefusal.KEY_REGISTERED),
        ({"person": "Someone else"}, StaffRefusal.KEY_REGISTERED),
        ({"role": StaffRole.MEMBER}, StaffRefusal.KEY_REGISTERED),
        ({"key": "ed25519:" + "0" * 63}, StaffRefusal.MALFORMED_KEY),
        ({"key": HEAD.public_key.raw.hex()}, StaffRefusal.MALFORMED_KEY),
        ({"person": " "}, StaffRefusal.MALFORMED_PERSON),
        ({"person": "a\nb"}, StaffRefusal.MALFORMED_PERSON),
        ({"station": "IR-08"}, StaffRefusal.NOT_A_STATION),
        ({"station": "ST-9999"}, StaffRefusal.NOT_A_STATION),
    ],
)
def test_a_key_serves_one_person_of_one_station(
    uow: NewUnitOfWork, change: dict[str, object], reason: StaffRefusal
) -> None:
    _register(uow)
    with pytest.raises(StaffError) as refused:
        _register(uow, **change)  # type: ignore[arg-type]
    assert refused.value.reason is reason
    assert staff_of(uow, election_id=ROUND_2) == [
        RegisteredStaff(ROUND_2, ST_3, "مریم کرمانی", StaffRole.HEAD, HEAD.public_key)
    ]


def test_a_box_key_is_not_a_staff_key_nor_the_other_way(uow: NewUnitOfWork) -> None:
    enrol_device(
        uow, election_id=ROUND_2, station=ST_3, public_key_hex=DEVICE.public_key.raw.hex(), now=NOW
    )
    with pytest.raises(StaffError, match="ballot box's key") as refused:
        _register(uow, key=DEVICE.public_key.text)
    assert refused.value.reason is StaffRefusal.KEY_REGISTERED

    _register(uow)
    with pytest.raises(EnrolmentError, match="staff member's key") as also:
        enrol_device(
            uow,
            election_id=ROUND_2,
            station=ST_3,
            public_key_hex=HEAD.public_key.raw.hex(),
            now=NOW,
        )
    assert also.value.reason is EnrolmentRefusal.KEY_ENROLLED


def test_an_unknown_election_is_named(uow: NewUnitOfWork) -> None:
    with pytest.raises(ElectionNotFoundError):
        staff_of(uow, election_id="nowhere")
