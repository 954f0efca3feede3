"""An audit whose outcome a lot decided, and one with a withdrawn candidate: `audit report`
publishes the lot and the withdrawn in the plan, `audit verify` decides each outcome again from
them and the results, and a forger who edits either is named by file and path (docs/audit.md
§2.2, §7)."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sandogh.cli.audit_report import write_report
from sandogh.core.access import Grant, Role
from sandogh.core.audit.manifest import Roll
from sandogh.core.audit.plan import Escalation
from sandogh.core.candidacy.withdrawal import Printing
from sandogh.core.counting.tally import Counts, TallySheet
from sandogh.core.definition.model import Contest
from sandogh.core.rules.lot_commitment import tie_seed
from sandogh.core.rules.lots import Lot, Stake
from sandogh.publish.audit_checks import AuditCheck, Step
from sandogh.publish.audit_verify import verify_audit
from sandogh.services.acting import Actor
from sandogh.services.audit_status import audit_publication, audit_status
from sandogh.services.audits import record_seed, start_audit
from sandogh.services.lot_commitments import commit_lot
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from sandogh.services.outcome_decisions import draw_lot, withdraw
from sandogh.services.results import import_results
from tests.conftest import TEST_NOW
from tests.core.definition.kerman import PRESIDENT, person, with_contest
from tests.publish.test_audit_verify import edit
from tests.services.audit_build import FIVE_PERCENT, load_definition, sheets_of
from tests.services.operators_build import add

STATIONS = ("ST-0801-0001", "ST-0801-0002", "ST-0802-0001")
LOT_SECRET = "1403-04-15 قرعه — 9b2e61f0c4"  # committed before the results (review S19 F1)
LOT = Lot(
    tie_seed(LOT_SECRET, "president", "IR", Stake.SEAT, ("21", "25")), ("raees", "nazer")
)  # who drew: operator accounts of the store (review S20, F7)
ROLLS = [Roll("ستاد", "30719452685812093746")]
WITH_30 = replace(PRESIDENT, candidates=(*PRESIDENT.candidates, person("30", "IR")))


def _published(
    folder: Path,
    contest: Contest,
    sheets: list[TallySheet],
    *,
    lot: Lot | None = None,
    withdrawn: frozenset[str] = frozenset(),
) -> Path:
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    election = with_contest(contest)
    load_definition(uow, election)
    board = Actor("nazer", Grant(Role.SUPERVISOR, "IR"))
    if lot is not None:
        commit_lot(uow, board, election.id, "president", "IR", secret=LOT_SECRET, now=TEST_NOW)
    hq = Actor("setad", Grant(Role.NATIONAL_HQ, "IR"))
    for code in sorted(withdrawn):  # before polling: after it, none is recorded
        withdraw(uow, hq, election.id, "president", code, printing=Printing.AFTER, now=TEST_NOW)
    import_results(uow, election.id, sheets, now=TEST_NOW)
    if lot is not None:
        for drawer in lot.drawn_by:
            add(uow, drawer, Role.SUPERVISOR, "IR")
        draw_lot(
            uow,
            board,
            election.id,
            "president",
            "IR",
            secret=LOT_SECRET,
            drawn_by=lot.drawn_by,
            now=TEST_NOW,
        )
    start_audit(uow, election.id, ["president"], FIVE_PERCENT, now=TEST_NOW)
    record_seed(uow, election.id, ROLLS, now=TEST_NOW)
    audit_status(uow, election.id)  # the stored plan is decided again the same way
    write_report(folder, audit_publication(uow, election.id))
    return folder


@pytest.fixture(scope="module")
def by_lot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """450 votes each: the lot gives the one seat."""
    folder = tmp_path_factory.mktemp("audit") / "lot"
    return _published(folder, PRESIDENT, sheets_of(dict.fromkeys(STATIONS, (150, 150))), lot=LOT)


@pytest.fixture(scope="module")
def with_withdrawn(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 withdrew after the ballots were printed and still got 20 votes a station."""
    votes = {"21": 160, "25": 120, "30": 20}
    counts = Counts(papers_received=300, papers_used=300, cast=300, valid=300, votes=votes)
    sheets = [TallySheet(code, "president", counts) for code in STATIONS]
    folder = tmp_path_factory.mktemp("audit") / "withdrawn"
    return _published(folder, WITH_30, sheets, withdrawn=frozenset({"30"}))


def _contest(folder: Path) -> dict[str, Any]:
    plan = json.loads((folder / "plan.json").read_bytes())
    contest: dict[str, Any] = plan["contests"][0]
    return contest


def _copy(folder: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(folder, tmp_path / folder.name))


def _failure(folder: Path) -> AuditCheck:
    found = verify_audit(folder).first_failure
    assert found is not None
    return found


def test_a_lot_decided_outcome_is_published_and_verifies(by_lot: Path) -> None:
    contest = _contest(by_lot)
    (lot,) = contest["lots"]
    assert (lot["seed"], lot["drawn_by"], lot["tied"]) == (LOT.seed, [*LOT.drawn_by], ["21", "25"])
    assert contest["elected"] == lot["order"][:1]
    # a tie broken by lot has a margin of 0: a full hand count confirms the tie or not (§2.2)
    assert contest["hand_count"] == Escalation.ZERO_MARGIN.value
    verified = verify_audit(by_lot)
    assert verified.passed, verified.first_failure
    assert verified.rounds == 0


def _other_seed(order: list[str]) -> str:
    """A seed whose draw orders the tied 21 and 25 the other way (core.rules.lots)."""
    for n in range(100):
        seed = f"forged-{n}"
        drawn = sorted(order, key=lambda c: hashlib.sha256(f"{seed}\n{c}".encode()).hexdigest())
        if drawn != order:
            return seed
    raise AssertionError("no seed found")


def test_a_forged_lot_seed_is_named(by_lot: Path, tmp_path: Path) -> None:
    folder = _copy(by_lot, tmp_path)
    seed = _other_seed(_contest(by_lot)["lots"][0]["order"])
    edit(folder / "plan.json", lambda d: d["contests"][0]["lots"][0].update(seed=seed))
    found = _failure(folder)
    assert (found.step, found.file) == (Step.PLAN, "plan.json")
    # the seed drawn again gives the other winner and the other order
    assert found.field in {"contests[0].elected[0]", "contests[0].lots[0].order[0]"}


def test_a_forged_lot_order_is_named(by_lot: Path, tmp_path: Path) -> None:
    folder = _copy(by_lot, tmp_path)

    def swap(document: dict[str, Any]) -> None:
        lot = document["contests"][0]["lots"][0]
        lot["order"] = lot["order"][::-1]

    edit(folder / "plan.json", swap)
    found = _failure(folder)
    assert (found.file, found.field) == ("plan.json", "contests[0].lots[0].order[0]")


def test_a_lot_left_out_is_named(by_lot: Path, tmp_path: Path) -> None:
    folder = _copy(by_lot, tmp_path)
    edit(folder / "plan.json", lambda d: d["contests"][0].update(lots=[]))
    found = _failure(folder)
    assert (found.file, found.field) == ("plan.json", "contests[0].outcome.status")
    assert "lot" in found.reason


def test_a_withdrawn_candidate_is_published_and_verifies(with_withdrawn: Path) -> None:
    contest = _contest(with_withdrawn)
    assert contest["withdrawn"] == ["30"]
    assert contest["elected"] == ["21"]
    assert not any("30" in a["key"] for a in contest["assertions"])
    verified = verify_audit(with_withdrawn)
    assert verified.passed, verified.first_failure


def test_a_withdrawn_candidate_struck_from_the_list_is_named(
    with_withdrawn: Path, tmp_path: Path
) -> None:
    folder = _copy(with_withdrawn, tmp_path)
    edit(folder / "plan.json", lambda d: d["contests"][0].update(withdrawn=[]))
    found = _failure(folder)
    # standing again, 30 is in the assertions the plan decided again gives
    assert found.file == "plan.json"
    assert found.field.startswith("contests[0].assertions[")


def test_a_withdrawn_code_of_nobody_is_named(with_withdrawn: Path, tmp_path: Path) -> None:
    folder = _copy(with_withdrawn, tmp_path)
    edit(folder / "plan.json", lambda d: d["contests"][0].update(withdrawn=["30", "99"]))
    found = _failure(folder)
    assert (found.file, found.field) == ("plan.json", "contests[0].withdrawn[1]")
    assert "99" in found.reason
