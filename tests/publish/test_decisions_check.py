"""The supervisory decisions held to the log key the pre-election record names
(`publish.decisions_check`): the attack of the review of issue 12 (F4) — a snapshot whose
`supervision.json` and every file it decides are replaced, reports and record untouched — and
the same decisions dropped, re-signed or left unsigned."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sandogh.cli.verification_view import finding_text, print_verification, verification_json
from sandogh.core.access import Grant, Role
from sandogh.core.log import SignedCheckpoint
from sandogh.core.log.attestation import attest, attestation_json, read_attestation
from sandogh.core.report import SigningKey
from sandogh.core.supervision import Decision, StationVoid
from sandogh.publish.anchor_check import Anchors
from sandogh.publish.findings import Disagreement, Vouched
from sandogh.publish.log_anchor import ATTESTATION, read_log_anchor
from sandogh.publish.sources import FolderSource
from sandogh.publish.verify import Verification, verify_snapshot
from sandogh.services.acting import Actor
from sandogh.services.certifications import certify
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from sandogh.services.voids import void
from tests.core.anchor.build import LOG_KEY
from tests.services.build import LATER, ROUND_2, ST_1, ST_2, ST_3

from .build import NewUnitOfWork, publisher, record_fingerprint, report, set_up

DATA = f"data/{ROUND_2}"
SUPERVISION = f"{DATA}/supervision.json"
BOARD = Actor("nazer", Grant(Role.SUPERVISOR, "IR"))


def _history(uow: NewUnitOfWork, root: Path, *, voided: bool) -> Path:
    """Every station reported; ST_1 voided or not; the runoff certified; published."""
    for n, station in enumerate((ST_1, ST_2, ST_3), start=1):
        report(uow, station, n)
    if voided:
        said = Decision("no seal", "1403/12")
        void(uow, BOARD, ROUND_2, StationVoid(ST_1, None, said), now=LATER)
    certify(
        uow,
        BOARD,
        ROUND_2,
        "president",
        reason="نتیجه بررسی شد",
        reference="هیئت ۱۴۰۳/۱",
        now=LATER,
    )
    publisher(uow, root).regenerate()
    return root


def _check(root: Path, anchors: Anchors | None = None) -> Verification:
    with FolderSource(root) as source:
        return verify_snapshot(source, anchors=anchors or Anchors((record_fingerprint(),)))


def _fresh() -> NewUnitOfWork:
    store = MemoryStore()

    def new() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    set_up(new)
    return new


@pytest.fixture
def honest(uow: NewUnitOfWork, tmp_path: Path) -> Path:
    return _history(uow, tmp_path / "honest", voided=True)


def test_decisions_the_log_key_signed_agree_and_say_so(
    honest: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    verification = _check(honest)
    assert verification.agrees
    assert verification.elections[0].decisions is Vouched.LOG_KEY
    assert verification_json(verification)["elections"][0]["decisions"] == "log-key"
    print_verification(verification, "fa")
    assert "تصمیم‌های نظارتی (supervision.json) را کلید لاگ رویدادها" in capsys.readouterr().out


def test_the_attack_another_history_s_decisions_and_outcomes_under_the_honest_attestation(
    honest: Path, tmp_path: Path
) -> None:
    """Whoever publishes swaps in the files of a history where ST_1 was never voided — results,
    outcomes and supervision.json, all consistent with the signed reports — and keeps the rest:
    re-adding agrees, the log key's attestation does not."""
    other = _history(_fresh(), tmp_path / "other", voided=False)
    forged = tmp_path / "forged"
    shutil.copytree(honest, forged)
    shutil.rmtree(forged / DATA)
    shutil.copytree(other / DATA, forged / DATA)
    shutil.copytree(honest / DATA / "anchor", forged / DATA / "anchor", dirs_exist_ok=True)

    verification = _check(forged)

    assert not verification.agrees
    (finding,) = verification.elections[0].findings
    assert (finding.kind, finding.file) == (Disagreement.DECISIONS, SUPERVISION)
    assert "is not what the log key signed" in finding_text(finding, "en")


def test_decisions_dropped_with_every_file_they_decide_are_missed(
    honest: Path, tmp_path: Path
) -> None:
    other = _history(_fresh(), tmp_path / "other", voided=False)
    (other / SUPERVISION).unlink()  # the certification dropped too
    forged = tmp_path / "forged"
    shutil.copytree(other, forged)
    shutil.copy(honest / ATTESTATION, forged / ATTESTATION)
    shutil.copy(honest / "log/checkpoints.json", forged / "log/checkpoints.json")

    kinds = {(f.kind, f.file) for f in _check(forged).elections[0].findings}
    assert (Disagreement.MISSING, SUPERVISION) in kinds

    (forged / ATTESTATION).unlink()  # and the attestation with them
    kinds = {(f.kind, f.file) for f in _check(forged).elections[0].findings}
    assert (Disagreement.MISSING, ATTESTATION) in kinds


def test_an_attestation_re_signed_by_another_key_or_at_an_unpublished_checkpoint_is_refused(
    honest: Path,
) -> None:
    path = honest / ATTESTATION
    genuine = read_attestation(json.loads(path.read_text()))
    checkpoints, _ = read_log_anchor(FolderSource(honest))
    files = {SUPERVISION: (honest / SUPERVISION).read_bytes()}
    stranger = attest(SigningKey.from_seed(b"x" * 32), checkpoints[-1], genuine.time, files)
    path.write_text(json.dumps(attestation_json(stranger)))
    (finding,) = _check(honest).elections[0].findings
    assert (finding.kind, finding.file) == (Disagreement.SIGNATURE, ATTESTATION)

    unpublished = SignedCheckpoint(
        checkpoints[-1].sequence + 1, "0" * 64, genuine.time, checkpoints[-1].signature
    )
    path.write_text(json.dumps(attestation_json(attest(LOG_KEY, unpublished, genuine.time, files))))
    (finding,) = _check(honest).elections[0].findings
    assert (finding.kind, finding.figure) == (Disagreement.DECISIONS, "checkpoint")
    assert "does not publish signed by the same key" in finding_text(finding, "en")


def test_unanchored_the_decisions_are_said_to_rest_on_the_publisher(
    honest: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FolderSource(honest) as source:
        verification = verify_snapshot(source, anchors=None)
    assert verification.elections[0].decisions is Vouched.PUBLISHER
    print_verification(verification, "en")
    assert "rest only on the publisher's word" in capsys.readouterr().out
