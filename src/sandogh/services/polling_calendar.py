"""Polling day and hours from the election's stored calendar, for the check-ins at the centre
(issue 12, section 1: the calendar is checked by every stage).

Where a calendar is stored for the election, a check-in whose time is on no polling day of the
calendar, or after the latest close (the last extension, else the usual close), is impossible:
`core.candidacy.calendar.require_polling` refuses it with `OutsideWindowError`. Where none is
stored, nothing changes: the usual hours of `core.station.check_in_bounds` alone apply.

A check-in is the hot path (issue 3 aims at thousands a second), so the parsed calendar is kept
per (election, calendar hash), as `services.days` keeps a definition: each check-in asks the
store only for the stored hash, a one-row lookup, and decodes the calendar once per version. A
calendar stored again (an extension of the hours on polling day) has a new hash and is read anew.
"""

from __future__ import annotations

import datetime
from threading import Lock

from sandogh.core.candidacy.calendar import (
    Calendar,
    OutsideWindowError,
    UnscheduledError,
    require_polling,
)
from sandogh.core.readiness.stations import IRAN_TIME
from sandogh.services.days import Day
from sandogh.services.ports import UnitOfWork

_kept: dict[tuple[str, str], Calendar] = {}
_lock = Lock()


def stored_calendar(work: UnitOfWork, election: str) -> Calendar | None:
    """The election's stored calendar, decoded once per version; None when none is stored."""
    calendar_hash = work.candidacy.calendar_hash(election)
    if calendar_hash is None:
        return None
    key = (election, calendar_hash)
    with _lock:
        kept = _kept.get(key)
    if kept is not None:
        return kept
    stored = work.candidacy.calendar(election)
    if stored is None:
        return None
    with _lock:
        _kept[key] = stored.calendar
    return stored.calendar


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
