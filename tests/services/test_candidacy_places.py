"""Candidacy by place: a county's headquarters and a board act only on applicants of
constituencies within their grant's place, a national grant on all; a constituency that is not
one of the contest's is refused whatever the grant; the steps of the whole contest need a grant
holding each of its constituencies; a board vets only for an office of its body; each refusal
names the place and is logged; on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from sandogh.core.access import Body, Grant, Role
from sandogh.core.candidacy.calendar import Calendar
from sandogh.core.candidacy.process import Authority, Board, Outcome
from sandogh.core.log import EventType
from sandogh.formats.calendar_file import canonical_calendar
from sandogh.services.acting import Actor
from sandogh.services.candidacy import candidacy_of, publish_list, register
from sandogh.services.candidacy_calendar import NotAtRootError, store_calendar
from sandogh.services.candidacy_inquiries import collect_answers, inquire
from sandogh.services.candidacy_places import (
    NoDefinitionError,
    NotOfContestError,
    OutsidePlaceError,
)
from sandogh.services.candidacy_ports import InquiryReply, StoredCalendar
from sandogh.services.code_draw import commit_draw
from sandogh.services.competence import WrongBodyError
from sandogh.services.memory_candidacy import FakeAuthorities
from sandogh.services.ports import UnitOfWork

from ..core.candidacy.steps import majlis_schedule
from . import candidacy_build as cb
from .build import council, day, load, parliament

NewUnitOfWork = Callable[[], UnitOfWork]
BAM_HQ = Actor("bam", Grant(Role.COUNTY_HQ, "IR-08-0802"))
NATIONAL_HQ = Actor("setad", Grant(Role.NATIONAL_HQ, "IR"))
KERMAN_BOARD = Actor("kerman-board", Grant(Role.SUPERVISOR, "IR-08"))  # the province's
BAFT_BOARD = Actor("baft-board", Grant(Role.SUPERVISOR, "IR-08-0801"))  # the county's


def _register(uow: NewUnitOfWork, actor: Actor, n: int, constituency: str) -> int:
    made = register(
        uow,
        actor,
        cb.ELECTION,
        contest="parliament",
        constituency=constituency,
        person=cb.applicant(n),
        now=cb.REGISTRATION,
    )
    return made.applicant


def _denied(uow: NewUnitOfWork) -> list[tuple[object, ...]]:
    with uow() as work:
        return [
            tuple(e.event.details[k] for k in ("constituency", "applicant", "denied", "acting_at"))
            for e in work.events.entries()
            if e.event.type.value == "access-denied"
        ]


def test_each_acts_only_on_applicants_within_its_place_once_the_definition_places_them(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    uow = new_unit_of_work
    cb.stored(uow)  # the draft definition: P1 is county 0801, P2 county 0802
    kerman = _register(uow, cb.HQ, 1, "P1")  # county 0801's headquarters, its own constituency
    with pytest.raises(OutsidePlaceError) as outside:
        _register(uow, BAM_HQ, 2, "P1")
    assert outside.value.places == ("IR-08-0801",)
    # the constituency and the grant's place by the names the definition gives them
    assert "حوزه «کرمان» («IR-08-0801») بیرون از حوزه حکم bam («IR-08-0802»)" in outside.value.fa
    assert "outside the place" in outside.value.en
    bam = _register(uow, NATIONAL_HQ, 3, "P2")  # a national grant covers every constituency
    with pytest.raises(OutsidePlaceError):
        inquire(uow, cb.HQ, cb.ELECTION, bam, FakeAuthorities(), now=cb.EXECUTIVE)
    authorities = FakeAuthorities()
    inquire(uow, NATIONAL_HQ, cb.ELECTION, bam, authorities, now=cb.EXECUTIVE)
    police = InquiryReply("b1", cb.ELECTION, bam, Authority.POLICE, True, "", cb.EXECUTIVE.date())
    authorities.answer(police)
    collected = collect_answers(uow, cb.HQ, authorities, now=cb.EXECUTIVE)
    assert [type(error) for _reply, error in collected.refused] == [OutsidePlaceError]
    assert authorities.replies() == [police]  # the answer stays on offer
    cb.answered(uow, kerman)
    cb.decided(uow, kerman, Board.EXECUTIVE, Outcome.QUALIFIED)
    with pytest.raises(OutsidePlaceError):  # before the order is checked: the place first
        cb.decided(uow, bam, Board.SUPERVISORY, Outcome.QUALIFIED, by=BAFT_BOARD)
    cb.decided(uow, kerman, Board.SUPERVISORY, Outcome.QUALIFIED, by=KERMAN_BOARD)
    with pytest.raises(OutsidePlaceError):  # the list holds Bam's applicant too
        publish_list(uow, cb.HQ, cb.ELECTION, "parliament", now=cb.FINAL_LIST)

    assert sorted(candidacy_of(uow, cb.ELECTION).files) == [kerman, bam]
    assert _denied(uow) == [
        ("P1", 0, ["IR-08-0801"], "IR-08-0802"),
        ("P2", bam, ["IR-08-0802"], "IR-08-0801"),
        ("P2", bam, ["IR-08-0802"], "IR-08-0801"),
        ("P2", bam, ["IR-08-0802"], "IR-08-0801"),
        ("P2", 0, ["IR-08-0802"], "IR-08-0801"),
    ]


def test_the_attack_a_constituency_the_definition_does_not_know_is_refused_at_registration(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """A national grant registered an applicant in P9, which the definition does not hold, and
    the draw alone failed on it: now registration refuses it, naming P9 and the contest, and a
    unit that lies in none of the contest's constituencies (Tehran's) too."""
    uow = new_unit_of_work
    cb.stored(uow)
    for constituency in ("P9", "IR-01-0101"):
        with pytest.raises(NotOfContestError) as unknown:
            _register(uow, NATIONAL_HQ, 1, constituency)
        assert f"constituency {constituency} is not one of contest parliament's" in unknown.value.en
        assert f"حوزه {constituency} از حوزه‌های رقابت «parliament»" in unknown.value.fa
    with pytest.raises(NotOfContestError) as contest:
        publish_list(uow, NATIONAL_HQ, cb.ELECTION, "senate", now=cb.FINAL_LIST)
    assert "no contest senate" in contest.value.en
    assert candidacy_of(uow, cb.ELECTION).files == {}


def test_the_attack_a_county_publishes_and_commits_for_the_whole_contest_is_refused(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """Kerman county's headquarters, every applicant being of its own P1, committed to the code
    draw's secret and published the contest's final list, P2 (Bam) included: the whole
    contest's steps now need a grant holding each of its constituencies, and say which is
    outside."""
    uow = new_unit_of_work
    cb.stored(uow)
    kerman = cb.registered(uow, 1)
    cb.answered(uow, kerman)
    cb.decided(uow, kerman, Board.EXECUTIVE, Outcome.QUALIFIED)
    cb.decided(uow, kerman, Board.SUPERVISORY, Outcome.QUALIFIED)
    with pytest.raises(OutsidePlaceError) as commit:
        cb.published(uow, by=cb.HQ)
    assert commit.value.constituency == "P2"
    assert "constituency «Bam» («IR-08-0802») lies outside" in commit.value.en
    assert "حوزه «بم» («IR-08-0802») بیرون از حوزه حکم governorate" in commit.value.fa
    commit_draw(uow, NATIONAL_HQ, cb.ELECTION, "parliament", secret=cb.SECRET, now=cb.FINAL_LIST)
    with pytest.raises(OutsidePlaceError):
        publish_list(uow, cb.HQ, cb.ELECTION, "parliament", now=cb.FINAL_LIST)
    assert _denied(uow) == [("P2", 0, ["IR-08-0802"], "IR-08-0801")] * 2
    assert publish_list(uow, NATIONAL_HQ, cb.ELECTION, "parliament", now=cb.FINAL_LIST)


def test_the_attack_a_board_of_the_other_body_vets_an_applicant_is_refused(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """A board of the Majlis's supervision (councils) qualified or rejected a Majlis applicant,
    whom the Guardian Council's boards vet: refused, naming both bodies, and logged."""
    uow = new_unit_of_work
    cb.stored(uow)
    kerman = cb.registered(uow, 1)
    cb.answered(uow, kerman)
    cb.decided(uow, kerman, Board.EXECUTIVE, Outcome.QUALIFIED)
    majlis_board = Actor("council-board", Grant(Role.SUPERVISOR, "IR", Body.MAJLIS))
    for outcome in (Outcome.QUALIFIED, Outcome.REJECTED):
        with pytest.raises(WrongBodyError) as wrong:
            cb.decided(uow, kerman, Board.SUPERVISORY, outcome, by=majlis_board)
        assert wrong.value.required is Body.GUARDIAN_COUNCIL
        assert "شورای نگهبان" in wrong.value.fa
    with uow() as work:
        denied = [
            e.event.details for e in work.events.of_type(EventType.ACCESS_DENIED, cb.ELECTION)
        ]
    assert [(d["body"], d["required"]) for d in denied] == [("majlis", "guardian-council")] * 2
    cb.decided(uow, kerman, Board.SUPERVISORY, Outcome.QUALIFIED)  # the competent board's
    (file,) = candidacy_of(uow, cb.ELECTION).files.values()
    assert [d.by for d in file.decisions] == ["governorate", "board"]


def test_the_attack_tehran_s_headquarters_and_board_act_on_kerman_s_applicants_is_refused(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """R3 of the S19 re-attack, on a fresh centre with the draft definition loaded: Tehran's
    county headquarters registers, asks about and rejects Kerman's applicants, and Tehran's
    board vets them. Each is refused and logged; a national HQ grant at Tehran is refused the
    calendar (R8)."""
    uow = new_unit_of_work
    cb.stored(uow)
    tehran_hq = Actor("tehran", Grant(Role.COUNTY_HQ, "IR-01-0101"))
    tehran_board = Actor("tehsup", Grant(Role.SUPERVISOR, "IR-01"))
    for constituency in ("P1", "P2"):
        with pytest.raises(OutsidePlaceError):
            _register(uow, tehran_hq, 1, constituency)
    kerman = cb.registered(uow, 1)
    with pytest.raises(OutsidePlaceError):
        inquire(uow, tehran_hq, cb.ELECTION, kerman, FakeAuthorities(), now=cb.EXECUTIVE)
    cb.answered(uow, kerman)
    with pytest.raises(OutsidePlaceError):
        cb.decided(uow, kerman, Board.EXECUTIVE, Outcome.REJECTED, by=tehran_hq)
    cb.decided(uow, kerman, Board.EXECUTIVE, Outcome.QUALIFIED)
    with pytest.raises(OutsidePlaceError):
        cb.decided(uow, kerman, Board.SUPERVISORY, Outcome.REJECTED, by=tehran_board)
    with pytest.raises(NotAtRootError) as national:
        _calendar(uow, Actor("t", Grant(Role.NATIONAL_HQ, "IR-01-0101")))
    assert "(IR)" in national.value.en
    assert "IR-01-0101" in national.value.fa
    with uow() as work:
        denied = [
            e.event.details for e in work.events.of_type(EventType.ACCESS_DENIED, cb.ELECTION)
        ]
    acting = ["IR-01-0101"] * 4 + ["IR-01", "IR-01-0101"]  # the last, the calendar
    assert [d["acting_at"] for d in denied] == acting
    (file,) = candidacy_of(uow, cb.ELECTION).files.values()
    assert [d.outcome for d in file.decisions] == [Outcome.QUALIFIED]  # by Kerman's own


def test_every_step_is_refused_while_the_election_has_no_definition(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """R3/R8 of the S19 re-attack: a new centre holds no geography until the definition is
    loaded, so no step of candidacy is taken, whatever the grant; each refusal says to load
    the definition and is logged."""
    uow = new_unit_of_work
    with pytest.raises(NoDefinitionError) as refused:
        _calendar(uow, NATIONAL_HQ)
    assert "load the election's draft definition" in refused.value.en
    assert "sandogh load" in refused.value.fa
    with uow() as work:  # a calendar stored before definitions were asked for
        made = cb.calendar()
        work.candidacy.put_calendar(
            cb.ELECTION, StoredCalendar(made, canonical_calendar(made), "h", cb.REGISTRATION)
        )
        work.commit()
    for actor, constituency in ((cb.HQ, "P1"), (NATIONAL_HQ, "P2")):
        with pytest.raises(NoDefinitionError):
            _register(uow, actor, 1, constituency)
    with pytest.raises(NoDefinitionError):
        publish_list(uow, NATIONAL_HQ, cb.ELECTION, "parliament", now=cb.FINAL_LIST)
    with uow() as work:
        denied = [
            e.event.details for e in work.events.of_type(EventType.ACCESS_DENIED, cb.ELECTION)
        ]
    assert [d["refused"] for d in denied] == ["no-definition"] * 4
    assert candidacy_of(uow, cb.ELECTION).files == {}


def _calendar(uow: NewUnitOfWork, actor: Actor) -> None:
    made = cb.calendar()
    canonical = canonical_calendar(made)
    store_calendar(uow, actor, made, canonical=canonical, calendar_hash="h", now=cb.REGISTRATION)


def test_the_attack_a_guardian_council_board_vets_a_council_applicant_is_refused(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """The other way round: city councils are the Majlis's boards' to vet, not the Guardian
    Council's (an account with no body recorded acts for the Guardian Council)."""
    uow = new_unit_of_work
    drafted = day(cb.ELECTION, (parliament(False), council()), cb.POLLING)
    load(uow, drafted, approved=False)
    schedule = replace(majlis_schedule(), contests=("parliament", "council"))
    made = Calendar(cb.ELECTION, (schedule,))
    canonical = canonical_calendar(made)
    store_calendar(
        uow, cb.MINISTRY, made, canonical=canonical, calendar_hash="h", now=cb.REGISTRATION
    )
    applicant = register(
        uow,
        cb.HQ,
        cb.ELECTION,
        contest="council",
        constituency="C1",
        person=cb.applicant(1),
        now=cb.REGISTRATION,
    ).applicant
    cb.answered(uow, applicant)
    cb.decided(uow, applicant, Board.EXECUTIVE, Outcome.QUALIFIED)
    with pytest.raises(WrongBodyError) as wrong:
        cb.decided(uow, applicant, Board.SUPERVISORY, Outcome.REJECTED)  # cb.BOARD: no body
    assert wrong.value.required is Body.MAJLIS
    majlis_board = Actor("council-board", Grant(Role.SUPERVISOR, "IR", Body.MAJLIS))
    cb.decided(uow, applicant, Board.SUPERVISORY, Outcome.QUALIFIED, by=majlis_board)
