"""Cast-vote records in columns count exactly as the records do, and refuse what they refuse."""

from __future__ import annotations

import random
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.counting.tally import Counts
from sandogh.core.report import BallotError, CastVoteRecord, Choice, Papers, RecordError
from sandogh.core.report.ballot import BallotContest, count_ballots
from sandogh.core.report.ballot_columns import (
    ABSENT,
    BallotColumns,
    ContestColumn,
    columns_of,
    count_columns,
    records_of,
)
from sandogh.core.report.records import encode_record

from .build import ballots, papers, records

PRESIDENT = BallotContest("president", 1, ("21", "25", "27"))
COUNCIL = BallotContest("council", 3, ("31", "32", "33", "34"))


@st.composite
def stations(
    draw: st.DrawFn,
) -> tuple[tuple[BallotContest, ...], list[CastVoteRecord], dict[str, Papers]]:
    ballot = draw(ballots())
    given = draw(st.lists(records(ballot), max_size=12))
    return ballot, given, draw(papers(ballot, given))


@given(stations(), st.randoms(use_true_random=False))
@settings(max_examples=100, deadline=None)
def test_columns_count_as_their_records_in_any_order(
    station: tuple[tuple[BallotContest, ...], list[CastVoteRecord], dict[str, Papers]],
    rnd: random.Random,
) -> None:
    ballot, given, paper = station
    columns = columns_of(given, ballot)
    assert count_columns(columns, ballot, paper) == count_ballots(given, ballot, paper)
    assert sorted(records_of(columns, ballot), key=encode_record) == sorted(
        given, key=encode_record
    )
    shuffled = given[:]
    rnd.shuffle(shuffled)
    assert columns_of(shuffled, ballot) == columns  # the order of voting leaves no trace


def _reference(
    columns: BallotColumns, ballot: tuple[BallotContest, ...], paper: dict[str, Papers]
) -> Mapping[str, Counts] | None:
    """What counting the records the columns hold gives; None where they hold none to count."""
    try:
        return count_ballots(records_of(columns, ballot), ballot, paper)
    except (BallotError, RecordError):
        return None


@st.composite
def damaged(draw: st.DrawFn) -> tuple[BallotColumns, tuple[BallotContest, ...], dict[str, Papers]]:
    """A station's columns with a byte or two changed, cut or added, or a column dropped."""
    ballot, given, paper = draw(stations())
    columns = columns_of(given, ballot)
    changed = list(columns.columns)
    for _ in range(draw(st.integers(1, 3))):
        if not changed:
            break
        i = draw(st.integers(0, len(changed) - 1))
        column = changed[i]
        part = draw(st.sampled_from(["sizes", "chosen", "drop", "records"]))
        if part == "drop":
            del changed[i]
            continue
        if part == "records":
            columns = BallotColumns(draw(st.integers(0, columns.records + 1)), columns.columns)
            continue
        data = bytearray(getattr(column, part))
        how = draw(st.sampled_from(["set", "cut", "add"]))
        value = draw(st.sampled_from([0, 1, 2, 3, 4, ABSENT]))
        if how == "add" or not data:
            data.insert(draw(st.integers(0, len(data))), value)
        elif how == "cut":
            del data[draw(st.integers(0, len(data) - 1))]
        else:
            data[draw(st.integers(0, len(data) - 1))] = value
        changed[i] = ContestColumn(
            column.contest,
            bytes(data) if part == "sizes" else column.sizes,
            bytes(data) if part == "chosen" else column.chosen,
        )
    return BallotColumns(columns.records, tuple(changed)), ballot, paper


@given(damaged())
@settings(max_examples=150, deadline=None)
def test_damaged_columns_count_as_their_records_or_are_refused_as_they_are(
    drawn: tuple[BallotColumns, tuple[BallotContest, ...], dict[str, Papers]],
) -> None:
    columns, ballot, paper = drawn
    expected = _reference(columns, ballot, paper)
    if expected is None:
        with pytest.raises(BallotError):
            count_columns(columns, ballot, paper)
    else:
        assert count_columns(columns, ballot, paper) == expected


def test_each_refusal_names_its_column() -> None:
    ballot = (PRESIDENT, COUNCIL)
    paper = {"president": Papers(5, 3, 2), "council": Papers(5, 3, 2)}
    twice = ContestColumn("council", bytes([2]), bytes([1, 0, 1, 0]))
    past = ContestColumn("president", bytes([1]), bytes([3, 0]))
    for column, path, message in [
        (twice, "columns[council].chosen", "not ascending on a ballot"),
        (past, "columns[president].chosen", "a position past the candidates"),
        (
            ContestColumn("council", bytes([4]), bytes([0, 0, 1, 0, 2, 0, 3, 0])),
            "columns[council].sizes",
            "seats",
        ),
        (ContestColumn("mayor", bytes([0]), b""), "columns[mayor]", "not on this station"),
    ]:
        with pytest.raises(BallotError) as raised:
            count_columns(BallotColumns(1, (column,)), ballot, paper)
        assert [p.path for p in raised.value.problems] == [path]
        assert message in raised.value.problems[0].message
    nowhere = ContestColumn("president", bytes([ABSENT]), b"")
    with pytest.raises(BallotError, match="chooses in no contest"):
        count_columns(BallotColumns(1, (nowhere,)), ballot, paper)


def test_a_blank_vote_and_a_contest_left_off_the_card() -> None:
    given = [
        CastVoteRecord((Choice("president", ("25",)), Choice("council", ("34", "31")))),
        CastVoteRecord((Choice("president"),)),  # blank; no council on this card
    ]
    paper = {"president": Papers(5, 3, 2), "council": Papers(5, 2, 3)}
    columns = columns_of(given, (PRESIDENT, COUNCIL))
    president, council = columns.columns
    assert (president.sizes, council.sizes) == (bytes([1, 0]), bytes([2, ABSENT]))
    assert council.chosen == bytes([0, 0, 3, 0])  # positions 0 and 3, ascending, little-endian
    counted = count_columns(columns, (PRESIDENT, COUNCIL), paper)
    assert (counted["president"].cast, counted["president"].valid) == (2, 1)
    assert counted["council"].votes == {"31": 1, "32": 0, "33": 0, "34": 1}
