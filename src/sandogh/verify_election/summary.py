"""What a worker is given for one station, and what it gives back (`docs/e2e.md` §10, "Cores"):
both cross between processes, so they hold bytes, ints and strings only.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from dataclasses import dataclass, field

from sandogh.verify_election.checks import Ledger
from sandogh.verify_election.definition import ContestBallot
from sandogh.verify_election.election import Context, Listed
from sandogh.verify_election.web import Limits

PREFIX = 8  # bytes of each α kept for V12
TAG = 16  # bytes of each ballot's code tag kept for the code index's check (V10)


def code_tag(code: bytes, station: str, state: str, shown: str) -> bytes:
    """What the code index must hold of a ballot: its code, station and state, and what the
    look-up shows of it (`shown_of`), as TAG bytes of their SHA-256 (so a summary carries 16
    bytes a ballot, not the entry)."""
    parts = (code, station.encode(), state.encode(), shown.encode())
    return hashlib.sha256(b"\x00".join(parts)).digest()[:TAG]


def shown_of(state: str, counted: bool, opened: object) -> str:
    """What "Was my ballot counted?" tells a voter beyond the state: a cast ballot, whether its
    station's decrypted tally is in the record (§9's `counted`); a challenged one, the codes it
    opened to per contest, in order — the chain's `choices` ({contest: [codes]}) or the index's
    `opened` ([(contest, [codes])]), compared exactly as a list, so a contest the index repeats
    (the page shows every item) is not the chain's (anything else shows as unreadable)."""
    if state == "cast":
        return "counted" if counted else "pending"
    items = list(opened.items()) if isinstance(opened, dict) else opened
    if not isinstance(items, list) or not all(
        isinstance(item, tuple | list)
        and len(item) == 2
        and isinstance(item[0], str)
        and isinstance(item[1], list | tuple)
        and all(isinstance(c, str) for c in item[1])
        for item in items
    ):
        return "unreadable"
    return json.dumps([[contest, list(codes)] for contest, codes in items])


@dataclass(frozen=True)
class StationTask:
    location: str
    context: Context
    station: str
    ballot: tuple[ContestBallot, ...]
    chain_file: Listed | None  # the manifest's entries for the station's two files
    tally_file: Listed | None
    limits: Limits = field(default_factory=Limits)  # the run's (one wall-clock deadline for all)


@dataclass
class StationSummary:
    """What the main process needs of a station once its worker is done."""

    station: str
    ledger: Ledger = field(default_factory=Ledger)
    cast: int = 0
    challenged: int = 0
    #: the cast ballots' product per contest: (N_c, [(α, β) per option]) — V19 multiplies these
    tally: dict[str, tuple[int, list[tuple[bytes, bytes]]]] = field(default_factory=dict)
    values: dict[str, list[int]] = field(default_factory=dict)  # the tally file's values
    #: a large contest's rows X_1..X_L of its cast ballots, in chain order (V22)
    rows: dict[str, list[tuple[tuple[bytes, bytes], ...]]] = field(default_factory=dict)
    #: a large contest's signed figures: votes per candidate, then blank (V25)
    figures: dict[str, list[int]] = field(default_factory=dict)
    prefixes: bytes = b""  # PREFIX bytes of each selection's α, in chain order
    lines: array[int] = field(default_factory=lambda: array("I"))  # the line of each prefix
    tags: bytes = b""  # TAG bytes per ballot line, in chain order (`code_tag`)
    tag_lines: array[int] = field(default_factory=lambda: array("I"))  # the line of each tag


def ballot_name(station: str, line: int, code: bytes | None = None) -> str:
    named = f"{station} ballot at line {line}"
    return named if code is None else f"{named} (code {code.hex()[:16]}…)"
