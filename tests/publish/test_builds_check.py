"""A published build decision held to the anchored record's k of n (`publish.builds_check`,
review S19 F7). The attacker holds the centre and its log key: it rewrites `builds.json` and
attests it anew, so only the officials' signatures can catch it. Mounted: an approval with a
signature removed, one with a signature forged, and a report signed under a build whose
(genuinely signed) approval is dated after the report was received."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sandogh.cli.verification_view import finding_text
from sandogh.core.log.attestation import attest, attestation_json, read_attestation
from sandogh.publish.documents import instant
from sandogh.publish.findings import Disagreement, Finding
from sandogh.publish.log_anchor import ATTESTATION, read_log_anchor
from sandogh.publish.sources import FolderSource
from tests.core.anchor.build import LOG_KEY
from tests.services.build import ROUND_2, ST_1, ST_3
from tests.services.build_signing import decided

from .build import NewUnitOfWork, at, publisher
from .test_builds import APPROVED, NATIONAL, _final, _published, _relist
from .test_verify import DATA, check

BUILDS = f"{DATA}/builds.json"
LATER_BUILD = "sha256:" + "b2" * 32


def _rewritten(root: Path, change: Any) -> None:
    """`change` the first decision's approval in `builds.json`, and attest the file anew with
    the log key, as the centre could."""
    path = root / BUILDS
    document = json.loads(path.read_bytes())
    change(document["builds"][0]["approval"])
    path.write_text(json.dumps(document, ensure_ascii=False))
    attestation = root / ATTESTATION
    genuine = read_attestation(json.loads(attestation.read_text()))
    checkpoints, _ = read_log_anchor(FolderSource(root))
    files = {name: (root / name).read_bytes() for name in genuine.files}
    renewed = attest(LOG_KEY, checkpoints[-1], genuine.time, files)
    attestation.write_text(json.dumps(attestation_json(renewed)))


def _builds(root: Path) -> list[Finding]:
    return [f for f in check(root).elections[0].findings if f.kind is Disagreement.BUILD]


def _removed(approval: Any) -> None:
    approval["signatures"]["signatures"].pop()


def _forged(approval: Any) -> None:
    signature = approval["signatures"]["signatures"][0]
    signature["signature"] = ("0" if signature["signature"][0] != "0" else "1") + signature[
        "signature"
    ][1:]


def test_an_approval_with_a_signature_removed_approves_nothing(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    root = _published(uow, tmp_path)
    _rewritten(root, _removed)

    found = _builds(root)

    decision = [f for f in found if f.detail == "decision-signatures"]
    assert [(f.file, f.figure, f.published, f.expected) for f in decision] == [
        (BUILDS, "builds[0].approval", APPROVED, "3")
    ]
    # its build approved nothing, though the decision marks when the policy began: both final
    # reports under it fail too
    assert [(f.where, f.detail) for f in found if f is not decision[0]] == [
        (ST_1, "unapproved-build"),
        (ST_3, "unapproved-build"),
    ]
    assert "امضای معتبر" in finding_text(decision[0], "fa")
    assert "k officials" in finding_text(decision[0], "en")


def test_an_approval_with_a_forged_signature_approves_nothing(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    root = _published(uow, tmp_path)
    _rewritten(root, _forged)

    assert "decision-signatures" in {f.detail for f in _builds(root)}


def test_an_approval_of_another_build_under_this_one_is_caught(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    root = _published(uow, tmp_path)

    def other(approval: Any) -> None:
        approval["decision"] = approval["decision"].replace(APPROVED, LATER_BUILD)

    _rewritten(root, other)

    assert "decision-document" in {f.detail for f in _builds(root)}


def test_a_report_under_a_build_approved_only_after_it_fails(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """A second build approved by k officials, but after ST_1's final report was received: a
    report under it, listed at the time ST_1's was, is a finding though the approval is sound."""
    root = _published(uow, tmp_path)
    decided(uow, NATIONAL, ROUND_2, LATER_BUILD, "۱۴۰۳-۳", now=at(20))
    publisher(uow, root).regenerate()
    _relist(root, ST_1, _final(ST_1, LATER_BUILD))

    found = _builds(root)

    assert [(f.where, f.published, f.detail) for f in found] == [
        (ST_1, LATER_BUILD, "unapproved-build")
    ]
    assert found[0].expected < instant(at(20))  # received before the approval
