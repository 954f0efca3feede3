"""The guardian's check that a tally is the product of the chains (`docs/e2e.md` §8): a contest
that no cast ballot carries (an empty station) is tallied as zero and checked as such."""

from __future__ import annotations

from dataclasses import replace

from sandogh.core.e2e.tally_origin import ContestProduct, tally_problems
from tests.core.e2e.test_tally import CONTEXT, STATION, TALLY

G = CONTEXT.group


def _products() -> dict[str, dict[str, ContestProduct]]:
    """What `chain_products` gives for the test's chain: only the contests its ballots carry."""
    return {
        STATION: {
            c.contest: ContestProduct(c.ballots, c.options) for c in TALLY.contests if c.ballots
        }
    }


def test_a_contest_no_cast_ballot_carries_is_checked_as_zero() -> None:
    assert "council" not in _products()[STATION]
    assert tally_problems(G, TALLY, _products()) == []


def test_a_tally_claiming_ballots_the_chain_never_cast_is_refused() -> None:
    council = TALLY.contests[2]
    forged = replace(
        TALLY,
        contests=(
            *TALLY.contests[:2],
            replace(council, ballots=1, options=TALLY.contests[0].options),
        ),
    )
    paths = {problem.path for problem in tally_problems(G, forged, _products())}
    assert paths == {f"{STATION}.council.ballots", f"{STATION}.council.options"}
