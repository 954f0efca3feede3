"""A lot's seed fixed by a secret committed before the results (review S19 F1): the grinding
attack mounted — a drawer trying seeds or secrets after the tie can no longer pick the winner —
a secret that does not match, a commitment after the cut-off, and a lot without a commitment,
each refused naming why; on the in-memory store (the SQL stores run the fixture's draws in
tests/services/test_outcome_decisions.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sandogh.core.access import Body, Grant, Role
from sandogh.core.rules import Stake, draw
from sandogh.core.rules.lot_commitment import commitment_of, tie_seed
from sandogh.core.rules.lots import lot_order
from sandogh.services.acting import Actor
from sandogh.services.competence import WrongBodyError
from sandogh.services.lot_commitments import (
    CommitmentAfterPollingError,
    CommitmentExistsError,
    CommitmentOverlapsError,
    WeakSecretError,
    commit_lot,
)
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from sandogh.services.outcome_decisions import (
    DrawerMissingError,
    NoCommitmentError,
    SecretMismatchError,
    draw_lot,
    lots_of,
)
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
    enrol,
    event_types,
    final,
    load,
    open_station,
)
from .operators_build import add
from .test_outcome_decisions import BAM, VOTES

NewUnitOfWork = Callable[[], UnitOfWork]
SECRET = "7d1f0c9e42a8b3165e0f — راز هیئت"
BAM_WIDE = Actor("nazer", Grant(Role.SUPERVISOR, "IR"))  # the boards over every constituency
TIED = ("41", "42")


def _store(*, committed: bool) -> NewUnitOfWork:
    store = MemoryStore()

    def uow() -> UnitOfWork:
        return MemoryUnitOfWork(store)

    load(uow, ROUND_2_DAY)
    add(uow, "raees", Role.SUPERVISOR, "IR-08-0802")  # who draws is an account (S20, F7)
    if committed:
        commit_lot(uow, BAM, ROUND_2, "parliament", "P2", secret=SECRET, now=NOW)
    sheets = [
        s for st in (ST_1, ST_2, ST_3) for s in final(ROUND_2_DAY, st, DEVICE, VOTES[st]).sheets
    ]
    import_results(uow, ROUND_2, sheets, now=NOW)
    return uow


def _draw(uow: NewUnitOfWork, secret: str) -> tuple[str, ...]:
    made = draw_lot(
        uow, BAM, ROUND_2, "parliament", "P2", secret=secret, drawn_by=["raees"], now=LATER
    )
    return draw(made.lot, made.stake, made.tied).order


def test_grinding_seeds_after_the_tie_no_longer_picks_the_winner() -> None:
    uow = _store(committed=True)
    fixed = tie_seed(SECRET, "parliament", "P2", Stake.SEAT, TIED)
    wanted = next(
        code for code in TIED if lot_order(fixed, TIED)[0] != code
    )  # the one it does not elect
    # the review's script: try innocent-looking values until one elects the wanted candidate;
    # the service takes no seed, and every secret but the committed one is refused
    for n in range(40):
        with pytest.raises(SecretMismatchError):
            _draw(uow, f"قرعه ۱۴۰۲ جلسه {n}")
    assert lots_of(uow, ROUND_2) == []
    order = _draw(uow, SECRET)
    assert order == lot_order(fixed, TIED)
    assert order[0] != wanted
    (made,) = lots_of(uow, ROUND_2)
    assert made.seed == fixed
    assert made.revealed is not None
    assert (made.revealed.secret, made.revealed.commitment) == (SECRET, commitment_of(SECRET))
    assert {"lot-committed", "lot-drawn"} <= set(event_types(uow))


def test_a_secret_not_matching_the_commitment_is_refused_naming_it() -> None:
    uow = _store(committed=True)
    with pytest.raises(SecretMismatchError, match=commitment_of(SECRET)) as refused:
        _draw(uow, SECRET + " ")
    assert "نمی‌خواند" in refused.value.fa
    assert "does not match" in refused.value.en
    assert lots_of(uow, ROUND_2) == []


def test_a_lot_naming_no_drawer_is_refused_and_not_stored() -> None:
    # review S19, F14 and R4: `--drawn-by ""` stored and published a lot nobody drew
    uow = _store(committed=True)
    for nobody in ([], [""], ["  "], ["raees", " "]):
        with pytest.raises(DrawerMissingError) as refused:
            draw_lot(
                uow, BAM, ROUND_2, "parliament", "P2", secret=SECRET, drawn_by=nobody, now=LATER
            )
        assert "«قرعه‌کشان» (--drawn-by)" in refused.value.fa
        assert "«drawn by» (--drawn-by)" in refused.value.en
    assert lots_of(uow, ROUND_2) == []
    made = draw_lot(
        uow, BAM, ROUND_2, "parliament", "P2", secret=SECRET, drawn_by=[" raees "], now=LATER
    )
    assert made.drawn_by == ("raees",)


def test_a_lot_without_a_commitment_is_refused_naming_lot_commit() -> None:
    uow = _store(committed=False)
    with pytest.raises(NoCommitmentError) as refused:
        _draw(uow, SECRET)
    assert "sandogh lot commit" in refused.value.fa
    assert "sandogh lot commit" in refused.value.en


def test_a_commitment_after_the_first_final_figures_is_refused_naming_the_cut_off() -> None:
    uow = _store(committed=False)
    with pytest.raises(CommitmentAfterPollingError) as refused:
        commit_lot(uow, BAM, ROUND_2, "parliament", "P2", secret=SECRET, now=LATER)
    assert "results were imported at IR, log entry" in refused.value.en
    assert "no tie can be seen" in refused.value.en
    assert "نتایج در IR وارد شد" in refused.value.fa
    national = Actor("nazer", Grant(Role.SUPERVISOR, "IR"))
    with pytest.raises(CommitmentAfterPollingError):  # the whole election's: any station's figures
        commit_lot(uow, national, ROUND_2, None, secret=SECRET, now=LATER)
    assert "lot-committed" not in event_types(uow)


def test_a_commitment_is_made_once_by_the_competent_body_with_a_real_secret() -> None:
    store = MemoryStore()

    def uow() -> UnitOfWork:
        return MemoryUnitOfWork(store)

    load(uow, ROUND_2_DAY)
    with pytest.raises(WeakSecretError):
        commit_lot(uow, BAM, ROUND_2, "parliament", "P2", secret="1403", now=NOW)
    councils = Actor("majlesi", Grant(Role.SUPERVISOR, "IR-08-0802", Body.MAJLIS))
    with pytest.raises(WrongBodyError):
        commit_lot(uow, councils, ROUND_2, "parliament", "P2", secret=SECRET, now=NOW)
    made = commit_lot(uow, BAM, ROUND_2, "parliament", "P2", secret=SECRET, now=NOW)
    assert (made.scope, made.commitment) == ("parliament/P2", commitment_of(SECRET))
    with pytest.raises(CommitmentExistsError, match="bami"):
        commit_lot(uow, BAM, ROUND_2, "parliament", "P2", secret=SECRET + "2", now=NOW)


def test_the_attack_a_narrower_commitment_once_the_tie_is_seen_is_refused() -> None:
    """The second review (R2): the board committed for the whole contest early, then, with the
    stations counted and the tie known, committed a ground secret for P2 alone, which the draw
    took as the most specific. A commitment overlapping one recorded is refused."""
    store = MemoryStore()

    def uow() -> UnitOfWork:
        return MemoryUnitOfWork(store)

    load(uow, ROUND_2_DAY)
    commit_lot(uow, BAM_WIDE, ROUND_2, "parliament", secret=SECRET, now=NOW)
    with pytest.raises(CommitmentOverlapsError, match="each tie has one commitment"):
        commit_lot(uow, BAM, ROUND_2, "parliament", "P2", secret="g" * 40, now=NOW)
    with pytest.raises(CommitmentOverlapsError):  # nor wider, over it
        commit_lot(uow, BAM_WIDE, ROUND_2, None, secret="w" * 40, now=NOW)


def test_a_commitment_once_a_station_has_opened_is_refused() -> None:
    """Counts exist at closing, before any final report reaches the centre: the cut-off is the
    start of polling (here a station's zero report), not the first final figures."""
    store = MemoryStore()

    def uow() -> UnitOfWork:
        return MemoryUnitOfWork(store)

    load(uow, ROUND_2_DAY)
    enrol(uow, ST_3, DEVICE)
    open_station(uow, ROUND_2_DAY, ST_3, DEVICE)
    with pytest.raises(CommitmentAfterPollingError) as refused:
        commit_lot(uow, BAM, ROUND_2, "parliament", "P2", secret=SECRET, now=NOW)
    assert "رأی‌گیری parliament در" in refused.value.fa
    assert "polling of parliament began on" in refused.value.en
    assert f"{ST_3}'s zero report was accepted" in refused.value.en  # what began it, where
    assert f"صورتجلسه آغاز رأی‌گیری {ST_3} پذیرفته شد" in refused.value.fa
