"""Receiving a station's E2E ballot chain from its box, after the final report (issue 10).

docs/e2e.md §7 ("Sending the chain") and §9. The chain file proves itself as a report does: it
is taken when the final report of its station, signed by the box its first line names, commits
to the close it ends with (`e2e.chain_close`) and to the hash of the tally of its cast ballots
(`e2e.tally_hash`), and when every line holds (`core.e2e.chain_file.check_chain`: the start from
the station, the box and its zero report; each ballot well-formed with its proofs and its code;
each challenged ballot opened to exactly its choices; the close). The checks, in order, each a
refusal with its reason and every problem:

- `malformed`: the bytes are no chain file (every line named);
- `not-e2e`: no final report of the station commits to a chain, or the election has no
  ceremony record at the centre (nothing to check the proofs against);
- `no-final-report`: the station's final report has not come yet (send it first: the box's
  outbox sends reports before chains, and retries);
- `chain-mismatch`: the final report commits to another close or tally, or the file does not
  hold against it;
- `conflicting`: the centre holds another chain of the station.

Every proof is checked again here, so that a chain the centre holds is one the record's verifier
passes: about 2.7 ms a ballot of one contest of two candidates (2 ms the proofs, 0.6 ms reading),
so some 5 s for a station of 2,000 voters, in the request (measured on the simulated day, one core).
The same bytes again are taken once (`duplicate`). Taking a chain is recorded in the event log
(`ballot-chain-accepted`), which the publisher follows to write the station's part of the E2E
record. A refusal is only counted per source and minute (`services.refusals`): nothing in a
refused file shows who sent it. The hashes of the chain are checked before its proofs, so a file
that does not close as the station's report signs costs the centre no proof.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.ballot import ElectionContext
from sandogh.core.e2e.chain_file import (
    ChainFile,
    ChainFormatError,
    check_chain,
    read_chain,
    tally_of,
)
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.tally import tally_hash
from sandogh.core.errors import SandoghError
from sandogh.core.log import Disposition, Event, EventType, JSONValue
from sandogh.core.report import (
    ReportKind,
    StationReport,
    decode_report,
    decode_signed,
)
from sandogh.core.report.digests import sha256_text
from sandogh.core.report.json_reader import Reader
from sandogh.services.days import day_of
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ports import StoredChain, UnitOfWork
from sandogh.services.refusals import DEVICE_ROLE, LOCAL, count_refusal

_SHOWN_PROBLEMS = 5


class ChainRefusal(StrEnum):
    MALFORMED = "malformed"
    NOT_E2E = "not-e2e"
    NO_FINAL_REPORT = "no-final-report"
    CHAIN_MISMATCH = "chain-mismatch"
    CONFLICTING = "conflicting"


class ChainRefusedError(SandoghError):
    """The chain was refused: `reason`, and every problem found. `claim` is (election, station,
    device) once the chain was tied to an enrolled box's final report."""

    def __init__(
        self,
        reason: ChainRefusal,
        problems: Sequence[Problem],
        *,
        received: str,
        claim: tuple[str, str, str] | None = None,
    ) -> None:
        self.reason = reason
        self.problems = tuple(problems)
        self.received = received
        self.claim = claim
        shown = "; ".join(str(p) for p in self.problems[:3])
        super().__init__(f"chain {received} refused ({reason.value}): {shown}")


@dataclass(frozen=True)
class ReceivedChain:
    election: str
    station: str
    chain_hash: str
    cast: int
    challenged: int
    duplicate: bool


def receive_chain(
    uow: UnitOfWorkFactory, *, data: bytes, now: datetime.datetime, source: str = LOCAL
) -> ReceivedChain:
    """Check and store one station's chain file (the module docstring), or refuse it."""
    try:
        with uow() as work:
            return _receive(work, data, now)
    except ChainRefusedError as refused:
        _record_refusal(uow, refused, now, source)
        raise


def _receive(work: UnitOfWork, data: bytes, now: datetime.datetime) -> ReceivedChain:
    received = sha256_text(data)
    station, close = _station_and_close(data, received)
    election, report = _final_report(work, station, close, received)
    claim = (election, station, report.device.raw.hex())
    ceremony = work.e2e.ceremony(election)
    if ceremony is None:
        raise ChainRefusedError(
            ChainRefusal.NOT_E2E,
            [Problem("", f"the centre holds no E2E ceremony record of {election}")],
            received=received,
            claim=claim,
        )
    held = work.e2e.chain(election, station)
    if held is not None:
        if held.data == data:
            chain = read_chain(_context(ceremony.joint_key, ceremony.extended_hash), data)
            return ReceivedChain(
                election, station, held.chain_hash, chain.close.cast, chain.close.challenged, True
            )
        raise ChainRefusedError(
            ChainRefusal.CONFLICTING,
            [Problem("", f"the centre holds another chain of {station}: {held.chain_hash}")],
            received=received,
            claim=claim,
        )
    context = _context(ceremony.joint_key, ceremony.extended_hash)
    try:
        chain = read_chain(context, data)
    except ChainFormatError as error:
        raise ChainRefusedError(
            ChainRefusal.MALFORMED, error.problems, received=received, claim=claim
        ) from error
    problems = _mismatches(work, context, chain, election, report)
    if problems:
        raise ChainRefusedError(
            ChainRefusal.CHAIN_MISMATCH, problems, received=received, claim=claim
        )
    work.e2e.add_chain(StoredChain(election, station, claim[2], received, data, now))
    details: dict[str, JSONValue] = {
        "chain_hash": received,
        "cast": chain.close.cast,
        "challenged": chain.close.challenged,
    }
    work.events.record(
        _event(now, claim, EventType.BALLOT_CHAIN_ACCEPTED, Disposition.DONE, details)
    )
    work.commit()
    return ReceivedChain(
        election, station, received, chain.close.cast, chain.close.challenged, False
    )


def _context(joint_key: str, extended_hash: str) -> ElectionContext:
    return ElectionContext(RISTRETTO255, bytes.fromhex(extended_hash), bytes.fromhex(joint_key))


def _station_and_close(data: bytes, received: str) -> tuple[str, str]:
    """The station the first line names and the close the last gives: which final report the
    file must hold against (every line is read strictly then, by `read_chain`). Each way the
    file cannot even say that is named in plain words (the review found "Expecting value" for
    an empty body)."""
    problems = _shape(data)
    if problems:
        raise ChainRefusedError(ChainRefusal.MALFORMED, problems, received=received)
    lines = data.split(b"\n")[:-1]
    first, last = _line_object(1, lines[0]), _line_object(len(lines), lines[-1])
    problems = [p for p in (first, last) if isinstance(p, Problem)]
    station = first.get("station") if isinstance(first, dict) else None
    close = last.get("close") if isinstance(last, dict) else None
    if isinstance(first, dict) and not (isinstance(station, str) and station):
        problems.append(Problem("line 1.station", "the first line must name the station"))
    if isinstance(last, dict) and not (isinstance(close, str) and close):
        problems.append(Problem(f"line {len(lines)}.close", "the last line must be the close"))
    if problems or not isinstance(station, str) or not isinstance(close, str):
        raise ChainRefusedError(ChainRefusal.MALFORMED, problems, received=received)
    return station, close


def _shape(data: bytes) -> list[Problem]:
    """What is wrong with the file's lines as lines, before any is read."""
    if not data.strip():
        return [Problem("", _EMPTY)]
    if not data.endswith(b"\n"):
        return [Problem("", "the last line must end in a newline (the file ends with one)")]
    lines = data.split(b"\n")[:-1]
    empty = [number for number, line in enumerate(lines, start=1) if not line.strip()]
    if empty:
        where = ", ".join(str(n) for n in empty[:5])
        return [
            Problem(
                f"line {empty[0]}",
                f"empty line (line {where}): a chain file has no empty line, and ends with "
                "its close and one newline",
            )
        ]
    if len(lines) < 2:
        return [Problem("", "one line only: a chain file is a start, its ballots and a close")]
    return []


_EMPTY = "the file is empty: a chain file is a start line, its ballots and a close line"


def _line_object(number: int, line: bytes) -> dict[str, object] | Problem:
    """The object on line `number`, or the problem naming why it is none."""
    reader = Reader()
    value = reader.parse(line)
    if reader.problems:
        problem = reader.problems[0]
        return Problem(f"line {number}", problem.message)
    if not isinstance(value, dict):
        return Problem(f"line {number}", "must be a JSON object")
    return value


def _final_report(
    work: UnitOfWork, station: str, close: str, received: str
) -> tuple[str, StationReport]:
    """The election and final report of `station` that commit to a chain closing with `close`
    (a station code may be in several elections: a round and its runoff)."""
    committed: list[tuple[str, StationReport]] = []
    reported = False
    for election in work.elections.ids():
        stored = work.reports.get(election, station, ReportKind.FINAL.value)
        if stored is None:
            continue
        reported = True
        report = decode_report(decode_signed(stored.signed).report)
        if report.e2e is not None:
            committed.append((election, report))
    for election, report in committed:
        if report.e2e is not None and report.e2e.chain_close == close:
            return election, report
    if committed:
        election, report = committed[0]
        raise ChainRefusedError(
            ChainRefusal.CHAIN_MISMATCH,
            [Problem("close", f"the final report of {station} commits to another close")],
            received=received,
            claim=(election, station, report.device.raw.hex()),
        )
    if reported:
        raise ChainRefusedError(
            ChainRefusal.NOT_E2E,
            [Problem("", f"the final report of {station} commits to no E2E chain")],
            received=received,
        )
    raise ChainRefusedError(
        ChainRefusal.NO_FINAL_REPORT,
        [Problem("", f"the centre holds no final report of {station} yet")],
        received=received,
    )


def _mismatches(
    work: UnitOfWork,
    context: ElectionContext,
    chain: ChainFile,
    election: str,
    report: StationReport,
) -> list[Problem]:
    """Every way the chain does not hold against the station's reports (its zero report's hash,
    the final report's box and commitment)."""
    station = report.station
    zero = work.reports.get(election, station, ReportKind.ZERO.value)
    if zero is None:  # ingest takes no final report without its zero report
        return [Problem("", f"the centre holds no zero report of {station}")]
    ballot = day_of(work, election).ballot(station)
    problems = check_chain(
        context,
        chain,
        ballot,
        station=station,
        device=report.device,
        zero_report={zero.report_hash},  # §7: of the signed zero report's bytes
    )
    assert report.e2e is not None
    if tally_hash(context, tally_of(context, chain, ballot)).hex() != report.e2e.tally_hash:
        problems.append(
            Problem("tally", "the cast ballots' tally does not hash to the final report's")
        )
    return problems


def _event(
    now: datetime.datetime,
    claim: tuple[str, str, str],
    type_: EventType,
    disposition: Disposition,
    details: dict[str, JSONValue],
) -> Event:
    election, station, device = claim
    return Event(
        time=now,
        actor=f"ed25519:{device}",
        role=DEVICE_ROLE,
        place=station,
        type=type_,
        disposition=disposition,
        details={"election": election, "device": device} | details,
    )


def _record_refusal(
    uow: UnitOfWorkFactory, refused: ChainRefusedError, now: datetime.datetime, source: str
) -> None:
    """Count the refusal per source and minute (`services.refusals`), whatever its reason: a
    chain file is signed by no one, and everything a refused one names (its station, its close)
    can be copied from the published reports, so a refusal never shows who sent it, and no one
    may fill the event log with them."""
    details: dict[str, JSONValue] = {
        "reason": refused.reason.value,
        "received": refused.received,
        "problems": [str(p) for p in refused.problems[:_SHOWN_PROBLEMS]],
    }
    if refused.claim is not None:
        details["station"] = refused.claim[1]
    count_refusal(uow, source=source, reason=refused.reason.value, now=now, details=details)
