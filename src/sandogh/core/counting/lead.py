"""Who has the most votes in a count, or who is tied for it (finding A2 of session 23).

A station where two candidates had one vote each was published as led by whichever came first in
the list (by code), in its headline, its county's list and the map. A tie is not a lead: `lead`
names every candidate with the most votes, and `Lead.tied` says whether there is more than one,
so no page can pick one of them by order. Who is elected from a tie is for the rules to decide
(lots, قرعه: `core.rules`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Lead:
    """The candidates with the most votes, by code, and their votes (each)."""

    codes: tuple[str, ...]
    votes: int

    @property
    def tied(self) -> bool:
        return len(self.codes) > 1


def lead(votes: Mapping[str, int]) -> Lead | None:
    """The lead of `votes` (candidate code → votes); None while no candidate has a vote."""
    most = max(votes.values(), default=0)
    if most == 0:
        return None
    return Lead(tuple(sorted(code for code, n in votes.items() if n == most)), most)
