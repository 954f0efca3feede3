"""The audit plan: the kind per contest from the stations' paper, shared samples, and every
problem of the inputs named with its path (docs/audit.md §1, §6)."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.plan import AuditKind, plan_audit
from sandogh.core.audit.sample_record import Method
from sandogh.core.counting.tally import Counts
from sandogh.core.definition.model import Election, VotingMode
from tests.core.audit.audits import (
    FIVE_PERCENT,
    Example,
    committed,
    manifest_of,
    reported_of,
    small,
)
from tests.core.definition.kerman import KERMAN

STATIONS = ("ST-0801-0001", "ST-0801-0002", "ST-0802-0001")
WIDE = dict.fromkeys(STATIONS, (200, 100))


def with_paper(election: Election, *codes: str) -> Election:
    units = tuple(
        replace(u, station=replace(u.station, mode=VotingMode.PAPER))
        if u.code in codes and u.station is not None
        else u
        for u in election.units
    )
    return replace(election, units=units)


def with_council(example: Example) -> Example:
    """The city council of Kerman (two stations, 5 seats, 3 alternates, 8 candidates) and Bam
    (one station, all 5 candidates elected) beside the president."""
    votes = {str(100 + i): 90 - 10 * i for i in range(8)}
    bam = {str(100 + i): 50 for i in range(5)}
    council = {
        "ST-0801-0001": Counts(cast=300, valid=290, votes=votes),
        "ST-0801-0002": Counts(cast=300, valid=290, votes=votes),
        "ST-0802-0001": Counts(cast=290, valid=280, votes=bam),
    }
    return replace(example, sheets={**example.sheets, "city-council": council})


def test_box_stations_are_compared_paper_stations_batched_a_mix_polled() -> None:
    boxes = small(KERMAN, WIDE)
    manifest = manifest_of(boxes)
    plan = plan_audit(
        manifest, [reported_of(boxes, "president", "IR")], FIVE_PERCENT, records=committed(manifest)
    )
    assert [(c.kind, c.sample) for c in plan.contests] == [
        (AuditKind.COMPARISON, "ballot-comparison:president:IR")
    ]
    assert plan.samples[0].method is Method.WITHOUT_REPLACEMENT
    papers = replace(boxes, election=with_paper(KERMAN, *STATIONS))
    plan = plan_audit(manifest_of(papers), [reported_of(papers, "president", "IR")], FIVE_PERCENT)
    (contest,) = plan.contests
    assert contest.kind is AuditKind.BATCH
    assert plan.samples[0].method is Method.BY_SIZE
    assert contest.stations["ST-0801-0001"].cards == 300
    mixed = replace(boxes, election=with_paper(KERMAN, "ST-0802-0001"))
    plan = plan_audit(manifest_of(mixed), [reported_of(mixed, "president", "IR")], FIVE_PERCENT)
    assert plan.contests[0].kind is AuditKind.POLLING


def test_contests_on_the_same_cards_share_one_sample() -> None:
    example = with_council(small(KERMAN, WIDE))
    manifest = manifest_of(example)
    reported = [
        reported_of(example, "city-council", "kerman"),
        reported_of(example, "president", "IR"),
        reported_of(example, "city-council", "bam"),
    ]
    plan = plan_audit(manifest, reported, FIVE_PERCENT, records=committed(manifest))
    assert len(plan.samples) == 1
    assert {c.sample for c in plan.contests} == {"ballot-comparison:president:IR"}
    council = next(c for c in plan.contests if c.key == "city-council:kerman")
    # the council's totals are over every card of the shared frame: 300 cards without it
    assert council.reported.cards == 900
    assert council.reported.cast == 600
    assert council.assertions
    bam = next(c for c in plan.contests if c.key == "city-council:bam")
    assert bam.assertions == ()  # every candidate is elected: nothing to confirm


def test_every_problem_of_the_inputs_is_named_with_its_path() -> None:
    example = small(KERMAN, WIDE)
    manifest = manifest_of(example)
    good = reported_of(example, "president", "IR")
    sheets = {**good.sheets, "ST-0801-0001": Counts(cast=301, valid=301, votes={"21": 301})}
    del sheets["ST-0802-0001"]
    sheets["IR-08"] = Counts()
    bad = replace(good, sheets=sheets)
    with pytest.raises(AuditInputError) as caught:
        plan_audit(manifest, [bad, good, good], Fraction(0), Fraction(1, 2))
    assert [p.path for p in caught.value.problems] == [
        "risk_limit",
        "inflator",
        "contests[0].sheets.ST-0802-0001",
        "contests[0].sheets.IR-08",
        "contests[0].sheets.ST-0801-0001",
        "contests[1]",
        "contests[2]",
    ]
    lost = replace(good, withdrawn=frozenset({"99"}))
    with pytest.raises(AuditInputError) as caught:
        plan_audit(manifest, [lost], FIVE_PERCENT)
    assert [p.path for p in caught.value.problems] == ["contests[0].withdrawn"]
