"""The port of the decisions that outcomes are computed from besides the counts: lots (قرعه) and
withdrawals (انصراف) (`services.outcome_decisions`, issue 12).

Each is stored once, in the order recorded, never changed, naming the event-log entry that
recorded it; `key` names what it decides (the tie a lot settles, the candidate who withdrew), and
a second decision with the same key is the store's duplicate error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from sandogh.core.canonical_json import JSONValue
from sandogh.core.log import Checkpoint


@dataclass(frozen=True)
class StoredDecision:
    election: str
    number: int  # its place in the election's order, from 1
    kind: str  # "lot" or "withdrawal"
    key: str
    data: Mapping[str, JSONValue]
    logged: Checkpoint


class OutcomeDecisionRepository(Protocol):
    def all(self, election_id: str) -> list[StoredDecision]:
        """By number."""

    def add(self, decision: StoredDecision) -> None:
        """Store a decision; a taken number or key raises the store's duplicate error."""
