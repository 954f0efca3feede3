"""Candidacy by place: a county's headquarters and a board act only on applicants of
constituencies within their grant's place, a national grant on all; a constituency no stored
geography places is open to a national grant only; each refusal names the place and is logged;
on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.candidacy.process import Authority, Board, Outcome
from sandogh.services.acting import Actor
from sandogh.services.candidacy import candidacy_of, publish_list, register
from sandogh.services.candidacy_inquiries import collect_answers, inquire
from sandogh.services.candidacy_places import OutsidePlaceError
from sandogh.services.candidacy_ports import InquiryReply
from sandogh.services.memory_candidacy import FakeAuthorities
from sandogh.services.ports import UnitOfWork

from . import candidacy_build as cb
from .build import ROUND_1_DAY, day, load, parliament

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
    cb.stored(uow)
    load(uow, day(cb.ELECTION, (parliament(False),), cb.FINAL_LIST.date()))  # P1: 0801, P2: 0802
    kerman = _register(uow, cb.HQ, 1, "P1")  # county 0801's headquarters, its own constituency
    with pytest.raises(OutsidePlaceError) as outside:
        _register(uow, BAM_HQ, 2, "P1")
    assert outside.value.places == ("IR-08-0801",)
    assert "P1" in outside.value.fa
    assert "IR-08-0802" in outside.value.fa
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


def test_a_constituency_no_stored_geography_places_is_open_to_a_national_grant_only(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    uow = new_unit_of_work
    load(uow, ROUND_1_DAY)  # another day: its units are the places known
    cb.stored(uow)
    with pytest.raises(OutsidePlaceError) as unplaced:
        _register(uow, cb.HQ, 1, "P1")
    assert "no stored definition" in unplaced.value.en
    assert "کشوری نیست" in unplaced.value.fa
    assert _register(uow, cb.HQ, 1, "IR-08-0801") == 1  # a unit is placed by the days stored
    assert _register(uow, NATIONAL_HQ, 2, "P1") == 2
