"""Lots and withdrawals as stored decisions: a tie settled by a recorded lot, used by every
outcome and covered by the certification; a second lot for the tie refused; a withdrawal after
printing applied by the rules; on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from sandogh.core.access import Body, Grant, Role
from sandogh.core.candidacy.withdrawal import Printing
from sandogh.core.definition.geography import Geography
from sandogh.core.rules import Status, draw
from sandogh.core.supervision import input_digest
from sandogh.formats.definition_file import definition_hash
from sandogh.services.acting import AccessDeniedError, Actor
from sandogh.services.candidacy_files import NotAnOperatorError, NotElectoralError
from sandogh.services.certifications import certify
from sandogh.services.competence import WrongBodyError
from sandogh.services.lot_commitments import UnknownConstituencyError, commit_lot
from sandogh.services.outcome_decisions import (
    AlreadyWithdrawnError,
    FrozenByCertificationError,
    LotAlreadyDrawnError,
    draw_lot,
    withdraw,
)
from sandogh.services.outcomes import decide_contests
from sandogh.services.ports import UnitOfWork
from sandogh.services.results import import_results

from .build import (
    DEVICE,
    LATER,
    NOW,
    ROUND_2,
    ROUND_2_DAY,
    ST_1,
    ST_2,
    ST_3,
    event_types,
    final,
    load,
)
from .operators_build import add

NewUnitOfWork = Callable[[], UnitOfWork]
BAM = Actor("bami", Grant(Role.SUPERVISOR, "IR-08-0802"))
KERMAN = Actor("kermani", Grant(Role.SUPERVISOR, "IR-08-0801"))
EXECUTIVE = Actor("ejraei", Grant(Role.COUNTY_HQ, "IR-08-0801"))  # the executive board
VOTES = {
    ST_1: {"president": [("21",)], "parliament": [("31", "32"), ("31",), ("33",), ("32",)]},
    ST_2: {"president": [("25",)], "parliament": [("31",), ("32", "33"), (), ("34",)]},
    ST_3: {"president": [("21",)], "parliament": [("41",), ("42",)]},  # Bam's seat: a tie
}


#: the secret Bam's board committed to before the results (review S19 F1)
BAM_SECRET = "راز هیئت بم ۱۴۰۳ — 5c1e9a07d3"
DRAWERS = ("raees", "dabir")  # the Bam board's chair and secretary


@pytest.fixture
def loaded(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    load(new_unit_of_work, ROUND_2_DAY)
    commit_lot(new_unit_of_work, BAM, ROUND_2, "parliament", "P2", secret=BAM_SECRET, now=NOW)
    for drawer in DRAWERS:  # who draws a lot is an operator account (review S20, F7)
        add(new_unit_of_work, drawer, Role.SUPERVISOR, "IR-08-0802")
    return new_unit_of_work


@pytest.fixture
def uow(loaded: NewUnitOfWork) -> NewUnitOfWork:
    _polled(loaded)
    return loaded


def _polled(uow: NewUnitOfWork) -> None:
    sheets = [s for st in VOTES for s in final(ROUND_2_DAY, st, DEVICE, VOTES[st]).sheets]
    import_results(uow, ROUND_2, sheets, now=NOW)


def _bam(uow: NewUnitOfWork) -> tuple[Status, tuple[str, ...], tuple[object, ...]]:
    (contest,) = decide_contests(uow, ROUND_2, contest="parliament").contests
    (outcome,) = [d.outcome for d in contest.decided if d.constituency.id == "P2"]
    return outcome.status, outcome.elected, outcome.lots


def test_a_stored_lot_settles_the_tie_once_and_the_certification_covers_it(
    uow: NewUnitOfWork,
) -> None:
    assert _bam(uow)[0] is Status.LOT_REQUIRED
    with pytest.raises(AccessDeniedError):
        draw_lot(
            uow, KERMAN, ROUND_2, "parliament", "P2", secret=BAM_SECRET, drawn_by=["x"], now=LATER
        )

    councils = Actor("majlesi", Grant(Role.SUPERVISOR, "IR-08-0802", Body.MAJLIS))
    with pytest.raises(WrongBodyError, match="Guardian Council"):  # the review's F3
        draw_lot(
            uow, councils, ROUND_2, "parliament", "P2", secret=BAM_SECRET, drawn_by=["x"], now=LATER
        )
    assert _bam(uow)[0] is Status.LOT_REQUIRED
    with pytest.raises(UnknownConstituencyError) as unknown:  # review S19, F14: StopIteration
        draw_lot(
            uow, BAM, ROUND_2, "parliament", "NOPE", secret=BAM_SECRET, drawn_by=["x"], now=LATER
        )
    assert "contest parliament has no constituency NOPE" in unknown.value.en
    assert "حوزه NOPE در رقابت parliament نیست" in unknown.value.fa

    with pytest.raises(NotAnOperatorError) as nobody:  # review S20, F7: free text drew it
        draw_lot(
            uow,
            BAM,
            ROUND_2,
            "parliament",
            "P2",
            secret=BAM_SECRET,
            drawn_by=["raees", "President Putin"],
            now=LATER,
        )
    assert "حساب کاربری این سامانه نیستند: President Putin" in nobody.value.fa
    assert "not operator accounts of this system: President Putin" in nobody.value.en
    assert _bam(uow)[0] is Status.LOT_REQUIRED
    made = draw_lot(
        uow, BAM, ROUND_2, "parliament", "P2", secret=BAM_SECRET, drawn_by=DRAWERS, now=LATER
    )
    assert (made.stake.value, made.tied, made.places) == ("seat", ("41", "42"), 1)
    order = draw(made.lot, made.stake, made.tied).order
    first = _bam(uow)
    assert first[0] is Status.DECIDED
    assert first[1] == order[:1]
    assert _bam(uow) == first  # two calls, one outcome: no option can differ between them
    assert "lot-drawn" in event_types(uow)

    with pytest.raises(LotAlreadyDrawnError, match="a tie is drawn once"):
        draw_lot(
            uow, BAM, ROUND_2, "parliament", "P2", secret=BAM_SECRET, drawn_by=["raees"], now=LATER
        )
    assert _bam(uow) == first

    certified = certify(
        uow,
        BAM,
        ROUND_2,
        "parliament",
        "P2",
        reason="نتیجه بررسی شد",
        reference="هیئت ۱۴۰۳/۱",
        now=LATER,
    )
    with uow() as work:
        sheets = list(work.tallies.all(ROUND_2))

    def digest(*lots: object) -> str:
        return input_digest(
            Geography.of(ROUND_2_DAY),
            definition_hash(ROUND_2_DAY),
            "parliament",
            "P2",
            sheets=sheets,
            voids=[],
            lots=lots,  # type: ignore[arg-type]
        )

    assert certified.digest == digest(made)
    assert digest(replace(made, seed="another")) != certified.digest
    assert digest() != certified.digest


def test_a_withdrawal_after_printing_gives_the_seat_to_the_next_by_votes(
    loaded: NewUnitOfWork,
) -> None:
    uow = loaded
    admin = Actor("a", Grant(Role.ADMIN, "IR"))
    with pytest.raises(NotElectoralError) as refused:  # review S20, F9: an admin withdrew one
        withdraw(uow, admin, ROUND_2, "parliament", "31", printing=Printing.AFTER, now=NOW)
    assert "نه مدیر سامانه" in refused.value.fa
    assert "access-denied" in event_types(uow)
    assert "candidate-withdrawn" not in event_types(uow)
    made = withdraw(uow, EXECUTIVE, ROUND_2, "parliament", "31", printing=Printing.AFTER, now=NOW)
    _polled(uow)  # 31 had 3 votes, the most: without the withdrawal 31 and 32 are elected
    assert made.printing is Printing.AFTER
    assert "candidate-withdrawn" in event_types(uow)
    (contest,) = decide_contests(uow, ROUND_2, contest="parliament").contests
    outcome = contest.decided[0].outcome
    # reference/iran-election-rules.md: "the next by votes moves up"
    assert outcome.elected == ("32", "33")
    assert any(r.key == "withdrawn" and r.candidate == "31" for r in outcome.reasons)
    with pytest.raises(AlreadyWithdrawnError):
        withdraw(uow, EXECUTIVE, ROUND_2, "parliament", "31", printing=Printing.AFTER, now=LATER)

    certify(
        uow,
        KERMAN,
        ROUND_2,
        "parliament",
        "P1",
        reason="نتیجه بررسی شد",
        reference="هیئت ۱۴۰۳/۱",
        now=LATER,
    )
    with pytest.raises(FrozenByCertificationError):
        withdraw(uow, EXECUTIVE, ROUND_2, "parliament", "32", printing=Printing.AFTER, now=LATER)
