"""A unit's readiness with its stations' rosters, training and hard-to-reach plans taken in.

`core.readiness.summary.assess` counts the staff register; where a station's people are named
(`core.readiness.roster`), its rows of that register are the roster's counts, so the complement
is checked against who is named and trained. Beside the summary's gaps: each person of the
roster not trained (UNTRAINED), each hard-to-reach station without a plan (NO_REMOTE_PLAN) or
whose link was not tested, and passed, before the day (LINK_UNTESTED) (`core.readiness.remote`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sandogh.core.definition.geography import Geography
from sandogh.core.readiness.registers import Registers
from sandogh.core.readiness.remote import PastProblem, RemotePlan, hard_to_reach
from sandogh.core.readiness.roster import Session, Worker, staffing_of, untrained
from sandogh.core.readiness.summary import Gap, Missing, Readiness


@dataclass(frozen=True)
class Preparation:
    """What was prepared for the day beyond the registers: every station's named staff, the
    training sessions and briefings, the hard-to-reach plans, and the past problems."""

    workers: tuple[Worker, ...] = ()
    sessions: tuple[Session, ...] = ()
    plans: tuple[RemotePlan, ...] = ()
    past: tuple[PastProblem, ...] = ()


def with_roster(
    registers: Registers, workers: Sequence[Worker], sessions: Iterable[Session]
) -> Registers:
    """`registers` with the staff rows of every station that has a roster taken from it."""
    rostered = {w.station for w in workers}
    kept = tuple(row for row in registers.staff if row.station not in rostered)
    return replace(registers, staff=kept + staffing_of(workers, sessions))


def prepared(
    geography: Geography, found: Readiness, preparation: Preparation, day: datetime.date
) -> Readiness:
    """`found` (the readiness of a unit) with the gaps of its stations' preparation, its
    hard-to-reach stations, their plans and the past problems of its stations."""
    unit = found.summary.unit
    inside = set(geography.stations_under(unit))
    workers = [w for w in preparation.workers if w.station in inside]
    plans = {p.station: p for p in preparation.plans if p.station in inside}
    remote = hard_to_reach(geography, unit, plans.values())
    left = untrained(workers, preparation.sessions)
    gaps = [Missing(w.station, Gap.UNTRAINED, w.name, ()) for w in left]
    for station in remote:
        plan = plans.get(station)
        if plan is None:
            gaps.append(Missing(station, Gap.NO_REMOTE_PLAN))
        elif not plan.link_ready(day):
            gaps.append(Missing(station, Gap.LINK_UNTESTED))
    # each station's gaps together, in the tree's order; what a county holds stays last
    order = {s: i for i, s in enumerate(geography.stations_under(unit))}
    missing = sorted((*found.missing, *gaps), key=lambda m: order.get(m.place, len(order)))
    return replace(
        found,
        missing=tuple(missing),
        hard_to_reach=tuple(remote),
        plans=tuple(plans[s] for s in remote if s in plans),
        past=tuple(p for p in preparation.past if p.station in inside),
        named=len(workers),
        trained=len(workers) - len(left),
    )
