"""The election calendar: the stages before, on and after polling day, per kind of election.

`reference/iran-candidacy.md` (its design rule): every window is a property of a contest, never a
constant in code, because governments and Parliament change them often (the 1402 Majlis rewrite,
the Guardian Council's 20 → 30 days of Art. 52 Note 4). So the days are data: a calendar names,
per kind of election and round, each stage's first and last day (and, for a stage that closes at
an hour — the campaign ends at 08:00, 24 hours before polls open (Art. 66 presidential, Art. 70
Majlis) —, that hour on its last day). The stages come in the order of the law (§2.1, §3, §4, §5
of the reference): registration, inquiries (استعلام), executive-board review, supervisory-board
review, objections, the review of the objections, the final list, the campaign, the silence day,
polling (with its extensions, 2024: to midnight in 2-hour steps), the results, the complaints.

A stage may follow the one before only once that one has closed: its first day is after the last
day of the one before, or that same day when the one before closes at an hour before the day's end
(the campaign of a runoff runs 13 to 20 Ordibehesht, closing at 08:00 on 20 Ordibehesht, the silence
day; seeds/002). Presidential vetting has no executive board and no objection stage (§3); a runoff
keeps only the stages from the final list on. Validation returns every problem with its path;
`require` is the check every stage makes before it acts.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum

from sandogh.core.candidacy.conditions import Conditions
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError


class Kind(StrEnum):
    """The kinds of election the calendar knows; each has its own stages (iran-candidacy.md)."""

    PRESIDENT = "president"  # ریاست جمهوری
    PARLIAMENT = "parliament"  # مجلس شورای اسلامی
    EXPERTS = "experts"  # مجلس خبرگان رهبری
    COUNCILS = "councils"  # شوراهای اسلامی شهر و روستا و عشایر
    BY_ELECTION = "by-election"  # میان‌دوره‌ای


class Stage(StrEnum):
    """The stages in the order of the law; a calendar lists those of its kind in this order."""

    REGISTRATION = "registration"  # ثبت‌نام
    INQUIRIES = "inquiries"  # استعلام از مراجع چهارگانه
    EXECUTIVE_REVIEW = "executive-review"  # بررسی هیئت اجرایی
    SUPERVISORY_REVIEW = "supervisory-review"  # بررسی هیئت نظارت
    OBJECTIONS = "objections"  # اعتراض
    OBJECTION_REVIEW = "objection-review"  # رسیدگی به اعتراض
    FINAL_LIST = "final-list"  # اعلام فهرست نهایی نامزدها
    CAMPAIGN = "campaign"  # تبلیغات
    SILENCE = "silence"  # ممنوعیت تبلیغات
    POLLING = "polling"  # رأی‌گیری
    RESULTS = "results"  # اعلام نتایج
    COMPLAINTS = "complaints"  # شکایات


ORDER: dict[Stage, int] = {stage: i for i, stage in enumerate(Stage)}

_AFTER_VETTING = (
    Stage.FINAL_LIST,
    Stage.CAMPAIGN,
    Stage.SILENCE,
    Stage.POLLING,
    Stage.RESULTS,
    Stage.COMPLAINTS,
)
_VETTED = (Stage.REGISTRATION, Stage.SUPERVISORY_REVIEW, Stage.OBJECTIONS, Stage.OBJECTION_REVIEW)

#: The stages a first round of each kind must have (iran-candidacy.md §2.1, §3, §4, §5). The
#: inquiries are a stage of their own where the law names them (the Majlis before 1402, the
#: councils); a calendar may add them to any kind.
REQUIRED: dict[Kind, tuple[Stage, ...]] = {
    Kind.PRESIDENT: (Stage.REGISTRATION, Stage.SUPERVISORY_REVIEW, *_AFTER_VETTING),
    Kind.PARLIAMENT: (*_VETTED[:1], Stage.EXECUTIVE_REVIEW, *_VETTED[1:], *_AFTER_VETTING),
    Kind.EXPERTS: (*_VETTED, *_AFTER_VETTING),
    Kind.COUNCILS: (*_VETTED[:1], Stage.EXECUTIVE_REVIEW, *_VETTED[1:], *_AFTER_VETTING),
    Kind.BY_ELECTION: (*_VETTED[:1], Stage.EXECUTIVE_REVIEW, *_VETTED[1:], *_AFTER_VETTING),
}
#: A runoff's candidates come from round 1: it starts at the published names (§2.2, Runoff 1403).
REQUIRED_IN_RUNOFF: tuple[Stage, ...] = _AFTER_VETTING


@dataclass(frozen=True)
class Window:
    """A stage's days, both included; `closes`: the hour it ends on its last day, or none."""

    stage: Stage
    first: datetime.date
    last: datetime.date
    closes: datetime.time | None = None

    def holds(self, day: datetime.date, hour: datetime.time | None = None) -> bool:
        if not self.first <= day <= self.last:
            return False
        return not (day == self.last and self.closes and hour is not None and hour >= self.closes)


@dataclass(frozen=True)
class Schedule:
    """The calendar of one kind of election and round, for the contests it names."""

    kind: Kind
    round: int
    contests: tuple[str, ...]
    windows: tuple[Window, ...]
    polls_close: datetime.time | None = None  # the hour polls close, before any extension
    extensions: tuple[datetime.time, ...] = ()  # each a later closing hour, in order
    conditions: Conditions | None = None  # what applicants must meet (`core.candidacy.conditions`)

    def window(self, stage: Stage) -> Window | None:
        return next((w for w in self.windows if w.stage is stage), None)


@dataclass(frozen=True)
class Calendar:
    """An election day's calendars, one per kind and round (2021: four contests on one day)."""

    election: str
    schedules: tuple[Schedule, ...]

    def of(self, contest: str) -> Schedule:
        for schedule in self.schedules:
            if contest in schedule.contests:
                return schedule
        raise UnscheduledError(self.election, contest)


class UnscheduledError(SandoghError):
    """A contest that no schedule of the calendar names."""

    def __init__(self, election: str, contest: str) -> None:
        self.election = election
        self.contest = contest
        super().__init__(f"the calendar of {election} has no schedule for contest {contest}")


class OutsideWindowError(SandoghError):
    """A stage acted on a day outside its window, or a stage the schedule does not have."""

    def __init__(self, contest: str, stage: Stage, window: Window | None, day: datetime.date):
        self.contest = contest
        self.stage = stage
        self.window = window
        self.day = day
        if window is None:
            why = "its calendar has no such stage"
        else:
            why = f"its window is {window.first.isoformat()} to {window.last.isoformat()}" + (
                f" until {window.closes.isoformat('minutes')}" if window.closes else ""
            )
        super().__init__(f"{stage} of {contest} is refused on {day.isoformat()}: {why}")


def require(
    schedule: Schedule,
    contest: str,
    stage: Stage,
    day: datetime.date,
    hour: datetime.time | None = None,
) -> Window:
    """The window of `stage` when it holds `day` (and `hour`); otherwise `OutsideWindowError`."""
    window = schedule.window(stage)
    if window is None or not window.holds(day, hour):
        raise OutsideWindowError(contest, stage, window, day)
    return window


def polling_window(schedule: Schedule) -> Window | None:
    """The polling stage's window closing at the latest hour the polls may close: the last
    extension, else the usual close (2024: extended to midnight in 2-hour steps)."""
    window = schedule.window(Stage.POLLING)
    if window is None:
        return None
    latest = schedule.extensions[-1] if schedule.extensions else schedule.polls_close
    return replace(window, closes=latest or window.closes)


def require_polling(
    schedule: Schedule, contest: str, day: datetime.date, hour: datetime.time
) -> Window:
    """The polling window when `day` is a polling day and `hour` is before the polls' latest
    close; otherwise `OutsideWindowError` (a check-in on another day, or after the extensions)."""
    window = polling_window(schedule)
    if window is None or not window.holds(day, hour):
        raise OutsideWindowError(contest, Stage.POLLING, window, day)
    return window


def calendar_problems(calendar: Calendar) -> tuple[Problem, ...]:
    """Every problem of the calendar, each with its path in the calendar file's terms."""
    found: list[Problem] = []
    seen: dict[str, int] = {}
    for i, schedule in enumerate(calendar.schedules):
        at = f"schedules[{i}]"
        for contest in schedule.contests:
            if contest in seen:
                other = f"schedules[{seen[contest]}]"
                found.append(
                    Problem(
                        f"{at}.contests",
                        f"{contest} is already in {other}",
                        key="contest-twice",
                        values=(("contest", contest), ("other", other)),
                    )
                )
            seen.setdefault(contest, i)
        if not schedule.contests:
            found.append(Problem(f"{at}.contests", "names no contest", key="no-contest"))
        if schedule.round < 1:
            found.append(
                Problem(
                    f"{at}.round",
                    f"must be 1 or more, not {schedule.round}",
                    key="round",
                    values=(("round", str(schedule.round)),),
                )
            )
        found.extend(_schedule_problems(schedule, at))
    return tuple(found)


def _schedule_problems(schedule: Schedule, at: str) -> Iterator[Problem]:
    windows = schedule.windows
    for j, window in enumerate(windows):
        if window.last < window.first:
            yield Problem(
                f"{at}.stages[{j}].last",
                f"{window.stage}: ends {window.last.isoformat()}, before it starts "
                f"{window.first.isoformat()}",
                key="ends-before",
                values=_days(stage=window.stage, first=window.first, last=window.last),
            )
    stages = [w.stage for w in windows]
    for j, stage in enumerate(stages):
        if stage in stages[:j]:
            yield Problem(
                f"{at}.stages[{j}].stage",
                f"{stage} is listed twice",
                key="listed-twice",
                values=(("stage", stage.value),),
            )
    for j in range(1, len(windows)):
        before, after = windows[j - 1], windows[j]
        if ORDER[after.stage] < ORDER[before.stage]:
            yield Problem(
                f"{at}.stages[{j}].stage",
                f"{after.stage} must come before {before.stage}, not after it",
                key="out-of-order",
                values=(("after", after.stage.value), ("before", before.stage.value)),
            )
        elif _overlaps(before, after):
            yield Problem(
                f"{at}.stages[{j}].first",
                f"{after.stage} starts {after.first.isoformat()}, before {before.stage} has "
                f"closed ({before.last.isoformat()}"
                + (f" {before.closes.isoformat('minutes')})" if before.closes else ")"),
                key="overlap",
                values=_days(
                    after=after.stage, before=before.stage, first=after.first, last=before.last
                ),
            )
    required = REQUIRED_IN_RUNOFF if schedule.round > 1 else REQUIRED[schedule.kind]
    missing = [s.value for s in required if s not in stages]
    if missing:
        yield Problem(
            f"{at}.stages",
            f"{schedule.kind} round {schedule.round} lacks: " + ", ".join(missing),
            key="lacks",
            values=(
                ("kind", schedule.kind.value),
                ("round", str(schedule.round)),
                ("missing", ",".join(missing)),
            ),
        )
    yield from _polling_problems(schedule, at)


def _days(**given: Stage | datetime.date) -> tuple[tuple[str, str], ...]:
    return tuple((k, v.value if isinstance(v, Stage) else v.isoformat()) for k, v in given.items())


def _overlaps(before: Window, after: Window) -> bool:
    if after.first > before.last:
        return False
    return not (after.first == before.last and before.closes is not None)


def _polling_problems(schedule: Schedule, at: str) -> Iterator[Problem]:
    closing = schedule.polls_close
    if schedule.extensions and closing is None:
        yield Problem(
            f"{at}.polls_close", "required when polling hours are extended", key="polls-close"
        )
    for k, extended in enumerate(schedule.extensions):
        if closing is not None and extended <= closing:
            yield Problem(
                f"{at}.extensions[{k}]",
                f"{extended.isoformat('minutes')} does not extend polls closing at "
                f"{closing.isoformat('minutes')}",
                key="not-extending",
                values=(
                    ("extended", extended.isoformat("minutes")),
                    ("closing", closing.isoformat("minutes")),
                ),
            )
        closing = extended
