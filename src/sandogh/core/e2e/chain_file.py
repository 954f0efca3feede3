"""A station's chain file read and checked: what the centre takes from a box, and what the
record publishes as `e2e/ballots/<station>.jsonl` (docs/e2e.md §7, §9).

`read_chain` reads the JSON Lines strictly (each line canonical JSON, every field named, every
ballot through `ballot_json`), naming every problem by its line. `check_chain` then holds the
chain to its station and election: the start is H_0 of the station, the box and the zero
report; every ballot is well-formed (`ballot.check_ballot`) and carries the code that follows
the one before it; a challenged ballot encrypts, again, exactly the choices it was opened with
(`ballot.open_challenged`); the close counts each state and is H_close (the hashes first, the
proofs only once they hold). What it proves about the
station's tally (that it hashes to what the final report signs) is `tally_of`'s, the product
of the cast ballots (`core.e2e.tally`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from sandogh.core.canonical_json import JSONValue, NotCanonicalError, canonical_json
from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.ballot import (
    ElectionContext,
    EncryptedBallot,
    ballot_hash,
    check_ballot,
    open_challenged,
)
from sandogh.core.e2e.ballot_json import BallotFormatError, ballot_from_json
from sandogh.core.e2e.chain import chain_close, chain_start, confirmation_code
from sandogh.core.e2e.tally import station_tally
from sandogh.core.e2e.tally_files import Tally
from sandogh.core.errors import SandoghError
from sandogh.core.report import BallotContest, PublicKey
from sandogh.core.report.json_reader import Reader

CHAIN_FORMAT = "sandogh/e2e-chain@1"
CAST, CHALLENGED = "cast", "challenged"
_HEX = re.compile("[0-9a-f]{64}")
_DIGEST = re.compile("sha256:[0-9a-f]{64}")
_KEY = re.compile("ed25519:[0-9a-f]{64}")
_START = frozenset(("station", "device", "zero_report", "start"))
_CAST_LINE = frozenset(("code", "state", "ballot"))
_CHALLENGED_LINE = _CAST_LINE | {"nonce", "choices"}
_CLOSE = frozenset(("close", "cast", "challenged"))
_EMPTY_LINE = "empty: a chain file has no empty line, and ends with its close and one newline"
_NOT_CANONICAL = (
    "not canonical JSON (keys sorted, no spaces, each line one object ending in one newline)"
)


class ChainFormatError(SandoghError):
    """Bytes that are no chain file: every problem, its path starting with the line number."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        shown = "; ".join(str(p) for p in self.problems[:3])
        super().__init__(f"not a chain file: {shown}{'; …' if len(self.problems) > 3 else ''}")


@dataclass(frozen=True)
class ChainStart:
    station: str
    device: PublicKey
    zero_report: str  # sha256:HEX, the zero report's hash (§7)
    start: bytes


@dataclass(frozen=True)
class ChainBallot:
    """One ballot line; `nonce` and `choices` only for a challenged ballot."""

    line: int  # from 1, the start being line 1
    code: bytes
    challenged: bool
    ballot: EncryptedBallot
    nonce: bytes | None = None
    choices: Mapping[str, tuple[str, ...]] | None = None


@dataclass(frozen=True)
class ChainClose:
    close: bytes
    cast: int
    challenged: int


@dataclass(frozen=True)
class ChainFile:
    start: ChainStart
    ballots: tuple[ChainBallot, ...]
    close: ChainClose

    @property
    def cast_ballots(self) -> list[EncryptedBallot]:
        return [entry.ballot for entry in self.ballots if not entry.challenged]


def read_chain(context: ElectionContext, data: bytes) -> ChainFile:
    """The chain file `data` holds, or `ChainFormatError` naming every problem."""
    lines = data.split(b"\n")
    problems: list[Problem] = []
    if len(lines) < 3 or lines[-1] != b"":
        raise ChainFormatError(
            [Problem("", "a start, ballots and a close, each line ending in a newline")]
        )
    lines.pop()
    empty = [Problem(f"line {n}", _EMPTY_LINE) for n, line in enumerate(lines, 1) if not line]
    if empty:  # an extra newline at the end, or between two lines: said as such
        raise ChainFormatError(empty)
    start = _start(lines[0], problems)
    ballots = [
        entry
        for number, line in enumerate(lines[1:-1], start=2)
        if (entry := _ballot(context, number, line, problems)) is not None
    ]
    close = _close(len(lines), lines[-1], problems)
    if problems or start is None or close is None:
        raise ChainFormatError(problems)
    return ChainFile(start, tuple(ballots), close)


def check_chain(
    context: ElectionContext,
    chain: ChainFile,
    station_ballot: Sequence[BallotContest],
    *,
    station: str,
    device: PublicKey,
    zero_report: Collection[str],
) -> list[Problem]:
    """Every way `chain` is not the chain of `station`'s box `device` from the zero report whose
    hash is one of `zero_report`: its start, its codes and its close (§7), and then, only when
    those hold, each ballot's proofs and the challenged ballots' openings (§6). Empty when it
    holds. The hashes go first because they cost next to nothing: a file that does not end
    with the close its station's report signs is refused before any proof is checked."""
    problems = check_links(context, chain, station=station, device=device, zero_report=zero_report)
    if problems:
        return problems
    for entry in chain.ballots:
        at = f"line {entry.line}.ballot"
        if entry.ballot.station != station:
            problems.append(Problem(f"{at}.station", f"{entry.ballot.station}"))
        problems += [
            Problem(f"{at}.{p.path}", p.message)
            for p in check_ballot(
                context, entry.ballot, station_ballot, station=station, device=device.raw
            )
        ]
        if entry.challenged and entry.nonce is not None and entry.choices is not None:
            problems += [
                Problem(f"{at}.{p.path}", p.message)
                for p in open_challenged(
                    context,
                    station,
                    station_ballot,
                    entry.ballot,
                    device=device.raw,
                    nonce=entry.nonce,
                    choices=entry.choices,
                )
            ]
    return problems


def check_links(
    context: ElectionContext,
    chain: ChainFile,
    *,
    station: str,
    device: PublicKey,
    zero_report: Collection[str],
) -> list[Problem]:
    """The start, every code and the close, computed again: `check_chain` without the proofs,
    what a guardian needs to know that a chain is the one its station's final report closes
    (§8)."""
    problems: list[Problem] = []
    start = chain.start
    if start.station != station:
        problems.append(Problem("line 1.station", f"{start.station}, not {station}"))
    if start.device != device:
        problems.append(Problem("line 1.device", f"{start.device.text} is not the box, {device}"))
    if start.zero_report not in zero_report:
        problems.append(
            Problem("line 1.zero_report", f"is not the zero report's hash, {sorted(zero_report)}")
        )
    expected = chain_start(
        context.extended_hash,
        station,
        device.raw,
        bytes.fromhex(start.zero_report.removeprefix("sha256:")),
    )
    if start.start != expected:
        problems.append(Problem("line 1.start", "is not H_0 of the station, box and zero report"))
    last, counts = expected, {CAST: 0, CHALLENGED: 0}
    for entry in chain.ballots:
        last = confirmation_code(context.extended_hash, last, ballot_hash(context, entry.ballot))
        if entry.code != last:
            problems.append(Problem(f"line {entry.line}.code", "does not follow the chain"))
        counts[CHALLENGED if entry.challenged else CAST] += 1
    close = chain.close
    at = f"line {len(chain.ballots) + 2}"
    for state, figure in ((CAST, close.cast), (CHALLENGED, close.challenged)):
        if figure != counts[state]:
            problems.append(Problem(f"{at}.{state}", f"{figure}, the chain has {counts[state]}"))
    if close.close != chain_close(context.extended_hash, last, counts[CAST], counts[CHALLENGED]):
        problems.append(Problem(f"{at}.close", "is not H_close of the chain"))
    return problems


def tally_of(
    context: ElectionContext, chain: ChainFile, station_ballot: Sequence[BallotContest]
) -> Tally:
    """The station's encrypted tally: the product of the chain's cast ballots (§8)."""
    return station_tally(context, chain.start.station, station_ballot, chain.cast_ballots)


def _parsed(number: int, line: bytes, problems: list[Problem]) -> Mapping[str, object] | None:
    reader = Reader()
    document = reader.parse(line)
    if document is not None:
        # a value canonical JSON cannot write (a number past 2^53 - 1, the review's
        # "cast": 10**400) is named here, by its line, not left to fail further on
        try:
            canonical = canonical_json(cast(JSONValue, document))
        except NotCanonicalError as error:
            for problem in error.problems:
                reader.problem(problem.path.lstrip("."), problem.message)
        else:
            if canonical != line:
                reader.problem("", _NOT_CANONICAL)
    problems += [Problem(f"line {number}{_dot(p.path)}", p.message) for p in reader.problems]
    if reader.problems or not isinstance(document, dict):
        if not reader.problems:
            problems.append(Problem(f"line {number}", "must be an object"))
        return None
    return document


def _dot(path: str) -> str:
    return f".{path}" if path else ""


def _fields(
    number: int, document: Mapping[str, object], required: frozenset[str], problems: list[Problem]
) -> Reader | None:
    reader = Reader()
    reader.fields(document, "", required)
    if reader.problems:
        problems += [Problem(f"line {number}{_dot(p.path)}", p.message) for p in reader.problems]
        return None
    return reader


def _start(line: bytes, problems: list[Problem]) -> ChainStart | None:
    document = _parsed(1, line, problems)
    if document is None:
        return None
    if document.get("format") != CHAIN_FORMAT:
        problems.append(Problem("line 1.format", f"must be {CHAIN_FORMAT}"))
    document = {key: value for key, value in document.items() if key != "format"}
    reader = _fields(1, document, _START, problems)
    if reader is None:
        return None
    station = reader.text(document["station"], "station")
    device = reader.text(document["device"], "device", _KEY)
    zero = reader.text(document["zero_report"], "zero_report", _DIGEST)
    start = reader.text(document["start"], "start", _HEX)
    problems += [Problem(f"line 1.{p.path}", p.message) for p in reader.problems]
    if reader.problems:
        return None
    return ChainStart(station, PublicKey.from_text(device), zero, bytes.fromhex(start))


def _ballot(
    context: ElectionContext, number: int, line: bytes, problems: list[Problem]
) -> ChainBallot | None:
    document = _parsed(number, line, problems)
    if document is None:
        return None
    challenged = document.get("state") == CHALLENGED
    reader = _fields(number, document, _CHALLENGED_LINE if challenged else _CAST_LINE, problems)
    if reader is None:
        return None
    state = reader.text(document["state"], "state")
    if state not in (CAST, CHALLENGED):
        reader.problem("state", f"must be {CAST} or {CHALLENGED}, not {state!r}")
    code = reader.text(document["code"], "code", _HEX)
    nonce = reader.text(document["nonce"], "nonce", _HEX) if challenged else None
    choices = _choices(reader, document["choices"]) if challenged else None
    problems += [Problem(f"line {number}.{p.path}", p.message) for p in reader.problems]
    try:
        ballot = ballot_from_json(context.group, document["ballot"])
    except BallotFormatError as error:
        problems += [Problem(f"line {number}.ballot.{p.path}", p.message) for p in error.problems]
        return None
    if reader.problems:
        return None
    return ChainBallot(
        number,
        bytes.fromhex(code),
        challenged,
        ballot,
        None if nonce is None else bytes.fromhex(nonce),
        choices,
    )


def _choices(reader: Reader, value: object) -> dict[str, tuple[str, ...]]:
    document = reader.mapping(value, "choices")
    if document is None:
        return {}
    choices: dict[str, tuple[str, ...]] = {}
    for contest, codes in document.items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            reader.problem(f"choices.{contest}", "must be a list of candidate codes")
            continue
        choices[contest] = tuple(codes)
    return choices


def _close(number: int, line: bytes, problems: list[Problem]) -> ChainClose | None:
    document = _parsed(number, line, problems)
    if document is None:
        return None
    reader = _fields(number, document, _CLOSE, problems)
    if reader is None:
        return None
    close = reader.text(document["close"], "close", _HEX)
    cast = reader.figure(document["cast"], "cast")
    challenged = reader.figure(document["challenged"], "challenged")
    problems += [Problem(f"line {number}.{p.path}", p.message) for p in reader.problems]
    if reader.problems:
        return None
    return ChainClose(bytes.fromhex(close), cast, challenged)
