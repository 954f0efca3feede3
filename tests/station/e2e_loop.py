"""The E2E cast loop that `test_e2e_box` kills between a prepare and its cast.

Run as `python -m tests.station.e2e_loop FOLDER FIRST LAST LOG` from the repository's root, on
an E2E station `build.voting_station(…, e2e=True)` made in FOLDER. Voters FIRST…LAST−1 each
prepare `crash_ballot(i)` (the log gets `code i HEX`) and cast it (`done i`); voter LAST
prepares (`prepared LAST TOKEN HEX`) and the loop then waits to be killed, its ballot prepared
and neither cast nor challenged. Each line is one unbuffered write to a file opened for
appending.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from sandogh.station.box import Box
from sandogh.station.box_check_in import IssuedCard
from sandogh.station.directory import StationDirectory
from sandogh.station.fake_centre import FakeCentre
from sandogh.station.printers import FilePrinter

from .build import DEFINITION_HASH, ELECTION, national_code
from .cast_loop import CRASH_BALLOT, crash_ballot

WAIT_LIMIT = 60  # seconds: the loop is killed long before


def main(folder: Path, first: int, last: int, log: Path) -> None:
    store, key = StationDirectory(folder / "station").open()
    centre = FakeCentre(
        election=ELECTION, definition_hash=DEFINITION_HASH, ballot=CRASH_BALLOT, seed=first
    )
    box = Box(store, key, centre, FilePrinter(folder / "printer.jsonl"))
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    for i in range(first, last + 1):
        card = box.check_in(national_code(i))
        if not isinstance(card, IssuedCard):
            raise SystemExit(f"voter {i} was refused: {card}")
        prepared = box.prepare(card.token, crash_ballot(i))
        if i == last:
            os.write(fd, f"prepared {i} {card.token} {prepared.code.hex()}\n".encode())
            time.sleep(WAIT_LIMIT)
            raise SystemExit("the loop was not killed")
        os.write(fd, f"code {i} {prepared.code.hex()}\n".encode())
        box.cast(card.token)
        os.write(fd, f"done {i}\n".encode())


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]))
