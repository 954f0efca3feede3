"""Audits end to end: the Kerman runoff confirmed at 5 % by ballot polling, a close margin
escalated to a full hand count whose totals decide, and paper showing another winner that never
confirms the reported one (docs/audit.md §6)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import pytest

from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.manifest import Roll, Seed
from sandogh.core.audit.plan import Escalation, plan_audit
from sandogh.core.audit.reading import Reading
from sandogh.core.audit.replay import first_sizes, hand_count, replay, start
from sandogh.core.audit.rounds import Decision, PaperReading, RoundInput
from sandogh.core.audit.sample_record import draw_rounds
from sandogh.core.audit.sampling import FrameIndex, PaperAddress, PaperDraw
from sandogh.core.counting.tally import Counts
from sandogh.core.rules.lots import Lot
from tests.core.audit.audits import (
    FIVE_PERCENT,
    Records,
    code_at,
    committed,
    faithful,
    flipping,
    kerman,
    kerman_plan,
    manifest_of,
    reported_of,
    run,
    seed_of,
    small,
)
from tests.core.definition.kerman import KERMAN

STATIONS = ("ST-0801-0001", "ST-0801-0002", "ST-0802-0001")
CLOSE = dict.fromkeys(STATIONS, (160, 140))  # 480 to 420 of 900: a margin of 6.7 %


def test_the_kerman_runoff_is_polled_and_confirmed_despite_papers_against_the_winner() -> None:
    plan, manifest, seed = kerman_plan()
    (contest,) = plan.contests
    # Kerman city's boxes and the paper stations share one constituency: polled whole, every
    # station in one frame (docs/audit.md §6.1: a mix → ballot polling)
    assert contest.kind.value == "ballot-polling"
    assert [a.key for a in contest.assertions] == ["beats 21 25"]
    assert contest.reported.cards == manifest.papers == 1_276_092
    records = Records(kerman().sheets)
    (sample,) = plan.samples
    assert sample.frame.name == "ballot-polling:president:IR"
    first = draw_rounds(seed, FrameIndex.of(manifest, sample.frame), sample.method, (114,))
    drawn = [d.paper for d in first.draws if isinstance(d, PaperDraw)]
    honest = faithful(records)
    # read as recorded, the first 114 papers confirm the reported winner in one round
    _, faithfully = run(plan, manifest, seed, honest, records)
    assert [r.contests[0].decision for r in faithfully] == [Decision.CONFIRMED]
    # The boards find: a paper for 21 blank, one for 21 marked for 25, and one for 21 not found
    # at all (read as the worst case): polling compares no records, so nothing is named
    # a discrepancy, but the weaker evidence asks for another round, which confirms.
    wrong = {
        drawn[3]: _other(records, drawn[3], "21", Reading.invalid()),
        drawn[10]: _other(records, drawn[10], "21", Reading.vote("25")),
        drawn[0]: PaperReading(drawn[0], None),
    }

    def read(paper: PaperAddress) -> PaperReading:
        return wrong.get(paper) or honest(paper)

    _, results = run(plan, manifest, seed, read, records)
    assert dict(results[0].asked) == {sample.frame.name: 114}
    assert len(results) >= 2
    assert results[0].contests[0].decision is Decision.ANOTHER_ROUND
    assert results[-1].contests[0].decision is Decision.CONFIRMED
    assert results[-1].contests[0].p_value <= FIVE_PERCENT < results[0].contests[0].p_value
    assert not results[-1].next_sizes
    assert all(r.discrepancies == () for r in results)
    # a later round draws the same first papers: round 1's sample is a prefix of round 2's
    assert results[1].samples[0].draws[:114] == first.draws


def _other(records: Records, paper: PaperAddress, wanted: str, shows: Reading) -> PaperReading:
    """The paper reading `shows`, its record (checked) a vote for `wanted`."""
    code = code_at(paper)
    assert records[code]["president"] == Reading.vote(wanted)
    return PaperReading(paper, {"president": shows}, code)


def test_a_close_margin_escalates_to_a_full_hand_count_whose_totals_decide() -> None:
    example = small(KERMAN, CLOSE)
    manifest = manifest_of(example)
    plan = plan_audit(
        manifest,
        [reported_of(example, "president", "IR")],
        FIVE_PERCENT,
        records=committed(manifest),
    )
    records = Records(example.sheets)
    flips = {"ST-0801-0001": 13, "ST-0801-0002": 13, "ST-0802-0001": 14}
    _, results = run(plan, manifest, seed_of(manifest), flipping(records, flips), records)
    last = results[-1].contests[0]
    assert last.decision is Decision.HAND_COUNT
    assert last.p_value > FIVE_PERCENT
    assert last.reason in {Escalation.NO_SAMPLE, Escalation.WHOLE_FRAME}
    # the hand count: 40 papers of 21 show 25, so the paper elects 25
    paper = Counts(cast=900, valid=900, votes={"21": 440, "25": 460})
    counted = hand_count(plan.contests[0], paper)
    assert counted.changed
    assert counted.outcome.elected == ("25",)
    assert counted.reported.elected == ("21",)
    # a hand count of the same totals as reported confirms the reported outcome
    same = Counts(cast=900, valid=900, votes={"21": 480, "25": 420})
    assert not hand_count(plan.contests[0], same).changed


def test_a_tie_broken_by_lot_goes_to_a_hand_count_before_any_paper_is_drawn() -> None:
    example = small(KERMAN, dict.fromkeys(STATIONS, (150, 150)))
    manifest = manifest_of(example)
    one = reported_of(example, "president", "IR", lot=Lot("0123456789", ("HQ",)))
    assert one.outcome.lots
    plan = plan_audit(manifest, [one], FIVE_PERCENT)
    (before,) = start(plan, manifest)
    assert before.decision is Decision.HAND_COUNT
    (winner,) = one.outcome.elected  # the lot's choice
    loser = ({"21", "25"} - {winner}).pop()
    assert (before.reason, before.detail) == (Escalation.ZERO_MARGIN, f"beats {winner} {loser}")
    assert first_sizes(plan, manifest) == {}
    with pytest.raises(AuditInputError, match="no contest needs a sample"):
        replay(plan, manifest, seed_of(manifest), [RoundInput({plan.samples[0].frame.name: 1})])


def numbered(manifest_hash: str, n: int) -> Seed:
    return Seed(manifest_hash, (Roll("HQ", f"{n:020d}"),))


def test_paper_showing_another_winner_never_confirms_the_reported_one() -> None:
    """Reported 480 to 420 for 21; the paper says 405 to 495 for 25. Over 12 seeds the audit
    never confirms 21 (the risk limit would allow one in 20 at worst); each ends in a full hand
    count within a bounded number of rounds."""
    example = small(KERMAN, CLOSE)
    manifest = manifest_of(example)
    plan = plan_audit(
        manifest,
        [reported_of(example, "president", "IR")],
        FIVE_PERCENT,
        records=committed(manifest),
    )
    records = Records(example.sheets)
    read = flipping(records, dict.fromkeys(STATIONS, 25))
    ends: Mapping[Decision, int] = {}
    for n in range(12):
        _, results = run(plan, manifest, numbered(manifest.hash, n), read, records, most=6)
        decision = results[-1].contests[0].decision
        ends = {**ends, decision: ends.get(decision, 0) + 1}
    assert ends == {Decision.HAND_COUNT: 12}


def test_the_president_and_a_city_council_are_confirmed_from_one_sample() -> None:
    """Each drawn copy is read for both contests; the council's assertions (5 elected, 3 ranked
    alternates) decide the sample's size, the president rides along."""
    example = small(KERMAN, dict.fromkeys(STATIONS, (600, 400)), papers=1000)
    votes = {"100": 150, "101": 150, "102": 150, "103": 150, "104": 150, "105": 100, "106": 50}
    council = {code: Counts(cast=1000, valid=900, votes=votes) for code in STATIONS[:2]}
    example = replace(example, sheets={**example.sheets, "city-council": council})
    manifest = manifest_of(example)
    reported = [
        reported_of(example, "president", "IR"),
        reported_of(example, "city-council", "kerman"),
    ]
    plan = plan_audit(manifest, reported, FIVE_PERCENT, records=committed(manifest))
    (sample,) = plan.samples
    assert [len(c.assertions) for c in plan.contests] == [7, 1]
    records = Records(example.sheets)
    _, results = run(plan, manifest, seed_of(manifest), faithful(records), records)
    (only,) = results
    assert [c.decision for c in only.contests] == [Decision.CONFIRMED, Decision.CONFIRMED]
    council_risk, president_risk = only.contests
    assert president_risk.p_value < council_risk.p_value <= FIVE_PERCENT
    assert dict(only.asked) == {sample.frame.name: len(only.samples[0].draws)}
