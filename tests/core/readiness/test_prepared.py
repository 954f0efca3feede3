"""A unit's readiness with its stations' rosters, training and hard-to-reach plans taken in."""

from __future__ import annotations

import dataclasses
import datetime

from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import ReportingUnit
from sandogh.core.readiness import (
    Gap,
    Missing,
    PastProblem,
    Preparation,
    RemotePlan,
    Session,
    SessionKind,
    StaffRole,
    StationState,
    StationStatus,
    Worker,
    assess,
    prepared,
    with_roster,
)
from tests.core.readiness.kerman import (
    BARDSIR,
    DAY,
    ELECTION_DAY,
    KERMAN,
    STATIONS,
    key,
    registers,
)

HARD, PLANNED = STATIONS[4], STATIONS[3]
ENROLLED = {key(s): s for s in STATIONS}
READY = {s: StationStatus(StationState.NOT_OPEN) for s in STATIONS}


def _geography() -> Geography:
    """Kerman's slice with Bardsir's second station marked hard to reach."""

    def marked(unit: ReportingUnit) -> ReportingUnit:
        if unit.code != HARD or unit.station is None:
            return unit
        return dataclasses.replace(
            unit, station=dataclasses.replace(unit.station, hard_to_reach=True)
        )

    return Geography.of(
        dataclasses.replace(ELECTION_DAY, units=tuple(map(marked, ELECTION_DAY.units)))
    )


GEOGRAPHY = _geography()
STATION = STATIONS[0]
ROSTER = (
    Worker(STATION, "p1", "مریم احمدی", StaffRole.HEAD),
    Worker(STATION, "p2", "علی رضایی", StaffRole.SECRETARY),
    Worker(STATION, "p3", "زهرا کریمی", StaffRole.MEMBER),
)
TRAINED = Session(1, SessionKind.TRAINING, DAY, "کرمان", "آموزش", ("p1", "p2"))


def test_a_rostered_station_is_counted_by_its_roster_and_its_untrained_named() -> None:
    preparation = Preparation(ROSTER, (TRAINED,))
    staffed = with_roster(registers(), ROSTER, [TRAINED])
    found = assess(GEOGRAPHY, staffed, KERMAN, enrolled=ENROLLED, statuses=READY)
    found = prepared(GEOGRAPHY, found, preparation, DAY)
    mine = [m for m in found.missing if m.place == STATION]
    assert Missing(STATION, Gap.UNTRAINED, "زهرا کریمی") in mine
    assert (found.named, found.trained) == (3, 2)
    short = {m.subject for m in mine if m.gap is Gap.STAFF_SHORT}
    assert short == {"member", "governor-rep", "system-user"}
    assert found.summary.stations_short_of_staff == 1  # the other stations' register is full


def test_hard_to_reach_stations_need_a_plan_and_a_tested_link_and_bring_their_past() -> None:
    untested = RemotePlan(PLANNED, "قایق", False, datetime.timedelta(hours=6))
    past = (
        PastProblem(HARD, "1402-majlis", 1, "قطع ارتباط ماهواره‌ای"),
        PastProblem("ST-9999-0001", "1402-majlis", 1, "elsewhere"),
    )
    found = assess(GEOGRAPHY, registers(), BARDSIR, enrolled=ENROLLED, statuses=READY)
    found = prepared(GEOGRAPHY, found, Preparation(plans=(untested,), past=past), DAY)
    assert found.hard_to_reach == (PLANNED, HARD)
    assert found.plans == (untested,)
    assert found.past == past[:1]
    assert Missing(HARD, Gap.NO_REMOTE_PLAN) in found.missing
    assert Missing(PLANNED, Gap.LINK_UNTESTED) in found.missing
