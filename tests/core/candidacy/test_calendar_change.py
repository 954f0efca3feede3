"""What a new version of the calendar may change (`core.candidacy.calendar_change`, review S19
F6): only stages not yet begun, never backdated; on polling day only later closing hours while
the polls are open."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from sandogh.core.candidacy.calendar import Calendar, Stage, Window
from sandogh.core.candidacy.calendar_change import CalendarChangeError, require_change

from .steps import majlis_schedule

D = datetime.date
POLLING = D(2024, 3, 1)


def _calendar(*extensions: int, **windows: tuple[D, D]) -> Calendar:
    schedule = dataclasses.replace(
        majlis_schedule(),
        polls_close=datetime.time(18),
        extensions=tuple(datetime.time(h) for h in extensions),
    )
    changed = tuple(
        Window(w.stage, *windows[w.stage.name], w.closes) if w.stage.name in windows else w
        for w in schedule.windows
    )
    return Calendar("majlis-1402", (dataclasses.replace(schedule, windows=changed),))


def _refused(new: Calendar, day: D, hour: int = 10, stored: Calendar | None = None) -> str:
    with pytest.raises(CalendarChangeError) as refused:
        require_change(stored or _calendar(), new, day, datetime.time(hour))
    return str(refused.value)


def test_polling_day_is_not_moved_on_the_day() -> None:
    moved = _calendar(
        POLLING=(D(2024, 3, 2), D(2024, 3, 2)), RESULTS=(D(2024, 3, 3), D(2024, 3, 4))
    )
    said = _refused(moved, POLLING, 11)
    assert "may not change polling of majlis on 2024-03-01" in said
    assert "its window is 2024-03-01 to 2024-03-01, and it has begun" in said


def test_a_closed_registration_is_not_reopened() -> None:
    reopened = _calendar(REGISTRATION=(D(2023, 10, 19), D(2023, 11, 30)))
    said = _refused(reopened, D(2023, 12, 1))
    assert "registration of majlis" in said
    assert "2023-10-19 to 2023-10-25" in said


def test_a_stage_not_begun_changes_but_never_into_the_past() -> None:
    later = _calendar(
        POLLING=(D(2024, 3, 8), D(2024, 3, 8)), RESULTS=(D(2024, 3, 9), D(2024, 3, 9))
    )
    require_change(_calendar(), later, D(2024, 2, 1), datetime.time(10))
    backdated = _calendar(COMPLAINTS=(D(2024, 2, 1), D(2024, 3, 11)))
    assert "would begin by then" in _refused(backdated, D(2024, 2, 1))


def test_the_polls_are_extended_on_the_day_while_open_only() -> None:
    require_change(_calendar(), _calendar(20), POLLING, datetime.time(17))
    require_change(_calendar(20), _calendar(20, 22), POLLING, datetime.time(19))
    assert "polling of majlis" in _refused(_calendar(20), POLLING, 19, stored=_calendar(20, 22))
    # the polls closed at 18:00: an extension now would reopen them
    assert "it has begun" in _refused(_calendar(20), POLLING, 18)
    assert "it has begun" in _refused(_calendar(20), D(2024, 3, 2), 10)


def test_every_frozen_stage_is_named() -> None:
    both = _calendar(
        REGISTRATION=(D(2023, 10, 19), D(2023, 11, 30)), POLLING=(D(2024, 3, 2), D(2024, 3, 2))
    )
    with pytest.raises(CalendarChangeError) as refused:
        require_change(_calendar(), both, POLLING, datetime.time(9))
    assert [f.stage for f in refused.value.frozen] == [Stage.REGISTRATION, Stage.POLLING]
    assert "(and 1 more)" in str(refused.value)
