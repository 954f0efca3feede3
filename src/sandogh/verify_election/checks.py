"""The numbered checks V0..V25 of `docs/e2e.md` §10 and their tallies: how many items each
checked, how many failed, and the first that failed, named.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum


class Check(IntEnum):
    """§10's checks, by number."""

    ANCHOR = 0  # the sealed pre-election record is the one --anchor names (V5 and V20 rest on it)
    MANIFEST = 1
    PARAMETERS = 2
    BASE_HASH = 3
    GUARDIAN_PROOFS = 4
    EXTENDED_HASH = 5
    CHAIN_START = 6
    WELL_FORMED = 7
    SELECTION_PROOFS = 8
    CONTEST_PROOFS = 9
    CONFIRMATION_CODES = 10
    CHAIN_CLOSE = 11
    NO_DUPLICATES = 12
    CHALLENGED = 13
    STATION_TALLY = 14
    REPORT_COMMITMENT = 15
    PARTIAL_DECRYPTIONS = 16
    COMBINATION = 17
    REPORT_FIGURES = 18
    AGGREGATES = 19
    COMPLETE = 20
    SLOT_BALLOTS = 21
    MIX_INPUT = 22
    SHUFFLES = 23
    ROW_DECRYPTION = 24
    LARGE_COUNT = 25

    @property
    def label(self) -> str:
        return f"V{self.value}"


@dataclass(frozen=True, slots=True)
class Failure:
    """What failed: `where` names the station, ballot, contest, option or guardian."""

    where: str
    detail: str


@dataclass(slots=True)
class Outcome:
    checked: int = 0
    failed: int = 0
    first: Failure | None = None


@dataclass
class Ledger:
    """Every check's outcome so far. A worker keeps one per station; they are merged in the
    manifest's order, so the first failure named does not depend on the number of workers."""

    outcomes: dict[Check, Outcome] = field(
        default_factory=lambda: {check: Outcome() for check in Check}
    )

    def passed(self, check: Check, items: int = 1) -> None:
        self.outcomes[check].checked += items

    def failed(self, check: Check, where: str, detail: str) -> None:
        outcome = self.outcomes[check]
        outcome.checked += 1
        outcome.failed += 1
        if outcome.first is None:
            outcome.first = Failure(where, detail)

    def record(self, check: Check, holds: bool, where: str, detail: str) -> bool:
        if holds:
            self.passed(check)
        else:
            self.failed(check, where, detail)
        return holds

    def merge(self, other: Ledger) -> None:
        for check, theirs in other.outcomes.items():
            mine = self.outcomes[check]
            mine.checked += theirs.checked
            mine.failed += theirs.failed
            if mine.first is None:
                mine.first = theirs.first

    @property
    def ok(self) -> bool:
        return not any(outcome.failed for outcome in self.outcomes.values())

    def first_failure(self) -> tuple[Check, Failure] | None:
        """The failure of the lowest-numbered check that failed."""
        for check in Check:
            first = self.outcomes[check].first
            if first is not None:
                return check, first
        return None


def merged(ledgers: Iterable[Ledger]) -> Ledger:
    total = Ledger()
    for ledger in ledgers:
        total.merge(ledger)
    return total
