"""`sandogh audit verify DIR`: an audit's arithmetic re-run from its published folder alone.

docs/audit.md §7. The folder (`definition.json`, `results.csv`, `manifest.json`, `plan.json`,
`seed.json`, `samples/K.json`, `rounds/R.json`, `hand-counts.json`) is read through `formats`,
and every figure the audit published is made again by the core: the plan from the definition,
the results and the plan's risk limit (`plan_audit`), each sample from the seed and the
manifest (`draw_rounds`), each round from the readings (`replay`), each record compared field
by field with the one the replay writes and its hash with the next round's `previous`, and
each hand count against the contests the replay sent to one (`publish.audit_hand_counts`).
Unlike `verify-election` it re-uses the core rather than a second implementation: what it
guards against is a published figure that is not what the published inputs give, not a wrong
method (docs/audit.md §4 cites the papers).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar, cast

from sandogh.core.audit.audit_record import plan_hash, plan_json, round_json
from sandogh.core.audit.errors import AuditError
from sandogh.core.audit.manifest import Manifest, Seed
from sandogh.core.audit.plan import AuditPlan, Reported, plan_audit
from sandogh.core.audit.replay import RoundResult, replay, start
from sandogh.core.audit.rounds import Decision
from sandogh.core.audit.sample_record import differences as sample_differences
from sandogh.core.audit.sample_record import draw_rounds
from sandogh.core.audit.sampling import FrameIndex, SamplingError
from sandogh.core.canonical_json import JSONValue
from sandogh.core.counting.aggregate import sum_counts
from sandogh.core.counting.tally import Counts
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election
from sandogh.core.errors import SandoghError
from sandogh.core.rules.decide import decide
from sandogh.formats.audit_files import read_manifest, read_sample, read_seed
from sandogh.formats.audit_record_files import PublishedPlan, PublishedRound, read_plan, read_round
from sandogh.formats.definition_file import load_definition
from sandogh.formats.tally_csv import load_tally_csv
from sandogh.publish.audit_checks import (
    AuditCheck,
    AuditVerification,
    Step,
    differs,
    fails,
    first_difference,
    unreadable,
)
from sandogh.publish.audit_hand_counts import check_hand_counts

T = TypeVar("T")


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
        fails(
            Step.DEFINITION, "definition.json", "", manifest.definition_hash, loaded.definition_hash
        )
        or AuditCheck(Step.DEFINITION, True, "definition.json")
    )
    seed = _read(Step.SEED, folder, "seed.json", read_seed)
    checks.append(
        fails(Step.SEED, "seed.json", "manifest_hash", seed.manifest_hash, manifest.hash)
        or AuditCheck(Step.SEED, True, "seed.json", detail=seed.digits)
    )
    published = _read(Step.PLAN, folder, "plan.json", read_plan)
    plan = _plan(folder, loaded.election, manifest, published)
    checks.append(_plan_check(manifest, published, plan))
    rounds = _rounds(folder)
    sampled, drawn_open = _samples_check(folder, plan, manifest, seed, rounds)
    checks.append(sampled)
    results, refused = _replay(plan, manifest, seed, rounds)
    # a figure that differs in a round that replays names the edit better than a later refusal
    checks.append(_rounds_check(plan, seed, rounds, results) if results or not refused else refused)
    if checks[-1].passed and refused:
        checks[-1] = refused
    # what the folder shows, no more: with no round closed, each contest stands as the plan
    # left it; a round drawn and not closed (its sample published) is not the audit's end
    contests = results[-1].contests if results else start(plan, manifest)
    open_round = len(results) + 1 if drawn_open else 0
    ended = not open_round and all(c.decision is not Decision.ANOTHER_ROUND for c in contests)
    last = results[-1].hash if results else ""
    counted = check_hand_counts(folder, plan, start(plan, manifest), results)
    checks.append(counted.check)
    checks.append(AuditCheck(Step.FINAL, True, detail=last))
    passed = all(c.passed for c in checks)
    return AuditVerification(
        tuple(checks),
        len(results),
        contests,
        ended,
        last,
        manifest.election,
        counted.published if passed else (),
        open_round,
    )


def _read(step: Step, folder: Path, name: str, read: Callable[[Path], T]) -> T:
    try:
        return read(folder / name)
    except SandoghError as error:
        raise _StoppedError(unreadable(step, name, error)) from None


def _plan(
    folder: Path, election: Election, manifest: Manifest, published: PublishedPlan
) -> AuditPlan:
    """The plan the published results give for the contests and risk limit the plan names;
    each outcome decided again from the results under its contest's rule, with the lot and the
    withdrawn candidates the plan records for it (a tie is drawn again from the lot's seed)."""
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
        settled = published.settled[f"{contest_id}:{constituency_id}"]
        _withdrawn_standing(published, i, {c.code for c in standing})
        try:
            outcome = decide(
                contest.rule,
                place,
                standing,
                sum_counts(mine.values()),
                withdrawn=settled.withdrawn,
                lot=settled.lot,
            )
        except SandoghError as error:
            check = AuditCheck(Step.PLAN, False, "results.csv", contest_id, str(error))
            raise _StoppedError(check) from None
        reported.append(Reported(contest, place, outcome, mine, settled.withdrawn))
    try:
        return plan_audit(
            manifest,
            reported,
            published.risk_limit,
            published.inflator,
            records=published.records,
        )
    except AuditError as error:
        raise _StoppedError(unreadable(Step.PLAN, "plan.json", error)) from None


def _withdrawn_standing(published: PublishedPlan, i: int, standing: set[str]) -> None:
    """Each code contest i lists as withdrawn stands in its constituency, named by its place
    in the list as published."""
    contest = cast(list[dict[str, list[str]]], published.document["contests"])[i]
    for j, code in enumerate(contest["withdrawn"]):
        if code not in standing:
            where = f"contests[{i}].withdrawn[{j}]"
            detail = f"{code} is no candidate standing here"
            raise _StoppedError(AuditCheck(Step.PLAN, False, "plan.json", where, detail))


def _plan_check(manifest: Manifest, published: PublishedPlan, plan: AuditPlan) -> AuditCheck:
    found = fails(Step.PLAN, "plan.json", "manifest_hash", published.manifest_hash, manifest.hash)
    if found:
        return found
    expected = plan_json(plan)
    # the outcomes first: a forged lot is named where it was forged, not by the assertions the
    # outcome it gives moves
    check = first_difference(
        Step.PLAN, "plan.json", _outcomes(published.document), _outcomes(expected)
    )
    return (
        check
        if not check.passed
        else first_difference(Step.PLAN, "plan.json", published.document, expected)
    )


def _outcomes(plan: Mapping[str, JSONValue]) -> dict[str, JSONValue]:
    """Of each contest only what its outcome was decided with and what it gave."""
    contests = plan.get("contests")
    assert isinstance(contests, list)
    return {
        "contests": [
            {k: c.get(k) for k in ("elected", "lots", "withdrawn")}
            for c in contests
            if isinstance(c, dict)
        ]
    }


def _rounds(folder: Path) -> list[PublishedRound]:
    """rounds/1.json, 2.json, … with no gap (any other file there is not read)."""
    where = folder / "rounds"
    names = {p.name for p in where.iterdir()} if where.is_dir() else set()
    count = max(
        (int(n[:-5]) for n in names if re.fullmatch(r"[1-9][0-9]{0,5}\.json", n)), default=0
    )
    for r in range(1, count + 1):
        if f"{r}.json" not in names:
            raise _StoppedError(AuditCheck(Step.ROUNDS, False, f"rounds/{r}.json", "", "missing"))
    found = []
    for r in range(1, count + 1):
        one = _read(Step.ROUNDS, folder, f"rounds/{r}.json", read_round)
        if one.number != r:
            number = str(one.number)
            raise _StoppedError(differs(Step.ROUNDS, f"rounds/{r}.json", "number", number, str(r)))
        found.append(one)
    return found


def _samples_check(
    folder: Path, plan: AuditPlan, manifest: Manifest, seed: Seed, rounds: list[PublishedRound]
) -> tuple[AuditCheck, bool]:
    """The samples check, and whether a sample holds one round more than the folder's rounds
    closed: a round drawn and not yet closed (docs/audit.md §7)."""
    drawn_open = False
    extra = len(plan.samples) + 1
    if (folder / "samples" / f"{extra}.json").exists():
        found = AuditCheck(Step.SAMPLES, False, f"samples/{extra}.json", "", "no such sample")
        return found, drawn_open
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
            return differs(Step.SAMPLES, name, "frame.name", given, sample.frame.name), False
        asked = published.document.get("rounds")
        if (
            isinstance(asked, list)
            and len(asked) == len(rounds) + 1
            and len(totals) == len(rounds)
            and asked[: len(totals)] == list(totals)
            and isinstance(asked[-1], int)
        ):
            totals = (*totals, asked[-1])  # the open round's draw, checked as any other
            drawn_open = True
        try:
            index = FrameIndex.of(manifest, sample.frame)
            rerun = draw_rounds(seed, index, sample.method, totals)
        except SamplingError as error:
            return AuditCheck(Step.SAMPLES, False, name, "rounds", str(error)), False
        # the seed and manifest it names first: a re-rolled seed is named, not its draws
        for field, expected in (("seed", seed.digits), ("manifest_hash", manifest.hash)):
            given = str(published.document.get(field))
            if given != expected:
                return differs(Step.SAMPLES, name, field, given, expected), False
        problems = sample_differences(published.document, rerun)
        if problems:
            found = AuditCheck(Step.SAMPLES, False, name, problems[0].path, problems[0].message)
            return found, False
    return AuditCheck(Step.SAMPLES, True, "samples", detail=str(len(plan.samples))), drawn_open


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
            return differs(Step.ROUNDS, name, "previous", one.previous, previous)
        check = first_difference(Step.ROUNDS, name, one.document, expected)
        if not check.passed:
            return check
        previous = result.hash
    return AuditCheck(Step.ROUNDS, True, "rounds", detail=str(len(rounds)))
