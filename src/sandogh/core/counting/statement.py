"""Checking the figures a news report printed against the results and against each other.

`reference/seed-facts.md`: real reports contain slips (Kerman 2024, round 2: the margin printed as
294,349 where 773,591 − 479,249 = 294,342), so every published figure is checked against the
stored results (the sum of the accepted station reports) and against the other figures of the same
statement: valid + invalid = cast; the candidates' votes = valid in a single-seat contest; a
margin = the first candidate's votes − the second's. A printed percentage agrees when its exact
value rounds to it at the printed precision, a tie rounded either way; a printed change of turnout
agrees with printed turnouts when some exact values they round from give it. Turnout is on the
papers-used basis the HQ announces (`core.counting.turnout`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from sandogh.core.counting.compare import margin, points_change
from sandogh.core.counting.tally import Counts
from sandogh.core.counting.turnout import Turnout, turnout


@dataclass(frozen=True)
class PrintedMargin:
    """ "`first` leads `second` by `votes`", as printed."""

    first: str
    second: str
    votes: int


@dataclass(frozen=True)
class Statement:
    """What one report printed for one unit and contest; a figure it did not print is None.

    Percentages keep their printed precision: `Decimal("49.8")` is to a tenth, `Decimal("55")` to a
    whole point. `invalid` is the invalid ballots counted as cast (آرای باطله), as reports print it.
    """

    unit: str
    contest: str
    cast: int | None = None
    valid: int | None = None
    invalid: int | None = None
    votes: Mapping[str, int] = field(default_factory=dict)
    margin: PrintedMargin | None = None
    turnout_percent: Decimal | None = None
    previous_turnout_percent: Decimal | None = None
    turnout_change_points: Decimal | None = None


class Check(StrEnum):
    """How `expected` is made from the `terms` of a `StatementCheck`."""

    STORED = "as stored"  # the one stored figure
    CAST = "valid + invalid = cast"  # terms: valid, invalid
    VOTES = "candidate votes = valid"  # terms: each candidate's votes, added
    MARGIN = "margin = first − second"  # terms: the first's votes, the second's votes
    TURNOUT = "turnout = 100 × papers used / eligible"  # terms: papers used, eligible
    TURNOUT_CHANGE = "change = turnout − previous turnout"  # terms: turnout, previous turnout


class Basis(StrEnum):
    """What the printed figure is held against."""

    STORED = "stored"  # the stored results
    PRINTED = "printed"  # other figures of the same statement


class Verdict(StrEnum):
    AGREES = "agrees"
    DISAGREES = "disagrees"
    UNKNOWN = "unknown"  # the stored side lacks a figure (eligible voters, the previous round)


@dataclass(frozen=True)
class Term:
    """A figure the expected value is made from: `basis` says whose."""

    figure: str
    value: Fraction
    basis: Basis


@dataclass(frozen=True)
class StatementCheck:
    """One printed figure held against one source; `tolerance` is what rounding allows.

    `figure` is `cast`, `valid`, `invalid`, `votes[21]`, `margin[21-25]`, `turnout`,
    `previous_turnout` or `turnout_change`.
    """

    figure: str
    check: Check
    basis: Basis
    printed: int | Decimal
    expected: Fraction | None
    terms: tuple[Term, ...]
    tolerance: Fraction = Fraction(0)

    @property
    def difference(self) -> Fraction | None:
        """Printed minus expected: 7 when the printed figure is 7 more."""
        return None if self.expected is None else Fraction(self.printed) - self.expected

    @property
    def verdict(self) -> Verdict:
        if self.difference is None:
            return Verdict.UNKNOWN
        return Verdict.AGREES if abs(self.difference) <= self.tolerance else Verdict.DISAGREES


def check_statement(
    statement: Statement,
    stored: Counts,
    *,
    eligible: int | None,
    seats: int,
    previous: Turnout | None = None,
) -> tuple[StatementCheck, ...]:
    """Hold every printed figure against the stored results, then against the other printed ones.

    `stored` are the `Counts` of the statement's unit and contest, `eligible` the unit's eligible
    voters, `seats` those of its constituency, and `previous` the stored turnout of the round
    before. An identity among printed figures is checked when the statement prints every figure it
    needs; the votes identity also needs a single seat and a printed figure for every candidate
    with stored votes.
    """
    return (
        *_against_stored(statement, stored, eligible, previous),
        *_among_printed(statement, stored, seats),
    )


def _against_stored(
    statement: Statement, stored: Counts, eligible: int | None, previous: Turnout | None
) -> list[StatementCheck]:
    checks: list[StatementCheck] = []

    def same(figure: str, printed: int | None, value: int) -> None:
        if printed is not None:
            term = Term(figure, Fraction(value), Basis.STORED)
            checks.append(
                StatementCheck(figure, Check.STORED, Basis.STORED, printed, term.value, (term,))
            )

    same("cast", statement.cast, stored.cast)
    same("valid", statement.valid, stored.valid)
    same("invalid", statement.invalid, stored.invalid_total)
    for code, votes in statement.votes.items():
        same(f"votes[{code}]", votes, stored.votes.get(code, 0))
    printed_margin = statement.margin
    if printed_margin is not None:
        split = margin(stored, printed_margin.first, printed_margin.second)
        checks.append(
            _margin_check(printed_margin, split.first_votes, split.second_votes, basis=Basis.STORED)
        )
    now = turnout(stored, eligible)
    if statement.turnout_percent is not None:
        terms = [Term("papers_used", Fraction(stored.papers_used), Basis.STORED)]
        if eligible:
            terms.append(Term("eligible", Fraction(eligible), Basis.STORED))
        checks.append(
            _stored_percent(
                "turnout",
                Check.TURNOUT,
                statement.turnout_percent,
                _percent(now.papers_share),
                tuple(terms),
            )
        )
    before = None if previous is None else previous.papers_share
    if statement.previous_turnout_percent is not None:
        checks.append(
            _stored_percent(
                "previous_turnout",
                Check.STORED,
                statement.previous_turnout_percent,
                _percent(before),
                _percent_terms(("previous_turnout", before)),
            )
        )
    if statement.turnout_change_points is not None:
        checks.append(
            _stored_percent(
                "turnout_change",
                Check.TURNOUT_CHANGE,
                statement.turnout_change_points,
                points_change(before, now.papers_share),
                _percent_terms(("turnout", now.papers_share), ("previous_turnout", before)),
            )
        )
    return checks


def _among_printed(statement: Statement, stored: Counts, seats: int) -> list[StatementCheck]:
    checks: list[StatementCheck] = []
    cast, valid, invalid = statement.cast, statement.valid, statement.invalid
    if cast is not None and valid is not None and invalid is not None:
        terms: tuple[Term, ...] = (
            Term("valid", Fraction(valid), Basis.PRINTED),
            Term("invalid", Fraction(invalid), Basis.PRINTED),
        )
        checks.append(
            StatementCheck(
                "cast", Check.CAST, Basis.PRINTED, cast, Fraction(valid + invalid), terms
            )
        )
    with_votes = {code for code, n in stored.votes.items() if n}
    if seats == 1 and valid is not None and statement.votes and with_votes <= set(statement.votes):
        terms = tuple(
            Term(f"votes[{code}]", Fraction(n), Basis.PRINTED)
            for code, n in statement.votes.items()
        )
        total = Fraction(sum(statement.votes.values()))
        checks.append(StatementCheck("valid", Check.VOTES, Basis.PRINTED, valid, total, terms))
    printed_margin = statement.margin
    if printed_margin is not None:
        first = statement.votes.get(printed_margin.first)
        second = statement.votes.get(printed_margin.second)
        if first is not None and second is not None:
            checks.append(_margin_check(printed_margin, first, second, basis=Basis.PRINTED))
    now, before = statement.turnout_percent, statement.previous_turnout_percent
    change = statement.turnout_change_points
    if now is not None and before is not None and change is not None:
        terms = (
            Term("turnout", Fraction(now), Basis.PRINTED),
            Term("previous_turnout", Fraction(before), Basis.PRINTED),
        )
        checks.append(
            StatementCheck(
                "turnout_change",
                Check.TURNOUT_CHANGE,
                Basis.PRINTED,
                change,
                Fraction(now) - Fraction(before),
                terms,
                _half_unit(change) + _half_unit(now) + _half_unit(before),
            )
        )
    return checks


def _margin_check(
    printed: PrintedMargin, first: int, second: int, *, basis: Basis
) -> StatementCheck:
    terms = (
        Term(f"votes[{printed.first}]", Fraction(first), basis),
        Term(f"votes[{printed.second}]", Fraction(second), basis),
    )
    return StatementCheck(
        f"margin[{printed.first}-{printed.second}]",
        Check.MARGIN,
        basis,
        printed.votes,
        Fraction(first - second),
        terms,
    )


def _stored_percent(
    figure: str, check: Check, printed: Decimal, expected: Fraction | None, terms: tuple[Term, ...]
) -> StatementCheck:
    """A printed percentage or change in points against its exact stored value."""
    return StatementCheck(
        figure, check, Basis.STORED, printed, expected, terms, _half_unit(printed)
    )


def _percent(share: Fraction | None) -> Fraction | None:
    return None if share is None else 100 * share


def _percent_terms(*shares: tuple[str, Fraction | None]) -> tuple[Term, ...]:
    return tuple(
        Term(figure, 100 * share, Basis.STORED) for figure, share in shares if share is not None
    )


def _half_unit(printed: Decimal) -> Fraction:
    """Half a unit of the last printed digit: 0.05 for 49.8, 0.5 for 55."""
    exponent = printed.as_tuple().exponent
    if not isinstance(exponent, int):
        raise ValueError(f"a printed figure must be a finite number, not {printed}")
    return Fraction(10) ** exponent / 2
