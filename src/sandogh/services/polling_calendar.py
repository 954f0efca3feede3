"""Polling day and hours from the election's stored calendar, for the check-ins at the centre
(issue 12, section 1: the calendar is checked by every stage).

Where a calendar is stored for the election, a check-in whose time is on no polling day of the
calendar, or after the latest close (the last extension, else the usual close), is impossible:
`core.candidacy.calendar.require_polling` refuses it with `OutsideWindowError`. Where none is
stored, nothing changes: the usual hours of `core.station.check_in_bounds` alone apply.

A check-in is the hot path (issue 3 aims at thousands a second), so it reads no more of the
calendar than of the definition: the one read a check-in makes of the election
(`CandidacyRepository.versions`) gives the stored definition hash and the stored calendar hash
together, and the decoded day and calendar are kept per hash in this process (`services.days`
keeps the day). A hash names one version forever, so what is kept is never stale; and since the
hash is read in the check-in's own transaction, a calendar stored again — an extension of the
hours on polling day, by whichever server process — holds for the very next check-in on every
process. A cache without that read (a time to live, or invalidation by the process that stored
it) would let other processes refuse voters inside an extension or admit them after the close.
"""

from __future__ import annotations

import datetime
from collections import OrderedDict
from threading import Lock

from sandogh.core.candidacy.calendar import (
    Calendar,
    OutsideWindowError,
    Stage,
    UnscheduledError,
    require_polling,
)
from sandogh.core.readiness.stations import IRAN_TIME
from sandogh.services.days import Day, day_at
from sandogh.services.errors import ElectionNotFoundError
from sandogh.services.ports import UnitOfWork

_KEPT = 16  # calendars held at once: a few versions (extensions) of one or two days
_kept: OrderedDict[tuple[str, str], Calendar] = OrderedDict()
_lock = Lock()


def polling_day(work: UnitOfWork, election: str) -> tuple[Day, Calendar | None]:
    """The stored election day and its stored calendar (None when none is), from one read of
    their hashes in `work`; `ElectionNotFoundError` when the election is not stored."""
    versions = work.candidacy.versions(election)
    if versions is None:
        raise ElectionNotFoundError(election, work.elections.ids())
    definition_hash, calendar_hash = versions
    day = day_at(work, election, definition_hash)
    return day, None if calendar_hash is None else _calendar(work, election, calendar_hash)


def stored_calendar(work: UnitOfWork, election: str) -> Calendar | None:
    """The election's stored calendar, decoded once per version; None when none is stored."""
    versions = work.candidacy.versions(election)
    if versions is None or versions[1] is None:
        return None
    return _calendar(work, election, versions[1])


def _calendar(work: UnitOfWork, election: str, calendar_hash: str) -> Calendar | None:
    key = (election, calendar_hash)
    with _lock:
        kept = _kept.get(key)
        if kept is not None:
            _kept.move_to_end(key)
            return kept
    stored = work.candidacy.calendar(election)
    if stored is None:
        return None
    with _lock:
        _kept[(election, stored.hash)] = stored.calendar
        while len(_kept) > _KEPT:
            _kept.popitem(last=False)
    return stored.calendar


def last_polling_day(work: UnitOfWork, day: Day, station: str | None) -> datetime.date:
    """The last day `station` polls, after which nothing is prepared for it (its boxes shipped,
    received or installed, its staff named: reviews S19 F13, S20 F8 and F14): the last polling
    day of the contests on its ballot the stored calendar schedules, else the definition's
    polling date — every definition has one, so with no calendar stored (or for a box no station
    is assigned) the day still ends preparation."""
    calendar = stored_calendar(work, day.election.id)
    days = []
    if calendar is not None and station is not None:
        for contest in day.ballot(station):
            try:
                window = calendar.of(contest.contest).window(Stage.POLLING)
            except UnscheduledError:
                continue
            if window is not None:
                days.append(window.last)
    return max(days, default=day.election.date)


def polling_refusal(
    calendar: Calendar | None, day: Day, station: str, at: datetime.datetime
) -> OutsideWindowError | None:
    """Why a check-in at `station` at `at` falls outside the calendar's polling day and hours,
    for the first contest of its ballot the calendar schedules; None when within, or when no
    calendar is stored."""
    if calendar is None:
        return None
    local = at.astimezone(IRAN_TIME)
    for contest in day.ballot(station):
        try:
            schedule = calendar.of(contest.contest)
        except UnscheduledError:  # a contest the calendar leaves out keeps the usual hours
            continue
        try:
            require_polling(schedule, contest.contest, local.date(), local.time())
        except OutsideWindowError as refused:
            return refused
    return None
