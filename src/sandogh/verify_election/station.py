"""One station's record, checked whole by one worker: V1 for its files and V6–V11, V13–V18 of
`docs/e2e.md` §10. The chain is read line by line; what stays in memory is one ballot, the
running tally and 8 bytes per selection's α (for V12, which needs every station).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sandogh.verify_election.ballots import (
    AnyContest,
    check_proofs,
    read_ballot,
    read_choices,
    reencrypts,
)
from sandogh.verify_election.chain import (
    ballot_hash,
    box_hash,
    chain_close,
    chain_start,
    confirmation_code,
)
from sandogh.verify_election.checks import Check, Ledger
from sandogh.verify_election.election import GROUP, Context, bound, file_agrees
from sandogh.verify_election.errors import RecordError
from sandogh.verify_election.reading import Source, count, digest, parse_json, prefixed
from sandogh.verify_election.reading import (
    field as read_field,
)
from sandogh.verify_election.reports import check_final, read_report, zero_hash
from sandogh.verify_election.slots import SlotContest, slot_row
from sandogh.verify_election.summary import (
    PREFIX,
    StationSummary,
    StationTask,
    ballot_name,
    code_tag,
    shown_of,
)
from sandogh.verify_election.tally import check_tally

CHAIN_FORMAT = "sandogh/e2e-chain@1"


@dataclass
class _Chain:
    previous: bytes = b""
    closed: bytes | None = None
    device: bytes | None = None  # the box's key, from the start
    box: bytes = b""  # H_D of the station and that key; none on a start without a device
    prefixes: bytearray = field(default_factory=bytearray)
    tags: bytearray = field(default_factory=bytearray)


def check_station(task: StationTask) -> StationSummary:
    """Every check of one station; a value of a form no check foresaw (a list where a number
    belongs, deep in a proof) fails the station, named, rather than the run."""
    source = Source(task.location, task.limits)
    summary = StationSummary(task.station)
    try:
        return _checked(source, task, summary)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as error:
        summary.ledger.failed(Check.WELL_FORMED, task.station, f"unreadable: {error!r}")
        return summary
    finally:
        source.close()


def _checked(source: Source, task: StationTask, summary: StationSummary) -> StationSummary:
    summary.tally = {  # a large contest keeps its N_c and no option (§8)
        c.contest: (0, [] if c.large else [(GROUP.identity, GROUP.identity)] * len(c.options))
        for c in task.ballot
    }
    summary.rows = {c.contest: [] for c in task.ballot if c.large}
    chain = _check_chain(source, task, summary)
    computed = check_tally(source, task, summary)
    check_final(source, task, summary, device=chain.device, closed=chain.closed, tally=computed)
    return summary


def _check_chain(source: Source, task: StationTask, summary: StationSummary) -> _Chain:
    """V6–V11 and V13 over the chain file, streamed; the chain's device and recorded close."""
    context, station, ledger = task.context, task.station, summary.ledger
    relative = f"ballots/{station}.jsonl"
    where = f"{context.folder}e2e/{relative}"
    hasher, size = hashlib.sha256(), 0
    chain = _Chain()
    lines = source.lines(where, hasher, bound(task.chain_file))
    last = b""
    for number, line in enumerate(lines, start=1):
        last = line
        size += len(line)
        at = f"{where}:{number}"
        if chain.closed is not None:
            ledger.failed(Check.CHAIN_CLOSE, at, "a line after the close")
            break
        try:
            document = parse_json(line, at)
            if not isinstance(document, dict):
                raise RecordError(at, "a line is a JSON object")
            if number == 1:
                chain.previous = _start(source, task, chain, document, at=at, ledger=ledger)
            elif "close" in document:
                chain.closed = _close(task, summary, chain.previous, document, at)
            else:
                _ballot(task, summary, chain, document, number)
        except RecordError as error:
            ledger.failed(Check.WELL_FORMED, error.where, error.detail)
    if size == 0:
        ledger.failed(Check.CHAIN_START, where, "the chain is missing or empty")
    elif chain.closed is None:
        ledger.failed(Check.CHAIN_CLOSE, where, "the chain has no close")
    elif not last.endswith(b"\n"):  # §9: every line, the close too, ends with \n
        ledger.failed(Check.CHAIN_CLOSE, where, "the close does not end with a newline")
    file_agrees(ledger, task.chain_file, relative, hasher.hexdigest(), size)
    summary.prefixes = bytes(chain.prefixes)
    summary.tags = bytes(chain.tags)
    return chain


def _start(
    source: Source, task: StationTask, chain: _Chain, document: Any, *, at: str, ledger: Ledger
) -> bytes:
    """V6; the chain's start as recorded (the chain goes on from it whatever V6 says)."""
    context, station = task.context, task.station
    start = digest(document, "start", at)
    shown_format = document.get("format")  # compared, not read as a str: any other value fails
    ledger.record(
        Check.CHAIN_START, shown_format == CHAIN_FORMAT, at, f"'format' is not {CHAIN_FORMAT}"
    )
    named = read_field(document, "station", at, str)
    device = chain.device = prefixed(document, "device", "ed25519", at)
    chain.box = box_hash(context.extended, station, device)
    zero = prefixed(document, "zero_report", "sha256", at)
    if not ledger.record(Check.CHAIN_START, named == station, at, f"the start names {named}"):
        return start
    report_where = f"{context.folder}reports/{station}/zero.json"
    report = read_report(source, report_where)
    if report is None:
        ledger.failed(Check.CHAIN_START, report_where, "the zero report is missing")
        return start
    inner = hashlib.sha256(report.report_bytes).digest() == zero
    ledger.record(
        Check.CHAIN_START,
        zero_hash(report) == zero,
        at,
        "zero_report is the SHA-256 of the report inside the signed zero report, not of the "
        "signed file's bytes (§7)"
        if inner
        else "zero_report is not the hash of the station's zero report",
    )
    ledger.record(
        Check.CHAIN_START, report.device == device, at, "the zero report's device is another"
    )
    shown = (report.report.get("kind"), report.report.get("station"))
    ledger.record(
        Check.CHAIN_START,
        shown == ("zero", station),
        report_where,
        f"not a zero report of {station}: {shown}",
    )
    expected = chain_start(context.extended, station, device, zero)
    ledger.record(Check.CHAIN_START, expected == start, at, "start is not H_0")
    return start


def _ballot(
    task: StationTask, summary: StationSummary, chain: _Chain, document: Any, number: int
) -> None:
    context, station, ledger = task.context, task.station, summary.ledger
    at = f"{context.folder}e2e/ballots/{station}.jsonl:{number}"
    code = digest(document, "code", at)
    name = ballot_name(station, number, code)
    previous, chain.previous = chain.previous, code  # the chain goes on from the code recorded
    state = read_field(document, "state", at, str)
    if state not in ("cast", "challenged"):
        raise RecordError(at, f"state {state!r} is neither cast nor challenged")
    # the code index must list it, and show it as the chain and the tallies do (V10)
    shown = shown_of(state, task.tally_file is not None, document.get("choices"))
    chain.tags += code_tag(code, station, state, shown)
    summary.tag_lines.append(number)
    try:
        contests = read_ballot(read_field(document, "ballot", at, dict), station, task.ballot, at)
    except RecordError as error:
        ledger.failed(Check.WELL_FORMED, name, f"{error.where}: {error.detail}")
        return
    ledger.passed(Check.WELL_FORMED)
    chi = ballot_hash(
        context.extended,
        station,
        ((c.ballot.contest, c.ciphertexts()) for c in contests),
    )
    ledger.record(
        Check.CONFIRMATION_CODES,
        confirmation_code(context.extended, previous, chi) == code,
        name,
        "the confirmation code is not H(H_{i−1}, χ_i): a ballot before it was dropped, added, "
        "changed or moved, or this one",
    )
    check_proofs(ledger, context, chain.box, contests, name)
    for contest in contests:
        for alpha, _ in contest.ciphertexts():
            chain.prefixes += alpha[:PREFIX]
            summary.lines.append(number)
    if state == "cast":
        summary.cast += 1
        _add(summary, contests)
    else:
        summary.challenged += 1
        _challenged(context, ledger, contests, document, name, box=chain.box)


def _add(summary: StationSummary, contests: Sequence[AnyContest]) -> None:
    """The running tally, and a large contest's rows for its mix input (V22)."""
    for contest in contests:
        ballots, products = summary.tally[contest.ballot.contest]
        if isinstance(contest, SlotContest):
            summary.rows[contest.ballot.contest].append(slot_row(contest))
            summary.tally[contest.ballot.contest] = (ballots + 1, products)
            continue
        ballots, products = summary.tally[contest.ballot.contest]
        summary.tally[contest.ballot.contest] = (
            ballots + 1,
            [
                (GROUP.op(a, s.alpha), GROUP.op(b, s.beta))
                for (a, b), s in zip(products, contest.selections, strict=True)
            ],
        )


def _challenged(
    context: Context,
    ledger: Ledger,
    contests: Sequence[AnyContest],
    document: Any,
    name: str,
    *,
    box: bytes,
) -> None:
    try:
        nonce = digest(document, "nonce", name)
        choices = read_choices(document, contests, name)
    except RecordError as error:
        ledger.failed(Check.CHALLENGED, name, f"{error.where}: {error.detail}")
        return
    differs = reencrypts(context, box, contests, nonce, choices)
    ledger.record(
        Check.CHALLENGED,
        differs is None,
        name,
        f"encrypting its choices again with its nonce gives another {differs}",
    )


def _close(
    task: StationTask, summary: StationSummary, last: bytes, document: Any, at: str
) -> bytes:
    close = digest(document, "close", at)
    cast, challenged = count(document, "cast", at), count(document, "challenged", at)
    ledger = summary.ledger
    ledger.record(
        Check.CHAIN_CLOSE,
        (cast, challenged) == (summary.cast, summary.challenged),
        at,
        f"the close counts {cast} cast and {challenged} challenged, the chain holds "
        f"{summary.cast} and {summary.challenged}",
    )
    expected = chain_close(task.context.extended, last, cast, challenged)
    ledger.record(Check.CHAIN_CLOSE, expected == close, at, "close is not H_close")
    return close
