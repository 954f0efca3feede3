"""The plan of a risk-limiting audit: per contest its kind, sample, reported totals and assertions.

docs/audit.md §1 and §6.1. The kind follows the paper (issue 11): a constituency whose stations
are all electronic boxes whose cast-vote records were committed before the seed and agree with
the manifest and the sheets (`core.audit.cast_records`) is audited by ballot-level comparison
(each printed copy names its record by its confirmation code, docs/e2e.md §7); boxes without
such records are audited as a mix is, by ballot polling; one whose stations are all paper
stations by batch comparison, the station as batch, drawn by size (SHANGRLA; ALPHA, Stark 2023);
a mix by ballot polling (BRAVO's setting, measured with ALPHA). Several contests are measured on
one sample when their kinds are the same ballot-level kind and the first sample's frame holds
every station of the others: each sampled card is read for every contest on it, and a card
without a contest scores 1/2 for it (SHANGRLA, *auditing several contests*). A batch sample
serves one contest: a paper station keeps a separate paper per contest.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from sandogh.core.audit.assertion import Assertion
from sandogh.core.audit.assertions import assertions_for
from sandogh.core.audit.cast_records import RecordsCommitment
from sandogh.core.audit.comparison import GENTLE_INFLATOR
from sandogh.core.audit.errors import AuditInputError, AuditUnsupportedError
from sandogh.core.audit.manifest import Manifest, StationKind
from sandogh.core.audit.reading import Totals
from sandogh.core.audit.sample_record import Method
from sandogh.core.audit.sampling import Frame, FrameIndex
from sandogh.core.counting.aggregate import sum_counts
from sandogh.core.counting.tally import Counts
from sandogh.core.definition.model import Candidate, Constituency, Contest
from sandogh.core.definition.problems import Problem
from sandogh.core.rules.outcome import Outcome


class Escalation(StrEnum):
    """Why a contest goes to a full hand count (a code the screens name in Persian and English)."""

    UNSUPPORTED = "unsupported-outcome"  # no assertion set covers the outcome (§2.2)
    ZERO_MARGIN = "zero-margin"  # an assertion's reported margin is 0: a tie, a lot
    NO_SAMPLE = "no-sample-confirms"  # the estimate: no sample short of all the paper confirms
    WHOLE_FRAME = "sample-reaches-frame"  # the next round would draw all the frame's papers


class AuditKind(StrEnum):
    COMPARISON = "ballot-comparison"
    BATCH = "batch-comparison"
    POLLING = "ballot-polling"


KINDS: Mapping[AuditKind, frozenset[StationKind]] = {
    AuditKind.COMPARISON: frozenset({StationKind.BOX}),
    AuditKind.BATCH: frozenset({StationKind.PAPER}),
    AuditKind.POLLING: frozenset(StationKind),
}
# Ballot-level samples are drawn without replacement (each paper read once, ALPHA with N);
# batches by size with replacement (docs/audit.md §3.3, §4.3).
METHODS: Mapping[AuditKind, Method] = {
    AuditKind.COMPARISON: Method.WITHOUT_REPLACEMENT,
    AuditKind.BATCH: Method.BY_SIZE,
    AuditKind.POLLING: Method.WITHOUT_REPLACEMENT,
}


@dataclass(frozen=True)
class Reported:
    """What the count announced for one constituency of one contest: the audit's input."""

    contest: Contest
    constituency: Constituency
    outcome: Outcome
    sheets: Mapping[str, Counts]  # station code → its tally sheet (a box's: its records' tally)
    withdrawn: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ContestPlan:
    """One constituency of one contest in the audit.

    `reported` are its totals over every card of its sample's frame (cards without the contest
    included); `stations` (batch comparison) each sampled station's tally sheet over its
    manifest papers. `hand_count` says why no sample can confirm it (an outcome no assertion set
    covers, a margin of 0): such a contest goes to a full hand count from the start.
    """

    definition: Contest
    constituency: Constituency
    kind: AuditKind
    sample: str
    outcome: Outcome
    candidates: tuple[Candidate, ...]
    withdrawn: frozenset[str]
    reported: Totals
    assertions: tuple[Assertion, ...]
    hand_count: Escalation | None = None
    detail: str = ""  # what the escalation concerns: the assertion, the unsupported case
    stations: Mapping[str, Totals] = field(default_factory=dict)

    @property
    def contest(self) -> str:
        return self.definition.id

    @property
    def key(self) -> str:
        return f"{self.contest}:{self.constituency.id}"


@dataclass(frozen=True)
class SamplePlan:
    frame: Frame
    method: Method


@dataclass(frozen=True)
class AuditPlan:
    """Every contest audited, the samples they are measured on, the risk limit α and the
    inflator γ of the comparison assorters (docs/audit.md §4.2)."""

    election: str
    manifest_hash: str
    risk_limit: Fraction
    inflator: Fraction
    samples: tuple[SamplePlan, ...]
    contests: tuple[ContestPlan, ...]
    records: RecordsCommitment | None = None  # the boxes' records, committed before the seed


def plan_audit(
    manifest: Manifest,
    reported: Sequence[Reported],
    risk_limit: Fraction,
    inflator: Fraction = GENTLE_INFLATOR,
    records: RecordsCommitment | None = None,
) -> AuditPlan:
    """The plan for `reported`, comparing only where `records` agree; `AuditInputError` names
    every problem with its path."""
    problems: list[Problem] = []
    if not 0 < risk_limit < 1:
        problems.append(Problem("risk_limit", f"{risk_limit}: need more than 0 and less than 1"))
    if inflator < 1:
        problems.append(Problem("inflator", f"{inflator}: need 1 or more"))
    seen: set[tuple[str, str]] = set()
    kinds: dict[int, tuple[AuditKind, frozenset[str]]] = {}
    for i, one in enumerate(reported):
        key = (one.contest.id, one.constituency.id)
        if key in seen:
            problems.append(Problem(f"contests[{i}]", f"{key[0]}:{key[1]} is planned twice"))
        seen.add(key)
        found = list(_reported_problems(manifest, one, f"contests[{i}]"))
        problems.extend(found)
        if not found:
            kinds[i] = _kind(manifest, one, records)
    if problems:
        raise AuditInputError(problems)
    samples: list[tuple[SamplePlan, frozenset[str]]] = []
    contests: list[ContestPlan] = []
    order = sorted(kinds, key=lambda i: (-len(kinds[i][1]), i))
    for i in order:
        kind, stations = kinds[i]
        sample = _sample_for(manifest, reported[i], kind, stations, samples)
        try:
            contests.append(_contest_plan(manifest, reported[i], kind, sample))
        except AuditInputError as error:
            problems.extend(Problem(f"contests[{i}].{p.path}", p.message) for p in error.problems)
    if problems:
        raise AuditInputError(problems)
    contests.sort(key=lambda c: c.key)
    return AuditPlan(
        manifest.election,
        manifest.hash,
        risk_limit,
        inflator,
        tuple(s for s, _ in samples),
        tuple(contests),
        records,
    )


def _stations_of(manifest: Manifest, one: Reported) -> list[str]:
    return [
        s.code for s in manifest.stations if s.constituency(one.contest.id) == one.constituency.id
    ]


def _reported_problems(manifest: Manifest, one: Reported, path: str) -> Iterator[Problem]:
    if one.outcome.constituency != one.constituency.id:
        yield Problem(f"{path}.outcome", f"is the outcome of {one.outcome.constituency}")
    stations = {s.code: s for s in manifest.stations}
    members = set(_stations_of(manifest, one))
    if not members:
        yield Problem(f"{path}.constituency", "no station of the manifest votes in it")
    for code in sorted(members - set(one.sheets)):
        yield Problem(f"{path}.sheets.{code}", "a station of the manifest without its sheet")
    for code, counts in sorted(one.sheets.items()):
        where = f"{path}.sheets.{code}"
        if code not in members:
            yield Problem(where, "is no station of the manifest in this constituency")
        else:
            held = stations[code].papers
            # A paper station's containers hold exactly its ballots cast; a box's copies may
            # include cards without this contest.
            if counts.cast > held or (
                stations[code].kind is StationKind.PAPER and counts.cast != held
            ):
                yield Problem(where, f"{counts.cast} cast, the manifest holds {held}")


def _kind(
    manifest: Manifest, one: Reported, records: RecordsCommitment | None
) -> tuple[AuditKind, frozenset[str]]:
    stations = frozenset(_stations_of(manifest, one))
    found = {s.kind for s in manifest.stations if s.code in stations}
    # a box without committed, agreeing records has nothing to compare with: its copies are
    # read as ballots are (F3 of issue 11: records handed in at close confirmed a wrong winner)
    compared = records is not None and stations <= records.stations
    if found == {StationKind.BOX} and compared:
        return AuditKind.COMPARISON, stations
    if found == {StationKind.PAPER}:
        return AuditKind.BATCH, stations
    return AuditKind.POLLING, stations


def _sample_for(
    manifest: Manifest,
    one: Reported,
    kind: AuditKind,
    stations: frozenset[str],
    samples: list[tuple[SamplePlan, frozenset[str]]],
) -> SamplePlan:
    """The first sample of the same ballot-level kind whose frame holds all of `stations`, or a
    new one framed on this contest (`samples` grows)."""
    if kind is not AuditKind.BATCH:
        for sample, held in samples:
            if sample.frame.kinds == KINDS[kind] and stations <= held:
                return sample
    name = f"{kind.value}:{one.contest.id}:{one.constituency.id}"
    frame = Frame(name, one.contest.id, frozenset({one.constituency.id}), KINDS[kind])
    sample = SamplePlan(frame, METHODS[kind])
    samples.append((sample, frozenset(FrameIndex.of(manifest, frame).stations)))
    return sample


def _contest_plan(
    manifest: Manifest, one: Reported, kind: AuditKind, sample: SamplePlan
) -> ContestPlan:
    index = FrameIndex.of(manifest, sample.frame)
    counts = sum_counts(one.sheets.values())
    reported = Totals.of_counts(counts, cards=index.total)
    papers = {s.code: s.papers for s in manifest.stations}
    batches = (
        {code: Totals.of_counts(c, cards=papers[code]) for code, c in one.sheets.items()}
        if kind is AuditKind.BATCH
        else {}
    )
    standing = tuple(c for c in one.contest.candidates if c.constituency == one.constituency.id)
    hand_count: Escalation | None = None
    detail = ""
    assertions: tuple[Assertion, ...] = ()
    try:
        assertions = assertions_for(one.outcome, [c.code for c in standing], one.withdrawn)
    except AuditUnsupportedError as error:
        hand_count, detail = Escalation.UNSUPPORTED, str(error)
    for assertion in assertions:
        if assertion.assorter.margin(reported) <= 0:
            hand_count, detail = Escalation.ZERO_MARGIN, assertion.key
            break
    return ContestPlan(
        definition=one.contest,
        constituency=one.constituency,
        kind=kind,
        sample=sample.frame.name,
        outcome=one.outcome,
        candidates=standing,
        withdrawn=one.withdrawn,
        reported=reported,
        assertions=assertions,
        hand_count=hand_count,
        detail=detail,
        stations=batches,
    )
