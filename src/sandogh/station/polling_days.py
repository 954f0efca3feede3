"""The days and hours a box may open, as the centre's calendar gave them at enrolment (issue 12,
section 1: the calendar is checked by every stage).

Where the election's calendar is stored, the enrolment document carries, for each contest of the
station's ballot the calendar schedules, its polling window closing at the latest hour the polls
may close (`core.candidacy.calendar.polling_window`: the last extension, else the usual close):
`polling`: `[{"contest", "first", "last", "closes"}]`, dates ISO 8601, `closes` `HH:MM` or null.
The box refuses to open on another day or after that hour by its own clock in Iran's time: it
keeps working offline, so it checks with the days it was given, never by asking. Without the
field (no calendar stored) the box opens as before. The centre checks the zero report's arrival
again (`services.report_days`): an early box is refused there too.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from sandogh.core.candidacy.calendar import OutsideWindowError, Stage, Window
from sandogh.core.definition.problems import Problem
from sandogh.core.readiness.stations import IRAN_TIME
from sandogh.station.errors import StationError

#: The polling window of one contest of the station's ballot.
PollingDay = tuple[str, Window]


class OutsidePollingError(StationError):
    """The box does not open outside polling day and its hours; `refused` names the contest,
    the stage and its window (`locale.candidacy.outside_window_text` says it in Persian)."""

    def __init__(self, refused: OutsideWindowError) -> None:
        self.refused = refused
        super().__init__(
            "the box does not open outside polling day", [Problem("polling", str(refused))]
        )


def read_polling(value: object, problems: list[Problem]) -> tuple[PollingDay, ...]:
    """The `polling` of an enrolment document (absent: none); what is wrong goes into
    `problems`."""
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append(Problem("polling", "must be a list of the contests' polling days"))
        return ()
    days = []
    for i, item in enumerate(value):
        path = f"polling[{i}]"
        try:
            if not isinstance(item, dict) or not isinstance(item.get("contest"), str):
                raise ValueError("must be an object naming its contest")
            closes = item.get("closes")
            window = Window(
                Stage.POLLING,
                datetime.date.fromisoformat(str(item.get("first"))),
                datetime.date.fromisoformat(str(item.get("last"))),
                None if closes is None else datetime.time.fromisoformat(str(closes)),
            )
        except ValueError as error:
            problems.append(Problem(path, str(error)))
            continue
        days.append((str(item["contest"]), window))
    return tuple(days)


def require_polling_day(days: Sequence[PollingDay], now: datetime.datetime) -> None:
    """Raise `OutsidePollingError` unless `now`, in Iran's time, is within every window."""
    local = now.astimezone(IRAN_TIME)
    for contest, window in days:
        if not window.holds(local.date(), local.time()):
            raise OutsidePollingError(
                OutsideWindowError(contest, Stage.POLLING, window, local.date())
            )
