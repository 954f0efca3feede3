"""Violation cases: opened and followed by inspectors in their place, their effect on results
through the voids that cite them; on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.supervision import (
    CandidateVoid,
    CaseCandidate,
    CaseError,
    CaseKind,
    CaseStatus,
    CaseStatusError,
    Decision,
    VoidError,
)
from sandogh.services.acting import AccessDeniedError, Actor
from sandogh.services.cases import UnknownCaseError, list_cases, open_case, update_case
from sandogh.services.ports import UnitOfWork
from sandogh.services.results import import_results
from sandogh.services.voids import void

from .build import DEVICE, LATER, NOW, ROUND_2, ROUND_2_DAY, ST_1, ST_2, ST_3, final, load
from .test_supervision import VOTES

NewUnitOfWork = Callable[[], UnitOfWork]
INSPECTOR = Actor("rezaei", Grant(Role.INSPECTOR, "IR-08-0801"))
SUPERVISOR = Actor("hoseini", Grant(Role.SUPERVISOR, "IR-08"))


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    load(new_unit_of_work, ROUND_2_DAY)
    sheets = [
        s for st in (ST_1, ST_2, ST_3) for s in final(ROUND_2_DAY, st, DEVICE, VOTES[st]).sheets
    ]
    import_results(new_unit_of_work, ROUND_2, sheets, now=NOW)
    return new_unit_of_work


def _open(
    uow: NewUnitOfWork,
    actor: Actor = INSPECTOR,
    *,
    place: str | None = None,
    stations: tuple[str, ...] = (ST_1, ST_2),
) -> int:
    return open_case(
        uow,
        actor,
        ROUND_2,
        kind=CaseKind.VOTE_BUYING,
        summary="پول در برابر رأی در دو شعبه بافت",
        place=place,
        stations=stations,
        candidates=(CaseCandidate("president", "21"),),
        now=NOW,
    ).id


def test_an_upheld_vote_buying_case_voids_the_candidates_votes(uow: NewUnitOfWork) -> None:
    number = _open(uow)
    citing = CandidateVoid("president", "21", (ST_1, ST_2), Decision("bought", "هیات ۲۱", number))
    with pytest.raises(VoidError, match=f"case {number} is opened"):
        void(uow, SUPERVISOR, ROUND_2, citing, now=LATER)

    update_case(uow, INSPECTOR, number, status=CaseStatus.INVESTIGATING, note="شاهدان", now=NOW)
    upheld = update_case(
        uow, INSPECTOR, number, status=CaseStatus.UPHELD, reference="دادگاه ۱۴۰۳/۱۷", now=LATER
    )
    assert (upheld.status, upheld.note, upheld.reference) == (
        CaseStatus.UPHELD,
        "شاهدان",
        "دادگاه ۱۴۰۳/۱۷",
    )
    done = void(uow, SUPERVISOR, ROUND_2, citing, now=LATER)

    (view,) = list_cases(uow, Actor("auditor", Grant(Role.AUDITOR, "IR")), ROUND_2)
    assert view.case == upheld
    assert [r.id for r in view.voids] == [done.record.id]
    assert [(e.boxes, e.votes) for e in view.effects] == [(2, {"21": 5})]
    assert list_cases(uow, Actor("bami", Grant(Role.INSPECTOR, "IR-08-0802")), ROUND_2) == []
    assert list_cases(uow, INSPECTOR, ROUND_2, status=CaseStatus.OPENED) == []
    with uow() as work:
        kinds = [e.event.type.value for e in work.events.entries()]
    assert kinds[-4:] == ["case-opened", "case-changed", "case-changed", "candidate-votes-voided"]


def test_cases_are_opened_and_moved_only_by_inspectors_of_their_place(uow: NewUnitOfWork) -> None:
    with pytest.raises(AccessDeniedError, match="may not manage-cases at IR-08-0801"):
        _open(uow, SUPERVISOR, place="IR-08-0801")
    bam = Actor("bami", Grant(Role.INSPECTOR, "IR-08-0802"))
    with pytest.raises(AccessDeniedError):
        _open(uow, bam, place="IR-08-0801")
    number = _open(uow)
    with pytest.raises(AccessDeniedError):
        update_case(uow, bam, number, note="n", now=NOW)
    update_case(uow, Actor("root", Grant(Role.ADMIN, "IR")), number, note="seen", now=NOW)
    with uow() as work:
        denied = [e.event for e in work.events.entries() if e.event.type.value == "access-denied"]
    assert [(e.actor, e.details["action"]) for e in denied] == [
        ("hoseini", "manage-cases"),
        ("bami", "manage-cases"),
        ("bami", "manage-cases"),
    ]


def test_a_case_is_refused_when_it_does_not_fit_or_skips_a_step(uow: NewUnitOfWork) -> None:
    with pytest.raises(CaseError, match="ST-0802-0001 is not in IR-08-0801"):
        _open(uow, stations=(ST_3,))
    number = _open(uow)
    with pytest.raises(CaseStatusError, match="can go to investigating, not upheld"):
        update_case(uow, INSPECTOR, number, status=CaseStatus.UPHELD, now=NOW)
    with pytest.raises(CaseError, match="nothing to change"):
        update_case(uow, INSPECTOR, number, now=NOW)
    with pytest.raises(UnknownCaseError):
        update_case(uow, INSPECTOR, number + 50, note="n", now=NOW)
