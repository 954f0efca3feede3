import dataclasses
from collections.abc import Callable

import pytest

from sandogh.core.candidacy.calendar import OutsideWindowError, Stage
from sandogh.core.candidacy.process import Board, CandidacyRefusedError, Outcome
from sandogh.formats.definition_file import CANONICAL, definition_hash
from sandogh.locale.candidacy import refused_text
from sandogh.services.acting import AccessDeniedError, Actor
from sandogh.services.candidacy import (
    AlreadyDrawnError,
    candidacy_of,
    draw,
    object_to,
    publish_list,
    register,
    withdraw_listed,
)
from sandogh.services.ports import UnitOfWork

from . import candidacy_build as cb

NewUnitOfWork = Callable[[], UnitOfWork]
#: The headquarters of both constituencies, Kerman's and Bam's (a county's acts on its own).
NATIONAL = cb.MINISTRY


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    cb.stored(new_unit_of_work)
    return new_unit_of_work


def qualify(uow: NewUnitOfWork, applicant: int, hq: Actor = cb.HQ) -> None:
    cb.answered(uow, applicant, hq)
    cb.decided(uow, applicant, Board.EXECUTIVE, Outcome.QUALIFIED, by=hq)
    cb.decided(uow, applicant, Board.SUPERVISORY, Outcome.QUALIFIED)


def events(uow: NewUnitOfWork) -> list[str]:
    with uow() as work:
        return [e.event.type.value for e in work.events.entries()]


def test_a_candidate_disqualified_objects_and_is_reinstated_on_the_published_list(
    uow: NewUnitOfWork,
) -> None:
    applicant = cb.registered(uow, 1)
    cb.answered(uow, applicant)
    cb.decided(uow, applicant, Board.EXECUTIVE, Outcome.QUALIFIED)
    with pytest.raises(AccessDeniedError):  # the executive side does not vet
        cb.decided(uow, applicant, Board.SUPERVISORY, Outcome.QUALIFIED, by=cb.HQ)
    cb.decided(uow, applicant, Board.SUPERVISORY, Outcome.NOT_ESTABLISHED, reason="degree")
    object_to(uow, cb.HQ, cb.ELECTION, applicant, "my degree is a master's", now=cb.OBJECTIONS)
    with pytest.raises(CandidacyRefusedError, match="pending"):
        publish_list(uow, cb.HQ, cb.ELECTION, "parliament", now=cb.FINAL_LIST)
    cb.decided(
        uow,
        applicant,
        Board.SUPERVISORY,
        Outcome.QUALIFIED,
        on_objection=True,
        now=cb.OBJECTION_REVIEW,
    )
    published = publish_list(uow, cb.HQ, cb.ELECTION, "parliament", now=cb.FINAL_LIST)
    assert published.applicants == (applicant,)
    assert published.day.isoformat() == "2024-02-20"  # 1 Esfand 1402
    file = candidacy_of(uow, cb.ELECTION).files[applicant]
    assert [(d.board, d.outcome, d.by) for d in file.decisions] == [
        (Board.EXECUTIVE, Outcome.QUALIFIED, "governorate"),
        (Board.SUPERVISORY, Outcome.NOT_ESTABLISHED, "board"),
        (Board.SUPERVISORY, Outcome.QUALIFIED, "board"),
    ]
    logged = events(uow)
    assert logged.count("candidacy-decided") == 3
    assert logged[-2:] == ["candidacy-decided", "candidates-published"]
    assert "access-denied" in logged


def test_registration_after_the_window_is_refused_and_nothing_is_stored(
    uow: NewUnitOfWork,
) -> None:
    with pytest.raises(OutsideWindowError) as refused:
        register(
            uow,
            cb.HQ,
            cb.ELECTION,
            contest="parliament",
            constituency="P1",
            person=cb.applicant(1),
            now=cb.EXECUTIVE,
        )
    assert refused.value.stage is Stage.REGISTRATION
    assert candidacy_of(uow, cb.ELECTION).files == {}


def test_a_name_with_a_direction_override_or_a_blank_name_is_refused_in_both_languages(
    uow: NewUnitOfWork,
) -> None:
    """The review's F10: such names were stored and shown on every list and ballot."""
    for name_fa, field in (("علی\u202eیمب", "«نام فارسی» نویسهٔ کنترلی"), (" ", "«نام فارسی» خالی")):
        person = dataclasses.replace(cb.applicant(1), name_fa=name_fa, name_en="")
        with pytest.raises(CandidacyRefusedError) as refused:
            register(
                uow,
                cb.HQ,
                cb.ELECTION,
                contest="parliament",
                constituency="P1",
                person=person,
                now=cb.REGISTRATION,
            )
        assert field in refused_text(refused.value, "fa")
        assert "registration refused: «Persian name»" in refused_text(refused.value, "en")
    assert candidacy_of(uow, cb.ELECTION).files == {}
    spaced = dataclasses.replace(cb.applicant(2), name_fa="  داوطلب ۲ ")
    made = register(
        uow,
        cb.HQ,
        cb.ELECTION,
        contest="parliament",
        constituency="P1",
        person=spaced,
        now=cb.REGISTRATION,
    )
    assert made.person.name_fa == "داوطلب ۲"


def test_the_code_draw_is_recorded_reproducible_and_gives_a_new_definition_hash(
    uow: NewUnitOfWork,
) -> None:
    numbers = [
        cb.registered(uow, n, place, NATIONAL) for n, place in ((1, "P1"), (2, "P1"), (3, "P2"))
    ]
    for n in numbers:
        qualify(uow, n, NATIONAL)
    publish_list(uow, NATIONAL, cb.ELECTION, "parliament", now=cb.FINAL_LIST)
    draft = cb.draft()
    args = {
        "seed": "1402-esfand",
        "drawn_by": ("governorate", "board"),
        "width": 2,
        "canonical": CANONICAL,
        "now": cb.FINAL_LIST,
    }
    election, new_hash, drawn = draw(uow, NATIONAL, draft, "parliament", **args)
    assert new_hash != definition_hash(draft)
    assert election.version == 2
    (contest,) = election.contests
    assert sorted((c.constituency, c.code) for c in contest.candidates) == [
        ("P1", "01"),
        ("P1", "02"),
        ("P2", "01"),
    ]
    assert draw(uow, NATIONAL, draft, "parliament", **args) == (election, new_hash, drawn)
    with pytest.raises(AlreadyDrawnError):
        draw(uow, NATIONAL, draft, "parliament", **{**args, "seed": "another"})
    assert events(uow).count("candidate-codes-drawn") == 1
    assert candidacy_of(uow, cb.ELECTION).draws == (drawn,)


def test_a_listed_candidate_who_withdraws_before_the_draw_gets_no_code_from_the_pool(
    uow: NewUnitOfWork,
) -> None:
    numbers = [
        cb.registered(uow, n, place, NATIONAL)
        for n, place in ((1, "P1"), (2, "P1"), (3, "P1"), (4, "P2"))
    ]
    for n in numbers:
        qualify(uow, n, NATIONAL)
    with pytest.raises(CandidacyRefusedError, match="not-listed"):  # no list published yet
        withdraw_listed(uow, NATIONAL, cb.ELECTION, 2, now=cb.FINAL_LIST)
    publish_list(uow, NATIONAL, cb.ELECTION, "parliament", now=cb.FINAL_LIST)
    with pytest.raises(OutsideWindowError):  # polling day is too late
        withdraw_listed(uow, NATIONAL, cb.ELECTION, 2, now=cb.at(2024, 3, 1))
    withdraw_listed(uow, NATIONAL, cb.ELECTION, 2, now=cb.at(2024, 2, 25))
    with pytest.raises(CandidacyRefusedError, match="already-withdrawn"):
        withdraw_listed(uow, NATIONAL, cb.ELECTION, 2, now=cb.at(2024, 2, 26))
    draft = cb.draft()
    election, _, drawn = draw(
        uow,
        NATIONAL,
        draft,
        "parliament",
        seed="1402-esfand",
        drawn_by=("governorate",),
        width=0,
        pool=("21", "25", "33"),
        canonical=CANONICAL,
        now=cb.at(2024, 2, 26),
    )
    assert sorted(c.applicant for c in drawn.codes) == [1, 3, 4]
    candidates = election.contests[0].candidates
    assert sorted((c.constituency, c.code) for c in candidates) == [
        ("P1", "21"),
        ("P1", "25"),
        ("P2", "21"),
    ]
    assert drawn.pool == ("21", "25", "33")
    with pytest.raises(CandidacyRefusedError, match="codes-drawn"):  # the definition's now
        withdraw_listed(uow, NATIONAL, cb.ELECTION, 3, now=cb.at(2024, 2, 27))
    recorded = candidacy_of(uow, cb.ELECTION)
    withdrew = recorded.files[2].withdrew
    assert withdrew is not None
    assert withdrew.day.isoformat() == "2024-02-25"
    assert recorded.draws == (drawn,)  # the pool read back from the stored step
    assert events(uow).count("candidate-withdrawn") == 1
