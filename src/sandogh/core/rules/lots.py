"""Drawing lots (قرعه) to break a tie that decides something, reproducibly.

`reference/iran-election-rules.md` (Ties): a tie is broken by drawing lots at a joint session of
the constituency's executive and supervisory boards, and the software records who drew, which seed
and the result; the same seed reproduces the same draw. Here the draw is a pure function of the
seed and the tied codes: the tied are ordered by the hex SHA-256 of the UTF-8 text
``seed + "\\n" + code``, smallest first. Anyone can redo it by hand, e.g. for each code
``printf '%s\\n%s' "$SEED" "$CODE" | sha256sum`` and sort. A seed chosen after the tie is known
could be chosen for its effect, so the boards' seed comes from a committed secret
(`core.rules.lot_commitment`, docs/lots.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


@dataclass(frozen=True)
class Lot:
    """What the boards drew: the seed and the people who drew it. A stored lot's seed is fixed by
    the secret its board committed to before the results (`core.rules.lot_commitment`)."""

    seed: str
    drawn_by: tuple[str, ...]

    def for_tie(self, _stake: Stake, _tied: Collection[str], /) -> Lot | None:
        """This one seed breaks any tie."""
        return self


class Lots(Protocol):
    """Where the rules find the lot for one tie: a single `Lot`, or the stored lots of a
    constituency (`core.rules.settled.LotBook`), each drawn for one tie only."""

    def for_tie(self, stake: Stake, tied: Collection[str], /) -> Lot | None: ...


class Stake(StrEnum):
    """What a tie decides."""

    SEAT = "seat"  # who takes the last seat(s), the majority boundary included
    RUNOFF = "runoff"  # who advances to the runoff
    ALTERNATE = "alternate"  # who becomes an alternate (علی‌البدل), and the alternates' order
    LIST_SEAT = "list-seat"  # which party list takes the last seat(s)


@dataclass(frozen=True)
class DrawnLot:
    """One tie broken by a lot: `tied` in code order, `order` as drawn (first drawn first)."""

    seed: str
    drawn_by: tuple[str, ...]
    stake: Stake
    tied: tuple[str, ...]
    order: tuple[str, ...]


@dataclass(frozen=True)
class LotRequired:
    """A tie that decides something and no lot to break it: `places` of the `tied` get the stake.

    For a tie among alternates the order is at stake too, so `places` may equal the tied count.
    """

    stake: Stake
    tied: tuple[str, ...]
    places: int


def draw(lot: Lot, stake: Stake, tied: Iterable[str]) -> DrawnLot:
    """Order the tied codes by the lot; the same seed and codes always give the same order."""
    codes = tuple(sorted(set(tied)))
    return DrawnLot(lot.seed, lot.drawn_by, stake, codes, lot_order(lot.seed, codes))


def lot_order(seed: str, codes: Iterable[str]) -> tuple[str, ...]:
    """`codes` in the order the seed draws them (also the candidates' ballot codes' draw)."""
    return tuple(sorted(set(codes), key=lambda code: _digest(seed, code)))


def _digest(seed: str, code: str) -> str:
    return hashlib.sha256(f"{seed}\n{code}".encode()).hexdigest()
