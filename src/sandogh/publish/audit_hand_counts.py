"""The hand counts of a published audit, checked against its replay, and the corrections of
a published `supervision.json` checked against them (docs/audit.md §7 step 6, §6.3).

`audit verify`: a hand count of `hand-counts.json` exists only for a contest the audit's own
replay sent to a full hand count, once; its entry is the one its totals give under the
contest's rule (`core.audit.replay.hand_count`, `hand_count_record.hand_count_json`); a
certified one names an audit record after which the replay stood at a full hand count
(`hand_count_record.escalations`), a pending one names none.

`verify-results --audit DIR` (`correction_problems`): every correction of supervision.json is a
hand count the audit folder publishes as certified, naming the same audit record, with exactly
its totals; every hand count certified there is corrected in supervision.json. A forger who
rewrites supervision.json and the results together still has to rewrite the audit folder, whose
replay from the seed and the manifest then fails.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from sandogh.core.audit.audit_record import plan_json
from sandogh.core.audit.hand_count_record import escalations, hand_count_json
from sandogh.core.audit.plan import AuditPlan
from sandogh.core.audit.replay import RoundResult, hand_count
from sandogh.core.audit.rounds import ContestRisk, Decision
from sandogh.core.canonical_json import canonical_json
from sandogh.core.errors import SandoghError
from sandogh.core.report.digests import sha256_text
from sandogh.core.supervision import HandCountCorrection
from sandogh.formats.audit_hand_counts import PublishedHandCount, read_hand_counts
from sandogh.publish.audit_checks import (
    AuditCheck,
    AuditVerification,
    Step,
    first_difference,
    unreadable,
)
from sandogh.publish.findings import Disagreement, Finding

NAME = "hand-counts.json"


@dataclass(frozen=True)
class HandCounts:
    """What the check found: the check and the hand counts published (none unless it passed)."""

    check: AuditCheck
    published: tuple[PublishedHandCount, ...] = ()


def check_hand_counts(
    folder: Path, plan: AuditPlan, start: tuple[ContestRisk, ...], results: Iterable[RoundResult]
) -> HandCounts:
    replayed = tuple(results)
    escalated = escalations(sha256_text(canonical_json(plan_json(plan))), start, replayed)
    final = replayed[-1].contests if replayed else start
    due = {r.contest for r in final if r.decision is Decision.HAND_COUNT}
    if not (folder / NAME).exists():
        return HandCounts(AuditCheck(Step.HAND_COUNTS, True, NAME, detail="0"))
    try:
        published = read_hand_counts(folder / NAME)
    except SandoghError as error:
        return HandCounts(unreadable(Step.HAND_COUNTS, NAME, error))
    seen: set[str] = set()
    for i, one in enumerate(published):
        at = f"hand_counts[{i}]"
        if one.contest not in due:
            said = ", ".join(sorted(due)) or "none"
            detail = f"the audit's replay sent no hand count of it (due: {said})"
        elif one.contest in seen:
            detail = "counted by hand twice"
        else:
            failed = _failure(plan, one, at, escalated.get(one.contest, frozenset()))
            if failed is not None:
                return HandCounts(failed)
            seen.add(one.contest)
            continue
        return HandCounts(AuditCheck(Step.HAND_COUNTS, False, NAME, f"{at}.contest", detail))
    check = AuditCheck(Step.HAND_COUNTS, True, NAME, detail=str(len(published)))
    return HandCounts(check, published)


def _failure(
    plan: AuditPlan, one: PublishedHandCount, at: str, sent_by: frozenset[str]
) -> AuditCheck | None:
    """The entry differs from the one its totals give, or names an audit record that did not
    send its contest to a hand count (`sent_by`: those that did)."""
    contest = next(c for c in plan.contests if c.key == one.contest)
    try:
        result = hand_count(contest, one.counts)
    except SandoghError as error:
        return AuditCheck(Step.HAND_COUNTS, False, NAME, f"{at}.votes", str(error))
    status = "certified" if one.certified else "pending-certification"
    check = first_difference(
        Step.HAND_COUNTS, NAME, one.document, hand_count_json(result, status, one.audit)
    )
    if not check.passed:
        return replace(check, field=f"{at}.{check.field}")
    if one.certified and one.audit not in sent_by:
        detail = f"{one.audit} is no audit record that sent it to a hand count"
    elif not one.certified and one.audit is not None:
        detail = "a hand count pending certification names no audit record"
    else:
        return None
    return AuditCheck(Step.HAND_COUNTS, False, NAME, f"{at}.audit", detail)


class Unborne(StrEnum):
    """How a correction and the audit folder disagree (named in Persian and English by the CLI)."""

    NO_HAND_COUNT = "no-hand-count"  # the folder publishes no hand count of the contest
    PENDING = "pending"  # the folder's hand count of it is not certified
    AUDIT = "audit"  # the correction names another audit record than the folder's hand count
    FIGURE = "figure"  # a total differs from the folder's hand count
    NOT_CORRECTED = "not-corrected"  # certified in the folder, absent from supervision.json
    AUDIT_FAILS = "audit-fails"  # the audit folder fails its own check: nothing it says holds
    NO_ELECTION = "no-election"  # the snapshot holds no election of the audit's


@dataclass(frozen=True)
class Mismatch:
    """Where in supervision.json (`corrections[i].votes`), how, and both values as text."""

    path: str
    kind: Unborne
    published: str = ""
    expected: str = ""


def correction_problems(
    corrections: Iterable[HandCountCorrection], published: Iterable[PublishedHandCount]
) -> Iterator[Mismatch]:
    """Each correction the audit folder does not bear out, and each hand count certified there
    that supervision.json does not correct. `published` are the hand counts of an audit folder
    whose every check passed."""
    counted = {h.contest: h for h in published}
    corrected = set()
    for i, c in enumerate(corrections):
        at = f"corrections[{i}]"
        corrected.add(c.key)
        one = counted.get(c.key)
        if one is None or not one.certified:
            kind = Unborne.NO_HAND_COUNT if one is None else Unborne.PENDING
            yield Mismatch(at, kind, c.key)
            continue
        if c.audit != one.audit:
            yield Mismatch(f"{at}.audit", Unborne.AUDIT, c.audit, str(one.audit))
        figures = (
            ("cast", c.cast, one.counts.cast),
            ("valid", c.valid, one.counts.valid),
            ("invalid", {k.value: n for k, n in c.invalid.items()}, _invalid(one)),
            ("votes", dict(c.votes), dict(one.counts.votes)),
        )
        for name, given, by_hand in figures:
            if given != by_hand:
                yield Mismatch(f"{at}.{name}", Unborne.FIGURE, _text(given), _text(by_hand))
    for key in sorted(counted.keys() - corrected):
        if counted[key].certified:
            yield Mismatch("corrections", Unborne.NOT_CORRECTED, key)


def _invalid(one: PublishedHandCount) -> dict[str, int]:
    return {k.value: n for k, n in one.counts.invalid.items()}


def _text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def audit_findings(
    election: str,
    where: str,
    corrections: Iterable[HandCountCorrection],
    audit: AuditVerification,
) -> list[Finding]:
    """`verify-results --audit DIR`'s findings for one election: the audit folder's own first
    failure, else every correction of `where` (its supervision.json) it does not bear out."""
    first = audit.first_failure
    if first is not None:
        kind = Unborne.AUDIT_FAILS
        return [Finding(Disagreement.AUDIT, election, first.file, first.field, detail=kind)]
    return [
        Finding(Disagreement.AUDIT, election, where, m.path, m.published, m.expected, m.kind)
        for m in correction_problems(corrections, audit.hand_counts)
    ]
