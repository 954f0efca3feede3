"""The lead of a count: one candidate, a tie named as a tie (never the first by order), none."""

import pytest

from sandogh.core.counting.lead import Lead, lead


def test_one_candidate_with_the_most_votes_leads() -> None:
    found = lead({"21": 3, "25": 5})
    assert found == Lead(("25",), 5)
    assert found is not None
    assert not found.tied


def test_a_tie_names_every_candidate_with_the_most_votes_and_no_one_first() -> None:
    """Finding A2 of session 23: one vote each was published as «۲۱» leading."""
    found = lead({"25": 1, "21": 1, "30": 0})
    assert found == Lead(("21", "25"), 1)
    assert found is not None
    assert found.tied
    with pytest.raises(AttributeError):
        found.votes = 2  # type: ignore[misc]


def test_no_votes_no_lead() -> None:
    assert lead({}) is None
    assert lead({"21": 0, "25": 0}) is None
