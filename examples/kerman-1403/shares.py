"""Seeded draws, and exact sharing of totals into whole numbers that add up.

Every random draw of the example comes from a `random.Random` stream seeded with a fixed string,
and every figure that must add up is shared by largest remainder over integer weights, so the
output is the same bytes on every run. `sandogh.core.rules.apportionment` shares seats the same
textbook way but breaks ties by lot and sets a list aside once its whole part reaches its cap;
here ties go to the earlier row and a cap binds only once the remainders are given out, which is
what the committed files were made with.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

SEED = "sandogh/kerman-1403"
Column = TypeVar("Column", bound=str)


def stream(purpose: str) -> random.Random:
    """An independent seeded stream, so that changing one part leaves the others' draws alone."""
    return random.Random(f"{SEED}/{purpose}")


def apportion(total: int, weights: Sequence[int], caps: Sequence[int]) -> list[int]:
    """Share `total` in proportion to `weights` by largest remainder, no share above its cap.

    Shares that would exceed their cap are fixed at it and the rest is shared again among the
    others; remainders tie in favour of the earlier row.
    """
    shares = [0] * len(weights)
    open_rows = [row for row, weight in enumerate(weights) if weight > 0 and caps[row] > 0]
    left = total
    while True:
        if not open_rows:
            raise ValueError(f"cannot share {total}: caps too small")
        weight_sum = sum(weights[row] for row in open_rows)
        quotas = {row: divmod(left * weights[row], weight_sum) for row in open_rows}
        allocation = {row: whole for row, (whole, _) in quotas.items()}
        by_remainder = sorted(open_rows, key=lambda row: (-quotas[row][1], row))
        for row in by_remainder[: left - sum(allocation.values())]:
            allocation[row] += 1
        over = {row for row in open_rows if allocation[row] > caps[row]}
        if not over:
            for row in open_rows:
                shares[row] = allocation[row]
            return shares
        for row in sorted(over):
            shares[row] = caps[row]
            left -= caps[row]
        open_rows = [row for row in open_rows if row not in over]


def fill_table(
    row_totals: Sequence[int],
    column_totals: Mapping[Column, int],
    weight: Callable[[int, Column], int],
) -> list[dict[Column, int]]:
    """A table of whole numbers with the given row and column totals, shaped by `weight`.

    Columns are filled smallest first, each shared over the rows' room left in proportion to
    room × the row's weight for it among the columns still to fill; the largest column takes what
    is left, which adds up because both sets of totals have the same sum.
    """
    if sum(row_totals) != sum(column_totals.values()):
        raise ValueError("row and column totals differ")
    columns = sorted(column_totals, key=lambda column: (column_totals[column], column))
    room = list(row_totals)
    table: list[dict[Column, int]] = [{} for _ in row_totals]
    for index, column in enumerate(columns[:-1]):
        later = columns[index:]
        weights = [
            room[row] * weight(row, column) * 10**6 // max(1, sum(weight(row, c) for c in later))
            for row in range(len(room))
        ]
        for row, share in enumerate(apportion(column_totals[column], weights, room)):
            table[row][column] = share
            room[row] -= share
    for row, rest in enumerate(room):
        table[row][columns[-1]] = rest
    return [{column: cells[column] for column in sorted(cells)} for cells in table]
