"""The candidacy pages' store: the console's Kerman day with a calendar whose vetting stages
all fall on one day (each closing at an hour, so that one clock walks them all), and the
operators who act in them: the headquarters (no second factor) and a supervisory board (TOTP
at the centre's clock)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pyotp

from sandogh.core.access import Grant, Role
from sandogh.core.candidacy.calendar import Calendar, Kind, Schedule, Stage, Window
from sandogh.core.candidacy.conditions import Conditions, Education
from sandogh.core.definition.model import Name
from sandogh.formats.calendar_file import canonical_calendar
from sandogh.services.acting import Actor
from sandogh.services.candidacy_calendar import store_calendar
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.server.live import ELECTION, POLLING_DAY

from .build import IRAN

IRST = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
DAY = datetime.date(2024, 2, 20)
#: 10:00 in Tehran on the vetting day.
AT = datetime.datetime(2024, 2, 20, 10, tzinfo=IRST)


def calendar(day: datetime.date = DAY) -> Calendar:
    """Registration to the final list on `day`, each stage closing an hour after the one
    before; the campaign from the day after to the silence on the eve of polling, on the
    loaded definition's day as storing a calendar asks (review S20, F12), and the results and
    complaints on the days after."""
    vetting = (
        Stage.REGISTRATION,
        Stage.EXECUTIVE_REVIEW,
        Stage.SUPERVISORY_REVIEW,
        Stage.OBJECTIONS,
        Stage.OBJECTION_REVIEW,
        Stage.FINAL_LIST,
    )
    windows = [Window(stage, day, day, datetime.time(11 + i)) for i, stage in enumerate(vetting)]
    eve, one = POLLING_DAY - datetime.timedelta(days=1), datetime.timedelta(days=1)
    windows += [
        Window(Stage.CAMPAIGN, day + one, eve - one),
        Window(Stage.SILENCE, eve, eve),
        *(
            Window(stage, POLLING_DAY + i * one, POLLING_DAY + i * one)
            for i, stage in enumerate((Stage.POLLING, Stage.RESULTS, Stage.COMPLAINTS))
        ),
    ]
    conditions = Conditions(
        Name("ماده ۲۸ قانون انتخابات مجلس", "Majlis election law Art. 28"), 30, 75, Education.MASTER
    )
    schedule = Schedule(
        Kind.PARLIAMENT,
        1,
        ("president",),
        tuple(windows),
        datetime.time(18),
        (datetime.time(20),),
        conditions,
    )
    return Calendar(ELECTION, (schedule,))


def stored(url: str, day: datetime.date = DAY) -> None:
    made = calendar(day)
    engine = make_engine(url)
    try:
        store_calendar(
            lambda: SqlUnitOfWork(engine, now=AT),
            Actor("tests", Grant(Role.NATIONAL_HQ, IRAN)),
            made,
            canonical=canonical_calendar(made),
            calendar_hash="0" * 64,
            now=AT,
        )
    finally:
        engine.dispose()


@dataclass
class Clock:
    """The centre's clock, moved by the test."""

    at: datetime.datetime = AT

    def __call__(self) -> datetime.datetime:
        return self.at


def code_at(totp_uri: str, at: datetime.datetime) -> str:
    return pyotp.TOTP(pyotp.parse_uri(totp_uri).secret).at(at)
