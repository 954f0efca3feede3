"""The approved builds in a published snapshot (`publish.builds`, issue 12): `builds.json` lists
every decision, and `verify-results` judges every signed report's build by the decisions as they
stood when it was received. Two attacks are mounted on the published folder: a report forged
under a build never approved (signed by the box's key and its staff, its hash listed anew) and a
report moved to after its build's revocation; each fails, naming the station and the build."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from sandogh.cli.verification_view import finding_text
from sandogh.core.access import Grant, Role
from sandogh.core.fleet.build_signatures import BuildAction
from sandogh.core.report.digests import sha256_text
from sandogh.publish.documents import instant
from sandogh.publish.findings import Disagreement
from sandogh.services.acting import Actor
from sandogh.services.ingest import ingest_report
from tests.services.build import ROUND_2, ROUND_2_DAY, ST_1, ST_3, final, signed
from tests.services.build_signing import decided

from .build import KEYS, VOTES, NewUnitOfWork, at, publisher
from .test_verify import DATA, check

APPROVED = "sha256:" + "a1" * 32
FORGED = "sha256:" + "f0" * 32
NATIONAL = Actor("keshvari", Grant(Role.NATIONAL_HQ, "IR"))


def _final(station: str, build: str) -> bytes:
    report = final(ROUND_2_DAY, station, KEYS[station], VOTES[station])
    return signed(dataclasses.replace(report, build=build), KEYS[station])


def _published(uow: NewUnitOfWork, root: Path, *, revoked: bool = False) -> Path:
    """Builds approved after the boxes opened (their zero reports name none), then ST_1's and
    ST_3's final reports under the approved build (and, if `revoked`, its revocation after
    them), published."""
    decided(uow, NATIONAL, ROUND_2, APPROVED, "۱۴۰۳-۲", now=at(-1))
    for minutes, station in enumerate((ST_1, ST_3), start=1):
        ingest_report(uow, signed=_final(station, APPROVED), now=at(minutes))
    if revoked:
        decided(uow, NATIONAL, ROUND_2, APPROVED, action=BuildAction.REVOKE, now=at(10))
    publisher(uow, root).regenerate()
    return root


def _relist(root: Path, station: str, data: bytes | None, received: str | None = None) -> None:
    """Put `data` in place of the station's final report and list it in every results file of
    the station, as a forger rewriting the folder would."""
    if data is not None:
        (root / DATA / f"reports/{station}/final.json").write_bytes(data)
    for path in (root / DATA / "results").glob(f"*/{station}.json"):
        document = json.loads(path.read_bytes())
        for ref in document["reports"]:
            if ref["kind"] == "final":
                ref["hash"] = sha256_text(data) if data is not None else ref["hash"]
                ref["received"] = received or ref["received"]
        path.write_text(json.dumps(document, ensure_ascii=False))


def test_the_builds_are_published_and_every_report_agrees_with_them(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    root = _published(uow, tmp_path)
    listed = json.loads((root / DATA / "builds.json").read_bytes())
    (entry,) = listed["builds"]
    assert {k: v for k, v in entry.items() if k not in {"approval", "revocation"}} == {
        "build": APPROVED,
        "label": "۱۴۰۳-۲",
        "approved_by": "keshvari",
        "approved_at": instant(at(-1)),
        "revoked_by": None,
        "revoked_at": None,
    }
    assert json.loads(entry["approval"]["decision"])["action"] == "approve"
    assert len(entry["approval"]["signatures"]["signatures"]) == 3  # k of the record, signed
    assert entry["revocation"] is None
    verification = check(root)
    assert verification.agrees
    assert verification.elections[0].verified == 5  # the zero reports came before any decision


def test_a_report_forged_under_a_build_never_approved_fails_naming_station_and_build(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    root = _published(uow, tmp_path)
    _relist(root, ST_1, _final(ST_1, FORGED))

    verification = check(root)

    assert not verification.agrees
    (finding,) = [f for f in verification.elections[0].findings if f.kind is Disagreement.BUILD]
    assert (finding.where, finding.published, finding.detail) == (
        ST_1,
        FORGED,
        "unapproved-build",
    )
    for lang in ("fa", "en"):
        said = finding_text(finding, lang)
        assert said.startswith(ST_1)
        assert FORGED in said
    assert "تأییدشده نبود" in finding_text(finding, "fa")


def test_a_report_received_after_its_build_was_revoked_fails(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """The revocation is published as it was decided, after both reports: both still agree.
    Listed as received after it, ST_3's report fails (and its figures are not re-added)."""
    root = _published(uow, tmp_path, revoked=True)
    assert check(root).agrees
    _relist(root, ST_3, None, received=instant(at(11)))

    findings = check(root).elections[0].findings

    builds = [f for f in findings if f.kind is Disagreement.BUILD]
    assert [(f.where, f.published, f.detail) for f in builds] == [(ST_3, APPROVED, "revoked-build")]
    assert "revoked before the report was received" in finding_text(builds[0], "en")


def test_a_snapshot_without_its_builds_list_does_not_agree(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    root = _published(uow, tmp_path)
    (root / DATA / "builds.json").unlink()
    findings = check(root).elections[0].findings
    assert (Disagreement.MISSING, f"{DATA}/builds.json") in {(f.kind, f.file) for f in findings}


def test_the_attack_a_forged_build_approved_in_builds_json_too_is_caught_twice(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """The forger lists the forged build as approved as well: builds.json is no longer what the
    log key signed, and its approval is the genuine build's document, signed for that build only
    (`publish.builds_check`): the forged build approves nothing, and ST_1's report fails."""
    root = _published(uow, tmp_path)
    _relist(root, ST_1, _final(ST_1, FORGED))
    path = root / DATA / "builds.json"
    listed = json.loads(path.read_bytes())
    listed["builds"].append({**listed["builds"][0], "build": FORGED, "label": "جعلی"})
    path.write_text(json.dumps(listed, ensure_ascii=False))

    findings = check(root).elections[0].findings

    assert [f.detail for f in findings if f.kind is Disagreement.BUILD] == [
        "decision-document",
        "unapproved-build",
    ]
    decisions = [f.file for f in findings if f.kind is Disagreement.DECISIONS]
    assert decisions == [f"{DATA}/builds.json"]
