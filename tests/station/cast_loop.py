"""The cast loop that `test_crash` and `test_seized_box` kill: check voters in and cast their
ballots, one by one.

Run as `python -m tests.station.cast_loop FOLDER FIRST LAST LOG [PLAN]` from the repository's
root, on the station `build.voting_station` made in FOLDER with the plan's ballot. Plan `crash`
(the default): voter i casts `crash_ballot(i)`, a ballot no other voter of the run casts, so each
confirmed ballot can be found among the records. Plan `seized`: voter i casts `seized_ballot(i)`,
drawn from a generator seeded by i, on a ballot whose every ballot names several codes. The log
gets `ready` once the box is open, `attempt i` before voter i checks in and `done i` once the
cast has returned, and on an E2E box `nonce HEX` for each ballot nonce the box draws (so that
`test_seized_box` can look for it); each line is one unbuffered write to a file opened for
appending, so a line written before a SIGKILL is in the file.
"""

from __future__ import annotations

import os
import random
import secrets
import sys
from collections.abc import Callable
from pathlib import Path

from sandogh.core.report import BallotContest, Choice
from sandogh.station.box import Box
from sandogh.station.box_check_in import IssuedCard
from sandogh.station.directory import StationDirectory
from sandogh.station.fake_centre import FakeCentre
from sandogh.station.printers import FilePrinter

from .build import DEFINITION_HASH, ELECTION, national_code

_CODES = tuple(str(n) for n in range(40))
CRASH_BALLOT = (BallotContest("a", 1, _CODES), BallotContest("b", 1, _CODES))
_BASE = len(_CODES) + 1  # a code, or blank (the digit `len(_CODES)`), in each contest
DISTINCT_BALLOTS = _BASE**2


def crash_ballot(i: int) -> tuple[Choice, Choice]:
    """Voter i's ballot: i written in base `_BASE` over the two contests, the top digit
    meaning blank."""
    first, second = i % _BASE, i // _BASE
    return (
        Choice("a", () if first == len(_CODES) else (_CODES[first],)),
        Choice("b", () if second == len(_CODES) else (_CODES[second],)),
    )


def voter_of(choices: tuple[Choice, ...]) -> int:
    """The voter whose ballot `choices` is (the inverse of `crash_ballot`)."""
    by_contest = {choice.contest: choice.codes for choice in choices}
    first, second = (int(by_contest[c][0]) if by_contest[c] else len(_CODES) for c in ("a", "b"))
    return first + _BASE * second


SEIZED_BALLOT = (
    BallotContest("president", 1, ("7301", "7302", "7303", "7304")),
    BallotContest("parliament", 3, tuple(str(n) for n in range(611, 623))),
    BallotContest("council", 5, tuple(str(n) for n in range(8401, 8421))),
)


def seized_ballot(i: int) -> tuple[Choice, ...]:
    """Voter i's ballot: blank for president now and then, one to three Majlis codes, two to
    five council codes; so every ballot names at least three codes."""
    draw = random.Random(f"seized:{i}")
    president, parliament, council = SEIZED_BALLOT
    return (
        Choice("president", () if draw.random() < 0.1 else (draw.choice(president.candidates),)),
        Choice("parliament", tuple(draw.sample(parliament.candidates, draw.randint(1, 3)))),
        Choice("council", tuple(draw.sample(council.candidates, draw.randint(2, 5)))),
    )


PLANS: dict[str, tuple[tuple[BallotContest, ...], Callable[[int], tuple[Choice, ...]]]] = {
    "crash": (CRASH_BALLOT, crash_ballot),
    "seized": (SEIZED_BALLOT, seized_ballot),
}


def main(folder: Path, first: int, last: int, log: Path, plan: str = "crash") -> None:
    ballot, choices = PLANS[plan]
    store, key = StationDirectory(folder / "station").open()
    # a centre seeded by the run, so that no run hands out a token an earlier run did
    centre = FakeCentre(
        election=ELECTION, definition_hash=DEFINITION_HASH, ballot=ballot, seed=first
    )
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def new_nonce() -> bytes:
        nonce = secrets.token_bytes(32)
        os.write(fd, f"nonce {nonce.hex()}\n".encode())
        return nonce

    box = Box(store, key, centre, FilePrinter(folder / "printer.jsonl"), new_nonce=new_nonce)
    os.write(fd, b"ready\n")
    for i in range(first, last):
        os.write(fd, f"attempt {i}\n".encode())
        card = box.check_in(national_code(i))
        if not isinstance(card, IssuedCard):
            raise SystemExit(f"voter {i} was refused: {card}")
        box.cast(card.token, choices(i))
        os.write(fd, f"done {i}\n".encode())


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]), *sys.argv[5:])
