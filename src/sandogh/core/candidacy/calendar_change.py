"""What a new version of an election's calendar may change, once the first is stored.

`reference/iran-candidacy.md`: the windows are data, set by the Interior Ministry for the whole
country, and the law's stages run on them — the registration closes, the boards decide, the
voters vote on the days the calendar names. A calendar that could be replaced at any time would
let whoever stores it reopen a closed registration, shorten an objection period after the fact or
move polling day while polls are open (review S19, F6). So a new version may change only the
stages that have not yet begun when it is stored: a stage has begun from the start of its first
day (Iran time), and a window that has begun — its days, its closing hour, and for the
registration the conditions applicants were checked against — stays as it is. A changed or added
window must also begin after the day of the change: a change never makes a stage begin in the
past.

The one change to a begun stage: on polling day, while the polls are still open, later closing
hours appended to the polling extensions (2024: to midnight in 2-hour steps; the Interior
Ministry announces each). Polling day itself, the usual close and the extensions already
announced stay.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from sandogh.core.candidacy.calendar import Calendar, Schedule, Stage, Window, polling_window
from sandogh.core.definition.model import Name
from sandogh.core.errors import SandoghError


@dataclass(frozen=True)
class FrozenStage:
    """A stage of `contest` the new version would change though it may not: `window` is the
    stored one when that has begun, else the new one that would begin on or before the day."""

    contest: str
    stage: Stage
    window: Window
    begun: bool  # True: the stored window has begun; False: the new one would begin in the past


class CalendarChangeError(SandoghError):
    """A new version of the calendar changes stages that have begun (or backdates one)."""

    def __init__(
        self,
        election: str,
        day: datetime.date,
        frozen: tuple[FrozenStage, ...],
        names: Mapping[str, Name] | None = None,
    ):
        self.election = election
        self.day = day
        self.frozen = frozen
        self.names = dict(names or {})  # each contest's name, where the definition gives it
        first = frozen[0]
        window = f"{first.window.first.isoformat()} to {first.window.last.isoformat()}"
        why = "it has begun" if first.begun else "the new window would begin by then"
        more = f" (and {len(frozen) - 1} more)" if len(frozen) > 1 else ""
        super().__init__(
            f"the calendar of {election} may not change {first.stage} of {first.contest} on "
            f"{day.isoformat()}: its window is {window}, and {why}{more}"
        )


def frozen_changes(
    stored: Calendar, new: Calendar, day: datetime.date, hour: datetime.time
) -> tuple[FrozenStage, ...]:
    """Every stage `new` changes though it may not, on `day` at `hour` (Iran time)."""
    contests = dict.fromkeys(
        contest for calendar in (stored, new) for s in calendar.schedules for contest in s.contests
    )
    return tuple(
        frozen
        for contest in contests
        for frozen in _frozen(contest, _of(stored, contest), _of(new, contest), day, hour)
    )


def require_change(
    stored: Calendar,
    new: Calendar,
    day: datetime.date,
    hour: datetime.time,
    names: Mapping[str, Name] | None = None,
) -> None:
    """Raise `CalendarChangeError` when `new` may not replace `stored` on `day` at `hour`;
    `names` are the contests' names the refusal says."""
    frozen = frozen_changes(stored, new, day, hour)
    if frozen:
        raise CalendarChangeError(new.election, day, frozen, names)


def _of(calendar: Calendar, contest: str) -> Schedule | None:
    return next((s for s in calendar.schedules if contest in s.contests), None)


def _frozen(
    contest: str,
    before: Schedule | None,
    after: Schedule | None,
    day: datetime.date,
    hour: datetime.time,
) -> Iterator[FrozenStage]:
    for stage in Stage:
        old = None if before is None else before.window(stage)
        new = None if after is None else after.window(stage)
        if _terms(before, stage) == _terms(after, stage):
            continue
        if old is not None and old.first <= day:
            if not _extended_while_open(before, after, stage, day, hour):
                yield FrozenStage(contest, stage, old, begun=True)
        elif new is not None and new.first <= day:
            yield FrozenStage(contest, stage, new, begun=False)


def _terms(schedule: Schedule | None, stage: Stage) -> tuple[object, ...]:
    """What the calendar says of `stage`: its window, and what is read with it."""
    if schedule is None:
        return (None,)
    window = schedule.window(stage)
    if stage is Stage.POLLING:
        return (window, schedule.polls_close, schedule.extensions)
    if stage is Stage.REGISTRATION:
        return (window, schedule.conditions)
    return (window,)


def _extended_while_open(
    before: Schedule | None,
    after: Schedule | None,
    stage: Stage,
    day: datetime.date,
    hour: datetime.time,
) -> bool:
    """Whether `after` only appends later closing hours to `before`'s polling extensions while
    its polls are open on `day` at `hour`."""
    if stage is not Stage.POLLING or before is None or after is None:
        return False
    open_now = polling_window(before)
    return (
        open_now is not None
        and open_now.holds(day, hour)
        and after.window(stage) == before.window(stage)
        and after.polls_close == before.polls_close
        and len(after.extensions) > len(before.extensions)
        and after.extensions[: len(before.extensions)] == before.extensions
    )
