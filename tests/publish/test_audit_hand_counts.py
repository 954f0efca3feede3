"""The chain between the two published folders (docs/audit.md §6.5, §7): the audit folder's
hand counts against its own replay (`audit verify`), and supervision.json's corrections against
the audit folder (`verify-results --audit DIR`)."""

from __future__ import annotations

import json
import re
from datetime import UTC
from fractions import Fraction
from pathlib import Path

from typer.testing import CliRunner

from sandogh.cli.app import app
from sandogh.cli.audit_report import write_report
from sandogh.cli.verification_view import finding_text
from sandogh.core.access import Grant, Role
from sandogh.core.audit.hand_count_record import hand_count_json, hand_counts_json
from sandogh.core.audit.manifest import Roll
from sandogh.core.audit.replay import hand_count
from sandogh.core.canonical_json import canonical_json
from sandogh.core.counting.tally import Counts
from sandogh.publish.anchor_check import Anchors
from sandogh.publish.audit_checks import AuditVerification, Step
from sandogh.publish.audit_hand_counts import Unborne
from sandogh.publish.audit_verify import verify_audit
from sandogh.publish.findings import Disagreement, Finding
from sandogh.publish.sources import FolderSource
from sandogh.publish.verify import Verification, verify_snapshot
from sandogh.services.acting import Actor
from sandogh.services.audit_status import audit_publication, record_hand_count
from sandogh.services.audits import record_seed, start_audit
from sandogh.services.hand_count_corrections import certify_hand_count
from tests.services.build import LATER, ROUND_2, ST_1, ST_2, ST_3

from .audit_folders import kerman_audit, write_audit
from .build import NewUnitOfWork, publisher, record_fingerprint, report, set_up
from .conftest import MemoryStore, MemoryUnitOfWork

HONEST = Counts(cast=5, valid=5, votes={"21": 2, "25": 3})
DICE = (Roll("ستاد انتخابات", "3071945268"), Roll("ناظر", "5812093746"))
BOARD = Actor("nazer", Grant(Role.SUPERVISOR, "IR"))


def _published(root: Path, hand: Counts, *, certified: bool = True) -> tuple[Path, Path]:
    """One ballot apart, the audit sends the runoff to a full hand count of `hand`, certified;
    the results snapshot (`root/results`) and the audit folder (`root/audit`) as published."""
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    new: NewUnitOfWork = uow
    set_up(new)
    close = {ST_1: [("21",), ("25",)], ST_2: [("21",), ("25",)], ST_3: [("21",)]}
    for n, station in enumerate((ST_1, ST_2, ST_3), start=1):
        report(new, station, n, votes={"president": close[station]})
    start_audit(new, ROUND_2, ["president"], Fraction(1, 20), now=LATER)
    record_seed(new, ROUND_2, DICE, now=LATER)  # `audit verify` reads the seed whatever it draws
    record_hand_count(new, ROUND_2, "president:IR", hand, now=LATER)
    if certified:
        certify_hand_count(new, BOARD, ROUND_2, "president:IR", reason="minutes", now=LATER)
    publisher(new, root / "results").regenerate()
    write_report(root / "audit", audit_publication(new, ROUND_2))
    return root / "results", root / "audit"


def _check(results: Path, audit: AuditVerification | None) -> Verification:
    with FolderSource(results) as source:
        return verify_snapshot(source, anchors=Anchors((record_fingerprint(),)), audit=audit)


def test_a_certified_hand_count_is_published_in_the_audit_folder_and_borne_out(
    tmp_path: Path,
) -> None:
    results, folder = _published(tmp_path, HONEST)
    audit = verify_audit(folder)

    assert audit.passed, audit.first_failure
    (counted,) = audit.hand_counts
    assert (counted.contest, counted.certified, counted.counts.votes) == (
        "president:IR",
        True,
        {"21": 2, "25": 3},
    )
    entry = json.loads((folder / "hand-counts.json").read_text())["hand_counts"][0]
    assert (entry["outcome"]["elected"], entry["changed"]) == (["25"], True)
    supervision = json.loads((results / f"data/{ROUND_2}/supervision.json").read_text())
    assert entry["audit"] == supervision["corrections"][0]["audit"]
    assert _check(results, audit).agrees
    shown = CliRunner().invoke(app, ["audit", "verify", str(folder)])
    assert "شمارش دستی president:IR (تأییدشده): 21=۲، 25=۳" in shown.output
    listed = json.loads(CliRunner().invoke(app, ["audit", "verify", str(folder), "--json"]).output)
    assert listed["hand_counts"] == [entry]

    # the station's reported sheets are marked superseded; the nation's total counts the hand count
    data = results / "data" / ROUND_2 / "results" / "president"
    station = json.loads((data / f"{ST_1}.json").read_text())
    assert station["hand_count"] == {
        "constituency": "IR",
        "audit": entry["audit"],
        "certified_at": LATER.astimezone(UTC).isoformat(timespec="seconds"),
        "superseded": True,
    }
    assert json.loads((data / "IR.json").read_text())["hand_count"]["superseded"] is False
    del station["hand_count"]  # a station file that hides the hand count disagrees
    (data / f"{ST_1}.json").write_text(json.dumps(station))
    (found,) = _check(results, audit).elections[0].findings
    assert (found.kind, found.where, found.figure) == (Disagreement.FIGURE, ST_1, "hand_count")


def test_a_forged_correction_with_results_to_match_is_caught_only_against_the_audit(
    tmp_path: Path,
) -> None:
    """The attack: supervision.json and every results file rewritten together to a hand count
    the board never certified (here made by a store that certified the forged totals, so every
    results file agrees with them). Alone the snapshot agrees with itself; against the honest
    audit folder, the correction's totals are not the audit's hand count."""
    _, honest_audit = _published(tmp_path / "honest", HONEST)
    forged = Counts(cast=5, valid=5, votes={"21": 3, "25": 2})
    results, _ = _published(tmp_path / "forged", forged)

    assert _check(results, None).agrees  # the gap this closes
    verification = _check(results, verify_audit(honest_audit))
    assert not verification.agrees
    (found,) = verification.elections[0].findings
    assert (found.kind, found.figure, found.detail) == (
        Disagreement.AUDIT,
        "corrections[0].votes",
        Unborne.FIGURE,
    )
    assert (json.loads(found.published), json.loads(found.expected)) == (
        {"21": 3, "25": 2},
        {"21": 2, "25": 3},
    )
    assert "شمارش دستی پوشه حسابرسی" in finding_text(found, "fa")
    assert "the audit folder's hand count" in finding_text(found, "en")
    command = ["verify-results", str(results), "--anchor", record_fingerprint()]
    done = CliRunner().invoke(app, [*command, "--audit", str(honest_audit)])
    assert done.exit_code == 5
    assert "corrections[0].votes: منتشرشده" in done.output


def test_every_kind_of_mismatch_is_said_in_persian_and_english() -> None:
    names = ("supervision.json", "sandogh audit verify")  # file and command names stay as they are
    for kind in Unborne:
        found = Finding(Disagreement.AUDIT, "", "", detail=kind)
        fa, en = finding_text(found, "fa"), finding_text(found, "en")
        for name in names:
            fa = fa.replace(name, "")
        assert fa != en
        assert re.search("[\u0600-\u06ff]", fa), kind
        assert not re.search("[A-Za-z]", fa), fa


def test_a_correction_the_audit_has_pending_or_a_tampered_audit_folder_is_a_finding(
    tmp_path: Path,
) -> None:
    results, _ = _published(tmp_path / "certified", HONEST)
    _, pending = _published(tmp_path / "pending", HONEST, certified=False)

    (found,) = _check(results, verify_audit(pending)).elections[0].findings
    assert (found.figure, found.detail) == ("corrections[0]", Unborne.PENDING)

    # the audit folder's own hand count edited: the folder fails, and nothing it says is used
    _, folder = _published(tmp_path / "again", HONEST)
    path = folder / "hand-counts.json"
    document = json.loads(path.read_text())
    document["hand_counts"][0]["outcome"]["elected"] = ["21"]
    path.write_bytes(canonical_json(document))
    audit = verify_audit(folder)
    failed = audit.first_failure
    assert failed is not None
    assert (failed.step, failed.field) == (Step.HAND_COUNTS, "hand_counts[0].outcome.elected[0]")
    (found,) = _check(results, audit).elections[0].findings
    assert found.detail == Unborne.AUDIT_FAILS

    # a certified hand count naming an audit record that never sent it to a hand count
    document = json.loads(path.read_text())
    document["hand_counts"][0]["outcome"]["elected"] = ["25"]
    document["hand_counts"][0]["audit"] = "sha256:" + "0" * 64
    path.write_bytes(canonical_json(document))
    failed = verify_audit(folder).first_failure
    assert failed is not None
    assert (failed.field, failed.detail) == (
        "hand_counts[0].audit",
        f"sha256:{'0' * 64} is no audit record that sent it to a hand count",
    )


def test_a_hand_count_published_for_a_contest_the_audit_confirmed_fails(tmp_path: Path) -> None:
    """The attack: a hand count slipped into the folder of an audit that confirmed the outcome,
    to be certified as a correction. Its own figures are the rule's; the replay sent no hand
    count."""
    folder = write_audit(tmp_path / "audit")
    plan = kerman_audit()[0]
    (contest,) = plan.contests
    assert verify_audit(folder).passed
    votes = dict(contest.reported.votes)
    loser, winner = sorted(votes, key=lambda code: votes[code])
    valid = contest.reported.valid
    flipped = {winner: votes[loser], loser: votes[winner]}
    counts = Counts(cast=valid, valid=valid, votes=flipped)
    entry = hand_count_json(hand_count(contest, counts), "pending-certification", None)
    document = hand_counts_json(plan.election, [entry])
    (folder / "hand-counts.json").write_bytes(canonical_json(document))

    audit = verify_audit(folder)
    failed = audit.first_failure
    assert failed is not None
    assert (failed.step, failed.file, failed.field) == (
        Step.HAND_COUNTS,
        "hand-counts.json",
        "hand_counts[0].contest",
    )
    assert failed.detail.startswith("the audit's replay sent no hand count of it")
    assert audit.hand_counts == ()
