"""A stored lot settles exactly the tie it was drawn for: the same tie is broken by its seed; a
different tie (the counts changed) still waits for a lot of its own."""

import datetime
from dataclasses import replace

from sandogh.core.definition.rule import PluralityRule
from sandogh.core.rules import Stake, Status, decide, draw
from sandogh.core.rules.settled import SettledLot, lots_in, settled_json, settled_of

from .build import candidates, constituency, counts

RULE = PluralityRule()
AT = datetime.datetime(2024, 7, 6, 10, tzinfo=datetime.UTC)
TIED = {"41": 500, "42": 500, "43": 100}
LOT = SettledLot("parliament", "P2", Stake.SEAT, ("41", "42"), 1, "۱۴۰۳", ("رئیس",), "bami", AT)


def _decided(votes: dict[str, int], *lots: SettledLot) -> tuple[Status, tuple[str, ...]]:
    book = lots_in(lots, "parliament", "P2")
    outcome = decide(RULE, constituency(), candidates(votes), counts(votes), lot=book)
    return outcome.status, outcome.elected


def test_a_stored_lot_breaks_only_the_tie_it_names() -> None:
    assert _decided(TIED)[0] is Status.LOT_REQUIRED
    assert _decided(TIED, LOT) == (Status.DECIDED, draw(LOT.lot, Stake.SEAT, LOT.tied).order[:1])
    other = {"41": 500, "43": 500, "42": 100}  # another tie: the lot does not carry over
    assert _decided(other, LOT)[0] is Status.LOT_REQUIRED
    elsewhere = replace(LOT, constituency="P1")  # another constituency's lot
    assert _decided(TIED, elsewhere)[0] is Status.LOT_REQUIRED


def test_a_stored_lot_reads_back_as_written() -> None:
    assert settled_of(settled_json(LOT)) == LOT
