"""The sync of offline check-ins, on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from sandogh.core.voters.ledger_key import voter_key
from sandogh.core.voters.national_code import parse_national_code
from sandogh.services.checkin import BallotCard, RefusalReason, Refused
from sandogh.services.ports import IncidentKind, UnitOfWork
from sandogh.services.sync import (
    OfflineCheckIn,
    OfflineCheckInError,
    Synced,
    UnknownStationError,
    sync_provisional,
)

from .build import LATER, ROUND_2, SECRET, ST_1, ST_3, VOTER, check_in_voter, national_code

NewUnitOfWork = Callable[[], UnitOfWork]

OFFLINE_AT = datetime.datetime(2024, 7, 5, 10, 0, tzinfo=datetime.UTC)


def _sync(
    uow: NewUnitOfWork, station: str, *codes: str, at: datetime.datetime = OFFLINE_AT
) -> Synced:
    return sync_provisional(
        uow,
        election_id=ROUND_2,
        station=station,
        entries=[OfflineCheckIn(code, at) for code in codes],
        ledger_secret=SECRET,
        now=LATER,
    )


def test_offline_check_ins_enter_the_ledger_as_provisional(uow: NewUnitOfWork) -> None:
    synced = _sync(uow, ST_3, national_code(5), national_code(6))

    assert (synced.recorded, synced.already, synced.incidents) == (2, 0, ())
    with uow() as work:
        entry = work.ledger.find(ROUND_2, voter_key(SECRET, parse_national_code(national_code(5))))
        assert entry is not None
        assert (entry.station, entry.at, entry.provisional) == (ST_3, OFFLINE_AT, True)
        assert dict(entry.constituencies) == {"president": "IR", "parliament": "P2"}
    # and the voter is then known at every station
    assert check_in_voter(uow, national_code(5), ST_1) == Refused(RefusalReason.ALREADY_VOTED)


def test_a_retried_sync_changes_nothing(uow: NewUnitOfWork) -> None:
    _sync(uow, ST_3, national_code(5), national_code(6))
    again = _sync(uow, ST_3, national_code(5), national_code(6))

    assert (again.recorded, again.already, again.incidents) == (0, 2, ())
    with uow() as work:
        assert work.ledger.count(ROUND_2) == 2
        assert work.incidents.all(ROUND_2) == []


def test_a_voter_checked_in_twice_becomes_an_incident_naming_both_stations(
    uow: NewUnitOfWork,
) -> None:
    assert isinstance(check_in_voter(uow, VOTER, ST_1), BallotCard)
    synced = _sync(uow, ST_3, national_code(5), VOTER)

    assert (synced.recorded, synced.already) == (1, 0)
    (incident,) = synced.incidents
    assert incident.kind is IncidentKind.DUPLICATE_CHECK_IN
    assert incident.stations == (ST_1, ST_3)
    assert incident.at == LATER
    assert incident.details["voter_key"] == voter_key(SECRET, parse_national_code(VOTER))
    assert incident.details["first_at"] == "2024-07-05T04:30:00+00:00"  # NOW, in UTC
    assert VOTER not in repr(incident)
    with uow() as work:
        assert work.incidents.all(ROUND_2) == [incident]
        (event,) = [e.event for e in work.events.entries() if e.event.type == "duplicate-check-in"]
        assert (event.place, dict(event.details)) == (ST_3, {"stations": [ST_1, ST_3]})
        assert VOTER not in repr(event)
        first = work.ledger.find(ROUND_2, voter_key(SECRET, parse_national_code(VOTER)))
        assert first is not None
        assert (first.station, first.provisional) == (ST_1, False)  # the first stays


def test_two_offline_check_ins_at_one_station_are_an_incident(uow: NewUnitOfWork) -> None:
    _sync(uow, ST_3, VOTER)
    synced = _sync(uow, ST_3, VOTER, at=OFFLINE_AT + datetime.timedelta(hours=1))

    assert [i.stations for i in synced.incidents] == [(ST_3, ST_3)]


def test_offline_check_ins_that_are_not_codes_are_refused_together(uow: NewUnitOfWork) -> None:
    naive = datetime.datetime(2024, 7, 5, 10, 0)  # noqa: DTZ001 (the fault under test)
    entries = [
        OfflineCheckIn(national_code(5), OFFLINE_AT),
        OfflineCheckIn("1234567890", OFFLINE_AT),
        OfflineCheckIn(national_code(6), naive),
    ]
    with pytest.raises(OfflineCheckInError) as refused:
        sync_provisional(
            uow,
            election_id=ROUND_2,
            station=ST_3,
            entries=entries,
            ledger_secret=SECRET,
            now=LATER,
        )

    assert [p.path for p in refused.value.problems] == [
        "entries[1].national_code",
        "entries[2].at",
    ]
    assert "1234567890" not in str(refused.value)
    with uow() as work:
        assert work.ledger.count(ROUND_2) == 0


def test_offline_check_ins_of_no_station_are_refused(uow: NewUnitOfWork) -> None:
    with pytest.raises(UnknownStationError, match="IR-08"):
        _sync(uow, "IR-08", VOTER)
