"""The reconciliation identities of DESIGN.md §3, on station sheets and on aggregates.

Every identity that must hold, per contest, for one station or any sum of stations:

- valid + invalid counted as cast = cast (آرای مأخوذه = صحیح + باطله مأخوذه);
- the candidates' votes = valid in a single-seat contest; ≤ seats × valid in a multi-seat one, whose
  ballot names up to as many candidates as seats (`reference/iran-election-rules.md`, Ballots);
- cast ≤ ballot papers used (تعرفه مصرفی) ≤ ballot papers received;
- received = used + unused + spoiled: spoiled papers are beside the used ones, not inside them
  (docs/formats.md: received 1050 = used 640 + unused 405 + spoiled 5);
- no figure is negative;
- an aggregate equals the sum of its parts (`differences`).

The check that check-ins equal ballot papers used needs the check-in count of the voted-ledger,
which a tally sheet does not carry; it joins these as its own identity when check-ins are recorded.

A failed identity is a `Finding` naming where, the contest, the figure, the expected and the actual
value; nothing is corrected. An aggregate spanning constituencies of different sizes is held to the
largest seat count among them, which no correct sum can exceed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from operator import attrgetter

from sandogh.core.counting.aggregate import Aggregate, Total, aggregate
from sandogh.core.counting.tally import FIGURES, Counts, TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Contest


class Identity(StrEnum):
    CAST = "valid + invalid = cast"
    VOTES = "candidate votes = valid"
    VOTES_WITHIN_SEATS = "candidate votes ≤ seats × valid"
    CAST_WITHIN_USED = "cast ≤ papers used"
    USED_WITHIN_RECEIVED = "papers used ≤ papers received"
    PAPERS = "papers received = used + unused + spoiled"
    NOT_NEGATIVE = "no figure is negative"
    SUM_OF_PARTS = "a total equals the sum of its parts"


class Relation(StrEnum):
    """How the actual value must stand to the expected one."""

    EQUAL = "="
    AT_MOST = "≤"
    AT_LEAST = "≥"


_RELATION = {
    Identity.CAST: Relation.EQUAL,
    Identity.VOTES: Relation.EQUAL,
    Identity.VOTES_WITHIN_SEATS: Relation.AT_MOST,
    Identity.CAST_WITHIN_USED: Relation.AT_MOST,
    Identity.USED_WITHIN_RECEIVED: Relation.AT_MOST,
    Identity.PAPERS: Relation.EQUAL,
    Identity.NOT_NEGATIVE: Relation.AT_LEAST,
    Identity.SUM_OF_PARTS: Relation.EQUAL,
}


class Scope(StrEnum):
    """What `Finding.where` names: a reporting unit (a station is one) or a constituency."""

    UNIT = "unit"
    CONSTITUENCY = "constituency"


@dataclass(frozen=True)
class Finding:
    """An identity that does not hold: `actual` should stand in `relation` to `expected`.

    `figure` is a field of `Counts` or `Total` (`cast`, `papers_used`, `stations_reported`), an
    entry of one (`votes[21]`, `invalid[blank]`), or `votes` for the candidates' votes together.
    """

    identity: Identity
    where: str
    contest: str
    figure: str
    expected: int
    actual: int
    scope: Scope = Scope.UNIT

    @property
    def relation(self) -> Relation:
        return _RELATION[self.identity]


_figures = attrgetter(*FIGURES)


def check_counts(
    counts: Counts, *, where: str, contest: str, seats: int, scope: Scope = Scope.UNIT
) -> tuple[Finding, ...]:
    """Every identity `counts` breaks, for a unit or constituency electing up to `seats`."""

    def finding(identity: Identity, figure: str, expected: int, actual: int) -> Finding:
        return Finding(identity, where, contest, figure, expected, actual, scope)

    negative = (
        min(_figures(counts)) < 0
        or min(counts.invalid.values(), default=0) < 0
        or min(counts.votes.values(), default=0) < 0
    )
    found = (
        [finding(Identity.NOT_NEGATIVE, figure, 0, n) for figure, n in _entries(counts) if n < 0]
        if negative
        else []
    )
    counted = counts.valid + counts.invalid_total
    if counted != counts.cast:
        found.append(finding(Identity.CAST, "cast", counted, counts.cast))
    votes = sum(counts.votes.values())
    if seats == 1 and votes != counts.valid:
        found.append(finding(Identity.VOTES, "votes", counts.valid, votes))
    if seats > 1 and votes > seats * counts.valid:
        found.append(finding(Identity.VOTES_WITHIN_SEATS, "votes", seats * counts.valid, votes))
    if counts.cast > counts.papers_used:
        found.append(finding(Identity.CAST_WITHIN_USED, "cast", counts.papers_used, counts.cast))
    if counts.papers_used > counts.papers_received:
        found.append(
            finding(
                Identity.USED_WITHIN_RECEIVED,
                "papers_used",
                counts.papers_received,
                counts.papers_used,
            )
        )
    accounted = counts.papers_used + counts.papers_unused + counts.papers_spoiled
    if accounted != counts.papers_received:
        found.append(finding(Identity.PAPERS, "papers_received", accounted, counts.papers_received))
    return tuple(found)


def seat_bounds(geography: Geography) -> Mapping[str, SeatBound]:
    """Each contest's most seats a ballot may fill, by unit and constituency: made in a walk of
    every constituency, so a reader of many totals may keep it (`services.days.Day`)."""
    return {contest.id: SeatBound.of(geography, contest) for contest in geography.election.contests}


def reconcile_sheets(
    geography: Geography,
    sheets: Iterable[TallySheet],
    bounds: Mapping[str, SeatBound] | None = None,
) -> tuple[Finding, ...]:
    """Every identity each station sheet breaks, in the order of the sheets (which conform);
    `bounds` as `seat_bounds` gives them, if kept (a walk of every constituency's units)."""
    seats = seat_bounds(geography) if bounds is None else bounds
    found: list[Finding] = []
    for sheet in sheets:
        bound = seats[sheet.contest].of_unit(sheet.station)
        found.extend(
            check_counts(sheet.counts, where=sheet.station, contest=sheet.contest, seats=bound)
        )
    return tuple(found)


def reconcile_aggregate(
    geography: Geography, totals: Aggregate, bounds: Mapping[str, SeatBound] | None = None
) -> tuple[Finding, ...]:
    """Every identity any unit's or constituency's total breaks, contest by contest; `bounds`
    as `seat_bounds` gives them, if kept."""
    found: list[Finding] = []
    for contest in geography.election.contests:
        seats = SeatBound.of(geography, contest) if bounds is None else bounds[contest.id]
        for code, total in totals.units.get(contest.id, {}).items():
            bound = seats.of_unit(code)
            found.extend(check_counts(total.counts, where=code, contest=contest.id, seats=bound))
        for cid, total in totals.constituencies.get(contest.id, {}).items():
            found.extend(
                check_counts(
                    total.counts,
                    where=cid,
                    contest=contest.id,
                    seats=seats.of_constituency(cid),
                    scope=Scope.CONSTITUENCY,
                )
            )
    return tuple(found)


def differences(
    geography: Geography, stored: Aggregate, sheets: Iterable[TallySheet]
) -> tuple[Finding, ...]:
    """Every stored total that is not the sum of the sheets below it, figure by figure.

    The sums are made afresh from `sheets` (the accepted station reports); `expected` is that sum
    and `actual` the stored figure. A total missing on either side counts as zero.
    """
    made = aggregate(geography, sheets)
    found: list[Finding] = []
    for contest in geography.election.contests:
        for scope, fresh, kept in (
            (Scope.UNIT, made.units, stored.units),
            (Scope.CONSTITUENCY, made.constituencies, stored.constituencies),
        ):
            fresh_totals = fresh.get(contest.id, {})
            kept_totals = kept.get(contest.id, {})
            for where in _union(fresh_totals, kept_totals):
                expected = fresh_totals.get(where, _NOTHING)
                actual = kept_totals.get(where, _NOTHING)
                if expected != actual:
                    found.extend(
                        Finding(Identity.SUM_OF_PARTS, where, contest.id, figure, e, a, scope)
                        for figure, e, a in _compare(expected, actual)
                    )
    return tuple(found)


_NOTHING = Total(Counts(), 0, 0)


@dataclass(frozen=True)
class SeatBound:
    """The most seats a ballot of one contest may fill, in each unit and constituency."""

    seats: Mapping[str, int]  # constituency → seats
    member: Mapping[str, str]  # unit wholly in a constituency → that constituency
    above: Mapping[str, int]  # unit above the constituencies → the most seats of one below it
    widest: int  # for what lies outside the contest (which conformity reports)

    @classmethod
    def of(cls, geography: Geography, contest: Contest) -> SeatBound:
        seats = {k.id: k.seats for k in contest.constituencies}
        above: dict[str, int] = {}
        for constituency, n in seats.items():
            for part in geography.constituency_parts(contest.id, constituency):
                for unit in geography.ancestors(part):
                    above[unit] = max(above.get(unit, 0), n)
        return cls(
            seats=seats,
            member=geography.constituency_map(contest.id),
            above=above,
            widest=max(seats.values(), default=1),
        )

    def of_unit(self, code: str) -> int:
        constituency = self.member.get(code)
        if constituency is None:
            return self.above.get(code, self.widest)
        return self.seats[constituency]

    def of_constituency(self, constituency: str) -> int:
        return self.seats.get(constituency, self.widest)


def _entries(counts: Counts) -> Iterator[tuple[str, int]]:
    for figure in FIGURES:
        yield figure, getattr(counts, figure)
    for kind, n in counts.invalid.items():
        yield f"invalid[{kind}]", n
    for code, n in counts.votes.items():
        yield f"votes[{code}]", n


def _compare(expected: Total, actual: Total) -> Iterator[tuple[str, int, int]]:
    mine, theirs = _figures_of(expected), _figures_of(actual)
    for figure in _union(mine, theirs):
        e, a = mine.get(figure, 0), theirs.get(figure, 0)
        if e != a:
            yield figure, e, a


def _figures_of(total: Total) -> dict[str, int]:
    figures = dict(_entries(total.counts))
    figures["stations_reported"] = total.stations_reported
    figures["stations_total"] = total.stations_total
    return figures


def _union(first: Mapping[str, object], second: Mapping[str, object]) -> list[str]:
    """The keys of both, those of `first` in its order, then the others of `second`."""
    return [*first, *(key for key in second if key not in first)]
