"""A station's ballot, and counting its cast-vote records into the figures of its tally sheets.

`reference/iran-election-rules.md` (The electronic ballot box, Ballots): the box shows, for each
contest the station votes in, the candidates of its constituency; a voter types up to as many codes
as the constituency has seats, or presses the blank key. So on a box a ballot is valid (it names
candidates) or blank (سفید, an invalid ballot counted as cast); the other invalid kinds and void
ballots belong to paper. A voter's ballot card may leave out contests the voter may not vote in
(DESIGN.md §3: a Majlis runoff only in the round-1 constituency), so a contest's ballots cast are
the records that have a choice in it.

Ballot papers (تعرفه) are counted by hand, not by the box: the caller passes the station's paper
accounting per contest, and those figures go into the counts as given, for `counting.reconcile`
to hold against the ballots cast.

The longest record a ballot allows (every contest, each with as many codes as seats, the longest
codes) bounds every record of the station: issue 9 §1 pads each record to that one length before
it is sealed, so no ballot at rest shows by its length how many contests or codes it holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from sandogh.core.canonical_json import canonical_json
from sandogh.core.counting.tally import Counts, InvalidKind
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind
from sandogh.core.definition.problems import Problem
from sandogh.core.report.errors import BallotError
from sandogh.core.report.records import CastVoteRecord, Choice, encode_record


@dataclass(frozen=True)
class BallotContest:
    """One contest as the station's ballot shows it: its constituency's seats and candidates."""

    contest: str
    seats: int
    candidates: tuple[str, ...]


@dataclass(frozen=True)
class Papers:
    """A contest's ballot papers at the station, as counted by hand; `counting.reconcile` holds
    them to received = used + unused + spoiled and ballots cast ≤ used ≤ received."""

    received: int = 0
    used: int = 0
    unused: int = 0
    spoiled: int = 0


@dataclass(frozen=True)
class Ballots:
    """Each contest's ballot in each of its constituencies: made in one walk of every
    candidate, so that a reader of many stations' ballots keeps it (`services.days.Day`);
    finding one station's walked every candidate of every contest (~100,000 nationally)."""

    of: Mapping[str, Mapping[str, BallotContest]]  # contest → constituency → its ballot

    @classmethod
    def of_geography(cls, geography: Geography) -> Ballots:
        found: dict[str, dict[str, BallotContest]] = {}
        for contest in geography.election.contests:
            codes: dict[str, list[str]] = {k.id: [] for k in contest.constituencies}
            for candidate in contest.candidates:
                codes.setdefault(candidate.constituency, []).append(candidate.code)
            found[contest.id] = {
                k.id: BallotContest(contest.id, k.seats, tuple(codes[k.id]))
                for k in contest.constituencies
            }
        return cls(found)


def station_ballot(
    geography: Geography, station: str, kept: Ballots | None = None
) -> tuple[BallotContest, ...]:
    """The contests `station` votes in, in the definition's order, with its constituency's seats
    and candidates in the definition's order; `kept`: the geography's `Ballots`, if kept."""
    if geography.kind(station) is not UnitKind.STATION:
        raise BallotError([Problem("station", f"{station} is a {geography.kind(station)}")])
    ballots = Ballots.of_geography(geography) if kept is None else kept
    ballot: list[BallotContest] = []
    for contest in geography.election.contests:
        constituency_id = geography.constituency_of(contest.id, station)
        if constituency_id is not None:
            ballot.append(ballots.of[contest.id][constituency_id])
    return tuple(ballot)


def record_bound(ballot: Sequence[BallotContest]) -> int:
    """The length of the longest canonical record `ballot` allows (see the module docstring):
    each code adds its own JSON form to the record, so the longest codes make the longest."""
    if not ballot:
        raise BallotError([Problem("ballot", "a ballot has some contest")])
    longest = CastVoteRecord(
        tuple(
            Choice(c.contest, tuple(sorted(c.candidates, key=_json_length)[::-1][: c.seats]))
            for c in ballot
        )
    )
    return len(encode_record(longest))


def _json_length(code: str) -> int:
    return len(canonical_json(code))


def check_record(record: CastVoteRecord, ballot: Sequence[BallotContest]) -> tuple[Problem, ...]:
    """Every way `record` does not fit `ballot`: an unknown contest, too many codes, a code that
    is no candidate of the station's constituency."""
    by_contest = {contest.contest: contest for contest in ballot}
    problems: list[Problem] = []
    for choice in record.choices:
        path = f"choices[{choice.contest}]"
        contest = by_contest.get(choice.contest)
        if contest is None:
            problems.append(Problem(path, "the contest is not on this station's ballot"))
            continue
        if len(choice.codes) > contest.seats:
            problems.append(Problem(path, f"{len(choice.codes)} codes for {contest.seats} seat(s)"))
        problems.extend(
            Problem(path, f"{code} is not a candidate on this ballot")
            for code in choice.codes
            if code not in contest.candidates
        )
    return tuple(problems)


def count_ballots(
    records: Iterable[CastVoteRecord],
    ballot: Sequence[BallotContest],
    papers: Mapping[str, Papers],
) -> Mapping[str, Counts]:
    """The counts of every contest on `ballot`, in its order, from the station's records.

    Per contest: cast = the records with a choice in it, valid = those naming candidates,
    invalid = {blank: the blank ones, every other kind: 0}, void = 0, votes = every candidate of
    the ballot (0 included); the paper figures are `papers[contest]`. Records that do not fit the
    ballot, and a contest without paper figures or figures for a contest not on it, raise
    `BallotError` naming every one.
    """
    given = tuple(records)
    problems = papers_problems(ballot, papers)
    for i, record in enumerate(given):
        problems.extend(
            Problem(f"records[{i}].{p.path}", p.message) for p in check_record(record, ballot)
        )
    if problems:
        raise BallotError(problems)
    on_ballot = [contest.contest for contest in ballot]
    cast = dict.fromkeys(on_ballot, 0)
    blank = dict.fromkeys(on_ballot, 0)
    votes = {contest.contest: dict.fromkeys(contest.candidates, 0) for contest in ballot}
    for record in given:
        for choice in record.choices:
            cast[choice.contest] += 1
            if choice.blank:
                blank[choice.contest] += 1
            for code in choice.codes:
                votes[choice.contest][code] += 1
    return MappingProxyType(
        {
            contest.contest: box_counts(
                papers[contest.contest],
                cast[contest.contest],
                blank[contest.contest],
                votes[contest.contest],
            )
            for contest in ballot
        }
    )


def papers_problems(ballot: Sequence[BallotContest], papers: Mapping[str, Papers]) -> list[Problem]:
    """A contest of `ballot` without paper figures, and figures for a contest not on it."""
    problems = [
        Problem(f"papers[{contest.contest}]", "missing")
        for contest in ballot
        if contest.contest not in papers
    ]
    on_ballot = {contest.contest for contest in ballot}
    problems.extend(
        Problem(f"papers[{contest}]", "the contest is not on this station's ballot")
        for contest in papers
        if contest not in on_ballot
    )
    return problems


def box_counts(paper: Papers, cast: int, blank: int, votes: dict[str, int]) -> Counts:
    """A contest's counts on a box: the hand-counted papers, the ballots cast, of which `blank`
    are blank, and `votes` (every candidate of the ballot, 0 included), handed over as they are."""
    return Counts(
        papers_received=paper.received,
        papers_used=paper.used,
        papers_unused=paper.unused,
        papers_spoiled=paper.spoiled,
        cast=cast,
        valid=cast - blank,
        # The box takes codes, so its ballots are valid or blank: it records 0 illegible,
        # 0 non-candidate, 0 several-names and 0 crossed-out (مخدوش) — it prints each copy
        # itself, so no voter's hand can strike one through; those kinds come from paper.
        invalid={kind: blank if kind is InvalidKind.BLANK else 0 for kind in InvalidKind},
        votes=votes,
    )
