"""Hard-to-reach stations (مناطق صعب‌العبور): their plan for the day, and the catalogue of
problems each station had in earlier elections (آسیب‌شناسی).

`reference/seed-facts.md`: about 100 of Kerman's 2,427 stations were in hard-to-reach areas in
2024; "helicopter means had been foreseen but were not needed" (امکانات بالگردی دیده شده بود);
communication links between stations and the centre are part of readiness; an atlas of 2,400
stations was built together with a catalogue of problems of earlier elections. So a station
marked hard to reach in the definition (`StationInfo.hard_to_reach`), or given a plan, is
ready when its plan names its transport and its link to the centre was tested, and passed,
before the day. The plan's `report_grace` is how long after the polls close its final report
may take before it is late (`core.readiness.stations`): never less than the day's grace.

A problem of the catalogue is keyed by the station's code, which stays the same from one
election to the next, so the catalogue carries across elections; each problem names the
election it happened in.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind
from sandogh.core.definition.problems import Problem
from sandogh.core.readiness.roster import TEXT_CHARACTERS
from sandogh.core.report.staff import printable

#: the longest report grace a plan may ask: a day (a station cut off for longer is a case for
#: the supervisors, not a grace)
LONGEST_GRACE = datetime.timedelta(hours=24)


@dataclass(frozen=True)
class RemotePlan:
    """How a hard-to-reach station is reached and linked on the day."""

    station: str
    transport: str  # e.g. «خودروی کمک‌دار، سپس پیاده ۲ ساعت»
    helicopter: bool  # a helicopter on standby
    report_grace: datetime.timedelta
    link_tested: datetime.date | None = None  # the last test of its link to the centre
    link_ok: bool = False  # whether that test passed

    def link_ready(self, day: datetime.date) -> bool:
        """Whether the link was tested, and passed, before `day`."""
        return self.link_ok and self.link_tested is not None and self.link_tested < day


@dataclass(frozen=True)
class PastProblem:
    """A problem a station had in an earlier election, by the station's stable code."""

    station: str
    election: str  # the election it happened in
    number: int  # its order among the station's problems
    note: str


def plan_problems(geography: Geography, plan: RemotePlan, day: datetime.date) -> list[Problem]:
    """What is wrong with `plan` for an election held on `day`."""
    problems = []
    station = plan.station
    if station not in geography or geography.kind(station) is not UnitKind.STATION:
        problems.append(Problem("station", f"{station} is not a polling station"))
    problems += _text("transport", plan.transport)
    if not datetime.timedelta() <= plan.report_grace <= LONGEST_GRACE:
        problems.append(Problem("report_grace", f"is not between 0 and {LONGEST_GRACE}"))
    if plan.link_tested is None and plan.link_ok:
        problems.append(Problem("link_ok", "a link passed a test that has no date"))
    if plan.link_tested is not None and plan.link_tested > day:
        problems.append(Problem("link_tested", f"{plan.link_tested} is after the day, {day}"))
    return problems


def past_problems(problem: PastProblem) -> list[Problem]:
    """What is wrong with a problem for the catalogue."""
    problems = _text("note", problem.note, characters=2000)
    if not problem.station.strip():
        problems.append(Problem("station", "is empty"))
    if not problem.election.strip():
        problems.append(Problem("election", "is empty"))
    return problems


def _text(name: str, text: str, *, characters: int = TEXT_CHARACTERS) -> list[Problem]:
    if not text.strip():
        return [Problem(name, "is empty")]
    if len(text) > characters or not printable(text.replace("\n", " ")):
        return [Problem(name, f"is longer than {characters} or holds a control character")]
    return []


def hard_to_reach(geography: Geography, unit: str, plans: Iterable[RemotePlan]) -> list[str]:
    """The stations under `unit` marked hard to reach or given a plan, in the tree's order."""
    planned = {p.station for p in plans}
    return [s for s in geography.stations_under(unit) if s in planned or _marked(geography, s)]


def _marked(geography: Geography, station: str) -> bool:
    info = geography.unit(station).station
    return info is not None and info.hard_to_reach


def report_graces(
    plans: Iterable[RemotePlan], usual: datetime.timedelta
) -> Mapping[str, datetime.timedelta]:
    """Each planned station's grace for its final report: its plan's, or the day's if longer."""
    return {p.station: max(p.report_grace, usual) for p in plans}
