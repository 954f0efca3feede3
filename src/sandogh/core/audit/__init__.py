"""Risk-limiting audits: assertions from a reported outcome, and the risk of each (docs/audit.md).

`assertions_for` turns a `core.rules.Outcome` into SHANGRLA assertions (Stark 2020; Blom et al.
2021 for party lists); `measure` gives each assertion's sequential P-value from the readings of
a ballot-polling, ballot-level comparison or batch-comparison audit (ALPHA, Stark 2023;
Kaplan–Markov, Stark 2009; BRAVO, Lindeman, Stark and Yates 2012); `estimate` sizes a round.
The sampler and the manifest (docs/audit.md §3) are `sampling` and `manifest`.
"""

from sandogh.core.audit.alpha import Fixed, ShrinkTrunc, Step, alpha
from sandogh.core.audit.assertion import Assertion, Kind
from sandogh.core.audit.assertions import assertions_for
from sandogh.core.audit.assorter import Assorter, above_share, below_share, pairwise
from sandogh.core.audit.bravo import bravo
from sandogh.core.audit.comparison import GENTLE_INFLATOR, Comparison
from sandogh.core.audit.errors import AuditError, AuditInputError, AuditUnsupportedError
from sandogh.core.audit.estimate import (
    Discrepancies,
    bravo_size,
    comparison_size,
    comparison_size_for,
    largest,
    polling_size,
    polling_size_for,
)
from sandogh.core.audit.kaplan_markov import kaplan_markov
from sandogh.core.audit.measure import (
    batch_comparison,
    card_comparison,
    card_comparison_km,
    polling,
)
from sandogh.core.audit.reading import Reading, Totals
from sandogh.core.audit.risk import PRECISION_BITS, Measurement, round_down

__all__ = [
    "GENTLE_INFLATOR",
    "PRECISION_BITS",
    "Assertion",
    "Assorter",
    "AuditError",
    "AuditInputError",
    "AuditUnsupportedError",
    "Comparison",
    "Discrepancies",
    "Fixed",
    "Kind",
    "Measurement",
    "Reading",
    "ShrinkTrunc",
    "Step",
    "Totals",
    "above_share",
    "alpha",
    "assertions_for",
    "batch_comparison",
    "below_share",
    "bravo",
    "bravo_size",
    "card_comparison",
    "card_comparison_km",
    "comparison_size",
    "comparison_size_for",
    "kaplan_markov",
    "largest",
    "pairwise",
    "polling",
    "polling_size",
    "polling_size_for",
    "round_down",
]
