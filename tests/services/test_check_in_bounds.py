"""Bounds on what a station syncs, on the in-memory fake, SQLite and PostgreSQL (issue 9, §4).

Each attack once worked: a box synced 2,000 voters for a 400-paper station, check-ins dated 1900,
after the station's final report and years after the day, and the centre stored them all.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from fractions import Fraction

import pytest

from sandogh.core.readiness import PaperStock, Registers
from sandogh.core.station.check_in_bounds import USUAL_LIMITS, CheckInLimits, Impossible
from sandogh.services.check_in_rules import ImpossibleCheckInError
from sandogh.services.checkin import BallotCard, check_in
from sandogh.services.ingest import ingest_report
from sandogh.services.ports import IncidentKind, UnitOfWork
from sandogh.services.sync import (
    ImpossibleCheckInsError,
    OfflineCheckIn,
    Synced,
    sync_provisional,
)

from .build import (
    DEVICE_3,
    IRST,
    LATER,
    PEOPLE,
    ROUND_2,
    ROUND_2_DAY,
    SECRET,
    ST_3,
    check_in_voter,
    enrol,
    enrolled_box,
    final,
    national_code,
    open_station,
    signed,
)

NewUnitOfWork = Callable[[], UnitOfWork]

NOON = datetime.datetime(2024, 7, 5, 12, 0, tzinfo=IRST)


def _sync(
    uow: NewUnitOfWork,
    entries: list[OfflineCheckIn],
    limits: CheckInLimits = USUAL_LIMITS,
) -> Synced:
    return sync_provisional(
        uow,
        election_id=ROUND_2,
        station=ST_3,
        entries=entries,
        registry=PEOPLE,
        ledger_secret=SECRET,
        now=LATER,
        limits=limits,
    )


def _refused(uow: NewUnitOfWork, entries: list[OfflineCheckIn]) -> ImpossibleCheckInsError:
    with uow() as work:
        incidents = work.incidents.all(ROUND_2)
    with pytest.raises(ImpossibleCheckInsError) as refused:
        _sync(uow, entries)
    with uow() as work:  # nothing of the batch was taken, nor any incident raised
        assert work.ledger.count(ROUND_2, ST_3) == 0
        assert work.incidents.all(ROUND_2) == incidents
    return refused.value


def _spaced(
    count: int, start: datetime.datetime = NOON, seconds: int = 30, first: int = 1
) -> list[OfflineCheckIn]:
    """`count` voters from the `first`-th, checked in `seconds` apart from `start`."""
    step = datetime.timedelta(seconds=seconds)
    return [OfflineCheckIn(national_code(first + n), start + n * step) for n in range(count)]


def test_2000_voters_for_a_station_of_400_ballot_papers_are_refused(uow: NewUnitOfWork) -> None:
    with uow() as work:
        work.readiness.write(
            ROUND_2, remove=Registers(), add=Registers(papers=(PaperStock(ST_3, 400, 400, 0),))
        )
        work.commit()

    refused = _refused(uow, _spaced(2_000, seconds=10))

    assert refused.impossible == tuple((i, Impossible.OVER_CAPACITY) for i in range(400, 2_000))
    assert (
        str(refused.problems[0]) == "entries[400]: check-in 401 of a station with 400 ballot papers"
    )
    assert "1600 offline check-in(s) of station ST-0802-0001 refused, none was taken" in str(
        refused
    )


def test_without_a_papers_row_the_eligible_voters_bound_the_station(uow: NewUnitOfWork) -> None:
    # 950 eligible voters (tests/services/build.py) × 11/10 papers each = 1,045
    refused = _refused(uow, _spaced(1_046, seconds=10))

    assert refused.impossible == ((1_045, Impossible.OVER_CAPACITY),)


@pytest.mark.parametrize(
    ("at", "reason", "words"),
    [
        (
            datetime.datetime(1900, 1, 1, 9, 0, tzinfo=IRST),
            Impossible.BEFORE_OPENING,
            "1900-01-01T09:00:00+03:30 is before the polls open (2024-07-05T08:00:00+03:30)",
        ),
        (
            datetime.datetime(2024, 7, 5, 7, 40, tzinfo=IRST),
            Impossible.BEFORE_OPENING,
            "2024-07-05T07:40:00+03:30 is before the polls open",
        ),
        (
            datetime.datetime(2028, 7, 5, 12, 0, tzinfo=IRST),
            Impossible.AFTER_CLOSING,
            "2028-07-05T12:00:00+03:30 is after the latest the polls can close "
            "(2024-07-06T00:00:00+03:30)",
        ),
    ],
)
def test_a_time_outside_the_day_is_refused_naming_the_entry(
    uow: NewUnitOfWork, at: datetime.datetime, reason: Impossible, words: str
) -> None:
    refused = _refused(
        uow, [OfflineCheckIn(national_code(1), NOON), OfflineCheckIn(national_code(2), at)]
    )

    assert refused.impossible == ((1, reason),)
    assert str(refused.problems[0]).startswith(f"entries[1].at: {words}")


def test_a_check_in_after_the_final_report_is_refused(uow: NewUnitOfWork) -> None:
    reported = datetime.datetime(2024, 7, 5, 19, 0, tzinfo=IRST)
    enrol(uow, ST_3, DEVICE_3)
    open_station(uow, ROUND_2_DAY, ST_3, DEVICE_3)
    report = final(ROUND_2_DAY, ST_3, DEVICE_3, {"president": [("25",)], "parliament": [("41",)]})
    ingest_report(uow, signed=signed(report, DEVICE_3), now=reported)
    after = reported + datetime.timedelta(minutes=5)

    refused = _refused(
        uow, [OfflineCheckIn(national_code(1), NOON), OfflineCheckIn(national_code(2), after)]
    )

    assert refused.impossible == ((1, Impossible.AFTER_FINAL_REPORT),)
    assert "is after the station's final report (2024-07-05T19:00:00+03:30)" in str(refused)


def test_no_voter_is_checked_in_online_after_the_final_report(uow: NewUnitOfWork) -> None:
    assert isinstance(check_in_voter(uow, national_code(1), ST_3), BallotCard)
    enrol(uow, ST_3, DEVICE_3)
    open_station(uow, ROUND_2_DAY, ST_3, DEVICE_3)
    report = final(ROUND_2_DAY, ST_3, DEVICE_3, {"president": [("25",)], "parliament": [("41",)]})
    ingest_report(uow, signed=signed(report, DEVICE_3), now=LATER)

    with pytest.raises(ImpossibleCheckInError, match="the final report of ST-0802-0001 was") as no:
        check_in_voter(uow, national_code(2), ST_3, now=LATER + datetime.timedelta(minutes=1))
    assert no.value.reason is Impossible.AFTER_FINAL_REPORT
    with uow() as work:
        assert work.ledger.count(ROUND_2, ST_3) == 1


def test_no_voter_is_checked_in_online_past_the_stations_ballot_papers(uow: NewUnitOfWork) -> None:
    with uow() as work:
        work.readiness.write(
            ROUND_2, remove=Registers(), add=Registers(papers=(PaperStock(ST_3, 2, 2, 0),))
        )
        work.commit()
    assert isinstance(check_in_voter(uow, national_code(1), ST_3), BallotCard)
    assert isinstance(check_in_voter(uow, national_code(2), ST_3), BallotCard)

    with pytest.raises(ImpossibleCheckInError) as no:
        check_in_voter(uow, national_code(3), ST_3)

    assert (no.value.reason, str(no.value.problem)) == (
        Impossible.OVER_CAPACITY,
        "station: check-in 3 of a station with 2 ballot papers",
    )
    with uow() as work:
        assert work.ledger.count(ROUND_2, ST_3) == 2
        # what a group of check-ins reads of its stations at once (`services.check_in_batches`)
        assert work.readiness.papers_of(ROUND_2, [ST_3, "no-such-station"]) == {
            ST_3: PaperStock(ST_3, 2, 2, 0)
        }
        assert work.readiness.papers_of(ROUND_2, []) == {}


def test_the_voter_who_takes_a_station_past_the_turnout_set_raises_it_once(
    uow: NewUnitOfWork,
) -> None:
    limits = CheckInLimits(high_turnout=Fraction(1, 950))  # past 1 of ST_3's 950 voters

    def voter(n: int) -> object:
        return check_in(
            uow,
            election_id=ROUND_2,
            station=ST_3,
            device=enrolled_box(uow, ROUND_2, ST_3),
            national_code=national_code(n),
            registry=PEOPLE,
            ledger_secret=SECRET,
            now=NOON,
            new_token=lambda: "token",
            limits=limits,
        )

    for n in (1, 2, 3):
        assert isinstance(voter(n), BallotCard)
    with uow() as work:
        (incident,) = work.incidents.all(ROUND_2)
    assert (incident.kind, dict(incident.details)) == (
        IncidentKind.HIGH_TURNOUT,
        {"check_ins": "2", "eligible_voters": "950", "share": "1/950"},
    )


def test_an_honest_day_raises_nothing(uow: NewUnitOfWork) -> None:
    synced = _sync(uow, _spaced(30))

    assert (synced.recorded, synced.implausible) == (30, ())


def test_check_ins_within_an_extension_are_taken_and_raised(uow: NewUnitOfWork) -> None:
    late = datetime.datetime(2024, 7, 5, 22, 0, tzinfo=IRST)

    synced = _sync(uow, [*_spaced(2), *_spaced(2, start=late, first=3)])

    assert synced.recorded == 4
    (incident,) = synced.implausible
    assert incident.kind is IncidentKind.CHECK_INS_OUTSIDE_HOURS
    assert dict(incident.details) == {
        "check_ins": "2",
        "first": "2024-07-05T18:30:00+00:00",
        "last": "2024-07-05T18:30:30+00:00",
        "opens": "2024-07-05T04:30:00+00:00",
        "closes": "2024-07-05T14:30:00+00:00",
    }
    with uow() as work:
        assert [i.kind for i in work.incidents.all(ROUND_2)] == [incident.kind]
        (event,) = [e.event for e in work.events.entries() if e.event.type == "incident-opened"]
        assert (event.place, event.details["kind"]) == (ST_3, "check-ins-outside-hours")


def test_a_burst_faster_than_a_box_serves_voters_is_raised(uow: NewUnitOfWork) -> None:
    hour = NOON + datetime.timedelta(hours=1)
    entries = [*_spaced(5), *_spaced(12, start=hour, seconds=1, first=6)]

    synced = _sync(uow, entries)

    (incident,) = synced.implausible
    assert incident.kind is IncidentKind.CHECK_IN_BURST
    assert dict(incident.details) == {
        "check_ins": "12",
        "first": "2024-07-05T09:30:00+00:00",
        "last": "2024-07-05T09:30:11+00:00",
        "fastest_seconds": "3",
    }


def test_a_turnout_past_the_share_set_is_raised_once(uow: NewUnitOfWork) -> None:
    limits = CheckInLimits(high_turnout=Fraction(2, 950))  # past 2 of ST_3's 950 voters: 1/475
    first = _sync(uow, _spaced(2), limits)
    second = _sync(uow, _spaced(1, start=NOON + datetime.timedelta(hours=1), first=3), limits)
    third = _sync(uow, _spaced(1, start=NOON + datetime.timedelta(hours=2), first=4), limits)

    assert first.implausible == ()
    (incident,) = second.implausible
    assert incident.kind is IncidentKind.HIGH_TURNOUT
    assert dict(incident.details) == {"check_ins": "3", "eligible_voters": "950", "share": "1/475"}
    assert third.implausible == ()
