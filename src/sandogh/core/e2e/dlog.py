"""The discrete logarithm of a decrypted tally (`docs/e2e.md` §8): t from g^t, 0 ≤ t < 2^26.

Shanks's baby-step giant-step (1971): a table of g^0..g^{m−1} (m = 2^16 baby steps), then
h·g^{−m}, h·g^{−2m}, … until one is in the table. 2^10 giant steps reach 2^26 > 62 million,
the national electorate, so any tally of this country is read in at most 2^10 group operations
once the table is full (2^16 operations, about 8 MB). The table is kept for the process (it is a
function of the group alone) and filled only as far as a lookup needs: a station's tally, whose
values are a few hundred, costs a few hundred operations, never the whole table.
"""

from __future__ import annotations

from functools import cache
from threading import Lock

from sandogh.core.e2e.group import Group
from sandogh.core.errors import SandoghError

BABY_STEPS = 2**16
BOUND = 2**26


class DiscreteLogError(SandoghError):
    """An element that is not g^t for any t below the bound: not a tally of this election."""


class _BabySteps:
    """g^j → j for j below `len(powers)`, extended on demand up to `BABY_STEPS`."""

    def __init__(self, group: Group) -> None:
        self.group = group
        self.powers = {group.identity: 0}
        self.last = group.identity
        self.lock = Lock()

    def find(self, element: bytes, limit: int) -> int | None:
        """j < `limit` with g^j = `element`, extending the table to `limit` while looking."""
        with self.lock:
            j = self.powers.get(element)
            if j is not None:
                return j if j < limit else None
            while len(self.powers) < limit:
                self.last = self.group.op(self.last, self.group.generator)
                j = len(self.powers)
                self.powers[self.last] = j
                if self.last == element:
                    return j
            return None


@cache
def _baby_steps(group: Group) -> _BabySteps:
    return _BabySteps(group)


def discrete_log(group: Group, element: bytes, bound: int = BOUND) -> int:
    """t with g^t = `element` and 0 ≤ t < `bound` (at most `BOUND`); `DiscreteLogError` if
    there is none."""
    if not 0 < bound <= BOUND:
        raise ValueError(f"the bound must be from 1 to {BOUND}, not {bound}")
    table = _baby_steps(group)
    small = table.find(element, min(bound, BABY_STEPS))
    if small is not None:
        return small
    if bound > BABY_STEPS:  # the table is full now: giant steps
        giant = group.base_exp(-BABY_STEPS)
        current = element
        for i in range(1, (bound + BABY_STEPS - 1) // BABY_STEPS):
            current = group.op(current, giant)
            j = table.powers.get(current)
            if j is not None and i * BABY_STEPS + j < bound:
                return i * BABY_STEPS + j
    raise DiscreteLogError(f"{element.hex()} is not g^t for any t below {bound}")
