"""Enrolling and revoking ballot boxes, on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import replace

import pytest

from sandogh.core.candidacy.calendar import Stage, Window
from sandogh.formats.definition_file import definition_hash
from sandogh.services.devices import (
    Enrolment,
    EnrolmentError,
    EnrolmentRefusal,
    RevocationError,
    RevocationRefusal,
    enrol_device,
    revoke_device,
)
from sandogh.services.errors import ElectionNotFoundError
from sandogh.services.ports import Device, UnitOfWork

from .build import (
    DEVICE,
    DEVICE_3,
    LATER,
    NOW,
    ROUND_1_DAY,
    ROUND_2,
    ROUND_2_DAY,
    ST_1,
    ST_3,
    council,
    day,
    event_types,
    load,
    parliament,
)
from .calendar_build import POLLING, store_calendar

NewUnitOfWork = Callable[[], UnitOfWork]
KEY = DEVICE.public_key.raw.hex()
KEY_3 = DEVICE_3.public_key.raw.hex()


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    load(new_unit_of_work, ROUND_1_DAY, ROUND_2_DAY)
    return new_unit_of_work


def _enrol(
    uow: NewUnitOfWork, station: str = ST_3, key: str = KEY, election: str = ROUND_2
) -> Enrolment:
    return enrol_device(
        uow, election_id=election, station=station, public_key_hex=key, now=NOW, actor="op-1"
    )


def test_a_box_receives_only_what_its_station_needs(uow: NewUnitOfWork) -> None:
    enrolment = _enrol(uow, ST_3)

    assert enrolment.created
    assert enrolment.device == Device(ROUND_2, ST_3, KEY, NOW)
    assert (enrolment.election, enrolment.date) == (ROUND_2, datetime.date(2024, 7, 5))
    assert enrolment.definition_hash == definition_hash(ROUND_2_DAY)
    assert enrolment.unit.code == ST_3
    president, parliament = enrolment.contests
    assert [k.id for k in president.constituencies] == ["IR"]
    assert [c.code for c in president.candidates] == ["21", "25"]
    assert [k.id for k in parliament.constituencies] == ["P2"]  # not P1: another county's
    assert [c.code for c in parliament.candidates] == ["41", "42"]
    assert parliament.previous_round == ROUND_2_DAY.contests[1].previous_round
    assert [(b.contest, b.seats, b.candidates) for b in enrolment.ballot] == [
        ("president", 1, ("21", "25")),
        ("parliament", 1, ("41", "42")),
    ]
    with uow() as work:
        assert work.devices.get(ROUND_2, KEY) == enrolment.device
        assert work.devices.of_station(ROUND_2, ST_3) == [enrolment.device]
        (entry,) = [e for e in work.events.entries() if e.event.type == "device-enrolled"]
        assert (entry.event.actor, entry.event.place, entry.event.time) == ("op-1", ST_3, NOW)
        assert entry.event.details == {"election": ROUND_2, "device": KEY}


def test_enrolling_the_same_key_for_its_station_again_changes_nothing(uow: NewUnitOfWork) -> None:
    first = _enrol(uow, ST_3, KEY.upper())
    again = _enrol(uow, ST_3, KEY)

    assert first.device.public_key == KEY  # stored in lowercase
    assert not again.created
    assert again.device == first.device
    assert event_types(uow).count("device-enrolled") == 1


def test_a_key_serves_one_station(uow: NewUnitOfWork) -> None:
    _enrol(uow, ST_3)
    with pytest.raises(EnrolmentError, match=f"enrolled for station {ST_3}") as refused:
        _enrol(uow, ST_1)
    assert refused.value.reason is EnrolmentRefusal.KEY_ENROLLED


def test_a_revoked_key_cannot_be_enrolled_again(uow: NewUnitOfWork) -> None:
    _enrol(uow, ST_3)
    revoke_device(uow, election_id=ROUND_2, public_key_hex=KEY, now=LATER)
    with pytest.raises(EnrolmentError, match="revoked") as refused:
        _enrol(uow, ST_3)
    assert refused.value.reason is EnrolmentRefusal.KEY_ENROLLED


@pytest.mark.parametrize(
    ("station", "key", "reason"),
    [
        ("ST-9999", KEY, EnrolmentRefusal.UNKNOWN_STATION),
        ("IR-08-0801", KEY, EnrolmentRefusal.NOT_A_STATION),
        (ST_3, KEY[:-2], EnrolmentRefusal.MALFORMED_KEY),
        (ST_3, "ed25519:" + KEY, EnrolmentRefusal.MALFORMED_KEY),
        (ST_3, "zz" * 32, EnrolmentRefusal.MALFORMED_KEY),
    ],
)
def test_enrolment_refusals(
    uow: NewUnitOfWork, station: str, key: str, reason: EnrolmentRefusal
) -> None:
    with pytest.raises(EnrolmentError) as refused:
        _enrol(uow, station, key)

    assert refused.value.reason is reason
    with uow() as work:
        assert work.devices.get(ROUND_2, KEY) is None
    assert "device-enrolled" not in event_types(uow)


def test_a_station_in_no_contest_gets_no_box(new_unit_of_work: NewUnitOfWork) -> None:
    load(new_unit_of_work, day("kerman-1403-c", (council(),), datetime.date(2024, 7, 5)))
    with pytest.raises(EnrolmentError) as refused:
        _enrol(new_unit_of_work, ST_3, election="kerman-1403-c")
    assert refused.value.reason is EnrolmentRefusal.STATION_NOT_IN_CONTEST


def test_an_unknown_election_enrols_nothing(uow: NewUnitOfWork) -> None:
    with pytest.raises(ElectionNotFoundError):
        _enrol(uow, election="tehran-1403")
    with pytest.raises(ElectionNotFoundError):
        revoke_device(uow, election_id="tehran-1403", public_key_hex=KEY, now=LATER)


def test_a_revoked_device_is_revoked_once(uow: NewUnitOfWork) -> None:
    _enrol(uow, ST_3)
    _enrol(uow, ST_1, KEY_3)
    revoked = revoke_device(uow, election_id=ROUND_2, public_key_hex=KEY, now=LATER, actor="hq")

    assert revoked == Device(ROUND_2, ST_3, KEY, NOW, LATER)
    with uow() as work:
        assert work.devices.get(ROUND_2, KEY) == revoked
        assert work.devices.get(ROUND_2, KEY_3) == Device(ROUND_2, ST_1, KEY_3, NOW)
        (entry,) = [e for e in work.events.entries() if e.event.type == "device-revoked"]
        assert (entry.event.actor, entry.event.place) == ("hq", ST_3)
    with pytest.raises(RevocationError) as twice:
        revoke_device(uow, election_id=ROUND_2, public_key_hex=KEY, now=LATER)
    assert twice.value.reason is RevocationRefusal.ALREADY_REVOKED
    assert event_types(uow).count("device-revoked") == 1


@pytest.mark.parametrize("key", [KEY, "not a key"])
def test_an_unknown_device_cannot_be_revoked(uow: NewUnitOfWork, key: str) -> None:
    with pytest.raises(RevocationError) as refused:
        revoke_device(uow, election_id=ROUND_2, public_key_hex=key, now=LATER)
    assert refused.value.reason is RevocationRefusal.UNKNOWN_DEVICE


def test_a_box_is_given_the_polling_days_of_the_stored_calendar(uow: NewUnitOfWork) -> None:
    """Issue 12: the box opens on no other day, checking by the days it was given (offline
    too); each window closes at the polls' latest close, the last extension."""
    assert _enrol(uow, ST_3).polling == ()  # no calendar stored: none given
    store_calendar(uow, 20, 22)
    enrolment = _enrol(uow, ST_3)  # asked again: the same box, the days now given
    assert [contest for contest, _ in enrolment.polling] == [c.contest for c in enrolment.ballot]
    assert {window for _, window in enrolment.polling} == {
        Window(Stage.POLLING, POLLING, POLLING, datetime.time(22))
    }


def test_no_box_is_enrolled_on_a_draft_whose_codes_are_not_drawn(uow: NewUnitOfWork) -> None:
    """Candidacy runs on the election's draft definition (no candidates until the code draw,
    `services.candidacy_places`): its ballot is never loaded into a box."""
    drafted = day("draft-1403", (replace(parliament(False), candidates=()),), POLLING)
    load(uow, drafted)
    with pytest.raises(EnrolmentError) as refused:
        _enrol(uow, election="draft-1403")
    assert refused.value.reason is EnrolmentRefusal.NOT_DRAWN
    assert "parliament" in str(refused.value)
