"""Registering a station's staff with their keys, on the in-memory fake, SQLite and PostgreSQL;
and the attack of review S19, F8, mounted: registered by no one in particular, the board's
observer was also the station's head, a station had two heads, and keys came after the seal."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.anchor import (
    AMENDMENT_LINE,
    decode_record,
    encode_amendment,
    next_amendment,
    sign_bytes,
)
from sandogh.core.report import SigningKey, StaffRole
from sandogh.core.report.staff import RegisteredStaff
from sandogh.services.acting import AccessDeniedError, Actor
from sandogh.services.anchor import AnchorError, AnchorRefusal, amend_record, record_of
from sandogh.services.devices import EnrolmentError, EnrolmentRefusal
from sandogh.services.errors import ElectionNotFoundError
from sandogh.services.ports import UnitOfWork
from sandogh.services.staff import (
    StaffError,
    StaffRefusal,
    StaffToRegister,
    register_many,
    register_staff,
    staff_of,
)
from tests.core.anchor.build import SEALERS

from .build import DEVICE, DEVICE_3, HEAD, NOW, ROUND_2, SECRETARY, ST_1, ST_3, enrol, event_types
from .build import seal_record as sealed_by_officials

NewUnitOfWork = Callable[[], UnitOfWork]
HQ = Actor("hq-1", Grant(Role.PROVINCIAL_HQ, "IR-08"))
BOARD = Actor("board-1", Grant(Role.SUPERVISOR, "IR-08"))
OBSERVER = SigningKey.from_seed(b"o" * 32)


def _register(
    uow: NewUnitOfWork,
    *,
    station: str = ST_3,
    person: str = "مریم کرمانی",
    role: StaffRole = StaffRole.HEAD,
    key: str = HEAD.public_key.text,
    actor: Actor = HQ,
) -> RegisteredStaff:
    return register_staff(
        uow,
        actor,
        election_id=ROUND_2,
        station=station,
        person=person,
        role=role,
        public_key=key,
        now=NOW,
    )


def test_registered_staff_reach_the_box_of_their_station(uow: NewUnitOfWork) -> None:
    head = _register(uow)
    secretary = _register(
        uow, person="Reza", role=StaffRole.SECRETARY, key=SECRETARY.public_key.text
    )
    _register(uow, station=ST_1, person="Other", key=DEVICE.public_key.text)

    enrolment = enrol(uow, ST_3, DEVICE_3)

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
    enrol(uow, ST_3, DEVICE)
    with pytest.raises(StaffError, match="ballot box's key") as refused:
        _register(uow, key=DEVICE.public_key.text)
    assert refused.value.reason is StaffRefusal.KEY_REGISTERED

    _register(uow)
    with pytest.raises(EnrolmentError, match="staff member's key") as also:
        enrol(uow, ST_3, HEAD)
    assert also.value.reason is EnrolmentRefusal.KEY_ENROLLED


def test_an_unknown_election_is_named(uow: NewUnitOfWork) -> None:
    with pytest.raises(ElectionNotFoundError):
        staff_of(uow, election_id="nowhere")


def _refused(uow: NewUnitOfWork, **given: object) -> StaffError:
    with pytest.raises(StaffError) as refused:
        _register(uow, **given)  # type: ignore[arg-type]
    return refused.value


def test_the_attack_the_boards_observer_is_not_also_the_head(uow: NewUnitOfWork) -> None:
    observer = {"person": "P-obs", "role": StaffRole.SUPERVISOR, "actor": BOARD}
    _register(uow, key=OBSERVER.public_key.text, **observer)  # type: ignore[arg-type]
    refused = _refused(uow, person="P-obs")
    assert refused.reason is StaffRefusal.OBSERVER_AND_STAFF
    assert "P-obs is registered as supervisor of ST-0802-0001" in str(refused)
    # nor the other way round, nor one person in two roles of the staff
    _register(uow)
    head_as_observer = {**observer, "person": "مریم کرمانی", "key": DEVICE.public_key.text}
    assert _refused(uow, **head_as_observer).reason is StaffRefusal.OBSERVER_AND_STAFF
    secretary = {"role": StaffRole.SECRETARY, "key": SECRETARY.public_key.text}
    assert _refused(uow, **secretary).reason is StaffRefusal.PERSON_REGISTERED


def test_the_attack_a_station_has_one_head(uow: NewUnitOfWork) -> None:
    _register(uow)
    refused = _refused(uow, person="Another", key=OBSERVER.public_key.text)
    assert refused.reason is StaffRefusal.ROLE_FILLED
    assert [s.person for s in staff_of(uow, election_id=ROUND_2)] == ["مریم کرمانی"]
    # members are several
    _register(uow, person="M1", role=StaffRole.MEMBER, key=SECRETARY.public_key.text)
    _register(uow, person="M2", role=StaffRole.MEMBER, key=OBSERVER.public_key.text)


def test_the_attack_only_an_operator_with_the_right_at_the_station_registers(
    uow: NewUnitOfWork,
) -> None:
    elsewhere = Actor("tehran", Grant(Role.COUNTY_HQ, "IR-08-0801"))  # not ST_3's county
    with pytest.raises(AccessDeniedError):
        _register(uow, actor=elsewhere)
    with pytest.raises(AccessDeniedError, match="registers its own observers"):
        _register(uow, role=StaffRole.SUPERVISOR, person="P-obs")  # the HQ, not the board
    with pytest.raises(AccessDeniedError):
        _register(uow, actor=BOARD)  # the board names observers, not the station's staff
    assert staff_of(uow, election_id=ROUND_2) == []
    _register(uow)
    with uow() as work:
        logged = [e.event for e in work.events.entries()]
    assert [e.type.value for e in logged].count("access-denied") == 3
    assert (logged[-1].actor, logged[-1].role) == ("hq-1", "provincial-hq")


def test_the_attack_no_new_key_after_the_record_is_sealed(uow: NewUnitOfWork) -> None:
    sealed_by_officials(uow, ROUND_2)
    refused = _refused(uow, person="Nobody", role=StaffRole.MEMBER, key=OBSERVER.public_key.text)
    assert refused.reason is StaffRefusal.SEALED
    assert "sandogh anchor draft-amendment" in str(refused)
    # the signed amendment still adds the key to the record
    member = RegisteredStaff(ROUND_2, ST_3, "Nobody", StaffRole.MEMBER, OBSERVER.public_key)
    stored, _ = record_of(uow, election_id=ROUND_2)
    amendment = next_amendment(
        decode_record(stored.data), [], station=ST_3, reason="a member replaced", staff=member
    )
    data = encode_amendment(amendment)
    signatures = [sign_bytes(AMENDMENT_LINE, data, key) for key in SEALERS]
    amend_record(uow, election_id=ROUND_2, amendment=amendment, signatures=signatures, now=NOW)
    assert record_of(uow, election_id=ROUND_2)[1][0].signed.amendment.staff == member


def _amend(uow: NewUnitOfWork, member: RegisteredStaff, replaces: SigningKey | None = None) -> None:
    stored, before = record_of(uow, election_id=ROUND_2)
    amendment = next_amendment(
        decode_record(stored.data),
        [each.signed.amendment for each in before],
        station=member.station,
        reason="x",
        staff=member,
        replaces=None if replaces is None else replaces.public_key,
    )
    data = encode_amendment(amendment)
    signatures = [sign_bytes(AMENDMENT_LINE, data, key) for key in SEALERS]
    amend_record(uow, election_id=ROUND_2, amendment=amendment, signatures=signatures, now=NOW)


def test_the_attack_a_signed_amendment_adds_no_second_head(uow: NewUnitOfWork) -> None:
    """Review S19 R7: an amendment signed by k officials added a second head to a station that
    had one, and registered its head as the board's observer; one head holds on every path."""
    _register(uow)  # مریم کرمانی, head of ST_3
    sealed_by_officials(uow, ROUND_2)
    second = RegisteredStaff(ROUND_2, ST_3, "supervisor", StaffRole.HEAD, OBSERVER.public_key)
    with pytest.raises(AnchorError) as refused:
        _amend(uow, second)
    assert refused.value.reason is AnchorRefusal.MALFORMED
    assert f"{ST_3} has its head already: مریم کرمانی" in str(refused.value)
    assert refused.value.fa == f"شعبه {ST_3} «رئیس شعبه» خود را دارد: مریم کرمانی."
    assert refused.value.en == f"{ST_3} has its head of station already: مریم کرمانی."
    observer = RegisteredStaff(
        ROUND_2, ST_3, "مریم کرمانی", StaffRole.SUPERVISOR, OBSERVER.public_key
    )
    with pytest.raises(AnchorError, match=f"مریم کرمانی is registered as head of {ST_3}"):
        _amend(uow, observer)
    assert record_of(uow, election_id=ROUND_2)[1] == []
    _amend(uow, second, replaces=HEAD)  # a head replaced, by name, is one head still
    with pytest.raises(AnchorError, match="has its head already: supervisor"):
        _amend(uow, dataclasses.replace(second, person="third", key=DEVICE.public_key))


def _many(uow: NewUnitOfWork, *staff: StaffToRegister) -> list[RegisteredStaff]:
    return register_many(uow, HQ, election_id=ROUND_2, staff=staff, now=NOW)


def test_many_are_registered_in_one_call_each_checked_as_alone(uow: NewUnitOfWork) -> None:
    """The day, the seal and the boxes' keys are read once a call: what each person is checked
    against is what one registration alone would be (a second head in the same call too)."""
    assert _many(uow) == []
    head = StaffToRegister(ST_3, "Head", StaffRole.HEAD, HEAD.public_key.text)
    secretary = StaffToRegister(ST_3, "Sec", StaffRole.SECRETARY, SECRETARY.public_key.text)
    assert [s.person for s in _many(uow, head, secretary)] == ["Head", "Sec"]
    assert _many(uow, head) == staff_of(uow, election_id=ROUND_2, station=ST_3)[:1]

    second = StaffToRegister(ST_1, "Head 1", StaffRole.HEAD, OBSERVER.public_key.text)
    again = StaffToRegister(ST_1, "Head 2", StaffRole.HEAD, DEVICE_3.public_key.text)
    with pytest.raises(StaffError) as refused:
        _many(uow, second, again)
    assert refused.value.reason is StaffRefusal.ROLE_FILLED
    enrol(uow, ST_1, DEVICE)
    box = StaffToRegister(ST_1, "Box", StaffRole.MEMBER, DEVICE.public_key.text)
    with pytest.raises(StaffError, match="ballot box's key"):
        _many(uow, second, box)
    assert len(staff_of(uow, election_id=ROUND_2)) == 2  # a refusal registers none of the call

    sealed_by_officials(uow, ROUND_2)
    with pytest.raises(StaffError) as late:
        _many(uow, second)
    assert late.value.reason is StaffRefusal.SEALED
    with pytest.raises(ElectionNotFoundError):
        register_many(uow, HQ, election_id="nowhere", staff=[second], now=NOW)
