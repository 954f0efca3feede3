"""Replaying an audit from its inputs gives every figure again, and the published record binds the
readings: a reading changed after the fact changes the figures and every later round's hash
(docs/audit.md §6–7)."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.audit.audit_record import round_json
from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.manifest import Manifest, Roll, Seed
from sandogh.core.audit.plan import AuditKind, AuditPlan, plan_audit
from sandogh.core.audit.reading import Reading, Totals
from sandogh.core.audit.replay import RoundResult, first_sizes, replay
from sandogh.core.audit.rounds import BatchReading, Decision, RoundInput
from sandogh.core.audit.sample_record import draw_rounds
from sandogh.core.audit.sampling import FrameIndex
from sandogh.core.canonical_json import canonical_json
from sandogh.core.counting.tally import Counts
from sandogh.core.definition.model import Election, UnitKind
from tests.core.audit.audits import (
    FIVE_PERCENT,
    Records,
    committed,
    faithful,
    flipping,
    manifest_of,
    reported_of,
    run,
    seed_of,
    small,
)
from tests.core.audit.test_plan import STATIONS, with_paper
from tests.core.definition.kerman import KERMAN, PRESIDENT, unit

TWO_ROUNDS = dict.fromkeys(STATIONS, (175, 125))  # 3 flips per station: confirmed in round 2


def audit() -> tuple[AuditPlan, Manifest, Records]:
    example = small(KERMAN, TWO_ROUNDS)
    manifest = manifest_of(example)
    plan = plan_audit(
        manifest,
        [reported_of(example, "president", "IR")],
        FIVE_PERCENT,
        records=committed(manifest),
    )
    return plan, manifest, Records(example.sheets)


def figures(results: tuple[RoundResult, ...]) -> list[object]:
    return [
        (
            r.number,
            dict(r.asked),
            [d.draws for d in r.samples],
            r.discrepancies,
            [
                (c.decision, c.reason, c.detail, [(a.key, a.measurement) for a in c.assertions])
                for c in r.contests
            ],
            dict(r.next_sizes),
            r.hash,
        )
        for r in results
    ]


@settings(max_examples=10, deadline=None)
@given(
    digits=st.text("0123456789", min_size=20, max_size=24),
    flips=st.tuples(*(st.integers(0, 6) for _ in STATIONS)),
)
def test_replaying_the_recorded_rounds_gives_the_same_figures(
    digits: str, flips: tuple[int, ...]
) -> None:
    plan, manifest, records = audit()
    seed = Seed(manifest.hash, (Roll("HQ", digits),))
    inputs, results = run(
        plan, manifest, seed, flipping(records, dict(zip(STATIONS, flips, strict=True))), records
    )
    assert figures(replay(plan, manifest, seed, inputs)) == figures(results)
    # the order the boards entered a round's papers in changes nothing
    shuffled = [replace(r, papers=tuple(reversed(r.papers))) for r in inputs]
    assert figures(replay(plan, manifest, seed, shuffled)) == figures(results)
    assert results[-1].contests[0].decision in {Decision.CONFIRMED, Decision.HAND_COUNT}


def test_a_reading_changed_after_the_round_changes_the_figures_and_every_later_hash() -> None:
    plan, manifest, records = audit()
    seed = seed_of(manifest)
    inputs, results = run(
        plan, manifest, seed, flipping(records, dict.fromkeys(STATIONS, 3)), records
    )
    assert len(results) == 2
    first = inputs[0]
    (found,) = results[0].discrepancies  # one paper of 21 showed 25
    clean = next(
        c for c in first.papers if c.shows == c.record == {"president": Reading.vote("21")}
    )
    blank = {"president": Reading.invalid()}
    worse = tuple(replace(c, shows=blank) if c is clean else c for c in first.papers)
    altered = replay(plan, manifest, seed, [replace(first, papers=worse), inputs[1]])
    assert len(altered[0].discrepancies) == 2
    assert altered[0].contests[0].p_value > results[0].contests[0].p_value
    assert altered[1].contests[0].p_value != results[1].contests[0].p_value
    assert altered[0].hash != results[0].hash
    assert altered[1].hash != results[1].hash  # round 2 chains to round 1's record
    # a discrepancy erased after the fact would have confirmed in round 1: round 2 is refused
    erased = tuple(
        replace(c, shows=c.record) if str(c.paper) == found.unit else c for c in first.papers
    )
    with pytest.raises(AuditInputError, match="ended"):
        replay(plan, manifest, seed, [replace(first, papers=erased), inputs[1]])
    (alone,) = replay(plan, manifest, seed, [replace(first, papers=erased)])
    assert alone.hash != results[0].hash


def test_a_round_must_read_exactly_the_papers_it_drew() -> None:
    plan, manifest, records = audit()
    seed = seed_of(manifest)
    inputs, _ = run(plan, manifest, seed, faithful(records), records)
    first = inputs[0]
    missing = replace(first, papers=first.papers[1:])
    with pytest.raises(AuditInputError, match="drawn but not read"):
        replay(plan, manifest, seed, [missing])
    twice = replace(first, papers=(*first.papers, first.papers[0]))
    with pytest.raises(AuditInputError) as caught:
        replay(plan, manifest, seed, [twice])
    assert [p.path for p in caught.value.problems] == [f"rounds[0].papers[{len(first.papers)}]"]
    # a favourable paper put in place of one drawn is refused, and the drawn one is missed
    drawn = {c.paper for c in first.papers}
    other = next(
        replace(first.papers[0].paper, position=p)
        for p in range(1, 301)
        if replace(first.papers[0].paper, position=p) not in drawn
    )
    swapped = replace(first, papers=(replace(first.papers[0], paper=other), *first.papers[1:]))
    with pytest.raises(AuditInputError) as caught:
        replay(plan, manifest, seed, [swapped])
    assert [p.message for p in caught.value.problems] == [
        f"{other} was not drawn",
        f"{first.papers[0].paper} was drawn but not read",
    ]
    with pytest.raises(AuditInputError, match="ended"):
        replay(plan, manifest, seed, [first, RoundInput({})])
    with pytest.raises(AuditInputError) as caught:
        replay(plan, manifest, seed, [RoundInput({"elsewhere": 5})])
    assert [str(p) for p in caught.value.problems] == [
        "rounds[0].sizes.elsewhere: is no sample of the plan"
    ]


def test_the_published_round_names_no_confirmation_code() -> None:
    plan, manifest, records = audit()
    seed = seed_of(manifest)
    inputs, results = run(plan, manifest, seed, faithful(records), records)
    published = canonical_json(
        round_json(
            1,
            "sha256:" + "0" * 64,
            inputs[0],
            asked=results[0].asked,
            found=results[0].discrepancies,
            risks=results[0].contests,
        )
    )
    assert b"#" not in published  # the simulated codes are "STATION#k"
    assert b'"shows":{"president":["21"]}' in published or b'["25"]' in published


def paper_stations(count: int) -> Election:
    """The president of `KERMAN` voted in `count` paper stations of one county."""
    units = (
        *(u for u in KERMAN.units if u.kind is not UnitKind.STATION),
        *(unit(f"ST-0801-{n:04d}", UnitKind.STATION, "IR-08-0801", 200) for n in range(count)),
    )
    return with_paper(replace(KERMAN, units=units, contests=(PRESIDENT,)), *(u.code for u in units))


def test_a_batch_audit_recounts_stations_drawn_by_size() -> None:
    election = paper_stations(60)
    codes = [u.code for u in election.units if u.kind is UnitKind.STATION]
    example = small(election, dict.fromkeys(codes, (70, 30)), papers=100)
    manifest = manifest_of(example)
    plan = plan_audit(manifest, [reported_of(example, "president", "IR")], FIVE_PERCENT)
    (contest,) = plan.contests
    assert contest.kind is AuditKind.BATCH
    sheets = example.sheets["president"]
    short = Counts(cast=100, valid=100, votes={"21": 60, "25": 40})

    def count(sample: str, station: str) -> BatchReading:
        hand = short if station == first_drawn else sheets[station]
        return BatchReading(sample, station, Totals.of_counts(hand))

    (sample,) = plan.samples
    sizes = first_sizes(plan, manifest)
    first = draw_rounds(
        seed_of(manifest),
        FrameIndex.of(manifest, sample.frame),
        sample.method,
        (sizes[sample.frame.name],),
    )
    first_drawn = first.draws[0].station  # type: ignore[union-attr]
    records = Records(example.sheets)
    _, results = run(plan, manifest, seed_of(manifest), faithful(records), records, count=count)
    assert results[-1].contests[0].decision is Decision.CONFIRMED
    (found,) = results[0].discrepancies
    assert (found.unit, found.overstatement) == (first_drawn, Fraction(1, 10))


def test_a_polling_audit_reads_papers_alone() -> None:
    example = small(KERMAN, dict.fromkeys(STATIONS, (200, 100)))
    example = replace(example, election=with_paper(KERMAN, "ST-0802-0001"))
    manifest = manifest_of(example)
    plan = plan_audit(
        manifest,
        [reported_of(example, "president", "IR")],
        FIVE_PERCENT,
        records=committed(manifest),
    )
    records = Records(example.sheets)
    _, results = run(plan, manifest, seed_of(manifest), faithful(records), {})
    assert results[-1].contests[0].decision is Decision.CONFIRMED
    assert all(not r.discrepancies for r in results)
