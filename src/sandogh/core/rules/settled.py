"""Lots (قرعه) as the boards' stored decisions: each drawn once for one tie, then used by every
outcome computation.

`reference/iran-election-rules.md` (Ties): a tie that decides something is broken by drawing lots
at a joint session of the constituency's executive and supervisory boards, and the software
records who drew, which seed and the result. Issue 12, section 2: a lot is a stored decision —
who drew, the public seed, the tie it settles (the tied candidates or lists, what is at stake) —
not a per-command option that could differ between two calls. A lot settles exactly the tie it was
drawn for: if the counts change so that another tie arises, that tie waits for its own lot.
The order it gives is `core.rules.lots.draw`, which anyone can redo by hand from the seed; the
seed is fixed by a secret the board committed to before the results (`core.rules.lot_commitment`),
published with the lot (`revealed`) so that anyone can check it (`reveal_problems`).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sandogh.core.canonical_json import JSONValue
from sandogh.core.rules.lot_commitment import Revealed, commitment_of, tie_seed
from sandogh.core.rules.lots import Lot, Stake


@dataclass(frozen=True)
class SettledLot:
    """A lot drawn for one tie of (contest, constituency): `tied` sorted, `places` of them at
    `stake`; `by` recorded it at `at`."""

    contest: str
    constituency: str
    stake: Stake
    tied: tuple[str, ...]
    places: int
    seed: str
    drawn_by: tuple[str, ...]
    by: str
    at: datetime.datetime
    revealed: Revealed | None = None  # None only in lots stored before commitments

    @property
    def lot(self) -> Lot:
        return Lot(self.seed, self.drawn_by)

    def settles(self, stake: Stake, tied: Collection[str]) -> bool:
        return stake is self.stake and set(tied) == set(self.tied)

    @property
    def tie_key(self) -> str:
        """What names the tie: a second lot for it is refused."""
        return "|".join((self.contest, self.constituency, self.stake.value, *self.tied))


@dataclass(frozen=True)
class LotBook:
    """The stored lots of one constituency, each found only for the tie it settles."""

    settled: tuple[SettledLot, ...] = ()

    def for_tie(self, stake: Stake, tied: Collection[str], /) -> Lot | None:
        return next((s.lot for s in self.settled if s.settles(stake, tied)), None)


def lots_in(settled: Iterable[SettledLot], contest: str, constituency: str) -> LotBook:
    return LotBook(
        tuple(s for s in settled if (s.contest, s.constituency) == (contest, constituency))
    )


def settled_json(lot: SettledLot) -> dict[str, JSONValue]:
    made: dict[str, JSONValue] = {
        "contest": lot.contest,
        "constituency": lot.constituency,
        "stake": lot.stake.value,
        "tied": list(lot.tied),
        "places": lot.places,
        "seed": lot.seed,
        "drawn_by": list(lot.drawn_by),
        "by": lot.by,
        "at": lot.at.isoformat(),
    }
    if lot.revealed is not None:
        made["commitment"] = lot.revealed.commitment
        made["secret"] = lot.revealed.secret
        made["committed_by"] = lot.revealed.committed_by
        made["committed_at"] = lot.revealed.committed_at.isoformat()
    return made


def settled_of(data: Mapping[str, Any]) -> SettledLot:
    """The lot `settled_json` wrote; raises KeyError, ValueError or TypeError on anything else."""
    return SettledLot(
        str(data["contest"]),
        str(data["constituency"]),
        Stake(data["stake"]),
        tuple(sorted(str(code) for code in data["tied"])),
        int(data["places"]),
        str(data["seed"]),
        tuple(str(name) for name in data["drawn_by"]),
        str(data["by"]),
        datetime.datetime.fromisoformat(str(data["at"])),
        _revealed(data) if "commitment" in data else None,
    )


def _revealed(data: Mapping[str, Any]) -> Revealed:
    return Revealed(
        str(data["commitment"]),
        str(data["secret"]),
        str(data["committed_by"]),
        datetime.datetime.fromisoformat(str(data["committed_at"])),
    )


def reveal_problems(lot: SettledLot) -> list[tuple[str, str, str]]:
    """What does not hold of a lot's commitment, each as (field, published, expected): the
    secret must hash to the commitment, the seed must be the tie's seed of the secret, and the
    commitment must come before the lot. A lot without one is refused: its seed was chosen."""
    revealed = lot.revealed
    if revealed is None:
        return [("commitment", "", "a commitment logged before the results")]
    found = []
    if commitment_of(revealed.secret) != revealed.commitment:
        found.append(("commitment", revealed.commitment, commitment_of(revealed.secret)))
    seed = tie_seed(revealed.secret, lot.contest, lot.constituency, lot.stake, lot.tied)
    if lot.seed != seed:
        found.append(("seed", lot.seed, seed))
    if revealed.committed_at >= lot.at:
        found.append(("committed_at", revealed.committed_at.isoformat(), f"< {lot.at.isoformat()}"))
    return found
