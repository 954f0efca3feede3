"""A station's cast-vote records held contest by contest in columns, and counted there.

Issue 14: the national day's ~30 M ballots at electronic stations are to be tallied in seconds.
One `CastVoteRecord` object per ballot, counted by `ballot.count_ballots`, takes tens of
microseconds a ballot (bench/cvr.py measures it); held in columns, a station's ballots are counted
by the interpreter's loops over bytes, and `count_columns` gives exactly the counts
`count_ballots` gives for the same records (tests/core/report/test_ballot_columns.py holds them
equal on random records, and both refuse the same malformed ones).

The form, for a station whose ballot (`ballot.station_ballot`) lists its contests' candidates:
`records` ballots, and per contest a column of two byte strings,

- `sizes`: one byte per ballot: how many candidates the ballot chooses in the contest (0: a blank
  vote, رای سفید), or `ABSENT` (255) when the voter's ballot card left the contest out;
- `chosen`: every ballot's chosen candidates one after another, each as its position in the
  ballot's list of the contest's candidates, an unsigned 16-bit little-endian number, a ballot's
  in ascending order (so none can be chosen twice).

Ballot i is the i-th size of every column: a column links the choices of one ballot as its record
does, and nothing else. `columns_of` orders the ballots by their records' canonical bytes, so the
columns of a station depend on its multiset of records only, never on the order of voting
(DESIGN.md §3, secrecy by construction).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, islice, pairwise, repeat
from operator import lt, sub
from types import MappingProxyType

from sandogh.core.counting.tally import Counts
from sandogh.core.definition.problems import Problem
from sandogh.core.report.ballot import (
    BallotContest,
    Papers,
    box_counts,
    check_record,
    papers_problems,
)
from sandogh.core.report.errors import BallotError
from sandogh.core.report.records import CastVoteRecord, Choice, encode_record

ABSENT = 255  # the size of a contest the ballot card left out
_ABSENT = bytes([ABSENT])
_BLANK = bytes([0])
_LITTLE_ENDIAN = array("H", b"\x01\x00")[0] == 1  # the machine's order, told without `sys`


@dataclass(frozen=True)
class ContestColumn:
    """One contest's choices on every ballot of a station (see the module docstring)."""

    contest: str
    sizes: bytes
    chosen: bytes


@dataclass(frozen=True)
class BallotColumns:
    """A station's ballots, contest by contest."""

    records: int
    columns: tuple[ContestColumn, ...]


def columns_of(records: Iterable[CastVoteRecord], ballot: Sequence[BallotContest]) -> BallotColumns:
    """The columns of `records`, which must fit `ballot` (`BallotError` names every misfit)."""
    given = sorted(records, key=encode_record)
    problems = [
        Problem(f"records[{i}].{p.path}", p.message)
        for i, record in enumerate(given)
        for p in check_record(record, ballot)
    ]
    if problems:
        raise BallotError(problems)
    columns = []
    for contest in ballot:
        position = {code: i for i, code in enumerate(contest.candidates)}
        sizes = bytearray()
        chosen = array("H")
        for record in given:
            choice = next((c for c in record.choices if c.contest == contest.contest), None)
            if choice is None:
                sizes.append(ABSENT)
                continue
            sizes.append(len(choice.codes))  # at most the seats, which check_record held
            chosen.extend(sorted(position[code] for code in choice.codes))
        columns.append(ContestColumn(contest.contest, bytes(sizes), _little_endian(chosen)))
    return BallotColumns(len(given), tuple(columns))


def records_of(columns: BallotColumns, ballot: Sequence[BallotContest]) -> list[CastVoteRecord]:
    """The records the columns hold, one by one: what `count_columns` is held equal to; columns
    that hold no records `count_ballots` could count raise `BallotError` naming why."""
    problems = _shape_problems(columns, ballot)
    if problems:
        raise BallotError(problems)
    by_contest = {contest.contest: contest for contest in ballot}
    choices: list[list[Choice]] = [[] for _ in range(columns.records)]
    for column in columns.columns:
        candidates = by_contest[column.contest].candidates
        codes = _positions(column.chosen)
        if sum(size for size in column.sizes if size != ABSENT) != len(codes):
            problems.append(Problem(_at(column, "chosen"), "not the candidates the sizes count"))
            continue
        at = 0
        for i, size in enumerate(column.sizes):
            if size == ABSENT:
                continue
            mine = codes[at : at + size]
            at += size
            if any(a >= b for a, b in pairwise(mine)):
                problems.append(Problem(_at(column, "chosen"), "not ascending on a ballot"))
            elif mine and max(mine) >= len(candidates):
                problems.append(Problem(_at(column, "chosen"), "a position past the candidates"))
            elif size > by_contest[column.contest].seats:
                problems.append(Problem(_at(column, "sizes"), "more codes than seats"))
            else:
                choices[i].append(Choice(column.contest, tuple(candidates[p] for p in mine)))
    if any(not chosen for chosen in choices):
        problems.append(Problem("columns", "a ballot chooses in no contest"))
    if problems:
        raise BallotError(problems)
    return [CastVoteRecord(tuple(chosen)) for chosen in choices]


def count_columns(
    columns: BallotColumns, ballot: Sequence[BallotContest], papers: Mapping[str, Papers]
) -> Mapping[str, Counts]:
    """`count_ballots(records_of(columns, ballot), ballot, papers)`, counted in the columns:
    the same counts, and `BallotError` for the same columns and papers."""
    problems = papers_problems(ballot, papers) + _shape_problems(columns, ballot)
    if problems:
        raise BallotError(problems)
    by_contest = {column.contest: column for column in columns.columns}
    counts: dict[str, Counts] = {}
    for contest in ballot:
        column = by_contest.get(contest.contest)
        if column is None:  # no ballot chose in it
            counts[contest.contest] = box_counts(
                papers[contest.contest], 0, 0, dict.fromkeys(contest.candidates, 0)
            )
            continue
        present = column.sizes.translate(None, _ABSENT)
        codes = _positions(column.chosen)
        tally = Counter(codes)
        problems.extend(_choice_problems(column, contest, present, codes, tally))
        votes = dict(
            zip(
                contest.candidates,
                map(tally.get, range(len(contest.candidates)), repeat(0)),
                strict=True,
            )
        )
        counts[contest.contest] = box_counts(
            papers[contest.contest], len(present), present.count(0), votes
        )
    sizes = [column.sizes for column in columns.columns]
    # A ballot left out of every contest is no record; the columns are walked ballot by ballot
    # only when each of them leaves some ballot out.
    if (
        columns.records
        and all(_ABSENT in of_one for of_one in sizes)
        and ABSENT in (sizes[0] if len(sizes) == 1 else map(min, *sizes))
    ):
        problems.append(Problem("columns", "a ballot chooses in no contest"))
    if problems:
        raise BallotError(problems)
    return MappingProxyType(counts)


def _shape_problems(columns: BallotColumns, ballot: Sequence[BallotContest]) -> list[Problem]:
    """Columns for contests not on the ballot or named twice, of the wrong length, or whose
    sizes do not add up to the candidates chosen."""
    on_ballot = {contest.contest for contest in ballot}
    problems = []
    seen: set[str] = set()
    if columns.records and not columns.columns:
        problems.append(Problem("columns", "a ballot chooses in no contest"))
    for column in columns.columns:
        if column.contest not in on_ballot:
            problems.append(Problem(_at(column), "the contest is not on this station's ballot"))
        if column.contest in seen:
            problems.append(Problem(_at(column), "the contest has two columns"))
        seen.add(column.contest)
        if len(column.sizes) != columns.records:
            problems.append(Problem(_at(column, "sizes"), f"not {columns.records} ballots"))
        if len(column.chosen) % 2:
            problems.append(Problem(_at(column, "chosen"), "an odd number of bytes"))
    return problems


def _choice_problems(
    column: ContestColumn,
    contest: BallotContest,
    present: bytes,
    codes: array[int],
    tally: Counter[int],
) -> list[Problem]:
    """More choices than seats, sizes that do not count the positions chosen, a position past
    the candidates, or a ballot's positions not ascending (a candidate chosen twice), checked by
    C loops over the whole column: `bytes.translate` and `count`, never a Python loop a ballot."""
    if present.translate(None, bytes(range(min(contest.seats, ABSENT - 1) + 1))):  # above the seats
        return [Problem(_at(column, "sizes"), "more codes than seats")]
    chosen = sum(size * present.count(size) for size in range(1, contest.seats + 1))
    if chosen != len(codes):
        return [Problem(_at(column, "chosen"), "not the candidates the sizes count")]
    problems = []
    if tally and max(tally) >= len(contest.candidates):
        problems.append(Problem(_at(column, "chosen"), "a position past the candidates"))
    if present.translate(None, b"\x00\x01"):  # some ballot chooses two or more
        # Pair j says whether position j is below position j + 1. Every pair inside a ballot
        # must be; the pairs across two ballots, at the end of each ballot but the last that
        # chose someone, may be either: they are counted out.
        rising = bytes(map(lt, codes, islice(codes, 1, None)))
        chose = present.translate(None, _BLANK)
        ends = islice(accumulate(chose), len(chose) - 1)
        across = sum(map(rising.__getitem__, map(sub, ends, repeat(1))))
        if rising.count(1) - across != len(codes) - len(chose):
            problems.append(Problem(_at(column, "chosen"), "not ascending on a ballot"))
    return problems


def _positions(chosen: bytes) -> array[int]:
    codes = array("H")
    codes.frombytes(chosen)
    if not _LITTLE_ENDIAN:
        codes.byteswap()
    return codes


def _little_endian(codes: array[int]) -> bytes:
    if not _LITTLE_ENDIAN:
        codes.byteswap()
    return codes.tobytes()


def _at(column: ContestColumn, part: str = "") -> str:
    return f"columns[{column.contest}]" + (f".{part}" if part else "")
