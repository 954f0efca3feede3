"""The sync of offline check-ins, on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from sandogh.core.voters.ledger_key import voter_key
from sandogh.core.voters.ledger_time import check_in_hour
from sandogh.core.voters.national_code import parse_national_code
from sandogh.services.check_in_rules import RefusalReason, Refused
from sandogh.services.checkin import BallotCard
from sandogh.services.ports import IncidentKind, Registry, UnitOfWork
from sandogh.services.sync import (
    OfflineCheckIn,
    OfflineCheckInError,
    Synced,
    UnknownStationError,
    sync_provisional,
)

from .build import (
    LATER,
    PEOPLE,
    ROUND_1,
    ROUND_2,
    SECRET,
    ST_1,
    ST_3,
    VOTER,
    check_in_voter,
    national_code,
    registry,
)

NewUnitOfWork = Callable[[], UnitOfWork]

OFFLINE_AT = datetime.datetime(2024, 7, 5, 10, 0, tzinfo=datetime.UTC)


def _sync(
    uow: NewUnitOfWork,
    station: str,
    *codes: str,
    at: datetime.datetime = OFFLINE_AT,
    people: Registry = PEOPLE,
) -> Synced:
    return sync_provisional(
        uow,
        election_id=ROUND_2,
        station=station,
        entries=[OfflineCheckIn(code, at) for code in codes],
        registry=people,
        ledger_secret=SECRET,
        now=LATER,
    )


def _key(code: str) -> str:
    return voter_key(SECRET, parse_national_code(code))


def test_offline_check_ins_enter_the_ledger_as_provisional(uow: NewUnitOfWork) -> None:
    synced = _sync(uow, ST_3, national_code(5), national_code(6))

    assert (synced.recorded, synced.already, synced.incidents, synced.ineligible) == (2, 0, (), ())
    with uow() as work:
        entry = work.ledger.find(ROUND_2, voter_key(SECRET, parse_national_code(national_code(5))))
        assert entry is not None
        assert (entry.station, entry.at, entry.provisional) == (
            ST_3,
            check_in_hour(OFFLINE_AT),
            True,
        )
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
    assert (
        incident.details["first_at"] == "2024-07-05T04:30:00+00:00"
    )  # NOW's hour of Tehran, in UTC
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


def test_a_second_check_in_in_the_same_hour_is_not_taken_for_a_retry(uow: NewUnitOfWork) -> None:
    """The ledger keeps the hour only (issue 9 §1): its keyed tag of the moment still tells a
    sync sent again from the voter checked in a second time, minutes later, at the same box."""
    _sync(uow, ST_3, VOTER)
    assert _sync(uow, ST_3, VOTER).already == 1
    synced = _sync(uow, ST_3, VOTER, at=OFFLINE_AT + datetime.timedelta(minutes=7))
    assert (synced.already, [i.stations for i in synced.incidents]) == (0, [(ST_3, ST_3)])
    with uow() as work:
        entry = work.ledger.find(ROUND_2, voter_key(SECRET, parse_national_code(VOTER)))
    assert entry is not None
    assert entry.at == check_in_hour(OFFLINE_AT)
    assert entry.offline_tag is not None


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
            registry=PEOPLE,
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


def test_offline_check_ins_the_registry_refuses_are_kept_and_raised(uow: NewUnitOfWork) -> None:
    """Each ballot was cast, so each entry is stored; each the registry refuses on the runoff's
    day is an incident naming the station and the reason, with an event; a retry adds none."""
    fine, unknown, young, dead, both = (national_code(n) for n in (5, 999, 101, 102, 104))
    born = datetime.date(2006, 7, 6)  # 18 the day after the runoff
    people = registry(
        fine,
        **{
            young: (born, True, True),
            dead: (datetime.date(1950, 1, 1), False, True),
            both: (born, False, False),
        },
    )

    synced = _sync(uow, ST_3, fine, unknown, young, dead, both, people=people)
    again = _sync(uow, ST_3, fine, unknown, young, dead, both, people=people)

    assert (synced.recorded, synced.incidents, again.already, again.ineligible) == (5, (), 5, ())
    assert all(i.kind is IncidentKind.INELIGIBLE_CHECK_IN for i in synced.ineligible)
    assert all((i.stations, i.at) == ((ST_3,), LATER) for i in synced.ineligible)
    common = {"offline_station": ST_3, "offline_at": "2024-07-05T10:00:00+00:00"}
    assert [dict(i.details) for i in synced.ineligible] == [
        {"voter_key": _key(unknown), **common, "reason": "not-in-registry"},
        {"voter_key": _key(young), **common, "reason": "under-age", "of_age_on": "2024-07-06"},
        {"voter_key": _key(dead), **common, "reason": "dead"},
        {
            "voter_key": _key(both),
            **common,
            "reason": "under-age",
            "also": "dead,not-citizen",
            "of_age_on": "2024-07-06",
        },
    ]
    with uow() as work:
        assert work.ledger.count(ROUND_2, ST_3) == 5
        assert work.incidents.all(ROUND_2) == list(synced.ineligible)
        events = [e.event for e in work.events.entries() if e.event.type == "ineligible-check-in"]
    assert [(e.place, dict(e.details)) for e in events] == [
        (ST_3, {"reason": reason})
        for reason in ("not-in-registry", "under-age", "dead", "under-age")
    ]
    for code in (unknown, young, dead, both):
        assert code not in repr(synced.ineligible)
        assert code not in repr(events)


def test_an_offline_runoff_voter_of_another_constituency_is_raised(uow: NewUnitOfWork) -> None:
    """VOTER voted for the Majlis in P1 in round one, so may vote for it only there in the runoff;
    checked in offline at a station of P2, the ballot is kept and the rule is raised."""
    assert isinstance(check_in_voter(uow, VOTER, ST_1, election=ROUND_1), BallotCard)

    synced = _sync(uow, ST_3, VOTER)

    (incident,) = synced.ineligible
    assert (incident.kind, incident.stations) == (IncidentKind.INELIGIBLE_CHECK_IN, (ST_3,))
    assert dict(incident.details) == {
        "voter_key": _key(VOTER),
        "offline_station": ST_3,
        "offline_at": "2024-07-05T10:00:00+00:00",
        "reason": "runoff-elsewhere",
        "contests": "parliament",
    }
    with uow() as work:
        entry = work.ledger.find(ROUND_2, _key(VOTER))
    assert entry is not None
    assert dict(entry.constituencies) == {"president": "IR", "parliament": "P2"}


def test_a_duplicate_that_the_registry_refuses_is_raised_for_both(uow: NewUnitOfWork) -> None:
    dead = national_code(102)
    people = registry(**{dead: (datetime.date(1950, 1, 1), False, True)})
    _sync(uow, ST_3, dead, people=people)

    synced = _sync(uow, ST_1, dead, people=people)

    assert synced.recorded == 0
    assert [i.stations for i in synced.incidents] == [(ST_3, ST_1)]
    assert [i.details["reason"] for i in synced.ineligible] == ["dead"]
