"""One round of an audit: what the boards read, the comparison with the record, the risk and the
decision (docs/audit.md §6).

The board's entry of a paper (`PaperReading`) carries only what the paper shows and the code
printed on it; `compare` joins the cast-vote record its code names afterwards, so nothing the
board enters can have been read off the record (issue 11, blind entry). Each assertion's risk is
its sequential P-value over every draw so far (ALPHA, Stark 2023; SHANGRLA's comparison and
batch assorters, Stark 2020); a contest is confirmed when each is at most the risk limit,
otherwise the next round's size is the sample-size estimate (Lindeman and Stark, "Gentle
Introduction", 2012, for the discrepancies seen so far; docs/audit.md §5), and the audit turns
into a full hand count when that estimate asks for every paper or none can confirm.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from sandogh.core.audit.assertion import Assertion
from sandogh.core.audit.cast_records import CastRecord
from sandogh.core.audit.comparison import Comparison
from sandogh.core.audit.estimate import comparison_size_for, largest, polling_size_for
from sandogh.core.audit.measure import batch_comparison, card_comparison, polling
from sandogh.core.audit.plan import AuditKind, AuditPlan, ContestPlan, Escalation
from sandogh.core.audit.reading import Reading, Totals
from sandogh.core.audit.risk import Measurement
from sandogh.core.audit.sampling import BatchDraw, PaperAddress, PaperDraw


@dataclass(frozen=True)
class PaperReading:
    """What a board read on one sampled paper, entered before any record is shown: the reading
    of each contest on it (`shows`, None when the paper was not found) and the confirmation code
    printed on a box's copy (docs/e2e.md §7), which names its cast-vote record."""

    paper: PaperAddress
    shows: Mapping[str, Reading] | None
    code: str | None = None


@dataclass(frozen=True)
class Checked:
    """A sampled paper after the comparison: what it shows and the cast-vote record its code
    names (`record` None: no record has that code, or a polling audit compares nothing)."""

    paper: PaperAddress
    shows: Mapping[str, Reading] | None
    record: Mapping[str, Reading] | None = None


def compare(
    readings: Sequence[PaperReading],
    records: Mapping[str, CastRecord],
    spent: frozenset[str] = frozenset(),
) -> tuple[Checked, ...]:
    """Each paper read with the record its code names (`records`: the committed ones). A paper
    has no record, and counts as the worst case ω = u − a(paper) (Bañuelos and Stark 2012;
    SHANGRLA's rule for a card whose CVR is missing or misfiled), when it has no code, its code
    names no record, the record is of another station, or an earlier paper of the round used
    the code already, or an earlier round did (`spent`): one record describes one paper, once
    in the audit."""
    used = set(spent)
    found = []
    for r in readings:
        record = None if r.code is None or r.code in used else records.get(r.code)
        if r.code is not None:
            used.add(r.code)
        if record is not None and record.station != r.paper.station:
            record = None
        found.append(Checked(r.paper, r.shows, None if record is None else record.reads))
    return tuple(found)


@dataclass(frozen=True)
class BatchReading:
    """A sampled station's hand count for the contest of batch sample `sample`; None when its
    papers were not found (every card then adds 0 to the hand total, the worst case)."""

    sample: str
    station: str
    hand: Totals | None


@dataclass(frozen=True)
class RoundInput:
    """What a round recorded: each sample's total after it, and the reading of every paper or
    station newly drawn in it."""

    sizes: Mapping[str, int]
    papers: tuple[Checked, ...] = ()
    batches: tuple[BatchReading, ...] = ()


class Decision(StrEnum):
    CONFIRMED = "confirmed"
    ANOTHER_ROUND = "another-round"
    HAND_COUNT = "full-hand-count"


@dataclass(frozen=True)
class Discrepancy:
    """A card or station whose paper differs from its record for one assertion: ω > 0 is an
    overstatement (the count favoured the assertion), ω < 0 an understatement."""

    sample: str
    unit: str  # STATION/CONTAINER/POSITION, or a station's code
    contest: str
    assertion: str
    overstatement: Fraction


@dataclass(frozen=True)
class AssertionRisk:
    key: str
    measurement: Measurement  # the P-value after every draw of the sample so far

    @property
    def p_value(self) -> Fraction:
        return self.measurement.p_value


@dataclass(frozen=True)
class ContestRisk:
    """A contest after a round: its P-value per assertion and the decision; for another round
    the sample total it needs (`next_size`), for a hand count why (`reason`, and `detail`)."""

    contest: str
    decision: Decision
    assertions: tuple[AssertionRisk, ...] = ()
    next_size: int | None = None
    reason: Escalation | None = None
    detail: str = ""

    @property
    def p_value(self) -> Fraction:
        """The contest's P-value, the largest of its assertions' (docs/audit.md §4); 0 for an
        outcome with nothing to confirm (every candidate standing takes a place)."""
        return max((a.p_value for a in self.assertions), default=Fraction(0))


@dataclass(frozen=True)
class Units:
    """A sample's draws so far and what was read for each (a paper once, a station once)."""

    draws: tuple[PaperDraw | BatchDraw, ...]
    papers: Mapping[PaperAddress, Checked]
    batches: Mapping[str, BatchReading]
    population: int  # N, the frame's papers
    batches_in_frame: int


def measure_contest(plan: AuditPlan, contest: ContestPlan, units: Units) -> ContestRisk:
    """The risk of `contest` after the draws of `units`, and what follows."""
    if contest.hand_count is not None:
        return ContestRisk(
            contest.key, Decision.HAND_COUNT, reason=contest.hand_count, detail=contest.detail
        )
    risks = tuple(
        AssertionRisk(a.key, _measure(plan, contest, a, units)) for a in contest.assertions
    )
    if all(r.measurement.confirms(plan.risk_limit) for r in risks):
        return ContestRisk(contest.key, Decision.CONFIRMED, risks)
    drawn = len(units.draws)
    size = estimate(plan, contest, units)
    limit = units.batches_in_frame if contest.kind is AuditKind.BATCH else units.population
    if size is None:
        return ContestRisk(contest.key, Decision.HAND_COUNT, risks, reason=Escalation.NO_SAMPLE)
    # The estimate plans and decides nothing (§5); a test lagging behind it gets twice the draws.
    wanted = size if size > drawn else 2 * max(drawn, 1)
    if wanted >= limit:
        detail = f"{wanted} of {limit}"
        return ContestRisk(
            contest.key, Decision.HAND_COUNT, risks, reason=Escalation.WHOLE_FRAME, detail=detail
        )
    return ContestRisk(contest.key, Decision.ANOTHER_ROUND, risks, next_size=wanted)


def estimate(plan: AuditPlan, contest: ContestPlan, units: Units) -> int | None:
    """The sample total `contest` needs: the largest over its assertions of §5's estimate, a
    comparison's for the discrepancies seen so far (None: a full hand count)."""
    alpha = plan.risk_limit
    if contest.kind is AuditKind.POLLING:
        return largest(polling_size_for(a, contest.reported, alpha) for a in contest.assertions)
    sizes: list[int | None] = []
    for a in contest.assertions:
        allowance = _allowance(plan, a, _overstatements(contest, a, units))
        sizes.append(
            None
            if allowance is None
            else comparison_size_for(a, contest.reported, allowance, plan.inflator)
        )
    return largest(sizes)


def discrepancies(
    sample: str, contest: ContestPlan, units: Units, new: set[str]
) -> tuple[Discrepancy, ...]:
    """The discrepancies of the units named in `new` (read this round), per assertion."""
    if contest.kind is AuditKind.POLLING or contest.hand_count is not None:
        return ()
    found = []
    for a in contest.assertions:
        for unit, omega in _per_unit(contest, a, units):
            if omega and unit in new:
                found.append(Discrepancy(sample, unit, contest.key, a.key, omega))
    return tuple(found)


def _measure(plan: AuditPlan, contest: ContestPlan, a: Assertion, units: Units) -> Measurement:
    if contest.kind is AuditKind.POLLING:
        papers = [_shows(contest, units.papers[d.paper]) for d in _paper_draws(units)]
        return polling(a.assorter, contest.reported, papers, units.population)
    comparison = _comparison(plan, contest, a)
    if contest.kind is AuditKind.BATCH:
        batches = [
            (contest.stations[d.station], units.batches[d.station].hand)
            for d in units.draws
            if isinstance(d, BatchDraw)
        ]
        return batch_comparison(comparison, batches)
    pairs = [_pair(contest, units.papers[d.paper]) for d in _paper_draws(units)]
    return card_comparison(comparison, pairs, units.population)


def _comparison(plan: AuditPlan, contest: ContestPlan, a: Assertion) -> Comparison:
    return Comparison(a.assorter, a.assorter.margin(contest.reported), plan.inflator)


def _paper_draws(units: Units) -> list[PaperDraw]:
    return [d for d in units.draws if isinstance(d, PaperDraw)]


def _shows(contest: ContestPlan, checked: Checked) -> Reading | None:
    if checked.shows is None:
        return None
    return checked.shows.get(contest.contest, Reading.absent())


def _pair(contest: ContestPlan, checked: Checked) -> tuple[Reading | None, Reading | None]:
    record = None if checked.record is None else checked.record.get(contest.contest)
    if checked.record is not None and record is None:
        record = Reading.absent()
    return record, _shows(contest, checked)


def _per_unit(contest: ContestPlan, a: Assertion, units: Units) -> list[tuple[str, Fraction]]:
    """ω of each distinct unit read, in draw order."""
    comparison = Comparison(a.assorter, Fraction(1), Fraction(1))  # ω needs no margin
    found: dict[str, Fraction] = {}
    for d in units.draws:
        if isinstance(d, BatchDraw):
            hand = units.batches[d.station].hand
            found.setdefault(
                d.station, comparison.batch_overstatement(contest.stations[d.station], hand)
            )
        else:
            record, paper = _pair(contest, units.papers[d.paper])
            found.setdefault(str(d.paper), comparison.overstatement(record, paper))
    return list(found.items())


def _overstatements(contest: ContestPlan, a: Assertion, units: Units) -> list[Fraction]:
    """ω of every draw (a station drawn twice counts twice)."""
    per_unit = dict(_per_unit(contest, a, units))
    return [per_unit[d.station if isinstance(d, BatchDraw) else str(d.paper)] for d in units.draws]


def _allowance(plan: AuditPlan, a: Assertion, seen: list[Fraction]) -> Fraction | None:
    """α′ = α·Π f_k over the discrepancies seen, f_k the Kaplan–Markov factor of each: (E1)
    with α′ and no discrepancies is then the Gentle Introduction's size for the discrepancies
    found so far and none more (Stark 2010, "super-simple"). Each ω counts as the nearest
    whole number of half-bounds u/2 towards more overstatement; None when α′ underflows."""
    gamma = float(plan.inflator)
    half = a.assorter.upper / 2
    log = math.log(float(plan.risk_limit))
    for omega in seen:
        if omega > half:
            log += math.log(1 - 1 / gamma) if gamma > 1 else -math.inf
        elif omega > 0:
            log += math.log(1 - 1 / (2 * gamma))
        elif omega <= -2 * half:
            log += math.log(1 + 1 / gamma)
        elif omega < 0:
            log += math.log(1 + 1 / (2 * gamma))
    allowance = Fraction(math.exp(min(log, math.log(0.5))))
    return allowance if allowance > 0 else None
