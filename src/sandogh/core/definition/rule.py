"""How each contest is decided, as settings with the defaults of `reference/iran-election-rules.md`.

Every rule is a property of a contest, never a constant in code: the presidential majority of all
ballots cast (Constitution Art. 117), the parliamentary 20 % of valid ballots (Majlis Election Law
as rewritten in 1402/2023; 25 % of ballots cast before 2016), plurality with alternates for councils
and the Assembly of Experts, and proportional shares for party-list councils.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Base(StrEnum):
    """Which ballots a share is taken of."""

    CAST = "cast"  # آرای مأخوذه: valid and counted-invalid ballots
    VALID = "valid"  # آرای صحیح


class Apportionment(StrEnum):
    DHONDT = "dhondt"
    SAINTE_LAGUE = "sainte-lague"
    LARGEST_REMAINDER = "largest-remainder"  # Hare quota


@dataclass(frozen=True)
class MajorityRule:
    """Elected with more than `share` of `base`; otherwise the top `runoff_candidates` go on."""

    base: Base = Base.CAST
    share: Fraction = Fraction(1, 2)
    runoff_candidates: int = 2


@dataclass(frozen=True)
class ThresholdRule:
    """Elected with at least `share` of `base`; a runoff of `runoff_factor` × the seats left."""

    base: Base = Base.VALID
    share: Fraction = Fraction(1, 5)
    runoff_factor: int = 2


@dataclass(frozen=True)
class PluralityRule:
    """The most votes win the seats; the next ones in order are the alternates."""


@dataclass(frozen=True)
class ProportionalRule:
    """Seats shared among lists by `method`; alternates are `alternates_share` of the elected."""

    method: Apportionment = Apportionment.DHONDT
    alternates_share: Fraction = Fraction(52, 100)


Rule = MajorityRule | ThresholdRule | PluralityRule | ProportionalRule
