"""The discrete logarithm of a decrypted tally (`docs/e2e.md` §8): t from g^t, 0 ≤ t < 2^26.

Shanks's baby-step giant-step (1971): a table of g^0..g^{m−1} (m = 2^13 baby steps), then
h, h·g^{−m}, h·g^{−2m}, … until one is in the table. 2^13 giant steps reach 2^26 > 62 million,
the national electorate, so any tally of this country is read in at most 2^13 group operations.
The table is built once per group and kept (it is a pure function of the group).
"""

from __future__ import annotations

from functools import cache

from sandogh.core.e2e.group import Group
from sandogh.core.errors import SandoghError

BABY_STEPS = 2**13
BOUND = 2**26


class DiscreteLogError(SandoghError):
    """An element that is not g^t for any t below the bound: not a tally of this election."""


@cache
def _baby_steps(group: Group) -> dict[bytes, int]:
    table: dict[bytes, int] = {}
    power = group.identity
    for j in range(BABY_STEPS):
        table[power] = j
        power = group.op(power, group.generator)
    return table


def discrete_log(group: Group, element: bytes, bound: int = BOUND) -> int:
    """t with g^t = `element` and 0 ≤ t < `bound` (at most `BOUND`); `DiscreteLogError` if
    there is none."""
    if not 0 < bound <= BOUND:
        raise ValueError(f"the bound must be from 1 to {BOUND}, not {bound}")
    table = _baby_steps(group)
    giant = group.base_exp(-BABY_STEPS)
    current = element
    for i in range((bound + BABY_STEPS - 1) // BABY_STEPS):
        j = table.get(current)
        if j is not None and i * BABY_STEPS + j < bound:
            return i * BABY_STEPS + j
        current = group.op(current, giant)
    raise DiscreteLogError(f"{element.hex()} is not g^t for any t below {bound}")
