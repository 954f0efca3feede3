"""Turnout as exact fractions, on ballots cast and on ballot papers used."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.counting.aggregate import aggregate
from sandogh.core.counting.tally import Counts, TallySheet
from sandogh.core.counting.turnout import Turnout, eligible_voters, turnout
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind
from sandogh.core.supervision import (
    CandidateVoid,
    Decision,
    StationVoid,
    apply_voids,
    voided_by_unit,
)

from .build import geographies, kerman

# 2024 runoff, nationwide (reference/iran-election-rules.md).
ELIGIBLE_2024 = 61_452_321
RUNOFF = Counts(cast=30_530_157, papers_used=30_573_931)


def test_the_2024_runoff_turnout_is_49_8_percent_of_papers_used() -> None:
    shown = turnout(RUNOFF, ELIGIBLE_2024)
    assert shown.papers_share == Fraction(30_573_931, 61_452_321)
    assert shown.cast_share == Fraction(30_530_157, 61_452_321)
    # The announced 49.8 % is the papers used; the ballots cast round to 49.7 %.
    assert round(1000 * shown.papers_share) == 498
    assert round(1000 * shown.cast_share) == 497


def test_turnout_is_unknown_without_eligible_voters() -> None:
    assert turnout(RUNOFF, None) == Turnout(None, 30_530_157, 30_573_931)
    assert turnout(RUNOFF, None).papers_share is None
    assert turnout(RUNOFF, 0).cast_share is None


def test_eligible_voters_are_a_units_own_figure_or_all_its_childrens_sum() -> None:
    eligible = eligible_voters(kerman())
    assert eligible["ST-1"] == 950
    assert eligible["CI-1"] == 950 + 800
    assert eligible["IR-08-0801"] == 950 + 800 + 600
    # ST-4 has no figure, so its county has none either: unknown, not a partial sum.
    assert eligible["ST-4"] is None
    assert eligible["IR-08-0802"] is None
    # The province has its own figure (Kerman 2024), which wins over its children's.
    assert eligible["IR-08"] == 2_324_254
    assert eligible["IR"] == 2_324_254


def _recursive(geography: Geography, code: str) -> int | None:
    own = geography.unit(code).eligible_voters
    children = geography.children(code)
    if own is not None or not children:
        return own
    figures = [_recursive(geography, child) for child in children]
    return None if None in figures else sum(f for f in figures if f is not None)


@given(geographies())
@settings(max_examples=60, deadline=None)
def test_eligible_voters_follow_the_recursive_definition(geography: Geography) -> None:
    eligible = eligible_voters(geography)
    assert {code: _recursive(geography, code) for code in geography.top_down} == dict(eligible)
    stations = [c for c in geography.top_down if geography.kind(c) is UnitKind.STATION]
    assert all(eligible[s] is not None for s in stations)


@given(
    st.integers(0, 10**9),
    st.integers(0, 10**9),
    st.none() | st.integers(0, 10**9),
)
@settings(max_examples=200)
def test_turnout_never_uses_floats(cast: int, used: int, eligible: int | None) -> None:
    shown = turnout(Counts(cast=cast, papers_used=used), eligible)
    for share, numerator in ((shown.cast_share, cast), (shown.papers_share, used)):
        if not eligible:
            assert share is None
        else:
            assert type(share) is Fraction
            assert share == Fraction(numerator, eligible)
            assert share * eligible == numerator


def test_a_voided_station_is_out_of_turnout_numerators_and_base() -> None:
    """The rule after a void: station ST-1's box is voided, so its 950 eligible voters leave the
    base and its ballots and papers used the numerators; ST-2's stay (its candidate's votes
    voided there leave the ballots cast but not the base)."""
    geography = kerman()
    one, two = (
        Counts(papers_received=1000, papers_used=n, papers_unused=1000 - n, cast=n, valid=n)
        for n in (600, 400)
    )
    sheets = [
        TallySheet("ST-1", "president", replace(one, votes={"21": 600, "25": 0})),
        TallySheet("ST-2", "president", replace(two, votes={"21": 100, "25": 300})),
    ]
    decided = Decision("a box without its seal", "1403/12")
    voids = [
        StationVoid("ST-1", None, decided),
        CandidateVoid("president", "21", ("ST-2",), decided),
    ]
    applied, effects = apply_voids(geography, sheets, voids)
    total = aggregate(geography, applied).units["president"]["CI-1"]
    voided = voided_by_unit(geography, effects, "president")["CI-1"]
    assert (voided.stations, voided.eligible, voided.papers_used, voided.ballots) == (
        1,
        950,
        600,
        700,
    )
    shown = turnout(total.counts, eligible_voters(geography)["CI-1"], voided)
    assert shown == Turnout(eligible=950 + 800, cast=300, papers_used=1000, voided=voided)
    assert (shown.base, shown.papers_counted) == (800, 400)
    assert (shown.cast_share, shown.papers_share) == (Fraction(300, 800), Fraction(400, 800))
    # a voided station's own turnout has no base left: none, not 0 %
    alone = voided_by_unit(geography, effects, "president")["ST-1"]
    station = aggregate(geography, applied).units["president"]["ST-1"].counts
    assert turnout(station, 950, alone).cast_share is None
