"""`sandogh audit verify DIR`: an audit's arithmetic re-run from its published folder alone.

docs/audit.md §7. The folder (`definition.json`, `results.csv`, `manifest.json`, `plan.json`,
`seed.json`, `samples/K.json`, `rounds/R.json`) is read through `formats`, and every figure the
audit published is made again by the core: the plan from the definition, the results and the
plan's risk limit (`plan_audit`), each sample from the seed and the manifest (`draw_rounds`),
each round from the readings (`replay`), each record compared field by field with the one the
replay writes and its hash with the next round's `previous`. Unlike `verify-election` it re-uses
the core rather than a second implementation: what it guards against is a published figure that
is not what the published inputs give, not a wrong method (docs/audit.md §4 cites the papers).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from sandogh.core.audit.audit_record import plan_hash, plan_json, round_json
from sandogh.core.audit.errors import AuditError
from sandogh.core.audit.manifest import Manifest, Seed
from sandogh.core.audit.plan import AuditPlan, Reported, plan_audit
from sandogh.core.audit.replay import RoundResult, replay
from sandogh.core.audit.rounds import ContestRisk
from sandogh.core.audit.sample_record import differences as sample_differences
from sandogh.core.audit.sample_record import draw_rounds
from sandogh.core.audit.sampling import FrameIndex, SamplingError
from sandogh.core.counting.aggregate import sum_counts
from sandogh.core.counting.tally import Counts
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.rules.decide import decide
from sandogh.formats.audit_files import read_manifest, read_sample, read_seed
from sandogh.formats.audit_record_files import PublishedPlan, PublishedRound, read_plan, read_round
from sandogh.formats.definition_file import load_definition
from sandogh.formats.tally_csv import load_tally_csv
from sandogh.publish.differences import differences

T = TypeVar("T")


class Step(StrEnum):
    """Each check, in the order it runs (named in Persian and English by the console)."""

    MANIFEST = "manifest"  # manifest.json reads, canonical
    DEFINITION = "definition"  # definition.json hashes to the manifest's definition_hash
    SEED = "seed"  # seed.json: its digits are the rolls', rolled for this manifest
    PLAN = "plan"  # plan.json names the manifest and is the plan the results give
    SAMPLES = "samples"  # every samples/K.json is the sample the seed and manifest give
    ROUNDS = "rounds"  # every rounds/R.json is its replay, chained from the plan and seed
    FINAL = "final"  # what the audit ended in


@dataclass(frozen=True)
class AuditCheck:
    """One check: passed, or the first file and field (path in the file) that fails, and why:
    the value published and the one the published inputs give, or `detail` (the reader's or
    the replay's message). A check passed may say what it found in `detail`."""

    step: Step
    passed: bool
    file: str = ""
    field: str = ""
    detail: str = ""
    published: str = ""
    expected: str = ""

    @property
    def reason(self) -> str:
        """Why it failed, in English (the console says it in Persian)."""
        return self.detail or f"is {self.published}; the published inputs give {self.expected}"


@dataclass(frozen=True)
class AuditVerification:
    checks: tuple[AuditCheck, ...]
    rounds: int = 0
    contests: tuple[ContestRisk, ...] = ()  # each contest after the last round
    ended: bool = False  # no contest asks for another round

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def first_failure(self) -> AuditCheck | None:
        return next((c for c in self.checks if not c.passed), None)


class _StoppedError(Exception):
    """A file the later checks need does not read, or does not give them their input."""

    def __init__(self, check: AuditCheck) -> None:
        self.check = check


def verify_audit(folder: Path) -> AuditVerification:
    """Every check of the audit published in `folder`; stops at the first whose file the later
    checks need (an unreadable manifest, seed or plan), goes on past a figure that differs."""
    checks: list[AuditCheck] = []
    try:
        return _verify(folder, checks)
    except _StoppedError as failed:
        return AuditVerification((*checks, failed.check))


def _verify(folder: Path, checks: list[AuditCheck]) -> AuditVerification:
    manifest = _read(Step.MANIFEST, folder, "manifest.json", read_manifest)
    checks.append(AuditCheck(Step.MANIFEST, True, "manifest.json", detail=manifest.hash))
    loaded = _read(Step.DEFINITION, folder, "definition.json", load_definition)
    checks.append(
        _fails(
            Step.DEFINITION, "definition.json", "", manifest.definition_hash, loaded.definition_hash
        )
        or AuditCheck(Step.DEFINITION, True, "definition.json")
    )
    seed = _read(Step.SEED, folder, "seed.json", read_seed)
    checks.append(
        _fails(Step.SEED, "seed.json", "manifest_hash", seed.manifest_hash, manifest.hash)
        or AuditCheck(Step.SEED, True, "seed.json", detail=seed.digits)
    )
    published = _read(Step.PLAN, folder, "plan.json", read_plan)
    plan = _plan(folder, loaded.election, manifest, published)
    checks.append(_plan_check(manifest, published, plan))
    rounds = _rounds(folder)
    checks.append(_samples_check(folder, plan, manifest, seed, rounds))
    results, refused = _replay(plan, manifest, seed, rounds)
    # a figure that differs in a round that replays names the edit better than a later refusal
    checks.append(_rounds_check(plan, seed, rounds, results) if results or not refused else refused)
    if checks[-1].passed and refused:
        checks[-1] = refused
    ended = not results or not results[-1].next_sizes
    contests = results[-1].contests if results else ()
    checks.append(AuditCheck(Step.FINAL, True))
    return AuditVerification(tuple(checks), len(results), contests, ended)


def _read(step: Step, folder: Path, name: str, read: Callable[[Path], T]) -> T:
    try:
        return read(folder / name)
    except SandoghError as error:
        raise _StoppedError(_unreadable(step, name, error)) from None


def _unreadable(step: Step, name: str, error: SandoghError) -> AuditCheck:
    """A file that does not read: the field of its first problem where the reader names one
    (a `Problem`'s path, or an audit file's "path: message")."""
    problems: Sequence[object] = getattr(error, "problems", ())
    if not problems:
        return AuditCheck(step, False, name, "", str(error))
    first = problems[0]
    if isinstance(first, Problem):
        return AuditCheck(step, False, name, first.path, first.message)
    field, _, detail = str(first).partition(": ")
    if not detail or " " in field:
        field, detail = "", str(first)
    return AuditCheck(step, False, name, field, detail)


def _fails(step: Step, name: str, field: str, published: str, expected: str) -> AuditCheck | None:
    if published == expected:
        return None
    return _differs(step, name, field, published, expected)


def _differs(step: Step, name: str, field: str, published: str, expected: str) -> AuditCheck:
    return AuditCheck(step, False, name, field, published=published, expected=expected)


def _plan(
    folder: Path, election: Election, manifest: Manifest, published: PublishedPlan
) -> AuditPlan:
    """The plan the published results give for the contests and risk limit the plan names;
    each outcome decided again from the results under its contest's rule."""
    sheets = _read(Step.PLAN, folder, "results.csv", load_tally_csv)
    by_contest: dict[str, dict[str, Counts]] = {}
    for sheet in sheets:
        by_contest.setdefault(sheet.contest, {})[sheet.station] = sheet.counts
    geography = Geography.of(election)
    reported = []
    for i, (contest_id, constituency_id) in enumerate(published.contests):
        contest = next((c for c in election.contests if c.id == contest_id), None)
        places = () if contest is None else contest.constituencies
        place = next((k for k in places if k.id == constituency_id), None)
        if contest is None or place is None:
            where = f"contests[{i}]"
            detail = f"{contest_id}:{constituency_id} is no constituency of the definition"
            raise _StoppedError(AuditCheck(Step.PLAN, False, "plan.json", where, detail))
        mine = {
            code: counts
            for code, counts in by_contest.get(contest_id, {}).items()
            if geography.constituency_of(contest_id, code) == constituency_id
        }
        standing = [c for c in contest.candidates if c.constituency == constituency_id]
        try:
            outcome = decide(contest.rule, place, standing, sum_counts(mine.values()))
        except SandoghError as error:
            check = AuditCheck(Step.PLAN, False, "results.csv", contest_id, str(error))
            raise _StoppedError(check) from None
        reported.append(Reported(contest, place, outcome, mine))
    try:
        return plan_audit(manifest, reported, published.risk_limit, published.inflator)
    except AuditError as error:
        raise _StoppedError(_unreadable(Step.PLAN, "plan.json", error)) from None


def _plan_check(manifest: Manifest, published: PublishedPlan, plan: AuditPlan) -> AuditCheck:
    found = _fails(Step.PLAN, "plan.json", "manifest_hash", published.manifest_hash, manifest.hash)
    return found or _first_difference(Step.PLAN, "plan.json", published.document, plan_json(plan))


def _first_difference(
    step: Step, name: str, published: Mapping[str, object], expected: Mapping[str, object]
) -> AuditCheck:
    found = differences(dict(published), dict(expected))
    if not found:
        return AuditCheck(step, True, name)
    first = found[0]
    return _differs(step, name, first.path, first.published, first.expected)


def _rounds(folder: Path) -> list[PublishedRound]:
    """rounds/1.json, 2.json, … with no gap and nothing else numbered."""
    where = folder / "rounds"
    names = sorted(p.name for p in where.iterdir()) if where.is_dir() else []
    count = len(names)
    for r in range(1, count + 1):
        if f"{r}.json" not in names:
            raise _StoppedError(AuditCheck(Step.ROUNDS, False, f"rounds/{r}.json", "", "missing"))
    found = []
    for r in range(1, count + 1):
        one = _read(Step.ROUNDS, folder, f"rounds/{r}.json", read_round)
        if one.number != r:
            number = str(one.number)
            raise _StoppedError(_differs(Step.ROUNDS, f"rounds/{r}.json", "number", number, str(r)))
        found.append(one)
    return found


def _samples_check(
    folder: Path, plan: AuditPlan, manifest: Manifest, seed: Seed, rounds: list[PublishedRound]
) -> AuditCheck:
    extra = len(plan.samples) + 1
    if (folder / "samples" / f"{extra}.json").exists():
        return AuditCheck(Step.SAMPLES, False, f"samples/{extra}.json", "", "no such sample")
    for k, sample in enumerate(plan.samples, start=1):
        name = f"samples/{k}.json"
        totals = tuple(
            r.given.sizes[sample.frame.name] for r in rounds if sample.frame.name in r.given.sizes
        )
        if not totals and not (folder / name).exists():
            continue  # nothing drawn yet
        published = _read(Step.SAMPLES, folder, name, read_sample)
        if published.frame.name != sample.frame.name:
            given = published.frame.name
            return _differs(Step.SAMPLES, name, "frame.name", given, sample.frame.name)
        try:
            index = FrameIndex.of(manifest, sample.frame)
            rerun = draw_rounds(seed, index, sample.method, totals)
        except SamplingError as error:
            return AuditCheck(Step.SAMPLES, False, name, "rounds", str(error))
        # the seed and manifest it names first: a re-rolled seed is named, not its draws
        for field, expected in (("seed", seed.digits), ("manifest_hash", manifest.hash)):
            given = str(published.document.get(field))
            if given != expected:
                return _differs(Step.SAMPLES, name, field, given, expected)
        problems = sample_differences(published.document, rerun)
        if problems:
            return AuditCheck(Step.SAMPLES, False, name, problems[0].path, problems[0].message)
    return AuditCheck(Step.SAMPLES, True, "samples", detail=str(len(plan.samples)))


def _replay(
    plan: AuditPlan, manifest: Manifest, seed: Seed, rounds: list[PublishedRound]
) -> tuple[tuple[RoundResult, ...], AuditCheck | None]:
    """Every round replayed; when the replay refuses round r, the rounds before it and the
    refusal, naming round r's file and field."""
    given = [r.given for r in rounds]
    try:
        return replay(plan, manifest, seed, given), None
    except AuditError as error:
        first = error.problems[0]
        head, _, field = first.path.partition(".")
        r = int(head.removeprefix("rounds[").removesuffix("]")) if "[" in head else 0
        refused = AuditCheck(Step.ROUNDS, False, f"rounds/{r + 1}.json", field, first.message)
        return replay(plan, manifest, seed, given[:r]), refused


def _rounds_check(
    plan: AuditPlan, seed: Seed, rounds: list[PublishedRound], results: tuple[RoundResult, ...]
) -> AuditCheck:
    previous = plan_hash(plan, seed.digits)
    for one, result in zip(rounds, results, strict=False):
        expected = round_json(
            result.number,
            previous,
            one.given,
            asked=result.asked,
            found=result.discrepancies,
            risks=result.contests,
        )
        name = f"rounds/{one.number}.json"
        if one.previous != previous:
            return _differs(Step.ROUNDS, name, "previous", one.previous, previous)
        check = _first_difference(Step.ROUNDS, name, one.document, expected)
        if not check.passed:
            return check
        previous = result.hash
    return AuditCheck(Step.ROUNDS, True, "rounds", detail=str(len(rounds)))
