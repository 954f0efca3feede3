"""The lot's commitment and seed (docs/lots.md): the formulas redone by hand as the spec says,
and each published field that does not agree named (review S19 F1)."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.rules import Stake
from sandogh.core.rules.lot_commitment import Revealed, commitment_of, tie_seed
from sandogh.core.rules.settled import SettledLot, reveal_problems, settled_json, settled_of

SECRET = "راز هیئت بم ۱۴۰۳ — 5c1e9a07d3"
AT = datetime.datetime(2024, 7, 5, 21, tzinfo=datetime.UTC)
COMMITTED = datetime.datetime(2024, 7, 5, 7, tzinfo=datetime.UTC)


def _by_hand(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _lot(secret: str = SECRET) -> SettledLot:
    seed = tie_seed(secret, "parliament", "P2", Stake.SEAT, ("42", "41"))
    revealed = Revealed(commitment_of(secret), secret, "bami", COMMITTED)
    return SettledLot(
        "parliament", "P2", Stake.SEAT, ("41", "42"), 1, seed, ("رئیس",), "bami", AT, revealed
    )


@given(st.text(min_size=1))
def test_the_formulas_are_the_ones_the_spec_gives_by_hand(secret: str) -> None:
    assert commitment_of(secret) == _by_hand(["sandogh/lot-commitment@1", secret])
    tie = ["sandogh/lot-seed@1", secret, "parliament", "P2", "seat", ["41", "42"]]
    assert tie_seed(secret, "parliament", "P2", Stake.SEAT, ["42", "41"]) == _by_hand(tie)


def test_a_revealed_lot_reads_back_and_holds() -> None:
    lot = _lot()
    assert settled_of(settled_json(lot)) == lot
    assert reveal_problems(lot) == []


def test_each_field_that_does_not_agree_is_named() -> None:
    lot = _lot()
    assert lot.revealed is not None
    other = replace(lot.revealed, secret=SECRET + "!")
    assert [p[0] for p in reveal_problems(replace(lot, revealed=other))] == ["commitment", "seed"]
    assert [p[0] for p in reveal_problems(replace(lot, seed="قرعه ۱۴۰۲"))] == ["seed"]
    late = replace(lot.revealed, committed_at=AT)
    assert [p[0] for p in reveal_problems(replace(lot, revealed=late))] == ["committed_at"]
    assert [p[0] for p in reveal_problems(replace(lot, revealed=None))] == ["commitment"]
