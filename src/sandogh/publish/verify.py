"""Checking a published snapshot from its files alone: `sandogh verify-results` (issue 5, item 3).

Brazil's Boletim de Urna model (DESIGN.md §3): every accepted station report is published, so
anyone can re-add the totals. For each election of the snapshot this

1. checks that `definition.json` hashes to the snapshot's definition hash;
2. checks the pre-election record against the fingerprint or record taken from a second source
   (`publish.anchor_check`, issue 9 section 2) — unless told to go unanchored — and, when the
   record names the event log's key, `supervision.json` against that key's attestation
   (`publish.decisions_check`);
3. reads every signed report the station results list, and checks that its bytes hash to the hash
   listed, that it reads as a signed report of that station, kind, election and definition, that
   the device's and every staff signature verify, and that the record covers it: its box, its
   staff in their roles, a final report's two staff signatures and zero report
   (`publish.signed_reports`; unanchored, only that `devices.json` lists the box);
4. re-adds the sheets of every final report that passed (`publish.readd`;
   `core.counting.aggregate` over the geography of `definition.json`), with the voids and
   certified hand-count corrections of `supervision.json` applied as the centre applies them
   (`core.supervision.apply_voids`, `core.supervision.correct_totals`; a correction that does
   not fit the definition is a finding), decides each constituency again (`core.rules`), and builds
   every document the snapshot must hold from them (`publish.documents`, the publisher's own
   code, which anyone can read and run);
5. compares them with the published files, figure by figure (`publish.differences`): every unit's
   results (each held to the version of its format it names), every outcome, `snapshot.json`,
   `units.json`, each county's station CSV and, when it is as recent as the snapshot,
   `csv/totals.csv`;
6. in an E2E election, splits each contest's re-added total into the part of the final reports
   that commit to their box's E2E chain (verified end to end by `verify-election`) and the part
   of the signed paper sheets (`publish.e2e_split`), and checks that the E2E record holds the
   chain and tally each such report commits to, by their hashes alone (`publish.e2e_presence`).

A station whose published figures have no signed final report that passes is a disagreement of
its own (`UNSIGNED`), and its figures are then not compared one by one. Times (`updated`, when a
report was received) are the centre's word and are not checked. The NIST report is a translation
of the same figures into another format and is not checked again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sandogh.core.definition.geography import Geography
from sandogh.core.definition.problems import DefinitionError
from sandogh.core.report.digests import sha256_text
from sandogh.formats.definition_file import decode_canonical
from sandogh.publish.anchor_check import Anchors, anchored_coverage
from sandogh.publish.audit_checks import AuditVerification
from sandogh.publish.audit_hand_counts import Unborne, audit_findings
from sandogh.publish.candidacy_file import check_candidacy
from sandogh.publish.decisions_check import check_decisions
from sandogh.publish.e2e_presence import RecordState, check_e2e_record
from sandogh.publish.e2e_split import ContestSplit, e2e_split
from sandogh.publish.findings import Check, Disagreement, Finding, Vouched
from sandogh.publish.index import ElectionIndex
from sandogh.publish.readd import compare_rest, compare_results, readd
from sandogh.publish.signed_reports import signed_sheets
from sandogh.publish.sources import Source
from sandogh.services.ports import StoredElection


@dataclass(frozen=True)
class ElectionCheck:
    election: str
    definition_hash: str | None
    sequence: int | None
    reports: int  # signed reports read
    verified: int  # of them, every check passed
    readded: int  # final reports whose sheets were re-added
    documents: int  # published files compared with the re-added figures
    findings: tuple[Finding, ...]
    not_checked: tuple[str, ...] = ()  # files left out, e.g. csv/totals.csv older than snapshot
    covered: int | None = None  # amendments the anchor vouches for (`findings.Check`)
    amendments: int = 0
    head: str = ""
    decisions: Vouched = Vouched.NOTHING
    # each contest's total split into its end-to-end verified part and its paper part (none
    # in an election without E2E; `publish.e2e_split`)
    split: tuple[ContestSplit, ...] = ()
    e2e_record: RecordState = RecordState.NONE  # what the E2E record holds of them


@dataclass(frozen=True)
class Verification:
    location: str
    elections: tuple[ElectionCheck, ...]
    findings: tuple[Finding, ...] = ()  # of the snapshot as a whole (elections.json)
    anchors: Anchors | None = None  # what the record was checked against; None: unanchored

    @property
    def anchored(self) -> bool:
        return self.anchors is not None

    @property
    def agrees(self) -> bool:
        return (
            bool(self.elections)
            and not self.findings
            and not any(check.findings for check in self.elections)
        )


def verify_snapshot(
    source: Source,
    election: str | None = None,
    anchors: Anchors | None = None,
    audit: AuditVerification | None = None,
) -> Verification:
    """Check every election of the snapshot (or only `election`) against the pre-election
    records `anchors` vouches for; None: unanchored, each report's box checked against
    `devices.json` only (`Verification.anchored` is then False). With `audit` (the published
    audit folder verified, `publish.audit_verify`), the hand-count corrections of its election
    against the hand counts it publishes (`publish.audit_hand_counts`)."""
    whole = Check(source, "")
    if election is not None:
        ids = [election]
    else:
        listing = whole.json("data/elections.json", "")
        ids = [entry["id"] for entry in (listing or {}).get("elections", [])]
    checks = tuple(_verify(source, each, anchors, audit) for each in ids)
    if audit is not None and audit.election not in ids:
        kind = Unborne.NO_ELECTION
        whole.found.append(Finding(Disagreement.AUDIT, audit.election, "", detail=kind))
    return Verification(source.location, checks, tuple(whole.found), anchors)


def _verify(
    source: Source, election: str, anchors: Anchors | None, audit: AuditVerification | None
) -> ElectionCheck:
    check = Check(source, election)
    folder = check.folder
    snapshot = check.json(f"{folder}/snapshot.json", election)
    definition = source.read(f"{folder}/definition.json")
    if snapshot is None or definition is None:
        if definition is None:
            check.found.append(Finding(Disagreement.MISSING, election, f"{folder}/definition.json"))
        return _result(check, None, None, 0)
    published_hash = snapshot.get("definition_hash")
    if sha256_text(definition) != published_hash:
        check.found.append(
            Finding(
                Disagreement.DEFINITION,
                election,
                f"{folder}/definition.json",
                "definition_hash",
                str(published_hash),
                sha256_text(definition),
            )
        )
    try:
        day = decode_canonical(definition)
        geography = Geography.of(day)
    except DefinitionError as error:
        check.found.append(
            Finding(
                Disagreement.UNREADABLE, election, f"{folder}/definition.json", detail=str(error)
            )
        )
        return _result(check, published_hash, snapshot.get("sequence"), 0)
    index = ElectionIndex.of(StoredElection(day, str(published_hash)), geography)
    coverage = None
    if anchors is not None:
        coverage = anchored_coverage(check, sha256_text(definition), anchors)
        if coverage is None:  # every report is then not covered: nothing to check them against
            return _result(check, published_hash, snapshot.get("sequence"), 0)
    check.decisions = check_decisions(check, check.log_keys)
    check_candidacy(check, day)
    sheets, listed = signed_sheets(check, index, coverage)
    tallied = readd(check, index, sheets)
    if audit is not None and audit.election == election:
        where = f"{folder}/supervision.json"
        check.found.extend(audit_findings(election, where, tallied.corrections, audit))
    compare_results(check, index, tallied, listed)
    compare_rest(check, index, tallied, snapshot)
    split = e2e_split(sheets, check.committed)
    record = check_e2e_record(check, check.committed)
    return _result(
        check, published_hash, snapshot.get("sequence"), len(sheets), split=split, record=record
    )


def _result(
    check: Check,
    definition_hash: Any,
    sequence: Any,
    readded: int,
    *,
    split: tuple[ContestSplit, ...] = (),
    record: RecordState = RecordState.NONE,
) -> ElectionCheck:
    return ElectionCheck(
        election=check.election,
        definition_hash=definition_hash if isinstance(definition_hash, str) else None,
        sequence=sequence if isinstance(sequence, int) else None,
        reports=check.reports,
        verified=check.verified,
        readded=readded,
        documents=check.documents,
        findings=tuple(check.found),
        not_checked=tuple(check.not_checked),
        covered=check.covered,
        amendments=check.amendments,
        head=check.head,
        decisions=check.decisions,
        split=split,
        e2e_record=record,
    )


def stations_of(findings: Iterable[Finding]) -> list[str]:
    """The stations and units named, each once, in order of first mention."""
    return list(dict.fromkeys(f.where for f in findings))
