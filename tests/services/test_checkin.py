"""Check-in and the sync of offline check-ins, on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable

import pytest

from sandogh.core.voters import CodeFault
from sandogh.core.voters.ledger_key import voter_key
from sandogh.core.voters.national_code import parse_national_code
from sandogh.services.checkin import (
    BallotCard,
    OfflineCheckIn,
    OfflineCheckInError,
    RefusalReason,
    Refused,
    Synced,
    UnknownStationError,
    Withheld,
    check_in,
    sync_provisional,
)
from sandogh.services.errors import ElectionNotFoundError
from sandogh.services.ports import IncidentKind, Registry, UnitOfWork

from .build import (
    LATER,
    NOW,
    ROUND_1,
    ROUND_1_DAY,
    ROUND_2,
    ROUND_2_DAY,
    SECRET,
    ST_1,
    ST_2,
    ST_3,
    council,
    day,
    event_types,
    load,
    national_code,
    parliament,
    registry,
    tokens,
)

NewUnitOfWork = Callable[[], UnitOfWork]
VOTER = national_code(1)
PEOPLE = registry(*(national_code(n) for n in range(1, 40)))


def _check_in(
    uow: NewUnitOfWork,
    code: str = VOTER,
    station: str = ST_1,
    *,
    election: str = ROUND_2,
    people: Registry = PEOPLE,
    now: datetime.datetime = NOW,
) -> BallotCard | Refused:
    return check_in(
        uow,
        election_id=election,
        station=station,
        national_code=code,
        registry=people,
        ledger_secret=SECRET,
        now=now,
        new_token=tokens(),
    )


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    load(new_unit_of_work, ROUND_1_DAY, ROUND_2_DAY)
    return new_unit_of_work


def test_an_eligible_voter_gets_a_card_for_the_contests_of_the_station(uow: NewUnitOfWork) -> None:
    card = _check_in(uow)

    assert isinstance(card, BallotCard)
    assert card.token == "token-1"
    assert (card.election, card.station, card.withheld) == (ROUND_2, ST_1, ())
    assert [(c.contest, c.seats, c.candidates) for c in card.contests] == [
        ("president", 1, ("21", "25")),
        ("parliament", 2, ("31", "32", "33", "34")),
    ]
    with uow() as work:
        key = voter_key(SECRET, parse_national_code(VOTER))
        entry = work.ledger.find(ROUND_2, key)
        assert entry is not None
        assert (entry.station, entry.at, entry.provisional) == (ST_1, NOW, False)
        assert dict(entry.constituencies) == {"president": "IR", "parliament": "P1"}
        assert VOTER not in repr(entry)  # the ledger holds the keyed hash, never the code
        assert work.ledger.count(ROUND_2) == work.ledger.count(ROUND_2, ST_1) == 1


def test_a_code_typed_in_persian_digits_with_dashes_is_the_same_voter(uow: NewUnitOfWork) -> None:
    persian = VOTER.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    typed = f"{persian[:3]}-{persian[3:9]}-{persian[9]}"

    assert isinstance(_check_in(uow, typed), BallotCard)
    assert _check_in(uow, VOTER, ST_3) == Refused(RefusalReason.ALREADY_VOTED)


def test_a_voter_gets_one_card_per_round_and_is_not_told_where_or_when(uow: NewUnitOfWork) -> None:
    assert isinstance(_check_in(uow, VOTER, ST_1), BallotCard)
    again = _check_in(uow, VOTER, ST_3, now=LATER)

    assert again == Refused(RefusalReason.ALREADY_VOTED)
    # the refusal carries nothing but its reason: no station, no time
    assert (again.must_vote_in, again.of_age_on, again.code_fault, again.also) == (
        None,
        None,
        None,
        (),
    )
    with uow() as work:
        assert work.ledger.count(ROUND_2) == 1


def test_the_same_voter_may_vote_in_another_round(uow: NewUnitOfWork) -> None:
    assert isinstance(_check_in(uow, election=ROUND_1), BallotCard)
    assert isinstance(_check_in(uow, election=ROUND_2), BallotCard)


@pytest.mark.parametrize(
    ("typed", "fault"),
    [
        ("1234567890", CodeFault.WRONG_CHECK_DIGIT),
        ("1111111111", CodeFault.SAME_DIGIT),
        ("12345", CodeFault.TOO_SHORT),
        ("12345678901", CodeFault.TOO_LONG),
        ("12345678x0", CodeFault.NOT_DIGITS),
    ],
)
def test_a_text_that_is_no_national_code_is_refused_with_its_fault(
    uow: NewUnitOfWork, typed: str, fault: CodeFault
) -> None:
    assert _check_in(uow, typed) == Refused(RefusalReason.INVALID_CODE, code_fault=fault)


def test_the_registry_decides_who_may_vote_on_the_day(uow: NewUnitOfWork) -> None:
    young, dead, foreign, both = (national_code(n) for n in (101, 102, 103, 104))
    born = datetime.date(2006, 7, 6)  # 18 the day after the runoff
    people = registry(
        **{
            young: (born, True, True),
            dead: (datetime.date(1950, 1, 1), False, True),
            foreign: (datetime.date(1990, 1, 1), True, False),
            both: (born, False, False),
        }
    )

    assert _check_in(uow, national_code(999), people=people) == Refused(
        RefusalReason.NOT_IN_REGISTRY
    )
    assert _check_in(uow, young, people=people) == Refused(
        RefusalReason.UNDER_AGE, of_age_on=datetime.date(2024, 7, 6)
    )
    assert _check_in(uow, dead, people=people) == Refused(RefusalReason.DEAD)
    assert _check_in(uow, foreign, people=people) == Refused(RefusalReason.NOT_CITIZEN)
    assert _check_in(uow, both, people=people) == Refused(
        RefusalReason.UNDER_AGE,
        (RefusalReason.DEAD, RefusalReason.NOT_CITIZEN),
        of_age_on=datetime.date(2024, 7, 6),
    )
    # 18 on polling day itself is old enough
    on_the_day = registry(**{young: (datetime.date(2006, 7, 5), True, True)})
    assert isinstance(_check_in(uow, young, people=on_the_day), BallotCard)
    with uow() as work:
        assert work.ledger.count(ROUND_2) == 1


def test_a_code_for_no_polling_station_is_refused(uow: NewUnitOfWork) -> None:
    assert _check_in(uow, station="ST-9999") == Refused(RefusalReason.UNKNOWN_STATION)
    assert _check_in(uow, station="IR-08-0801") == Refused(RefusalReason.UNKNOWN_STATION)


def test_a_station_that_votes_in_no_contest_gives_no_card(new_unit_of_work: NewUnitOfWork) -> None:
    load(new_unit_of_work, day("kerman-1403-c", (council(),), datetime.date(2024, 7, 5)))

    card = _check_in(new_unit_of_work, station=ST_1, election="kerman-1403-c")
    assert isinstance(card, BallotCard)
    assert _check_in(new_unit_of_work, national_code(2), ST_3, election="kerman-1403-c") == (
        Refused(RefusalReason.STATION_NOT_IN_CONTEST)
    )


def test_an_unknown_election_is_an_error(uow: NewUnitOfWork) -> None:
    with pytest.raises(ElectionNotFoundError, match="tehran"):
        _check_in(uow, election="tehran-1403")


def test_a_runoff_voter_votes_for_the_majlis_only_where_they_voted_in_round_one(
    uow: NewUnitOfWork,
) -> None:
    assert isinstance(_check_in(uow, VOTER, ST_1, election=ROUND_1), BallotCard)

    elsewhere = _check_in(uow, VOTER, ST_3)
    assert isinstance(elsewhere, BallotCard)
    assert [c.contest for c in elsewhere.contests] == ["president"]
    assert elsewhere.withheld == (Withheld("parliament", RefusalReason.RUNOFF_ELSEWHERE, "P1"),)
    with uow() as work:
        entry = work.ledger.find(ROUND_2, voter_key(SECRET, parse_national_code(VOTER)))
        assert entry is not None
        assert dict(entry.constituencies) == {"president": "IR"}


def test_same_constituency_or_no_first_round_vote_admits_to_the_majlis_runoff(
    uow: NewUnitOfWork,
) -> None:
    first, second = national_code(2), national_code(3)
    assert isinstance(_check_in(uow, first, ST_1, election=ROUND_1), BallotCard)

    same = _check_in(uow, first, ST_2)  # another station of constituency P1
    anywhere = _check_in(uow, second, ST_3)  # did not vote in round 1
    assert isinstance(same, BallotCard)
    assert isinstance(anywhere, BallotCard)
    assert [c.contest for c in same.contests] == ["president", "parliament"]
    assert [c.contest for c in anywhere.contests] == ["president", "parliament"]


def test_a_runoff_voter_with_nothing_to_vote_for_here_is_refused(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    majlis_only = day("kerman-1403-m2", (parliament(True),), datetime.date(2024, 7, 5))
    load(new_unit_of_work, ROUND_1_DAY, majlis_only)
    assert isinstance(_check_in(new_unit_of_work, VOTER, ST_3, election=ROUND_1), BallotCard)

    refused = _check_in(new_unit_of_work, VOTER, ST_1, election="kerman-1403-m2")
    assert refused == Refused(RefusalReason.RUNOFF_ELSEWHERE, must_vote_in="P2")
    with new_unit_of_work() as work:
        assert work.ledger.count("kerman-1403-m2") == 0


def test_check_ins_are_not_events(uow: NewUnitOfWork) -> None:
    before = event_types(uow)
    _check_in(uow)
    _check_in(uow, VOTER, ST_3)
    _check_in(uow, "1234567890")

    assert event_types(uow) == before == ["definition-loaded", "definition-loaded"]


def test_concurrent_check_ins_of_one_voter_give_one_card(uow: NewUnitOfWork) -> None:
    stations = [ST_1, ST_2, ST_3] * 10
    answers: list[BallotCard | Refused] = []
    start = threading.Barrier(len(stations))

    def attempt(station: str) -> None:
        start.wait()
        answers.append(_check_in(uow, VOTER, station))

    threads = [threading.Thread(target=attempt, args=(s,)) for s in stations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    cards = [a for a in answers if isinstance(a, BallotCard)]
    assert len(cards) == 1
    assert answers.count(Refused(RefusalReason.ALREADY_VOTED)) == len(stations) - 1
    with uow() as work:
        assert work.ledger.count(ROUND_2) == 1


# ---- offline check-ins -----------------------------------------------------------------------

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
    assert _check_in(uow, national_code(5), ST_1) == Refused(RefusalReason.ALREADY_VOTED)


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
    assert isinstance(_check_in(uow, VOTER, ST_1), BallotCard)
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
