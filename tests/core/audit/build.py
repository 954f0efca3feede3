"""Builders for the audit tests: reported totals from `Counts`, and random contests."""

from __future__ import annotations

from hypothesis import strategies as st

from sandogh.core.audit import Assertion, Totals
from sandogh.core.counting.tally import Counts


def totals(counts: Counts) -> Totals:
    return Totals.of_counts(counts)


def holds(assertions: tuple[Assertion, ...], counts: Counts) -> bool:
    return all(a.assorter.margin(totals(counts)) > 0 for a in assertions)


@st.composite
def contest_counts(draw: st.DrawFn, codes: tuple[str, ...], seats: int) -> Counts:
    """Votes for `codes` that a ballot of up to `seats` marks could give, with invalid ballots."""
    votes = {c: draw(st.integers(0, 40)) for c in codes}
    least = max(*votes.values(), -(-sum(votes.values()) // seats))
    valid = least + draw(st.integers(0, 5)) if seats > 1 else sum(votes.values())
    invalid = draw(st.integers(0 if valid else 1, 10))
    return Counts(cast=valid + invalid, valid=valid, votes=dict(votes))


@st.composite
def near(draw: st.DrawFn, counts: Counts, seats: int) -> Counts:
    """Paper a few ballots away from `counts`: where the assertions' edges are."""
    votes = {c: max(0, n + draw(st.integers(-3, 3))) for c, n in counts.votes.items()}
    least = max(*votes.values(), -(-sum(votes.values()) // seats))
    if seats > 1:
        valid = max(least, counts.valid + draw(st.integers(-3, 3)))
    else:
        valid = sum(votes.values())
    invalid = max(0 if valid else 1, counts.cast - counts.valid + draw(st.integers(-3, 3)))
    return Counts(cast=valid + invalid, valid=valid, votes=votes)
