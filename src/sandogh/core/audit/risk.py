"""A sequential P-value with its history, and the rounding that keeps it conservative.

docs/audit.md §4.7: every factor is an exact `Fraction`; after each draw the running product
(the test supermartingale) is rounded DOWN to `PRECISION_BITS` significant bits, so the
computed product never exceeds the exact one and the P-value 1/max(product) never falls below
the exact one. The same readings give the same rational P-value on any machine.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

PRECISION_BITS = 96


@dataclass(frozen=True)
class Measurement:
    """The P-value after every draw (`history`, same length as the draws) and the last one."""

    history: tuple[Fraction, ...]

    @property
    def p_value(self) -> Fraction:
        """After the last draw; 1 before any."""
        return self.history[-1] if self.history else Fraction(1)

    def confirms(self, risk_limit: Fraction) -> bool:
        return self.p_value <= risk_limit

    def draws_to(self, risk_limit: Fraction) -> int | None:
        """The first draw (1-based) at which the P-value reached `risk_limit`, if any."""
        return next((i for i, p in enumerate(self.history, 1) if p <= risk_limit), None)


def round_down(x: Fraction, bits: int = PRECISION_BITS) -> Fraction:
    """The largest m·2^e ≤ x with m an integer of at most `bits` bits (x ≥ 0)."""
    return round_down_ratio(x.numerator, x.denominator, bits)


def round_down_ratio(numerator: int, denominator: int, bits: int = PRECISION_BITS) -> Fraction:
    """`round_down` of numerator/denominator (both ≥ 0, denominator > 0), without reducing the
    fraction first: the hot loop of the tests multiplies a product by a factor this way."""
    if numerator <= 0:
        return Fraction(0)
    shift = numerator.bit_length() - denominator.bit_length() - bits
    m = numerator // (denominator << shift) if shift >= 0 else (numerator << -shift) // denominator
    if m.bit_length() > bits:  # the quotient had one bit more than the lengths promised
        m >>= 1
        shift += 1
    return Fraction(m << shift) if shift >= 0 else Fraction(m, 1 << -shift)


def from_products(products: Iterable[Fraction | None]) -> Measurement:
    """P-values min(1, 1/max T) from a running product T per draw; None stands for T = ∞
    (the null is certainly false, P = 0 from then on)."""
    history: list[Fraction] = []
    best = Fraction(1)
    infinite = False
    for product in products:
        if product is None:
            infinite = True
        elif product > best:
            best = product
        history.append(Fraction(0) if infinite else min(Fraction(1), 1 / best))
    return Measurement(tuple(history))
