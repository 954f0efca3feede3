"""The ballot-code draw by commit and reveal (services.code_draw; docs/lots.md §5), and the
attacks of the outside review S19, R5: a seed ground once the final list is known."""

import datetime
from collections.abc import Callable

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.candidacy.calendar import OutsideWindowError
from sandogh.core.candidacy.draw_commitment import code_seed
from sandogh.core.candidacy.process import Board, CandidacyRefusedError, Outcome
from sandogh.core.rules.lot_commitment import commitment_of
from sandogh.formats.definition_file import CANONICAL, definition_hash
from sandogh.services.acting import Actor
from sandogh.services.candidacy import candidacy_of, publish_list, withdraw_listed
from sandogh.services.candidacy_files import NotAnOperatorError, NotElectoralError
from sandogh.services.code_draw import (
    AlreadyDrawnError,
    DrawCommitmentExistsError,
    DrawCommitmentTooEarlyError,
    DrawCommitmentTooLateError,
    DrawSecretMismatchError,
    ListPublishedError,
    NoDrawCommitmentError,
    commit_draw,
    draw,
)
from sandogh.services.lot_commitments import WeakSecretError
from sandogh.services.ports import UnitOfWork

from . import candidacy_build as cb
from .operators_build import add

NewUnitOfWork = Callable[[], UnitOfWork]
#: The headquarters of both constituencies, Kerman's and Bam's (a county's acts on its own).
NATIONAL = cb.MINISTRY


#: Who draws: operator accounts of the store, as a board decision's members are (S20 F7).
DRAWERS = ("governorate", "board")


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    cb.stored(new_unit_of_work)
    add(new_unit_of_work, "governorate", Role.COUNTY_HQ, "IR-08-0801")
    add(new_unit_of_work, "board", Role.SUPERVISOR, "IR")
    return new_unit_of_work


def qualify(uow: NewUnitOfWork, applicant: int) -> None:
    cb.answered(uow, applicant, NATIONAL)
    cb.decided(uow, applicant, Board.EXECUTIVE, Outcome.QUALIFIED, by=NATIONAL)
    cb.decided(uow, applicant, Board.SUPERVISORY, Outcome.QUALIFIED)


def events(uow: NewUnitOfWork) -> list[str]:
    with uow() as work:
        return [e.event.type.value for e in work.events.entries()]


def listed(uow: NewUnitOfWork, *places: str) -> list[int]:
    numbers = [cb.registered(uow, n, place, NATIONAL) for n, place in enumerate(places, start=1)]
    for n in numbers:
        qualify(uow, n)
    return numbers


def drawing(secret: str = cb.SECRET, **more: object) -> dict[str, object]:
    return {
        "secret": secret,
        "drawn_by": DRAWERS,
        "width": 2,
        "canonical": CANONICAL,
        "now": cb.FINAL_LIST,
        **more,
    }


DRAFT = cb.draft()


def test_the_code_draw_reveals_the_secret_committed_and_gives_a_new_definition_hash(
    uow: NewUnitOfWork,
) -> None:
    numbers = listed(uow, "P1", "P1", "P2")
    cb.published(uow, by=NATIONAL)
    recorded = candidacy_of(uow, cb.ELECTION)
    (made,) = recorded.commitments
    assert made.commitment == commitment_of(cb.SECRET)
    assert cb.SECRET not in str(recorded)  # only the hash is stored before the draw
    election, new_hash, drawn = draw(uow, NATIONAL, DRAFT, "parliament", **drawing())
    assert drawn.seed == code_seed(cb.SECRET, "parliament", numbers)
    assert drawn.secret == cb.SECRET
    assert new_hash != definition_hash(DRAFT)
    assert election.version == 2
    (contest,) = election.contests
    assert sorted((c.constituency, c.code) for c in contest.candidates) == [
        ("P1", "01"),
        ("P1", "02"),
        ("P2", "01"),
    ]
    assert draw(uow, NATIONAL, DRAFT, "parliament", **drawing()) == (election, new_hash, drawn)
    with pytest.raises(AlreadyDrawnError):
        draw(uow, NATIONAL, DRAFT, "parliament", **drawing(drawn_by=("board",)))
    logged = events(uow)
    assert logged.count("candidate-codes-drawn") == 1
    assert logged.index("code-draw-committed") < logged.index("candidates-published")
    assert candidacy_of(uow, cb.ELECTION).draws == (drawn,)


def test_the_attack_an_admin_commits_and_draws_and_president_putin_drew_is_refused(
    uow: NewUnitOfWork,
) -> None:
    """S20 F7: an admin committed the draw's secret (locking the national HQ out) and drew the
    codes, and the drawer was free text ("President Putin"). An admin holds no step of candidacy
    and each drawer is an operator account, each refusal in Persian and English, logged."""
    listed(uow, "P1", "P1", "P2")
    admin = Actor("a", Grant(Role.ADMIN, "IR"))
    late = cb.FINAL_LIST - datetime.timedelta(hours=1)
    with pytest.raises(NotElectoralError) as refused:
        commit_draw(uow, admin, cb.ELECTION, "parliament", secret=cb.SECRET, now=late)
    assert "نه مدیر سامانه" in refused.value.fa
    assert "not the system's administrator" in refused.value.en
    assert candidacy_of(uow, cb.ELECTION).commitments == ()  # the national HQ is not locked out
    cb.published(uow, by=NATIONAL)
    with pytest.raises(NotElectoralError):
        draw(uow, admin, DRAFT, "parliament", **drawing())
    with pytest.raises(NotAnOperatorError) as unknown:
        draw(uow, NATIONAL, DRAFT, "parliament", **drawing(drawn_by=("board", "President Putin")))
    assert unknown.value.names == ("President Putin",)
    assert "حساب کاربری این سامانه نیستند: President Putin" in unknown.value.fa
    assert "not operator accounts of this system: President Putin" in unknown.value.en
    assert candidacy_of(uow, cb.ELECTION).draws == ()
    assert events(uow).count("access-denied") == 2
    draw(uow, NATIONAL, DRAFT, "parliament", **drawing())


def test_a_seed_ground_after_the_list_is_known_is_refused(uow: NewUnitOfWork) -> None:
    """R5: the drawer tries secrets offline once the list is published, for a preferred order;
    every secret but the one committed before the list is refused, and nothing is recorded."""
    listed(uow, "P1", "P1", "P1")
    cb.published(uow, by=NATIONAL)
    for k in range(5):
        with pytest.raises(DrawSecretMismatchError) as refused:
            draw(uow, NATIONAL, DRAFT, "parliament", **drawing(f"ground secret number {k} ....."))
        assert "نمی‌خواند" in refused.value.fa
        assert "does not match" in refused.value.en
    assert candidacy_of(uow, cb.ELECTION).draws == ()
    assert "candidate-codes-drawn" not in events(uow)


def test_a_commitment_after_the_list_is_refused(uow: NewUnitOfWork) -> None:
    """R5: with no commitment the list is not published; once published, a commitment (which
    could be chosen for the order it gives the known list) is refused, naming the list's day."""
    listed(uow, "P1", "P2")
    with pytest.raises(NoDrawCommitmentError) as none:
        publish_list(uow, NATIONAL, cb.ELECTION, "parliament", now=cb.FINAL_LIST)
    assert "sandogh candidates commit" in none.value.en
    cb.published(uow, by=NATIONAL)
    with pytest.raises(DrawCommitmentTooLateError) as late:
        commit_draw(uow, NATIONAL, cb.ELECTION, "parliament", secret="x" * 40, now=cb.FINAL_LIST)
    assert "۱۴۰۲" in late.value.fa
    assert "ministry" in late.value.en
    assert len(candidacy_of(uow, cb.ELECTION).commitments) == 1


def test_one_commitment_per_contest_after_registration_and_a_strong_secret(
    uow: NewUnitOfWork,
) -> None:
    listed(uow, "P1")
    with pytest.raises(DrawCommitmentTooEarlyError) as early:  # other places' applicants to come
        commit_draw(uow, NATIONAL, cb.ELECTION, "parliament", secret=cb.SECRET, now=cb.REGISTRATION)
    assert "ثبت‌نام داوطلبان تا" in early.value.fa
    assert "registration is open until" in early.value.en
    with pytest.raises(WeakSecretError):
        commit_draw(uow, NATIONAL, cb.ELECTION, "parliament", secret="1234", now=cb.SUPERVISORY)
    commit_draw(uow, NATIONAL, cb.ELECTION, "parliament", secret=cb.SECRET, now=cb.SUPERVISORY)
    with pytest.raises(DrawCommitmentExistsError):  # a second, ground later, would replace it
        commit_draw(uow, NATIONAL, cb.ELECTION, "parliament", secret="y" * 40, now=cb.OBJECTIONS)


def test_a_final_list_is_published_once(uow: NewUnitOfWork) -> None:
    listed(uow, "P1", "P2")
    cb.published(uow, by=NATIONAL)
    with pytest.raises(ListPublishedError) as again:
        publish_list(uow, NATIONAL, cb.ELECTION, "parliament", now=cb.at(2024, 2, 21))
    assert "یک بار منتشر" in again.value.fa
    assert "published already" in again.value.en
    assert len(candidacy_of(uow, cb.ELECTION).published) == 1


def test_a_listed_candidate_who_withdraws_before_the_draw_gets_no_code_from_the_pool(
    uow: NewUnitOfWork,
) -> None:
    listed(uow, "P1", "P1", "P1", "P2")
    with pytest.raises(CandidacyRefusedError, match="not-listed"):  # no list published yet
        withdraw_listed(uow, NATIONAL, cb.ELECTION, 2, now=cb.FINAL_LIST)
    cb.published(uow, by=NATIONAL)
    with pytest.raises(OutsideWindowError):  # polling day is too late
        withdraw_listed(uow, NATIONAL, cb.ELECTION, 2, now=cb.at(2024, 3, 1))
    withdraw_listed(uow, NATIONAL, cb.ELECTION, 2, now=cb.at(2024, 2, 25))
    with pytest.raises(CandidacyRefusedError, match="already-withdrawn"):
        withdraw_listed(uow, NATIONAL, cb.ELECTION, 2, now=cb.at(2024, 2, 26))
    election, _, drawn = draw(
        uow,
        NATIONAL,
        DRAFT,
        "parliament",
        **drawing(width=0, pool=("21", "25", "33"), now=cb.at(2024, 2, 26)),
    )
    assert sorted(c.applicant for c in drawn.codes) == [1, 3, 4]
    assert drawn.seed == code_seed(cb.SECRET, "parliament", [1, 2, 3, 4])  # the list published
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
    assert recorded.draws == (drawn,)  # the pool and the secret read back from the stored step
    assert events(uow).count("candidate-withdrawn") == 1
