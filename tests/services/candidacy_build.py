"""A Majlis calendar of 1402 for the contest `parliament` of tests/services/build.py, the people
who act in it, and the moments of each stage (Iran time), for the candidacy use cases' tests."""

import dataclasses
import datetime

from sandogh.core.access import Grant, Role
from sandogh.core.candidacy.calendar import Calendar
from sandogh.core.candidacy.conditions import Applicant, Education
from sandogh.core.candidacy.process import Authority, Board, Outcome
from sandogh.core.candidacy.records import Published
from sandogh.core.definition.model import Election
from sandogh.formats.calendar_file import canonical_calendar
from sandogh.services.acting import Actor
from sandogh.services.candidacy import candidacy_of, decide, publish_list, register
from sandogh.services.candidacy_calendar import store_calendar
from sandogh.services.candidacy_inquiries import collect_answers, inquire
from sandogh.services.candidacy_ports import InquiryReply
from sandogh.services.code_draw import commit_draw, commitment_for
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.memory_candidacy import FakeAuthorities

from ..core.candidacy.steps import majlis_schedule
from .build import IRST, day, load, parliament

ELECTION = "majlis-1402"
HQ = Actor("governorate", Grant(Role.COUNTY_HQ, "IR-08-0801"))
BOARD = Actor("board", Grant(Role.SUPERVISOR, "IR"))
#: The calendar is a national decision (services.candidacy.store_calendar).
MINISTRY = Actor("ministry", Grant(Role.NATIONAL_HQ, "IR"))
ART = "Majlis election law Art. 28"


def at(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, 10, tzinfo=IRST)


REGISTRATION = at(2023, 10, 20)
EXECUTIVE = at(2023, 11, 1)
SUPERVISORY = at(2023, 12, 1)
OBJECTIONS = at(2024, 1, 8)
OBJECTION_REVIEW = at(2024, 2, 1)
FINAL_LIST = at(2024, 2, 20)
POLLING = datetime.date(2024, 3, 1)  # majlis_schedule's


def calendar() -> Calendar:
    schedule = dataclasses.replace(majlis_schedule(), contests=("parliament",))
    return Calendar(ELECTION, (schedule,))


def draft() -> Election:
    """The election's draft definition: P1 is county 0801 (Kerman), P2 county 0802 (Bam); its
    day is the calendar's polling day, as storing the calendar asks (review S20 F12)."""
    return day(ELECTION, (parliament(False),), POLLING)


def stored(uow: UnitOfWorkFactory, drafted: Election | None = None) -> None:
    """The draft definition (`draft()` unless `drafted`) loaded, then the calendar stored:
    candidacy's first two steps."""
    load(uow, drafted or draft(), approved=False)
    made = calendar()
    canonical = canonical_calendar(made)
    store_calendar(uow, MINISTRY, made, canonical=canonical, calendar_hash="h", now=REGISTRATION)


def applicant(n: int, born: datetime.date = datetime.date(1980, 1, 1)) -> Applicant:
    return Applicant(f"00000000{n:02d}", f"داوطلب {n}", f"Applicant {n}", born, Education.MASTER)


def registered(uow: UnitOfWorkFactory, n: int, place: str = "P1", by: Actor = HQ) -> int:
    made = register(
        uow,
        by,
        ELECTION,
        contest="parliament",
        constituency=place,
        person=applicant(n),
        now=REGISTRATION,
    )
    return made.applicant


def answered(uow: UnitOfWorkFactory, applicant: int, by: Actor = HQ) -> FakeAuthorities:
    authorities = FakeAuthorities()
    inquire(uow, by, ELECTION, applicant, authorities, now=EXECUTIVE)
    for authority in Authority:
        authorities.answer(
            InquiryReply(f"{applicant}", ELECTION, applicant, authority, True, "", EXECUTIVE.date())
        )
    collect_answers(uow, by, authorities, now=EXECUTIVE)
    return authorities


def decided(
    uow: UnitOfWorkFactory,
    applicant: int,
    board: Board,
    outcome: Outcome,
    *,
    by: Actor | None = None,
    reason: str = "",
    on_objection: bool = False,
    now: datetime.datetime | None = None,
) -> None:
    """`board`'s decision on `applicant`, citing ART: by default by that board's operator, in
    its stage."""
    executive = board is Board.EXECUTIVE
    decide(
        uow,
        by or (HQ if executive else BOARD),
        ELECTION,
        applicant,
        board=board,
        outcome=outcome,
        article=ART,
        reason=reason,
        on_objection=on_objection,
        now=now or (EXECUTIVE if executive else SUPERVISORY),
    )


#: The headquarters' secret for the code draw, committed to before the final list (docs/lots.md §5).
SECRET = "majlis-1402 code draw: dice 3 1 4 1 5 9 2 6 5 3"


def published(
    uow: UnitOfWorkFactory,
    contest: str = "parliament",
    *,
    by: Actor = MINISTRY,
    now: datetime.datetime = FINAL_LIST,
) -> Published:
    """The final list published, after the commitment to `SECRET` (made first when none is), by
    a grant holding every constituency of the contest (the ministry's)."""
    if commitment_for(candidacy_of(uow, ELECTION).commitments, contest) is None:
        commit_draw(
            uow, by, ELECTION, contest, secret=SECRET, now=now - datetime.timedelta(hours=1)
        )
    return publish_list(uow, by, ELECTION, contest, now=now)
