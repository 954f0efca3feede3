"""No withdrawal once polling has begun (issue 12, section 1; review S19, F2).

A withdrawal recorded after the polls opened changed the outcome with neither vote nor lot: the
reviewer withdrew a tied candidate on the day after polling, and a certified winner a year later
once the certification was undone. Polling has begun for a contest

- when the election's stored calendar schedules the contest: from the first day of its polling
  stage (`core.candidacy.withdrawal.polling_began`), in Iran's time;
- in any case, once a station that votes in the contest has sent a report (its zero report is sent
  when it opens, before the first voter): the first such report stored (`ReportRepository.first`,
  read from the reports, not the log) names where and when; or once results of the election were
  imported (a day counted on paper): the first such entry of the log names where and when.

The second holds without a calendar, and also where a station opened against the calendar: the
log, not the plan, says what happened.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from sandogh.core.candidacy.calendar import UnscheduledError
from sandogh.core.candidacy.withdrawal import polling_began
from sandogh.core.errors import SandoghError
from sandogh.core.log import EventType
from sandogh.core.readiness.stations import IRAN_TIME
from sandogh.locale.dates import format_jalali
from sandogh.locale.digits import to_persian_digits
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in
from sandogh.locale.outcome_decisions import CATALOGUE
from sandogh.services.polling_calendar import polling_day
from sandogh.services.ports import UnitOfWork


class PollingBegunError(SandoghError):
    """A withdrawal asked for once polling of the contest has begun, on `day`: by the calendar
    (`station` None), at `station` by its report of `kind`, or by results imported at the place
    `station` (log entry `entry`)."""

    def __init__(
        self,
        contest: str,
        candidate: str,
        day: datetime.date,
        station: str | None = None,
        *,
        kind: str | None = None,
        entry: int | None = None,
    ) -> None:
        self.contest, self.candidate, self.day, self.station = contest, candidate, day, station

        def said(lang: Lang) -> str:
            shown: Callable[[str], str] = to_persian_digits if lang == "fa" else str
            values: dict[str, str | int] = {
                "candidate": shown(candidate),
                "contest": contest,
                "day": format_jalali(day, lang),
            }
            if station is None:
                return text_in(CATALOGUE, "polling_begun_calendar", lang, **values)
            where = self.where(lang)
            return text_in(CATALOGUE, "polling_begun_station", lang, where=where, **values)

        self._kind, self._entry = kind, entry
        self.fa, self.en = said("fa"), said("en")
        super().__init__(f"{self.en} — {self.fa}")

    def where(self, lang: Lang) -> str:
        """What began polling, at the station (empty when the calendar did)."""
        if self.station is None:
            return ""
        if self._entry is None:  # a report: ReportKind's values are the catalogue's
            return text_in(CATALOGUE, f"begun_{self._kind}", lang, station=self.station)
        entry = to_persian_digits(str(self._entry)) if lang == "fa" else str(self._entry)
        return text_in(CATALOGUE, "begun_imported", lang, place=self.station, entry=entry)


def require_before_polling(
    work: UnitOfWork, election: str, contest: str, candidate: str, now: datetime.datetime
) -> None:
    """Refuse (`PollingBegunError`) a withdrawal from `contest` once its polling has begun."""
    day, calendar = polling_day(work, election)
    if calendar is not None:
        try:
            began = polling_began(calendar.of(contest), now.astimezone(IRAN_TIME).date())
        except UnscheduledError:  # a contest the calendar leaves out: what happened alone says
            began = None
        if began is not None:
            raise PollingBegunError(contest, candidate, began)
    # the reports table, not the log: the log has no index by type, and its report entries are
    # a nation's stations', twice over
    report = work.reports.first(election, day.geography.constituency_map(contest))
    if report is not None:
        opened = report.received_at.astimezone(IRAN_TIME).date()
        raise PollingBegunError(contest, candidate, opened, report.station, kind=report.kind)
    for entry in work.events.of_type(EventType.RESULTS_IMPORTED, election)[:1]:
        imported = entry.event.time.astimezone(IRAN_TIME).date()
        raise PollingBegunError(
            contest, candidate, imported, entry.event.place, entry=entry.sequence
        )
