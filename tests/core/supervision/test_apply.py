"""What voids do to the figures: by hand on Kerman 1403, and as invariants on random elections."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.counting.aggregate import Aggregate, aggregate
from sandogh.core.counting.reconcile import reconcile_aggregate, reconcile_sheets
from sandogh.core.counting.tally import Counts, InvalidKind, TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.rules import Status, decide
from sandogh.core.supervision import (
    CandidateVoid,
    ConstituencyVoid,
    Decision,
    StationVoid,
    Void,
    Voided,
    VoidError,
    apply_voids,
    boxes_voided,
    constituency_voided,
    effects_in_constituency,
    effects_in_unit,
    reapply_voids,
    voided_by_unit,
    voided_outcome,
)
from sandogh.formats.definition_file import load_definition
from sandogh.formats.tally_csv import load_tally_csv

from ..counting.build import FORMATS_STATION, counts, elections_with_sheets, kerman

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "kerman-1403"
BOUGHT = Decision("vote buying proven", "هیات نظارت ۱۴۰۳/۴۲", case=7)


@pytest.fixture(scope="module")
def round2() -> tuple[Geography, tuple[TallySheet, ...]]:
    election = load_definition(EXAMPLE / "round2.yaml").election
    return Geography.of(election), load_tally_csv(EXAMPLE / "round2-results.csv")


def test_jalilis_votes_voided_in_two_baft_boxes(
    round2: tuple[Geography, tuple[TallySheet, ...]],
) -> None:
    geography, sheets = round2
    void = CandidateVoid("president", "21", ("ST-0801-0001", "ST-0801-0002"), BOUGHT)
    voided, (effect,) = apply_voids(geography, sheets, [void])

    # The two boxes: 435 and 167 votes for 21 leave the votes, the valid and the cast ballots,
    # and become void ballots not counted as cast (باطله غیرمأخوذه); the papers stay.
    first = next(
        s.counts for s in voided if (s.station, s.contest) == ("ST-0801-0001", "president")
    )
    assert (first.votes["21"], first.votes["25"], first.valid, first.cast, first.void) == (
        0,
        462,
        897 - 435,
        911 - 435,
        435,
    )
    assert (first.papers_received, first.papers_used, first.papers_unused) == (1594, 911, 683)
    assert (effect.boxes, effect.ballots, effect.votes) == (2, 602, {"21": 602})

    before, after = aggregate(geography, sheets), aggregate(geography, voided)
    county, province = "IR-08-0801", "IR-08"
    old = before.units["president"][county].counts
    assert (old.votes["21"], old.valid, old.cast) == (19_387, 36_169, 36_845)
    new = after.units["president"][county].counts
    assert (new.votes["21"], new.votes["25"]) == (19_387 - 602, 16_782)
    assert (new.valid, new.cast, new.void) == (36_169 - 602, 36_845 - 602, 602)
    assert new.papers_used == old.papers_used
    kerman_total = after.units["president"][province].counts
    assert (kerman_total.votes["21"], kerman_total.votes["25"]) == (772_989, 479_249)
    assert (kerman_total.valid, kerman_total.cast, kerman_total.void) == (
        1_252_238,
        1_275_490,
        602,
    )
    assert kerman_total.invalid_total == 23_252  # the invalid ballots were not bought
    assert after.units["president"][province].stations_reported == 2_427
    assert reconcile_sheets(geography, voided) == ()
    assert reconcile_aggregate(geography, after) == ()

    # The outcome holds: Jalili still wins Kerman's count of the runoff (plurality).
    contest = geography.election.contests[0]
    constituency = contest.constituencies[0]
    total = after.constituencies["president"]["IR"].counts
    outcome = decide(contest.rule, constituency, contest.candidates, total)
    assert outcome.elected == ("21",)
    shown = effects_in_unit(geography, [effect], "president", county)
    assert [e.ballots for e in shown] == [602]
    assert effects_in_unit(geography, [effect], "president", "IR-08-0802") == ()


def test_a_voided_box_keeps_its_papers_and_voids_every_ballot() -> None:
    geography = kerman()
    sheet = TallySheet("ST-1", "president", FORMATS_STATION)
    (after,), (effect,) = apply_voids(geography, [sheet], [StationVoid("ST-1", None, BOUGHT)])
    c = after.counts
    assert (c.papers_received, c.papers_used, c.papers_unused, c.papers_spoiled) == (
        1050,
        640,
        405,
        5,
    )
    assert (c.cast, c.valid, c.invalid_total, c.void) == (0, 0, 0, 635)
    assert c.votes == {"21": 0, "25": 0}
    assert set(c.invalid) == set(FORMATS_STATION.invalid)
    assert (effect.boxes, effect.ballots, effect.votes) == (1, 635, {"21": 385, "25": 238})
    assert boxes_voided([effect]) == 1
    assert FORMATS_STATION.cast == 635  # not mutated


def test_a_box_voided_for_one_contest_keeps_the_others() -> None:
    geography = kerman()
    sheets = [
        TallySheet("ST-1", "president", counts({"21": 10, "25": 5})),
        TallySheet("ST-1", "parliament", counts({"31": 8, "32": 4}, valid=9)),
    ]
    voided, _ = apply_voids(geography, sheets, [StationVoid("ST-1", "parliament", BOUGHT)])
    assert voided[0] is sheets[0]
    assert (voided[1].counts.cast, voided[1].counts.void) == (0, 9)


def test_where_several_seats_are_filled_the_ballots_stay_valid() -> None:
    # P1 elects two: a ballot naming 31 also names others, whose votes stand.
    geography = kerman()
    sheet = TallySheet("ST-1", "parliament", counts({"31": 8, "32": 4, "33": 3}, valid=9))
    void = CandidateVoid("parliament", "31", ("ST-1",), BOUGHT)
    (after,), (effect,) = apply_voids(geography, [sheet], [void])
    assert after.counts.votes == {"31": 0, "32": 4, "33": 3}
    assert (after.counts.valid, after.counts.cast, after.counts.void) == (9, 9, 0)
    assert (effect.ballots, effect.votes) == (0, {"31": 8})
    assert reconcile_sheets(geography, [after]) == ()


def test_a_voided_constituency_takes_every_box_of_it_and_elects_nobody() -> None:
    geography = kerman()
    sheets = [
        TallySheet("ST-1", "parliament", counts({"31": 8, "32": 4}, valid=9)),
        TallySheet("ST-3", "parliament", counts({"31": 2, "33": 6}, valid=6)),
        TallySheet("ST-4", "parliament", counts({"41": 7, "42": 1})),
        TallySheet("ST-1", "president", counts({"21": 10, "25": 5})),
    ]
    void = ConstituencyVoid("parliament", "P1", BOUGHT)
    voided, (effect,) = apply_voids(geography, sheets, [void])
    assert [s.counts.cast for s in voided] == [0, 0, 8, 15]
    assert (effect.boxes, effect.ballots) == (2, 15)
    assert effects_in_constituency(geography, [effect], "parliament", "P2") == ()
    assert constituency_voided([effect], "parliament", "P1") == void
    assert constituency_voided([effect], "parliament", "P2") is None

    contest = geography.election.contests[1]
    outcome = voided_outcome(contest.rule, contest.constituencies[0], void)
    assert (outcome.status, outcome.elected, outcome.seats) == (Status.DECIDED, (), 2)
    assert outcome.reasons[0].key == "constituency-voided"
    assert "هیات نظارت ۱۴۰۳/۴۲" in outcome.reasons[0].text


@pytest.mark.parametrize(
    ("reason", "reference"), [("ـ", "."), (" ", " "), ("…!؟", "-"), ("ـــ", "۱۴۰۳/")]
)
def test_a_void_without_a_reason_in_words_is_refused_in_both_languages(
    reason: str, reference: str
) -> None:
    """Session 21, F6: a tatweel as the reason and "." as the decision were accepted."""
    voids: list[Void] = [StationVoid("ST-1", None, Decision(reason, reference))]
    with pytest.raises(VoidError) as raised:
        apply_voids(kerman(), [], voids)
    problems = raised.value.problems
    assert problems[0].path == "voids[0].decision.reason"
    assert "in words" in problems[0].message
    assert problems[0].fa.startswith("دلیل ابطال باید با کلمات نوشته شود")
    if reference == "۱۴۰۳/":  # a decision's number in Persian digits names it
        assert len(problems) == 1
    else:
        assert problems[1].path == "voids[0].decision.reference"
        assert problems[1].fa.startswith("شماره تصمیم هیئت")


def test_voids_that_do_not_fit_the_election_are_refused_naming_each() -> None:
    geography = kerman()
    voids: list[Void] = [
        StationVoid("IR-08", None, BOUGHT),
        CandidateVoid("parliament", "41", ("ST-1", "ST-1", "ST-9"), Decision(" ", "")),
        ConstituencyVoid("parliament", "P9", BOUGHT),
        StationVoid("ST-1", "council", BOUGHT),
    ]
    with pytest.raises(VoidError) as raised:
        apply_voids(geography, [], voids)
    assert [str(p) for p in raised.value.problems] == [
        "voids[0].station: 'IR-08' is not a polling station of the election",
        "voids[1].decision.reason: must be given in words: a void names why and by which decision",
        "voids[1].decision.reference: must be given in words: a void names why and by which "
        "decision",
        "voids[1].stations[0]: candidate 41 does not stand where ST-1 votes",
        "voids[1].stations[1]: ST-1 is named twice",
        "voids[1].stations[1]: candidate 41 does not stand where ST-1 votes",
        "voids[1].stations[2]: 'ST-9' is not a polling station of the election",
        "voids[2].constituency: contest parliament has no 'P9'",
        "voids[3].contest: the election has no contest 'council'",
    ]


# ---- invariants ----------------------------------------------------------------------------


@st.composite
def voids_for(draw: st.DrawFn, geography: Geography) -> list[Void]:
    """Up to four voids of any kind that fit `geography`."""
    voids: list[Void] = []
    decision = Decision("r", "ref")
    for _ in range(draw(st.integers(0, 4))):
        contest = draw(st.sampled_from(geography.election.contests))
        constituency = draw(st.sampled_from(contest.constituencies))
        members = [
            s
            for s in geography.stations
            if geography.constituency_of(contest.id, s) == constituency.id
        ]
        kind = draw(st.sampled_from(["station", "candidate", "constituency"]))
        if kind == "constituency" or not members:
            voids.append(ConstituencyVoid(contest.id, constituency.id, decision))
        elif kind == "station":
            station = draw(st.sampled_from(members))
            voids.append(StationVoid(station, draw(st.sampled_from([None, contest.id])), decision))
        else:
            standing = [c.code for c in contest.candidates if c.constituency == constituency.id]
            stations = draw(st.lists(st.sampled_from(members), min_size=1, unique=True))
            voids.append(
                CandidateVoid(
                    contest.id, draw(st.sampled_from(standing)), tuple(stations), decision
                )
            )
    return voids


elections_with_voids = elections_with_sheets().flatmap(
    lambda drawn: st.tuples(st.just(drawn[0]), st.just(drawn[1]), voids_for(drawn[0]))
)


def _figures(c: Counts) -> tuple[int, ...]:
    return (c.papers_received, c.papers_used, c.papers_unused, c.papers_spoiled)


@settings(max_examples=80, deadline=None)
@given(elections_with_voids)
def test_voided_sheets_reconcile_and_nothing_is_lost(
    drawn: tuple[Geography, list[TallySheet], list[Void]],
) -> None:
    geography, sheets, voids = drawn
    kept = copy.deepcopy(sheets)
    voided, effects = apply_voids(geography, sheets, voids)
    assert sheets == kept  # the arguments are not mutated
    assert reconcile_sheets(geography, voided) == ()
    before, after = aggregate(geography, sheets), aggregate(geography, voided)
    assert reconcile_aggregate(geography, after) == ()
    for contest in geography.election.contests:
        by_unit = voided_by_unit(geography, effects, contest.id)
        for code, total in after.units[contest.id].items():
            was = before.units[contest.id][code]
            shown = effects_in_unit(geography, effects, contest.id, code)
            ballots = sum(e.ballots for e in shown)
            # what each unit publishes as voided is what the voids took below it, with the
            # eligible voters and papers used of the stations whose box was voided
            boxes = {r.station for e in shown for r in e.removals if r.box}
            eligible = [geography.unit(station).eligible_voters for station in boxes]
            papers = sum(before.units[contest.id][s].counts.papers_used for s in boxes)
            assert by_unit.get(code, Voided()) == Voided(
                ballots,
                boxes_voided(shown),
                None if None in eligible else sum(e or 0 for e in eligible),
                papers,
            )
            c, o = total.counts, was.counts
            # Whatever a void took is accounted for: the voided total plus the account is the
            # total as reported, and the papers and stations reported do not change.
            assert (c.cast + ballots, c.void) == (o.cast, o.void + ballots)
            assert c.valid + c.invalid_total + ballots == o.valid + o.invalid_total
            for candidate, n in o.votes.items():
                taken = sum(e.votes.get(candidate, 0) for e in shown)
                assert c.votes.get(candidate, 0) + taken == n
            assert _figures(c) == _figures(o)
            assert total.stations_reported == was.stations_reported


@settings(max_examples=30, deadline=None)
@given(elections_with_voids, st.data())
def test_sheets_taken_in_after_the_voids_are_voided_as_the_rest(
    drawn: tuple[Geography, list[TallySheet], list[Void]], data: st.DataObject
) -> None:
    """A report that comes after the voids (a box voided before it reported) is voided when it
    comes, and the account of each void is the account over every sheet."""
    geography, sheets, voids = drawn
    stations = sorted({s.station for s in sheets})
    late = set(
        data.draw(st.lists(st.sampled_from(stations), unique=True) if stations else st.just([]))
    )
    whole, effects = apply_voids(geography, sheets, voids)
    _, earlier = apply_voids(geography, [s for s in sheets if s.station not in late], voids)
    coming = {station: [s for s in sheets if s.station == station] for station in late}
    applied, merged = reapply_voids(geography, earlier, coming)
    came = [s for each in applied.values() for s in each]
    assert sorted(came, key=repr) == sorted((s for s in whole if s.station in late), key=repr)
    for contest in geography.election.contests:
        assert voided_by_unit(geography, merged, contest.id) == voided_by_unit(
            geography, effects, contest.id
        )
    assert [sorted(e.removals, key=repr) for e in merged] == [
        sorted(e.removals, key=repr) for e in effects
    ]


def test_a_report_no_void_touches_leaves_the_account_as_it_was() -> None:
    geography = kerman()
    before = [TallySheet("ST-1", "parliament", counts({"31": 8, "32": 4}, valid=9))]
    _, effects = apply_voids(geography, before, [StationVoid("ST-1", None, BOUGHT)])
    coming = {"ST-4": [TallySheet("ST-4", "parliament", counts({"41": 7}))]}
    applied, after = reapply_voids(geography, effects, coming)
    assert after is effects
    assert applied == {"ST-4": tuple(coming["ST-4"])}


def test_a_box_voided_twice_counts_once() -> None:
    geography = kerman()
    sheets = [TallySheet("ST-1", "parliament", counts({"31": 8, "32": 4}, valid=9))]
    voids = [StationVoid("ST-1", None, BOUGHT), ConstituencyVoid("parliament", "P1", BOUGHT)]
    _, effects = apply_voids(geography, sheets, voids)
    voided = voided_by_unit(geography, effects, "parliament")
    papers = sheets[0].counts.papers_used
    eligible = geography.unit("ST-1").eligible_voters
    assert voided["ST-1"] == voided["IR"] == Voided(9, 1, eligible, papers)
    assert set(voided) == {"ST-1", "CI-1", "IR-08-0801", "IR-08", "IR"}
    assert voided_by_unit(geography, effects, "president") == {}


@settings(max_examples=80, deadline=None)
@given(elections_with_voids)
def test_voiding_boxes_then_summing_is_summing_the_others(
    drawn: tuple[Geography, list[TallySheet], list[Void]],
) -> None:
    geography, sheets, voids = drawn
    boxes = [v for v in voids if not isinstance(v, CandidateVoid)]
    voided, effects = apply_voids(geography, sheets, boxes)
    gone = {(r.station, r.contest) for e in effects for r in e.removals}
    others = [s for s in sheets if (s.station, s.contest) not in gone]
    assert _votes_and_ballots(aggregate(geography, voided)) == _votes_and_ballots(
        aggregate(geography, others)
    )


def _votes_and_ballots(totals: Aggregate) -> dict[tuple[str, str], tuple[object, ...]]:
    return {
        (contest, code): (
            {k: n for k, n in t.counts.votes.items() if n},
            t.counts.cast,
            t.counts.valid,
            {k: n for k, n in t.counts.invalid.items() if n},
        )
        for contest, units in totals.units.items()
        for code, t in units.items()
    }


@settings(max_examples=50, deadline=None)
@given(elections_with_voids)
def test_the_order_of_the_voids_does_not_change_the_sheets(
    drawn: tuple[Geography, list[TallySheet], list[Void]],
) -> None:
    geography, sheets, voids = drawn
    forward, _ = apply_voids(geography, sheets, voids)
    backward, _ = apply_voids(geography, sheets, list(reversed(voids)))
    assert forward == backward


def test_invalid_kinds_of_a_voided_box_are_listed_at_zero() -> None:
    geography = kerman()
    sheet = TallySheet("ST-2", "president", counts({"21": 1}, invalid={InvalidKind.BLANK: 2}))
    (after,), _ = apply_voids(geography, [sheet], [StationVoid("ST-2", None, BOUGHT)])
    assert after.counts.invalid == {InvalidKind.BLANK: 0}
