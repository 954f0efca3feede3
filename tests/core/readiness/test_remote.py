"""Hard-to-reach stations: their plan checked, a longer grace to report, and the catalogue of
past problems."""

from __future__ import annotations

import datetime

from sandogh.core.definition.geography import Geography
from sandogh.core.definition.problems import Problem
from sandogh.core.readiness import (
    DayHours,
    PastProblem,
    RemotePlan,
    StationState,
    StationStatus,
    past_problems,
    plan_problems,
    report_graces,
    station_statuses,
)
from tests.core.readiness.kerman import DAY, ELECTION_DAY, KERMAN, STATIONS

GEOGRAPHY = Geography.of(ELECTION_DAY)
HOURS = DayHours.of(DAY)
PLAN = RemotePlan(
    STATIONS[4],
    "خودروی کمک‌دار و دو ساعت پیاده",
    True,
    datetime.timedelta(hours=8),
    DAY - datetime.timedelta(days=2),
    True,
)


def test_a_plans_longer_grace_keeps_its_station_from_being_late_where_others_are() -> None:
    four_hours_after = HOURS.closes + datetime.timedelta(hours=4)
    opened = dict.fromkeys(STATIONS, HOURS.opens)
    graces = report_graces([PLAN], HOURS.report_grace)
    found = station_statuses(STATIONS, opened, {}, HOURS, four_hours_after, report_graces=graces)
    assert found[STATIONS[0]] == StationStatus(StationState.CLOSED, late=True)
    assert found[PLAN.station] == StationStatus(StationState.CLOSED, late=False)
    nine = HOURS.closes + datetime.timedelta(hours=9)
    later = station_statuses(STATIONS, opened, {}, HOURS, nine, report_graces=graces)
    assert later[PLAN.station].late


def test_a_plan_never_shortens_the_days_grace() -> None:
    short = RemotePlan(STATIONS[0], "x", False, datetime.timedelta(minutes=10))
    assert report_graces([short], HOURS.report_grace) == {STATIONS[0]: HOURS.report_grace}


def test_a_link_counts_only_when_tested_and_passed_before_the_day() -> None:
    assert PLAN.link_ready(DAY)
    assert not RemotePlan(PLAN.station, "x", False, PLAN.report_grace, DAY, True).link_ready(DAY)
    assert not RemotePlan(PLAN.station, "x", False, PLAN.report_grace, PLAN.link_tested).link_ready(
        DAY
    )


def test_a_bad_plan_is_refused_on_every_count() -> None:
    bad = RemotePlan(
        KERMAN, " ", False, datetime.timedelta(days=2), DAY + datetime.timedelta(days=1), True
    )
    assert plan_problems(GEOGRAPHY, bad, DAY) == [
        Problem("station", f"{KERMAN} is not a polling station"),
        Problem("transport", "is empty"),
        Problem("report_grace", "is not between 0 and 1 day, 0:00:00"),
        Problem("link_tested", f"{bad.link_tested} is after the day, {DAY}"),
    ]
    assert plan_problems(GEOGRAPHY, PLAN, DAY) == []


def test_a_past_problem_names_its_station_election_and_what_happened() -> None:
    assert past_problems(PastProblem(STATIONS[0], "1402-majlis", 1, "قطعی برق")) == []
    assert past_problems(PastProblem(" ", "", 1, "")) == [
        Problem("note", "is empty"),
        Problem("station", "is empty"),
        Problem("election", "is empty"),
    ]
