"""Check-ins in batches, one transaction each, on the in-memory fake, SQLite and PostgreSQL:
every answer, ledger row and incident what the same check-ins one at a time give."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from fractions import Fraction

from sandogh.core.readiness import PaperStock, Registers
from sandogh.core.station.check_in_bounds import USUAL_LIMITS, CheckInLimits, Impossible
from sandogh.core.voters import CodeFault
from sandogh.core.voters.ledger_key import voter_key
from sandogh.core.voters.ledger_time import check_in_hour
from sandogh.core.voters.national_code import parse_national_code
from sandogh.services.check_in_batches import CheckInOutcome, check_in_many
from sandogh.services.check_in_rules import (
    DeviceRefusal,
    DeviceRefusedError,
    ImpossibleCheckInError,
    RefusalReason,
    Refused,
)
from sandogh.services.checkin import Asked, BallotCard, Checker
from sandogh.services.ports import IncidentKind, UnitOfWork

from .build import (
    NOW,
    PEOPLE,
    ROUND_2,
    SECRET,
    ST_1,
    ST_2,
    ST_3,
    box,
    enrolled_box,
    event_types,
    national_code,
    tokens,
)

NewUnitOfWork = Callable[[], UnitOfWork]
NOON = NOW + datetime.timedelta(hours=4)


def _asked(
    uow: NewUnitOfWork, *voters: tuple[str, int | str], device: str | None = None
) -> list[Asked]:
    """Each (station, voter's number or code) asked for by the station's box (or `device`)."""
    return [
        Asked(
            ROUND_2,
            station,
            enrolled_box(uow, ROUND_2, station) if device is None else device,
            national_code(who) if isinstance(who, int) else who,
            NOON,
        )
        for station, who in voters
    ]


def _batch(
    uow: NewUnitOfWork, asked: Sequence[Asked], limits: CheckInLimits = USUAL_LIMITS
) -> list[CheckInOutcome]:
    return check_in_many(uow, asked, Checker(PEOPLE, SECRET, tokens(), limits))


def _papers(uow: NewUnitOfWork, station: str, papers: int) -> None:
    with uow() as work:
        stock = PaperStock(station, papers, papers, 0)
        work.readiness.write(ROUND_2, remove=Registers(), add=Registers(papers=(stock,)))
        work.commit()


def test_a_batch_answers_each_voter_as_alone_and_writes_the_hour_only(uow: NewUnitOfWork) -> None:
    asked = _asked(
        uow, (ST_1, 1), (ST_3, 2), (ST_1, 3), (ST_3, 1), (ST_1, "1234567890"), (ST_1, 99)
    )

    logged = event_types(uow)
    answers = _batch(uow, asked)

    assert [type(a) for a in answers[:3]] == [BallotCard] * 3
    assert [a.token for a in answers[:3] if isinstance(a, BallotCard)] == [
        "token-1",
        "token-2",
        "token-3",
    ]
    assert answers[3:] == [
        Refused(RefusalReason.ALREADY_VOTED),  # the batch's own first voter, at another station
        Refused(RefusalReason.INVALID_CODE, code_fault=CodeFault.WRONG_CHECK_DIGIT),
        Refused(RefusalReason.NOT_IN_REGISTRY),
    ]
    with uow() as work:
        assert work.ledger.counts_by_station(ROUND_2) == {ST_1: 2, ST_3: 1}
        for n, station in ((1, ST_1), (2, ST_3), (3, ST_1)):
            entry = work.ledger.find(
                ROUND_2, voter_key(SECRET, parse_national_code(national_code(n)))
            )
            assert entry is not None
            # the whole hour of Tehran's clock, as alone: nothing that orders the batch's voters
            assert (entry.station, entry.at, entry.provisional, entry.offline_tag) == (
                station,
                check_in_hour(NOON),
                False,
                None,
            )
        assert work.incidents.all(ROUND_2) == []
    assert event_types(uow) == logged  # a check-in is no event: the ledger is its record


def test_a_batch_past_a_stations_papers_is_taken_again_one_by_one(uow: NewUnitOfWork) -> None:
    _papers(uow, ST_3, 2)
    asked = _asked(uow, (ST_3, 1), (ST_1, 2), (ST_3, 3), (ST_3, 4), (ST_3, 5))

    answers = _batch(uow, asked)

    assert [type(a) for a in answers[:3]] == [BallotCard] * 3
    # each past the papers refused as alone, once the batch was rolled back and taken again
    said = [(a.reason, str(a.problem)) for a in answers if isinstance(a, ImpossibleCheckInError)]
    assert (
        said
        == [(Impossible.OVER_CAPACITY, "station: check-in 3 of a station with 2 ballot papers")] * 2
    )
    with uow() as work:
        assert work.ledger.counts_by_station(ROUND_2) == {ST_1: 1, ST_3: 2}


def test_a_box_that_does_not_serve_the_station_refuses_only_its_own(uow: NewUnitOfWork) -> None:
    wrong = enrolled_box(uow, ROUND_2, ST_2)  # ST_2's box, asking for ST_1's voter
    asked = [
        *_asked(uow, (ST_1, 1)),
        *_asked(uow, (ST_1, 2), device=wrong),
        *_asked(uow, (ST_1, 3), device=box("nowhere")),
        *_asked(uow, (ST_3, 4)),
    ]

    answers = _batch(uow, asked)

    assert isinstance(answers[0], BallotCard)
    assert isinstance(answers[3], BallotCard)
    refusals = [a.reason for a in answers[1:3] if isinstance(a, DeviceRefusedError)]
    assert refusals == [DeviceRefusal.WRONG_STATION, DeviceRefusal.UNKNOWN_DEVICE]
    with uow() as work:
        assert work.ledger.counts_by_station(ROUND_2) == {ST_1: 1, ST_3: 1}


def test_the_voter_who_takes_a_station_past_the_turnout_set_raises_it_once(
    uow: NewUnitOfWork,
) -> None:
    limits = CheckInLimits(high_turnout=Fraction(1, 950))  # past 1 of ST_3's 950 voters
    first = _batch(uow, _asked(uow, (ST_3, 1)), limits)
    later = _batch(uow, _asked(uow, (ST_3, 2), (ST_3, 3), (ST_1, 4)), limits)

    assert all(isinstance(a, BallotCard) for a in [*first, *later])
    with uow() as work:
        (incident,) = work.incidents.all(ROUND_2)
    # the voter who crossed it is named by the count, as alone (tests/services/test_check_in_bounds)
    assert (incident.kind, dict(incident.details)) == (
        IncidentKind.HIGH_TURNOUT,
        {"check_ins": "2", "eligible_voters": "950", "share": "1/950"},
    )
