"""An audit's standing, its published files, and the full hand count that may end it
(docs/audit.md §6.3, §7).

A full hand count's totals decide the contest under its rule (`core.audit.replay.hand_count`)
and are stored *pending certification*; the supervising board certifies them as a hand-count
correction (`services.hand_count_corrections`), which the results then show.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sandogh.core.audit.hand_count_record import hand_count_json, hand_counts_json
from sandogh.core.audit.plan import AuditPlan
from sandogh.core.audit.replay import HandCount, RoundResult, hand_count
from sandogh.core.audit.rounds import ContestRisk, Decision, Discrepancy
from sandogh.core.audit.sample_record import sample_json
from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.counting.tally import Counts, TallySheet
from sandogh.core.definition.model import Election
from sandogh.core.definition.problems import Problem
from sandogh.core.log import EventType
from sandogh.core.rules.lots import Lot
from sandogh.core.supervision.corrections import count_problems
from sandogh.services.audit_errors import (
    HandCountInvalidError,
    HandCountNotDueError,
    HandCountRecordedError,
    StoredHandCountError,
)
from sandogh.services.audit_history import Drawn, history
from sandogh.services.audit_ports import StoredHandCount
from sandogh.services.audits import Audit, log
from sandogh.services.elections import SYSTEM, UnitOfWorkFactory
from sandogh.services.hand_count_figures import hand_count_counts, stored_counts


@dataclass(frozen=True)
class AuditStatus:
    election: str
    plan: AuditPlan
    manifest_hash: str
    papers: int  # in the manifest
    seed: str | None
    results: tuple[RoundResult, ...]  # every closed round, replayed
    decisions: tuple[ContestRisk, ...]  # each contest now
    open: Drawn | None
    read: int  # units of the open round read so far
    entered: frozenset[tuple[str, str]]  # (sample, unit) of those: a paper's sample is empty
    next_sizes: dict[str, int]
    hand_counts: tuple[HandCount, ...]  # recorded
    certified: frozenset[str] = frozenset()  # of them, those certified as corrections


def audit_status(uow: UnitOfWorkFactory, election_id: str | None) -> AuditStatus:
    with uow() as work:
        found = history(work, election_id)
        audit = found.audit
        opened = None if found.open is None else found.drawn(found.open.number)
        entered = frozenset(
            (r.sample, r.unit)
            for r in found.readings
            if opened is not None and r.round == opened.number
        )
        stored = work.audits.hand_counts(audit.election)
        counts = tuple(_hand_count(audit.plan, h) for h in stored)
        certified = frozenset(h.contest for h in stored if h.certified is not None)
    return AuditStatus(
        audit.election,
        audit.plan,
        audit.manifest.hash,
        audit.manifest.papers,
        None if audit.seed is None else audit.seed.digits,
        found.results,
        found.decisions(),
        opened,
        len(entered),
        entered,
        {} if opened is not None else dict(found.next_sizes()),
        counts,
        certified,
    )


def record_hand_count(
    uow: UnitOfWorkFactory,
    election_id: str | None,
    contest: str,
    counts: Counts,
    *,
    lot: Lot | None = None,
    now: datetime.datetime,
    actor: str = SYSTEM,
) -> HandCount:
    """Store the totals of a full hand count of `contest` (`CONTEST:CONSTITUENCY`), once the
    audit has sent it to one, and the outcome they give; pending certification."""
    with uow() as work:
        found = history(work, election_id)
        audit = found.audit
        due = {r.contest for r in found.decisions() if r.decision is Decision.HAND_COUNT}
        if contest not in due:
            raise HandCountNotDueError(
                f"{contest} is not sent to a full hand count (due: {', '.join(sorted(due))})",
                subject=contest,
            )
        if any(h.contest == contest for h in work.audits.hand_counts(audit.election)):
            raise HandCountRecordedError(f"{contest}: a hand count is recorded", subject=contest)
        require_possible(audit, contest, counts)
        plan = next(c for c in audit.plan.contests if c.key == contest)
        result = hand_count(plan, counts, lot)
        stored = StoredHandCount(audit.election, contest, stored_counts(counts), now, actor)
        work.audits.add_hand_count(stored)
        details: dict[str, str | int] = {"election": audit.election, "contest": contest}
        details |= {"cast": counts.cast, "valid": counts.valid, "status": stored.status}
        details |= {"elected": ",".join(result.outcome.elected), "changed": str(result.changed)}
        log(work, audit.tallied, EventType.AUDIT_HAND_COUNTED, details, now=now, actor=actor)
        work.commit()
    return result


def require_possible(audit: Audit, contest: str, counts: Counts) -> None:
    """Refuse totals no hand count of `contest` (`CONTEST:CONSTITUENCY`) can give, before they
    are stored (`HandCountInvalidError`, every problem with its path): a figure below zero,
    valid and invalid not adding up to cast, votes not fitting the valid ballots and seats, a
    candidate not standing there, or a number of ballots cast other than the papers the manifest
    holds in the constituency's stations: a full hand count counts every paper, so a count of a
    handful of them is never taken for the result (docs/audit.md §6)."""
    of, _, constituency = contest.partition(":")
    found = [
        Problem(where, said)
        for where, said in count_problems(audit.tallied.geography, of, constituency, counts)
    ]
    papers = sum(s.papers for s in audit.manifest.stations if s.constituency(of) == constituency)
    if counts.cast > papers:
        found.append(Problem("cast", f"{counts.cast} cast, the manifest holds {papers}"))
    elif counts.cast < papers:
        said = f"{counts.cast} cast, the manifest holds {papers} papers, {papers - counts.cast}"
        found.append(Problem("cast", f"{said} not counted: count every container again"))
    if found:
        said = "; ".join(f"{p.path}: {p.message}" for p in found)
        raise HandCountInvalidError(f"{contest}: {said}", subject=contest, problems=found)


def _hand_count(plan: AuditPlan, stored: StoredHandCount) -> HandCount:
    contest = next((c for c in plan.contests if c.key == stored.contest), None)
    if contest is None:
        raise StoredHandCountError(
            f"hand_counts[{stored.contest}].contest: the audit's plan has no such contest",
            subject=stored.contest,
        )
    return hand_count(contest, hand_count_counts(stored))


@dataclass(frozen=True)
class Differing:
    """A discrepancy of a closed round with what the board read there and what the record
    said (READS or TOTALS as in the round record, docs/audit.md §7); never the code."""

    round: int
    found: Discrepancy
    read: JSONValue
    record: JSONValue


def discrepancies(uow: UnitOfWorkFactory, election_id: str | None) -> tuple[Differing, ...]:
    """Every closed round's discrepancies, by round. A station of a batch sample is held to
    its reported tally sheet, which the round record does not repeat: its `record` is null."""
    with uow() as work:
        found = history(work, election_id)
    # a paper is read once (sample empty) for every sample that draws it, a station per sample;
    # either may have been read in an earlier round and drawn again
    readings = {(r.sample, r.unit): r for r in found.readings}
    listed = []
    for result in found.results:
        for d in result.discrepancies:
            reading = readings.get(("", d.unit)) or readings[d.sample, d.unit]
            listed.append(Differing(result.number, d, reading.shows, reading.record))
    return tuple(listed)


@dataclass(frozen=True)
class Publication:
    """What docs/audit.md §7 publishes, as bytes (canonical JSON) and values for the files
    written elsewhere (the definition and the tally sheets the plan was made from)."""

    election: Election
    sheets: tuple[TallySheet, ...]
    manifest: bytes
    plan: bytes
    seed: bytes | None
    samples: tuple[bytes, ...]  # in the plan's `samples` order
    rounds: tuple[bytes, ...]  # closed rounds, by number
    hand_counts: bytes | None = None  # hand-counts.json, once a hand count is recorded


def audit_publication(uow: UnitOfWorkFactory, election_id: str | None) -> Publication:
    with uow() as work:
        found = history(work, election_id)
        stored = work.audits.hand_counts(found.audit.election)
    audit = found.audit
    counts = [
        hand_count_json(
            _hand_count(audit.plan, h),
            h.status,
            None if h.certified is None else h.certified.audit,
        )
        for h in stored
    ]
    samples: tuple[bytes, ...] = ()
    if audit.seed is not None:
        # the open round's draw too: a folder with a round drawn and not closed says so
        drawn = found.samples(len(found.rounds))
        samples = tuple(
            canonical_json(sample_json(drawn[s.frame.name])) for s in audit.plan.samples
        )
    sheets = tuple(
        TallySheet(code, contest, total.counts)
        for contest in audit.stored.contests
        for code in audit.tallied.geography.stations
        if (total := audit.tallied.total(contest, code)) is not None and total.stations_reported
    )
    return Publication(
        audit.tallied.stored.election,
        sheets,
        audit.stored.manifest,
        audit.stored.plan,
        audit.stored.seed,
        samples,
        tuple(r.record for r in found.rounds if r.record is not None),
        canonical_json(hand_counts_json(audit.election, counts)) if counts else None,
    )
