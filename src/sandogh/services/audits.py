"""Use cases of a risk-limiting audit, up to the seed: start it (the manifest and the plan,
published before the seed) and record the seed rolled in public (docs/audit.md §3, §6.1).

The manifest is built from the stations' final reports (`core.audit.manifest.report_papers`;
a station whose results were imported as a tally sheet, without a signed report, holds the
papers its sheet cast), the plan from the outcomes the results give (`services.outcomes`).
Every later use case rebuilds both from the store and refuses to go on when they are no longer
the ones published (`ResultsChangedError`): the audit is of the results as they were announced.
Each use case is one transaction and logs what it did.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from sandogh.core.audit.audit_record import plan_json, records_hash
from sandogh.core.audit.cast_records import (
    CastRecords,
    RecordsCommitment,
    commit_records,
    commitment_of,
)
from sandogh.core.audit.manifest import (
    Manifest,
    Roll,
    Seed,
    StationKind,
    build_manifest,
    manifest_json,
    report_papers,
    seed_json,
)
from sandogh.core.audit.plan import AuditPlan, Reported, plan_audit
from sandogh.core.candidacy.withdrawal import withdrawn_in
from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.counting.tally import Counts
from sandogh.core.definition.model import VotingMode
from sandogh.core.log import Disposition, Event, EventType
from sandogh.core.report import ReportKind
from sandogh.core.report.digests import sha256_text
from sandogh.core.report.report import decode_report
from sandogh.core.report.signatures import decode_signed
from sandogh.services.audit_errors import (
    AuditAlreadyStartedError,
    NoAuditError,
    ResultsChangedError,
    ResultsNotCompleteError,
    SeedAlreadyRecordedError,
)
from sandogh.services.audit_ports import StoredAudit
from sandogh.services.elections import SYSTEM, UnitOfWorkFactory, resolve_election_id, root_of
from sandogh.services.errors import UnknownContestError
from sandogh.services.outcomes import decide_constituency, standing_by_constituency
from sandogh.services.ports import StoredReport, UnitOfWork
from sandogh.services.results import tally
from sandogh.services.tallied import Tallied


@dataclass(frozen=True)
class Audit:
    """An audit as stored, with its manifest and plan rebuilt and checked against it."""

    stored: StoredAudit
    tallied: Tallied
    manifest: Manifest
    plan: AuditPlan
    seed: Seed | None

    @property
    def election(self) -> str:
        return self.stored.election


def start_audit(
    uow: UnitOfWorkFactory,
    election_id: str | None,
    contests: Sequence[str],
    risk_limit: Fraction,
    *,
    records: CastRecords | None = None,
    now: datetime.datetime,
    actor: str = SYSTEM,
) -> Audit:
    """Fix the manifest and the plan of an audit of `contests` (every constituency of each)
    at `risk_limit`, and log their hashes: they are published before the seed is rolled.
    The outcomes are decided with the stored lots and withdrawals (`sandogh lot draw`,
    `sandogh candidates withdraw`), as every outcome is; the plan records, per contest, the lot
    that broke a tie in it and the withdrawn standing there, so that a verifier decides it again
    the same way (docs/audit.md §7).
    `records` are the boxes' cast-vote records: the plan commits to their hash and count and
    names the stations whose records agree with the manifest and the sheets, which alone are
    audited by comparison (docs/audit.md §3.3); they are neither stored nor published."""
    with uow() as work:
        tallied = tally(work, election_id, corrected=False)
        election = tallied.stored.election.id
        if work.audits.get(election) is not None:
            raise AuditAlreadyStartedError(f"{election} already has an audit", subject=election)
        manifest, plan = _build(
            work, tallied, tuple(contests), risk_limit, commit=_committing(records)
        )
        plan_bytes = canonical_json(plan_json(plan))
        stored = StoredAudit(
            election,
            tuple(contests),
            risk_limit,
            canonical_json(manifest_json(manifest)),
            manifest.hash,
            plan_bytes,
            now,
        )
        work.audits.add(stored)
        details = {
            "election": election,
            "contests": ",".join(contests),
            "risk_limit": str(risk_limit),
            "manifest_hash": manifest.hash,
            "plan_hash": sha256_text(plan_bytes),
        }
        if plan.records is not None:
            details["records_hash"] = plan.records.sha256
            details["records"] = str(plan.records.count)
        log(work, tallied, EventType.AUDIT_STARTED, details, now=now, actor=actor)
        work.commit()
    return Audit(stored, tallied, manifest, plan, None)


def record_seed(
    uow: UnitOfWorkFactory,
    election_id: str | None,
    rolls: Sequence[Roll],
    *,
    now: datetime.datetime,
    actor: str = SYSTEM,
) -> Seed:
    """Record the dice rolled in public for the published manifest; a seed is rolled once."""
    with uow() as work:
        audit = load_audit(work, election_id)
        if audit.seed is not None:
            raise SeedAlreadyRecordedError(
                f"the seed of {audit.election} is recorded: {audit.seed.digits}",
                subject=audit.seed.digits,
            )
        seed = Seed(audit.manifest.hash, tuple(rolls))
        if not work.audits.set_seed(audit.election, canonical_json(seed_json(seed))):
            raise SeedAlreadyRecordedError(  # another meeting's seed won the race
                f"the seed of {audit.election} is recorded", subject=audit.election
            )
        details = {"election": audit.election, "manifest_hash": seed.manifest_hash}
        details["seed"] = seed.digits
        log(work, audit.tallied, EventType.AUDIT_SEED_RECORDED, details, now=now, actor=actor)
        work.commit()
    return seed


def load_audit(work: UnitOfWork, election_id: str | None) -> Audit:
    """The stored audit, its manifest and plan rebuilt from the results and held to the
    published ones."""
    election = resolve_election_id(work, election_id)
    stored = work.audits.get(election)
    if stored is None:
        raise NoAuditError(f"{election} has no audit: start one first", subject=election)
    tallied = tally(work, election, corrected=False)  # a certified hand count audits nothing
    committed = commitment_of(json.loads(stored.plan).get("records"))
    manifest, plan = _build(
        work, tallied, stored.contests, stored.risk_limit, commit=lambda _, __: committed
    )
    if manifest.hash != stored.manifest_hash or canonical_json(plan_json(plan)) != stored.plan:
        raise ResultsChangedError(
            f"the results of {election} changed since the audit's plan was published",
            subject=election,
        )
    seed = None
    if stored.seed is not None:
        data = json.loads(stored.seed)
        rolls = tuple(Roll(r["by"], r["digits"]) for r in data["rolls"])
        seed = Seed(data["manifest_hash"], rolls)
    return Audit(stored, tallied, manifest, plan, seed)


def _build(
    work: UnitOfWork,
    tallied: Tallied,
    contests: Sequence[str],
    risk_limit: Fraction,
    *,
    commit: Callable[[Manifest, Sequence[Reported]], RecordsCommitment | None],
) -> tuple[Manifest, AuditPlan]:
    """The manifest and plan of `contests`, each outcome decided with the stored lots and
    withdrawals; `commit` gives the records' commitment."""
    stored = tallied.stored
    geography = tallied.geography
    known = {c.id for c in stored.election.contests}
    for contest_id in contests:
        if contest_id not in known:
            raise UnknownContestError(stored.election.id, contest_id, sorted(known))
    reported: list[Reported] = []
    papers: dict[str, list[int]] = {}
    finals = {
        r.station: r for r in work.reports.all(stored.election.id) if r.kind == ReportKind.FINAL
    }
    for contest_id in contests:
        contest = tallied.contest(contest_id)
        standing = standing_by_constituency(contest)
        for constituency in contest.constituencies:
            here = standing.get(constituency.id, ())
            withdrawn = withdrawn_in(tallied.withdrawals, contest_id) & {c.code for c in here}
            decided = decide_constituency(tallied, contest, constituency, here)
            if not decided.complete:
                raise ResultsNotCompleteError(
                    f"{contest_id}:{constituency.id}: {decided.total.stations_reported} of "
                    f"{decided.total.stations_total} stations have reported",
                    subject=f"{contest_id}:{constituency.id}",
                )
            sheets = {
                code: total.counts
                for code in geography.stations
                if geography.constituency_of(contest_id, code) == constituency.id
                and (total := tallied.total(contest_id, code)) is not None
                and total.stations_reported
            }
            for code, counts in sheets.items():
                if code not in papers:
                    final = finals.get(code)
                    papers[code] = [_papers(tallied, final, code, contest_id, counts.cast)]
            reported.append(Reported(contest, constituency, decided.outcome, sheets, withdrawn))
    manifest = build_manifest(geography, stored.definition_hash, papers)
    return manifest, plan_audit(manifest, reported, risk_limit, records=commit(manifest, reported))


def _committing(
    records: CastRecords | None,
) -> Callable[[Manifest, Sequence[Reported]], RecordsCommitment | None]:
    def commit(manifest: Manifest, reported: Sequence[Reported]) -> RecordsCommitment | None:
        if records is None:
            return None
        sheets: dict[str, dict[str, Counts]] = {}
        for one in reported:
            sheets.setdefault(one.contest.id, {}).update(one.sheets)
        return commit_records(manifest, sheets, records, records_hash(records))

    return commit


def _papers(
    tallied: Tallied, final: StoredReport | None, code: str, contest: str, cast: int
) -> int:
    """The papers of `code` as its final report says (a box: one copy per cast-vote record;
    a paper station: the ballots found for the first contest audited that it votes in)."""
    info = tallied.geography.unit(code).station
    kind = (
        StationKind.BOX
        if info is not None and info.mode is VotingMode.ELECTRONIC
        else StationKind.PAPER
    )
    if final is None:
        return cast
    return report_papers(decode_report(decode_signed(final.signed).report), kind, contest)


def log(
    work: UnitOfWork,
    tallied: Tallied,
    kind: EventType,
    details: Mapping[str, JSONValue],
    *,
    now: datetime.datetime,
    actor: str,
) -> None:
    work.events.record(
        Event(
            time=now,
            actor=actor,
            role=SYSTEM,
            place=root_of(tallied.stored.election),
            type=kind,
            disposition=Disposition.DONE,
            details=details,
        )
    )
