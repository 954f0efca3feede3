"""The identities of DESIGN.md §3 on station sheets and on every total."""

from __future__ import annotations

import dataclasses
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.counting.aggregate import Aggregate, Total, aggregate
from sandogh.core.counting.reconcile import (
    Finding,
    Identity,
    Relation,
    Scope,
    check_counts,
    differences,
    reconcile_aggregate,
    reconcile_sheets,
)
from sandogh.core.counting.tally import Counts, InvalidKind, TallySheet
from sandogh.core.definition.geography import Geography

from .build import FORMATS_STATION, counts, elections_with_sheets, kerman


def _check(c: Counts, seats: int = 1) -> list[tuple[Identity, str, int, int]]:
    found = check_counts(c, where="ST-1", contest="president", seats=seats)
    assert all((f.where, f.contest, f.scope) == ("ST-1", "president", Scope.UNIT) for f in found)
    return [(f.identity, f.figure, f.expected, f.actual) for f in found]


def test_the_station_of_the_formats_page_reconciles() -> None:
    # Spoiled papers are beside the used ones: 1050 = 640 + 405 + 5.
    assert (FORMATS_STATION.papers_received, FORMATS_STATION.papers_used) == (1050, 640)
    assert (FORMATS_STATION.papers_unused, FORMATS_STATION.papers_spoiled) == (405, 5)
    assert _check(FORMATS_STATION) == []


def test_valid_and_invalid_must_make_up_cast() -> None:
    found = _check(dataclasses.replace(FORMATS_STATION, cast=636))
    assert (Identity.CAST, "cast", 635, 636) in found


def test_single_seat_votes_must_equal_valid() -> None:
    short = dataclasses.replace(FORMATS_STATION, votes={"21": 385, "25": 230})
    assert _check(short) == [(Identity.VOTES, "votes", 623, 615)]


def test_multi_seat_votes_may_not_exceed_seats_times_valid() -> None:
    two_seats = counts({"31": 400, "32": 350, "33": 250}, valid=500)
    assert _check(two_seats, seats=2) == []
    assert _check(two_seats, seats=3) == []
    over = counts({"31": 400, "32": 350, "33": 251}, valid=500)
    found = check_counts(over, where="ST-1", contest="parliament", seats=2)
    assert [(f.identity, f.expected, f.actual, f.relation) for f in found] == [
        (Identity.VOTES_WITHIN_SEATS, 1000, 1001, Relation.AT_MOST)
    ]


def test_cast_may_not_exceed_papers_used_nor_used_received() -> None:
    found = _check(dataclasses.replace(FORMATS_STATION, papers_used=634, papers_unused=411))
    assert found == [(Identity.CAST_WITHIN_USED, "cast", 634, 635)]
    found = _check(
        dataclasses.replace(FORMATS_STATION, papers_received=600, papers_unused=0, papers_spoiled=0)
    )
    assert found == [
        (Identity.USED_WITHIN_RECEIVED, "papers_used", 600, 640),
        (Identity.PAPERS, "papers_received", 640, 600),
    ]


def test_received_papers_are_used_unused_or_spoiled() -> None:
    found = _check(dataclasses.replace(FORMATS_STATION, papers_spoiled=0))
    assert found == [(Identity.PAPERS, "papers_received", 1045, 1050)]


def test_every_negative_figure_is_named() -> None:
    negative = Counts(void=-1, invalid={InvalidKind.BLANK: -2}, votes={"21": -3, "25": 0})
    found = check_counts(negative, where="ST-1", contest="president", seats=1)
    named = [
        (f.figure, f.expected, f.actual, f.relation)
        for f in found
        if f.identity is Identity.NOT_NEGATIVE
    ]
    assert named == [
        ("void", 0, -1, Relation.AT_LEAST),
        ("invalid[blank]", 0, -2, Relation.AT_LEAST),
        ("votes[21]", 0, -3, Relation.AT_LEAST),
    ]


def test_sheets_are_held_to_their_own_constituencys_seats() -> None:
    geography = kerman()
    # 1,000 votes on 500 valid ballots: fine in two-seat P1 (ST-1), not in one-seat P2 (ST-4).
    three = counts({"31": 400, "32": 350, "33": 250}, valid=500)
    two = counts({"41": 600, "42": 400}, valid=500)
    sheets = [TallySheet("ST-1", "parliament", three), TallySheet("ST-4", "parliament", two)]
    assert reconcile_sheets(geography, sheets) == (
        Finding(Identity.VOTES, "ST-4", "parliament", "votes", 500, 1000),
    )


def test_aggregates_are_held_to_the_widest_constituency_below_them() -> None:
    geography = kerman()
    three = counts({"31": 400, "32": 350, "33": 250}, valid=500)
    totals = aggregate(geography, [TallySheet("ST-1", "parliament", three)])
    # The province spans P1 (2 seats) and P2 (1): 1,000 votes ≤ 2 × 500 holds.
    assert reconcile_aggregate(geography, totals) == ()


def test_a_broken_stored_total_is_found_where_it_is() -> None:
    geography = kerman()
    sheets = [TallySheet("ST-1", "president", FORMATS_STATION)]
    totals = aggregate(geography, sheets)
    broken = dataclasses.replace(FORMATS_STATION, cast=700)
    units = dict(totals.units)
    units["president"] = {**totals.units["president"], "IR-08": Total(broken, 1, 4)}
    tampered = Aggregate(units=units, constituencies=totals.constituencies)
    assert reconcile_aggregate(geography, tampered) == (
        Finding(Identity.CAST, "IR-08", "president", "cast", 635, 700),
        Finding(Identity.CAST_WITHIN_USED, "IR-08", "president", "cast", 640, 700),
    )
    assert differences(geography, tampered, sheets) == (
        Finding(Identity.SUM_OF_PARTS, "IR-08", "president", "cast", 635, 700),
    )


def test_a_missing_or_extra_stored_total_counts_as_zero() -> None:
    geography = kerman()
    sheets = [TallySheet("ST-1", "president", FORMATS_STATION)]
    totals = aggregate(geography, sheets)
    constituencies = dict(totals.constituencies)
    constituencies["president"] = {}
    units = dict(totals.units)
    units["parliament"] = {**totals.units["parliament"], "GHOST": Total(Counts(cast=1), 0, 0)}
    found = differences(geography, Aggregate(units, constituencies), sheets)
    assert Finding(Identity.SUM_OF_PARTS, "GHOST", "parliament", "cast", 0, 1) in found
    assert (
        Finding(Identity.SUM_OF_PARTS, "IR", "president", "votes[21]", 385, 0, Scope.CONSTITUENCY)
        in found
    )
    assert (
        Finding(
            Identity.SUM_OF_PARTS, "IR", "president", "stations_total", 4, 0, Scope.CONSTITUENCY
        )
        in found
    )


@given(elections_with_sheets())
@settings(max_examples=40, deadline=None)
def test_consistent_data_has_no_findings(drawn: tuple[Geography, list[TallySheet]]) -> None:
    geography, sheets = drawn
    totals = aggregate(geography, sheets)
    assert reconcile_sheets(geography, sheets) == ()
    assert reconcile_aggregate(geography, totals) == ()
    assert differences(geography, totals, sheets) == ()


FIGURES = ("papers_received", "papers_used", "papers_unused", "cast", "valid")


@given(elections_with_sheets(), st.randoms(use_true_random=False), st.sampled_from(FIGURES))
@settings(max_examples=60, deadline=None)
def test_an_injected_inconsistency_is_found_at_its_station(
    drawn: tuple[Geography, list[TallySheet]], rnd: random.Random, figure: str
) -> None:
    geography, sheets = drawn
    if not sheets:
        return
    i = rnd.randrange(len(sheets))
    sheet = sheets[i]
    bumped = dataclasses.replace(sheet.counts, **{figure: getattr(sheet.counts, figure) + 1})
    tampered = [*sheets[:i], TallySheet(sheet.station, sheet.contest, bumped), *sheets[i + 1 :]]
    found = reconcile_sheets(geography, tampered)
    assert found
    assert {(f.where, f.contest) for f in found} == {(sheet.station, sheet.contest)}


@given(elections_with_sheets(), st.randoms(use_true_random=False))
@settings(max_examples=40, deadline=None)
def test_a_tampered_stored_total_is_named_and_nothing_else(
    drawn: tuple[Geography, list[TallySheet]], rnd: random.Random
) -> None:
    geography, sheets = drawn
    totals = aggregate(geography, sheets)
    places = sorted((contest, code) for contest, units in totals.units.items() for code in units)
    if not places:
        return
    contest, code = rnd.choice(places)
    total = totals.units[contest][code]
    changed = dataclasses.replace(total.counts, valid=total.counts.valid + 1)
    units = dict(totals.units)
    units[contest] = {**totals.units[contest], code: dataclasses.replace(total, counts=changed)}
    found = differences(geography, Aggregate(units, totals.constituencies), sheets)
    assert [(f.where, f.contest, f.figure, f.expected, f.actual) for f in found] == [
        (code, contest, "valid", total.counts.valid, total.counts.valid + 1)
    ]
