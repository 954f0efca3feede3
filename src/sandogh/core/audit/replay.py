"""An audit re-run from its published inputs, and the full hand count that may end it.

docs/audit.md §6–7. From the plan, the manifest, the seed and each round's recorded sizes and
readings, `replay` draws every sample again (Rivest's sampler, `sampling`), checks that each
round read exactly the papers or stations it newly drew, and measures every assertion again:
the same inputs give the same rational P-values, decisions and round hashes on any machine,
which is what `sandogh audit verify` runs. A contest whose audit ends in a full hand count takes
the hand count's totals as its result through `core.rules.decide` (`hand_count`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from sandogh.core.audit.audit_record import plan_hash, record_hash, round_json
from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.manifest import Manifest, Seed
from sandogh.core.audit.plan import AuditPlan, ContestPlan
from sandogh.core.audit.rounds import (
    BatchReading,
    Checked,
    ContestRisk,
    Decision,
    Discrepancy,
    RoundInput,
    Units,
    discrepancies,
    measure_contest,
)
from sandogh.core.audit.sample_record import SampleRecord, draw_rounds
from sandogh.core.audit.sampling import BatchDraw, Frame, FrameIndex, PaperAddress, PaperDraw
from sandogh.core.counting.tally import Counts
from sandogh.core.definition.problems import Problem
from sandogh.core.rules.decide import decide
from sandogh.core.rules.lots import Lot
from sandogh.core.rules.outcome import Outcome


@dataclass(frozen=True)
class RoundResult:
    """Every figure of one round: the sizes it was asked for (`asked`, from the estimate), each
    sample after it, the discrepancies it found, each contest's risk and decision, the sample
    totals the next round needs (none when the audit ends) and the round record's hash."""

    number: int
    asked: Mapping[str, int]
    samples: tuple[SampleRecord, ...]
    discrepancies: tuple[Discrepancy, ...]
    contests: tuple[ContestRisk, ...]
    next_sizes: Mapping[str, int]
    hash: str


def start(plan: AuditPlan, manifest: Manifest) -> tuple[ContestRisk, ...]:
    """Each contest before any draw: another round (round 1) of the size its estimate asks
    (docs/audit.md §5), or a full hand count when no sample short of every paper can confirm
    it (a margin of 0, an outcome no assertion set covers, an estimate reaching the frame)."""
    frames = {s.frame.name: s.frame for s in plan.samples}
    return tuple(
        measure_contest(plan, c, _units(manifest, frames[c.sample], (), {}, {}))
        for c in plan.contests
    )


def first_sizes(plan: AuditPlan, manifest: Manifest) -> dict[str, int]:
    """Round 1's sample totals: per sample the largest of its contests' (`start`)."""
    return _next_sizes(plan, start(plan, manifest))


def replay(
    plan: AuditPlan, manifest: Manifest, seed: Seed, rounds: Sequence[RoundInput]
) -> tuple[RoundResult, ...]:
    """Every round of the audit measured again from its inputs; `AuditInputError` names every
    way the recorded rounds disagree with the draws (a paper drawn but not read, one read but
    not drawn, a round after the audit ended)."""
    if manifest.hash != plan.manifest_hash:
        raise AuditInputError([Problem("manifest", "is not the manifest the plan was made on")])
    frames = {s.frame.name: s for s in plan.samples}
    totals: dict[str, list[int]] = {name: [] for name in frames}
    papers: dict[PaperAddress, Checked] = {}
    batches: dict[tuple[str, str], BatchReading] = {}
    before = start(plan, manifest)
    settled = {r.contest: r for r in before if r.decision is Decision.HAND_COUNT}
    asked: Mapping[str, int] = _next_sizes(plan, before)
    previous = plan_hash(plan, seed.digits)
    results: list[RoundResult] = []
    for r, given in enumerate(rounds):
        where = f"rounds[{r}]"
        if not asked:
            ended = "the audit ended with the round before" if r else "no contest needs a sample"
            raise AuditInputError([Problem(where, ended)])
        problems = [
            Problem(f"{where}.sizes.{name}", "is no sample of the plan")
            if name not in frames
            else Problem(f"{where}.sizes.{name}", f"{size} is not more than the sample so far")
            for name, size in sorted(given.sizes.items())
            if name not in frames or size <= (totals[name] or [0])[-1]
        ]
        if problems:
            raise AuditInputError(problems)
        for name, size in given.sizes.items():
            totals[name].append(size)
        records = {
            name: draw_rounds(seed, FrameIndex.of(manifest, s.frame), s.method, tuple(totals[name]))
            for name, s in frames.items()
            if totals[name]
        }
        read_papers = {c.paper for c in given.papers}
        read_batches = {(b.sample, b.station) for b in given.batches}
        _check_reads(where, records, given, set(papers), set(batches))
        papers.update({c.paper: c for c in given.papers})
        batches.update({(b.sample, b.station): b for b in given.batches})
        found: list[Discrepancy] = []
        risks: list[ContestRisk] = []
        for contest in plan.contests:
            if contest.key in settled:
                risks.append(settled[contest.key])
                continue
            record = records.get(contest.sample)
            draws = () if record is None else record.draws
            units = _units(manifest, frames[contest.sample].frame, draws, papers, batches)
            risk = measure_contest(plan, contest, units)
            new = {str(p) for p in read_papers} | {
                s for n, s in read_batches if n == contest.sample
            }
            found.extend(discrepancies(contest.sample, contest, units, new))
            risks.append(risk)
            if risk.decision is Decision.HAND_COUNT:
                settled[contest.key] = risk
        next_sizes = _next_sizes(plan, risks)
        record_json = round_json(r + 1, previous, given, asked=asked, found=found, risks=risks)
        previous = record_hash(record_json)
        results.append(
            RoundResult(
                r + 1,
                MappingProxyType(dict(asked)),
                tuple(records.values()),
                tuple(found),
                tuple(risks),
                MappingProxyType(next_sizes),
                previous,
            )
        )
        asked = next_sizes
    return tuple(results)


def _units(
    manifest: Manifest,
    frame: Frame,
    draws: Sequence[PaperDraw | BatchDraw],
    papers: Mapping[PaperAddress, Checked],
    batches: Mapping[tuple[str, str], BatchReading],
) -> Units:
    index = FrameIndex.of(manifest, frame)
    return Units(
        tuple(draws),
        papers,
        {s: b for (n, s), b in batches.items() if n == frame.name},
        index.total,
        len(index.stations),
    )


def _check_reads(
    where: str,
    records: Mapping[str, SampleRecord],
    given: RoundInput,
    papers_read: set[PaperAddress],
    batches_read: set[tuple[str, str]],
) -> None:
    drawn_papers = {
        d.paper for rec in records.values() for d in rec.draws if isinstance(d, PaperDraw)
    }
    drawn_batches = {
        (name, d.station)
        for name, rec in records.items()
        for d in rec.draws
        if isinstance(d, BatchDraw)
    }
    problems: list[Problem] = []
    seen: set[PaperAddress] = set()
    for i, checked in enumerate(given.papers):
        if checked.paper in seen or checked.paper in papers_read:
            problems.append(Problem(f"{where}.papers[{i}]", f"{checked.paper} is read twice"))
        elif checked.paper not in drawn_papers:
            problems.append(Problem(f"{where}.papers[{i}]", f"{checked.paper} was not drawn"))
        seen.add(checked.paper)
    counted: set[tuple[str, str]] = set()
    for i, b in enumerate(given.batches):
        key = (b.sample, b.station)
        if key in counted or key in batches_read:
            problems.append(Problem(f"{where}.batches[{i}]", f"{b.station} is counted twice"))
        elif key not in drawn_batches:
            problems.append(Problem(f"{where}.batches[{i}]", f"{b.station} was not drawn"))
        counted.add(key)
    problems.extend(
        Problem(f"{where}.papers", f"{paper} was drawn but not read")
        for paper in sorted(drawn_papers - papers_read - seen, key=str)
    )
    problems.extend(
        Problem(f"{where}.batches", f"{station} of {name} was drawn but not counted")
        for name, station in sorted(drawn_batches - batches_read - counted)
    )
    if problems:
        raise AuditInputError(problems)


def _next_sizes(plan: AuditPlan, risks: Sequence[ContestRisk]) -> dict[str, int]:
    by_key = {c.key: c for c in plan.contests}
    sizes: dict[str, int] = {}
    for risk in risks:
        if risk.decision is Decision.ANOTHER_ROUND and risk.next_size is not None:
            name = by_key[risk.contest].sample
            sizes[name] = max(sizes.get(name, 0), risk.next_size)
    return sizes


@dataclass(frozen=True)
class HandCount:
    """A full hand count's result. It stands only once certified: the services record `counts`
    and `outcome` as a certified hand-count correction through the supervision path, logged in
    the event log, replacing `reported` (docs/audit.md §6); `changed` says whether the outcome
    differs from the one reported."""

    contest: str
    counts: Counts
    outcome: Outcome
    reported: Outcome
    changed: bool


def hand_count(contest: ContestPlan, counts: Counts, lot: Lot | None = None) -> HandCount:
    """The outcome of `counts`, every paper of the constituency counted by hand, under the
    contest's rule (`core.rules.decide`); `lot` as for any outcome, where a tie decides."""
    outcome = decide(
        contest.definition.rule,
        contest.constituency,
        contest.candidates,
        counts,
        withdrawn=contest.withdrawn,
        lot=lot,
    )
    reported = contest.outcome
    changed = (outcome.elected, outcome.alternates, outcome.advancing, outcome.status) != (
        reported.elected,
        reported.alternates,
        reported.advancing,
        reported.status,
    )
    return HandCount(contest.key, counts, outcome, reported, changed)
