"""`audit verify` re-runs a published audit from its folder alone: the Kerman runoff's folder
passes, and each tampering fails naming the first file and field it changed (docs/audit.md §7)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sandogh.core.audit.rounds import Decision
from sandogh.core.canonical_json import canonical_json
from sandogh.publish.audit_checks import AuditCheck, Step
from sandogh.publish.audit_verify import verify_audit
from tests.publish.audit_folders import kerman_audit, write_audit


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_audit(tmp_path_factory.mktemp("audit") / "kerman")


@pytest.fixture
def copy(published: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(published, tmp_path / "kerman"))


def edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """The file changed and written again in canonical form, as a forger would."""
    document = json.loads(path.read_bytes())
    change(document)
    path.write_bytes(canonical_json(document))


def failure(folder: Path) -> AuditCheck:
    found = verify_audit(folder).first_failure
    assert found is not None
    return found


def test_the_published_kerman_audit_verifies(published: Path) -> None:
    verified = verify_audit(published)
    assert [c.step for c in verified.checks] == list(Step)
    assert verified.passed, verified.first_failure
    assert verified.rounds == 2
    assert verified.ended
    # what a person compares with the hash the event log recorded when round 2 closed
    assert verified.last_hash == kerman_audit()[4][-1].hash
    (president,) = verified.contests
    assert president.decision is Decision.CONFIRMED


def test_a_reading_changed_fails_at_its_round(copy: Path) -> None:
    round1 = json.loads((copy / "rounds/1.json").read_bytes())
    i = next(i for i, p in enumerate(round1["papers"]) if p["shows"] == {"president": ["21"]})

    def blank(document: dict[str, Any]) -> None:
        document["papers"][i]["shows"] = {"president": "invalid"}

    edit(copy / "rounds/1.json", blank)
    found = failure(copy)
    # the figures of round 1 no longer follow from its readings
    assert (found.step, found.file) == (Step.ROUNDS, "rounds/1.json")
    assert found.field.startswith(("discrepancies", "risk"))


def test_a_p_value_edited_fails_naming_it(copy: Path) -> None:
    risk = json.loads((copy / "rounds/1.json").read_bytes())["risk"]["president:IR"]
    replayed = risk["p_values"]["beats 21 25"]

    def lower(document: dict[str, Any]) -> None:
        document["risk"]["president:IR"]["p_values"]["beats 21 25"] = "1/100"

    edit(copy / "rounds/1.json", lower)
    found = failure(copy)
    assert (found.file, found.field) == ("rounds/1.json", "risk.president:IR.p_values.beats 21 25")
    assert found.published == '"1/100"'
    assert found.expected == f'"{replayed}"'


def test_a_paper_swapped_in_the_sample_fails(copy: Path) -> None:
    def swap(document: dict[str, Any]) -> None:
        draw = document["draws"][5]
        draw["position"] = draw["position"] % 400 + 1

    edit(copy / "samples/1.json", swap)
    found = failure(copy)
    assert (found.step, found.file, found.field) == (Step.SAMPLES, "samples/1.json", "draws[5]")


def test_a_paper_swapped_in_a_round_fails(copy: Path) -> None:
    def swap(document: dict[str, Any]) -> None:
        paper = document["papers"][0]
        station, container, position = paper["paper"].split("/")
        paper["paper"] = f"{station}/{container}/{int(position) % 400 + 1}"

    edit(copy / "rounds/1.json", swap)
    found = failure(copy)
    assert (found.file, found.field) == ("rounds/1.json", "papers[0]")
    assert "was not drawn" in found.detail


def test_a_changed_seed_fails_at_the_sample(copy: Path) -> None:
    def reroll(document: dict[str, Any]) -> None:
        document["rolls"][0]["digits"] = "1111111111"
        document["seed"] = "".join(r["digits"] for r in document["rolls"])

    edit(copy / "seed.json", reroll)
    found = failure(copy)
    assert (found.file, found.field) == ("samples/1.json", "seed")


def test_a_manifest_edited_after_the_seed_fails(copy: Path) -> None:
    def recount(document: dict[str, Any]) -> None:
        document["stations"][0]["containers"][0]["papers"] -= 1

    edit(copy / "manifest.json", recount)
    found = failure(copy)
    assert (found.step, found.file, found.field) == (Step.SEED, "seed.json", "manifest_hash")


def test_a_dropped_last_round_reads_as_drawn_and_not_closed(copy: Path) -> None:
    """F4 of the S18 review: the folder of an open audit and that of a finished one whose last
    round is withheld are the same files; either is "not ended", never confirmed."""
    assert verify_audit(copy).confirmed
    (copy / "rounds/2.json").unlink()
    found = verify_audit(copy)
    # the sample still holds round 2's draws: round 2 is drawn, not closed
    assert found.passed
    assert (found.open_round, found.ended, found.confirmed) == (2, False, False)
    (copy / "rounds/1.json").unlink()
    shutil.rmtree(copy / "samples")
    withheld = verify_audit(copy)
    assert (withheld.passed, withheld.rounds, withheld.ended, withheld.confirmed) == (
        True,
        0,
        False,
        False,
    )
    assert {c.decision.value for c in withheld.contests} == {"another-round"}


def test_a_round_moved_is_missing(copy: Path) -> None:
    shutil.move(copy / "rounds/1.json", copy / "rounds/2.json")
    assert (failure(copy).file, failure(copy).detail) == ("rounds/1.json", "missing")


def test_a_changed_risk_limit_breaks_the_chain(copy: Path) -> None:
    def looser(document: dict[str, Any]) -> None:
        document["risk_limit"] = "1/5"

    edit(copy / "plan.json", looser)
    found = failure(copy)
    assert (found.file, found.field) == ("rounds/1.json", "previous")


def test_an_unknown_format_is_named(copy: Path) -> None:
    def later(document: dict[str, Any]) -> None:
        document["format"] = "sandogh/audit-round@2"

    edit(copy / "rounds/2.json", later)
    found = failure(copy)
    assert (found.step, found.file, found.field) == (Step.ROUNDS, "rounds/2.json", "format")


def test_a_record_not_in_canonical_form_is_refused(copy: Path) -> None:
    plan = json.loads((copy / "plan.json").read_bytes())
    (copy / "plan.json").write_text(json.dumps(plan, indent=1))
    found = failure(copy)
    assert (found.step, found.file) == (Step.PLAN, "plan.json")
    assert "canonical" in found.detail


def test_results_changed_after_the_plan_fail_at_the_plan(copy: Path) -> None:
    """Two votes moved from 25 to 21 in the published results: the plan made from them is not
    the plan the audit ran on."""
    lines = (copy / "results.csv").read_text().splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.endswith(",21,435\n"))
    assert lines[first + 1].endswith(",25,462\n")
    lines[first] = lines[first].replace(",21,435\n", ",21,437\n")
    lines[first + 1] = lines[first + 1].replace(",25,462\n", ",25,460\n")
    (copy / "results.csv").write_text("".join(lines))
    found = failure(copy)
    assert (found.step, found.file) == (Step.PLAN, "plan.json")
    assert found.field == "contests[0].assertions[0].margin"
