from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.access import Grant, Role
from sandogh.core.counting.aggregate import aggregate
from sandogh.core.counting.reconcile import reconcile_aggregate
from sandogh.core.counting.tally import InvalidKind, TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.errors import SandoghError
from sandogh.core.rules import decide
from sandogh.core.supervision import (
    CorrectionError,
    HandCountCorrection,
    correct_totals,
    correction_in,
    input_digest,
    superseding,
)

from ..counting.build import consistent_counts, counts, elections_with_sheets, kerman

AT = datetime.datetime(2026, 12, 6, 12, tzinfo=datetime.UTC)
BOARD = Grant(Role.SUPERVISOR, "IR-08")


def correction(contest: str, constituency: str, **figures: object) -> HandCountCorrection:
    made = {
        "cast": 10,
        "valid": 9,
        "invalid": {InvalidKind.BLANK: 1},
        "votes": {"41": 4, "42": 5},
        "audit": "sha256:" + "a" * 64,
        "by": "board",
        "grant": BOARD,
        "at": AT,
        "reason": "full hand count of the audit",
    } | figures
    return HandCountCorrection(contest, constituency, **made)  # type: ignore[arg-type]


def kerman_sheets() -> tuple[Geography, list[TallySheet]]:
    geography = kerman()
    sheets = [
        TallySheet("ST-1", "parliament", counts({"31": 50, "32": 40, "33": 10}, valid=60)),
        TallySheet("ST-2", "parliament", counts({"31": 20, "32": 30, "33": 10}, valid=40)),
        TallySheet("ST-3", "parliament", counts({"31": 5, "32": 5, "33": 2}, valid=8)),
        TallySheet("ST-4", "parliament", counts({"41": 7, "42": 3})),
    ]
    return geography, sheets


def test_the_hand_count_replaces_the_constituency_and_every_unit_holding_it_whole() -> None:
    geography, sheets = kerman_sheets()
    reported = aggregate(geography, sheets)
    fixed = correction("parliament", "P2")
    totals = correct_totals(geography, reported, [fixed])

    p2 = totals.constituencies["parliament"]["P2"].counts
    assert (p2.cast, p2.valid, dict(p2.votes)) == (10, 9, {"41": 4, "42": 5})
    # the papers stay as reported: the hand count counts ballots, not papers
    assert p2.papers_used == reported.constituencies["parliament"]["P2"].counts.papers_used
    assert totals.units["parliament"]["IR-08-0802"].counts == p2
    province = totals.units["parliament"]["IR-08"].counts
    assert (province.cast, province.votes["41"], province.votes["31"]) == (118, 4, 75)
    # the station inside keeps its sheet, superseded; the other constituency does not change
    assert totals.units["parliament"]["ST-4"] == reported.units["parliament"]["ST-4"]
    assert totals.constituencies["parliament"]["P1"] == reported.constituencies["parliament"]["P1"]
    assert totals.units["president"] == reported.units["president"]
    assert superseding(geography, [fixed], "parliament", "ST-4") == fixed
    assert superseding(geography, [fixed], "parliament", "IR-08") is None
    assert correction_in(geography, [fixed], "parliament", "IR-08") == fixed
    assert correction_in(geography, [fixed], "parliament", "IR-08-0801") is None
    assert reconcile_aggregate(geography, totals) == ()


def test_corrections_that_do_not_fit_are_refused_naming_each_problem() -> None:
    geography, sheets = kerman_sheets()
    wrong = [
        correction("parliament", "P9"),
        correction("parliament", "P2", cast=11, votes={"41": 4, "42": 4, "99": 1}),
        correction("parliament", "P2", reason=" "),
    ]
    with pytest.raises(CorrectionError) as raised:
        correct_totals(geography, aggregate(geography, sheets), wrong)
    paths = [p.path for p in raised.value.problems]
    assert paths == [
        "corrections[0].constituency",
        "corrections[1].votes.99",
        "corrections[1].cast",
        "corrections[2].reason",
        "corrections[2]",
    ]


def test_certifying_after_a_correction_covers_the_corrected_figures() -> None:
    geography, sheets = kerman_sheets()
    fixed = correction("parliament", "P2")
    digest = lambda *c: input_digest(  # noqa: E731
        geography, "sha256:d", "parliament", "P2", sheets=sheets, voids=(), corrections=c
    )
    assert digest() != digest(fixed) != digest(correction("parliament", "P2", cast=11))
    other = input_digest(
        geography, "sha256:d", "parliament", "P1", sheets=sheets, voids=(), corrections=[fixed]
    )
    assert other == input_digest(geography, "sha256:d", "parliament", "P1", sheets=sheets, voids=())


@st.composite
def corrected(draw: st.DrawFn) -> tuple[Geography, list[TallySheet], HandCountCorrection]:
    geography, sheets = draw(elections_with_sheets())
    contest = draw(st.sampled_from(geography.election.contests))
    k = draw(st.sampled_from(contest.constituencies))
    standing = tuple(c.code for c in contest.candidates if c.constituency == k.id)
    hand = draw(consistent_counts(standing, k.seats))
    made = correction(
        contest.id, k.id, cast=hand.cast, valid=hand.valid, invalid=hand.invalid, votes=hand.votes
    )
    return geography, sheets, made


@settings(max_examples=60, deadline=None)
@given(corrected())
def test_deciding_after_a_correction_gives_the_hand_counts_outcome_and_nothing_else_changes(
    drawn: tuple[Geography, list[TallySheet], HandCountCorrection],
) -> None:
    geography, sheets, fixed = drawn
    reported = aggregate(geography, sheets)
    totals = correct_totals(geography, reported, [fixed])
    contest = next(c for c in geography.election.contests if c.id == fixed.contest)
    k = next(k for k in contest.constituencies if k.id == fixed.constituency)
    standing = [c for c in contest.candidates if c.constituency == k.id]
    hand = fixed.counts(reported.constituencies[contest.id][k.id].counts)

    def outcome(c: object) -> object:
        try:
            return decide(contest.rule, k, standing, c)  # type: ignore[arg-type]
        except SandoghError as error:
            return type(error)

    assert outcome(totals.constituencies[contest.id][k.id].counts) == outcome(hand)
    for each in geography.election.contests:
        for cid, total in totals.constituencies[each.id].items():
            if (each.id, cid) != (fixed.contest, fixed.constituency):
                assert total == reported.constituencies[each.id][cid]
        for code, total in totals.units[each.id].items():
            was = reported.units[each.id][code]
            assert total.stations_reported == was.stations_reported
            assert total.counts.papers_used == was.counts.papers_used
            if correction_in(geography, [fixed], each.id, code) is None or superseding(
                geography, [fixed], each.id, code
            ):
                assert total == was
            c = total.counts
            assert c.valid + c.invalid_total == c.cast
