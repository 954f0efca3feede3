"""What an election's published files are made of, derived from its tally: each
constituency's outcome so far, when each unit's page last changed, and what the boards' voids
took in each unit (`publish.published.Published` holds them between passes)."""

from __future__ import annotations

import datetime

from sandogh.core.supervision import Voided, void_stations
from sandogh.publish.changes import Timeline, later
from sandogh.publish.index import ElectionIndex
from sandogh.services.outcomes import Decided, decide_constituency
from sandogh.services.tallied import Tallied


def decide_all(index: ElectionIndex, tallied: Tallied) -> dict[tuple[str, str], Decided]:
    """Every constituency's outcome so far, by (contest, constituency)."""
    return {
        (contest.id, k.id): decide_constituency(
            tallied, contest, k, index.standing(contest.id, k.id)
        )
        for contest in index.stored.election.contests
        for k in contest.constituencies
    }


def unit_times(timeline: Timeline, tallied: Tallied) -> dict[str, datetime.datetime | None]:
    """When the page of every unit last changed: the timeline's times (`Timeline.unit_times`),
    and each void's time in every unit it may change — its stations and the units above them —
    so that a void rewrites those units' pages alone, kept current or regenerated whole."""
    geography = tallied.geography
    times = timeline.unit_times(geography)
    if len(tallied.voided_at) != len(tallied.voided):
        return times  # the voids' times are not known
    for effect, at in zip(tallied.voided, tallied.voided_at, strict=True):
        stations = void_stations(geography, effect.void)
        for code in {above for s in stations for above in geography.ancestors(s)} | set(stations):
            if code in times:
                times[code] = later(times[code], at)
    return times


def voided_by_contest(tallied: Tallied) -> dict[str, dict[str, Voided]]:
    """What the voids took from each contest in each unit that had anything taken."""
    return {c.id: tallied.voided_by_unit(c.id) for c in tallied.stored.election.contests}
