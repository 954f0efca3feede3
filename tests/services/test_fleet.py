"""The fleet's use cases on the in-memory fake, SQLite and PostgreSQL: a box shipped from the
country to its station, each hand-over logged, one out of order refused naming the box and the
step expected; build decisions refused when malformed or repeated."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.candidacy.calendar import Calendar
from sandogh.core.fleet import ShippingError, Step
from sandogh.core.log import EventType
from sandogh.core.readiness import IRAN_TIME, Register, RegisterError
from sandogh.formats.calendar_file import canonical_calendar
from sandogh.formats.definition_file import canonical_bytes, definition_hash
from sandogh.services.acting import AccessDeniedError, Actor
from sandogh.services.candidacy_ports import StoredCalendar
from sandogh.services.devices import enrol_device
from sandogh.services.elections import load_election
from sandogh.services.fleet import AfterPollingError, WrongLegError, fleet_of, hand_over
from sandogh.services.ports import UnitOfWork
from sandogh.services.readiness import import_register

from ..core.readiness.kerman import (
    BARDSIR,
    ELECTION,
    ELECTION_DAY,
    KERMAN,
    KERMAN_STATIONS,
    PRESIDENT,
    PROVINCE,
    registers,
    serial,
)
from .calendar_build import runoff_schedule

NewUnitOfWork = Callable[[], UnitOfWork]
NOW = datetime.datetime(2024, 6, 20, 9, 0, tzinfo=IRAN_TIME)
NATIONAL = Actor("keshvari", Grant(Role.NATIONAL_HQ, "IR"))
PROVINCIAL = Actor("rahimi", Grant(Role.PROVINCIAL_HQ, PROVINCE))
KERMAN_HQ = Actor("kermani", Grant(Role.COUNTY_HQ, KERMAN))
BARDSIR_HQ = Actor("bardsiri", Grant(Role.COUNTY_HQ, BARDSIR))
BOX = "SB-0801-0001"
BUILD = "sha256:" + "a1" * 32


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    load_election(
        new_unit_of_work,
        ELECTION_DAY,
        definition_hash=definition_hash(ELECTION_DAY),
        canonical=canonical_bytes(ELECTION_DAY),
        now=NOW,
    )
    fleet = registers().fleet
    import_register(new_unit_of_work, NATIONAL, ELECTION, Register.FLEET, fleet, now=NOW)
    return new_unit_of_work


def test_a_box_is_shipped_to_its_station_step_by_step_and_each_step_is_logged(
    uow: NewUnitOfWork,
) -> None:
    station = KERMAN_STATIONS[0]
    for actor, step, place in [
        (NATIONAL, Step.PREPARED, None),
        (NATIONAL, Step.SENT_TO_PROVINCE, PROVINCE),
        (PROVINCIAL, Step.RECEIVED_BY_PROVINCE, None),
        (PROVINCIAL, Step.SENT_TO_COUNTY, KERMAN),
        (KERMAN_HQ, Step.RECEIVED_BY_COUNTY, None),
        (KERMAN_HQ, Step.SENT_TO_STATION, station),
        (KERMAN_HQ, Step.RECEIVED_AT_STATION, None),
        (KERMAN_HQ, Step.INSTALLED, None),
    ]:
        hand_over(uow, actor, ELECTION, BOX, step, place=place, now=NOW)
    (shipped,) = [b for b in fleet_of(uow, KERMAN_HQ, ELECTION, now=NOW) if b.box.serial == BOX]
    assert shipped.step is Step.INSTALLED
    assert [h.by for h in shipped.handovers][:2] == ["keshvari", "keshvari"]
    with uow() as work:
        logged = [e.event for e in work.events.entries()]
    handed = [e for e in logged if e.type is EventType.BOX_HANDED_OVER]
    assert [e.details["step"] for e in handed] == [s.value for s in Step]
    assert handed[-1].place == station
    with pytest.raises(RegisterError):
        fleet_of(uow, NATIONAL, ELECTION, "IR-99", now=NOW)


def test_a_hand_over_out_of_order_is_refused_naming_the_box_and_the_step(
    uow: NewUnitOfWork,
) -> None:
    with pytest.raises(ShippingError) as refused:
        hand_over(uow, PROVINCIAL, ELECTION, BOX, Step.RECEIVED_BY_PROVINCE, now=NOW)
    assert refused.value.expected is Step.PREPARED
    assert BOX in str(refused.value)
    assert "prepared" in str(refused.value)
    with pytest.raises(ShippingError) as unknown:
        hand_over(uow, NATIONAL, ELECTION, "SB-NONE", Step.PREPARED, now=NOW)
    assert [p.path for p in unknown.value.problems] == ["serial"]
    hand_over(uow, NATIONAL, ELECTION, BOX, Step.PREPARED, now=NOW)
    with pytest.raises(AccessDeniedError):  # only the country's headquarters send from there
        hand_over(uow, BARDSIR_HQ, ELECTION, BOX, Step.SENT_TO_PROVINCE, place=PROVINCE, now=NOW)
    with uow() as work:
        types = [e.event.type for e in work.events.entries()]
    assert types.count(EventType.BOX_HANDED_OVER) == 1


def _to_county(uow: NewUnitOfWork, box: str = BOX) -> None:
    hand_over(uow, NATIONAL, ELECTION, box, Step.PREPARED, now=NOW)
    hand_over(uow, NATIONAL, ELECTION, box, Step.SENT_TO_PROVINCE, place=PROVINCE, now=NOW)
    hand_over(uow, PROVINCIAL, ELECTION, box, Step.RECEIVED_BY_PROVINCE, now=NOW)
    hand_over(uow, PROVINCIAL, ELECTION, box, Step.SENT_TO_COUNTY, place=KERMAN, now=NOW)
    hand_over(uow, KERMAN_HQ, ELECTION, box, Step.RECEIVED_BY_COUNTY, now=NOW)


def test_the_attack_a_receipt_is_recorded_by_the_receiver_not_the_level_above(
    uow: NewUnitOfWork,
) -> None:
    """Review S19 F13: a box was "received by the province" on a national account's word. The
    sender records a sending, the receiving unit's own headquarters a receipt, and the station's
    county the steps at the station; an account above them is refused, and the refusal logged."""
    hand_over(uow, NATIONAL, ELECTION, BOX, Step.PREPARED, now=NOW)
    with pytest.raises(AccessDeniedError, match="by an account of IR itself"):
        hand_over(uow, PROVINCIAL, ELECTION, BOX, Step.SENT_TO_PROVINCE, place=PROVINCE, now=NOW)
    hand_over(uow, NATIONAL, ELECTION, BOX, Step.SENT_TO_PROVINCE, place=PROVINCE, now=NOW)
    with pytest.raises(AccessDeniedError, match=f"by an account of {PROVINCE} itself"):
        hand_over(uow, NATIONAL, ELECTION, BOX, Step.RECEIVED_BY_PROVINCE, now=NOW)
    hand_over(uow, PROVINCIAL, ELECTION, BOX, Step.RECEIVED_BY_PROVINCE, now=NOW)
    hand_over(uow, PROVINCIAL, ELECTION, BOX, Step.SENT_TO_COUNTY, place=KERMAN, now=NOW)
    with pytest.raises(AccessDeniedError, match=f"by an account of {KERMAN} itself"):
        hand_over(uow, PROVINCIAL, ELECTION, BOX, Step.RECEIVED_BY_COUNTY, now=NOW)
    hand_over(uow, KERMAN_HQ, ELECTION, BOX, Step.RECEIVED_BY_COUNTY, now=NOW)
    hand_over(
        uow, KERMAN_HQ, ELECTION, BOX, Step.SENT_TO_STATION, place=KERMAN_STATIONS[0], now=NOW
    )
    with pytest.raises(AccessDeniedError, match=f"by an account of {KERMAN} itself"):
        hand_over(uow, NATIONAL, ELECTION, BOX, Step.RECEIVED_AT_STATION, now=NOW)
    with uow() as work:
        types = [e.event.type for e in work.events.entries()]
    assert types.count(EventType.ACCESS_DENIED) == 4
    assert types.count(EventType.BOX_HANDED_OVER) == 6


def test_the_attack_no_box_goes_to_a_station_after_its_polling_day(uow: NewUnitOfWork) -> None:
    """Review S19 F13: a box was shipped to its station after polling day; the stored calendar
    now refuses it, naming the station and its polling day."""
    schedule = dataclasses.replace(runoff_schedule(ELECTION_DAY.date), contests=(PRESIDENT.id,))
    calendar = Calendar(ELECTION, (schedule,))
    canonical = canonical_calendar(calendar)
    with uow() as work:
        work.candidacy.put_calendar(ELECTION, StoredCalendar(calendar, canonical, "v1", NOW))
        work.commit()
    _to_county(uow)
    station = KERMAN_STATIONS[0]
    on_the_day = datetime.datetime.combine(ELECTION_DAY.date, datetime.time(7), IRAN_TIME)
    hand_over(uow, KERMAN_HQ, ELECTION, BOX, Step.SENT_TO_STATION, place=station, now=on_the_day)
    after = on_the_day + datetime.timedelta(days=1)
    with pytest.raises(AfterPollingError) as refused:
        hand_over(uow, KERMAN_HQ, ELECTION, BOX, Step.RECEIVED_AT_STATION, now=after)
    assert (refused.value.station, refused.value.polling_day) == (station, ELECTION_DAY.date)
    assert f"{station} polled on {ELECTION_DAY.date.isoformat()}" in str(refused.value)
    other = "SB-0801-0002"  # ST-0801-0002's
    _to_county(uow, other)
    with pytest.raises(AfterPollingError):
        hand_over(
            uow, KERMAN_HQ, ELECTION, other, Step.SENT_TO_STATION, place="ST-0801-0002", now=after
        )


def test_the_attack_a_box_enrolled_shows_its_build_on_the_register(uow: NewUnitOfWork) -> None:
    """Review S20 F4: the live demo's register boxes had no key, so after every station sent
    signed reports each still read "awaiting a signed report". A box enrolled for its station
    now ties the station's one register box without a key to its key, and so its build; a
    station with two such boxes, or a box the register gives another key, is left as it is. A
    register imported after the enrolment ties its boxes the same way."""
    fleet = [dataclasses.replace(b, public_key=None) for b in registers().fleet]
    tied, keyed, twice = KERMAN_STATIONS[:3]
    fleet = [b if b.place != keyed else dataclasses.replace(b, public_key="ab" * 32) for b in fleet]
    spare = dataclasses.replace(next(b for b in fleet if b.place == twice), serial="SPARE")
    import_register(uow, NATIONAL, ELECTION, Register.FLEET, [*fleet, spare], now=NOW)
    keys = {station: f"{i:02x}" * 32 for i, station in enumerate((tied, keyed, twice), 1)}
    for station, key in keys.items():
        enrol_device(uow, election_id=ELECTION, station=station, public_key_hex=key, now=NOW)
    shown = {b.box.serial: b.box for b in fleet_of(uow, KERMAN_HQ, ELECTION, now=NOW)}
    assert (shown[serial(tied)].public_key, shown[serial(tied)].build) == (keys[tied], None)
    assert shown[serial(keyed)].public_key == "ab" * 32
    assert [shown[serial(twice)].public_key, shown["SPARE"].public_key] == [None, None]
    enrol_device(
        uow, election_id=ELECTION, station=tied, public_key_hex=keys[tied], build=BUILD, now=NOW
    )
    shown = {b.box.serial: b.box for b in fleet_of(uow, KERMAN_HQ, ELECTION, now=NOW)}
    assert shown[serial(tied)].build == BUILD
    with uow() as work:
        enrolled = [e.event for e in work.events.entries()]
    details = [e.details for e in enrolled if e.type is EventType.DEVICE_ENROLLED]
    assert [d.get("box") for d in details] == [serial(tied), None, None]
    # the register imported again without keys, the spare gone: each station's one box is tied
    # to the key its station enrolled, as an enrolment after the import would tie it
    imported = import_register(uow, NATIONAL, ELECTION, Register.FLEET, fleet, now=NOW)
    shown = {b.box.serial: b.box for b in fleet_of(uow, KERMAN_HQ, ELECTION, now=NOW)}
    assert [shown[serial(s)].public_key for s in keys] == [keys[tied], "ab" * 32, keys[twice]]
    assert shown[serial(tied)].build == BUILD
    with uow() as work:
        (last,) = [e.event for e in work.events.entries()][-1:]
    assert (imported.rows, last.details["tied"]) == (len(fleet), [serial(tied), serial(twice)])


def test_the_attack_with_no_calendar_the_definitions_day_ends_the_shipping(
    uow: NewUnitOfWork,
) -> None:
    """Review S20 F14: with no calendar stored, hand-overs were recorded years after polling
    day. The definition's polling date ends them, for every step; the refusal names the day
    even where the step given is not the box's next one."""
    _to_county(uow)
    after = datetime.datetime.combine(ELECTION_DAY.date, datetime.time(0, 5), IRAN_TIME)
    after += datetime.timedelta(days=1)
    station = KERMAN_STATIONS[0]
    with pytest.raises(AfterPollingError) as refused:
        hand_over(uow, KERMAN_HQ, ELECTION, BOX, Step.SENT_TO_STATION, place=station, now=after)
    assert (refused.value.station, refused.value.polling_day) == (station, ELECTION_DAY.date)
    assert "۱۵ تیر ۱۴۰۳" in refused.value.fa  # the day, in Jalali
    with pytest.raises(AfterPollingError):  # the reason is the day, not "out of order"
        hand_over(uow, KERMAN_HQ, ELECTION, BOX, frozenset({Step.INSTALLED}), now=after)
    with pytest.raises(AfterPollingError):  # a step far from the station, too
        hand_over(uow, NATIONAL, ELECTION, "SB-0801-0002", Step.PREPARED, now=after)
    late_on_the_day = after - datetime.timedelta(minutes=10)
    hand_over(
        uow, KERMAN_HQ, ELECTION, BOX, Step.SENT_TO_STATION, place=station, now=late_on_the_day
    )


def test_the_attack_a_box_goes_only_on_the_way_to_its_station(uow: NewUnitOfWork) -> None:
    """Review S20 F13: a province shipped a box of a Kerman county station to Bardsir, where it
    was stuck, and the refusals named its first step as the next. A leg off the path from the
    country to the box's station is refused naming where it goes; the next step named is the
    box's own, read from all its hand-overs whoever asks."""
    hand_over(uow, NATIONAL, ELECTION, BOX, Step.PREPARED, now=NOW)
    hand_over(uow, NATIONAL, ELECTION, BOX, Step.SENT_TO_PROVINCE, place=PROVINCE, now=NOW)
    hand_over(uow, PROVINCIAL, ELECTION, BOX, Step.RECEIVED_BY_PROVINCE, now=NOW)
    with pytest.raises(WrongLegError) as refused:
        hand_over(uow, PROVINCIAL, ELECTION, BOX, Step.SENT_TO_COUNTY, place=BARDSIR, now=NOW)
    assert refused.value.right == KERMAN
    assert f"به {KERMAN} می‌رود، نه به {BARDSIR}" in refused.value.fa
    with uow() as work:
        assert [h.step for h in work.fleet.handovers(ELECTION)][-1] is Step.RECEIVED_BY_PROVINCE
    hand_over(uow, PROVINCIAL, ELECTION, BOX, Step.SENT_TO_COUNTY, place=KERMAN, now=NOW)
    with pytest.raises(AccessDeniedError, match=f"by an account of {KERMAN} itself"):
        hand_over(uow, BARDSIR_HQ, ELECTION, BOX, frozenset({Step.RECEIVED_BY_COUNTY}), now=NOW)
    with pytest.raises(ShippingError) as wrong_command:  # not the box's next step
        hand_over(uow, KERMAN_HQ, ELECTION, BOX, frozenset({Step.INSTALLED}), now=NOW)
    assert wrong_command.value.expected is Step.RECEIVED_BY_COUNTY
    received = hand_over(
        uow, KERMAN_HQ, ELECTION, BOX, frozenset({Step.RECEIVED_BY_COUNTY}), now=NOW
    )
    assert received.step is Step.RECEIVED_BY_COUNTY


def test_the_fleet_read_alone_is_the_registers_fleet_by_serial(uow: NewUnitOfWork) -> None:
    # what each box enrolled reads (`link_enrolled`), not every register of the election
    with uow() as work:
        registered = work.readiness.registers(ELECTION).fleet
        alone = work.readiness.fleet(ELECTION)
    assert alone == tuple(sorted(registered, key=lambda box: box.serial))
    assert len(alone) == len(registers().fleet)
