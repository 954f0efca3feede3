"""Who wins: majority and threshold with runoff, plurality with alternates, party lists, lots.

`decide` gives the outcome of one constituency under its contest's rule; `runoff_election` builds
the next round from the outcomes of a first round (`reference/iran-election-rules.md`).
"""

from sandogh.core.rules.decide import decide
from sandogh.core.rules.errors import (
    LotPendingError,
    NoRunoffError,
    RulesError,
    RulesInputError,
    RunoffInputError,
)
from sandogh.core.rules.lots import DrawnLot, Lot, LotRequired, Stake, draw
from sandogh.core.rules.outcome import ListResult, Outcome, Status
from sandogh.core.rules.reasons import Reason
from sandogh.core.rules.runoff import runoff_election

__all__ = [
    "DrawnLot",
    "ListResult",
    "Lot",
    "LotPendingError",
    "LotRequired",
    "NoRunoffError",
    "Outcome",
    "Reason",
    "RulesError",
    "RulesInputError",
    "RunoffInputError",
    "Stake",
    "Status",
    "decide",
    "draw",
    "runoff_election",
]
