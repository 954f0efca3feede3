"""The E2E side of the ballot box: prepared ballots, the chain's entries and the chain file.

docs/e2e.md §7. A ballot is prepared (encrypted under the election's joint key with a fresh
ballot nonce ξ_B, and given the next code of the box's chain) and held in the box's memory only,
never written with its nonce; the voter casts it (it joins the chain, ξ_B is forgotten) or
challenges it (it joins the chain opened, with ξ_B and its choices, and is never counted). The
chain file (`export_chain`) is the record's `e2e/ballots/<station>.jsonl`, which the box queues
for the centre after its final report.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.e2e.ballot import ElectionContext, ballot_hash, encrypt_ballot
from sandogh.core.e2e.ballot_json import ballot_from_json, ballot_to_json
from sandogh.core.e2e.chain import chain_close, chain_start, confirmation_code, readable_code
from sandogh.core.e2e.chain_file import CHAIN_FORMAT
from sandogh.core.e2e.tally import station_tally, tally_hash
from sandogh.core.report import (
    BallotContest,
    CastVoteRecord,
    Choice,
    E2ECommitment,
    PublicKey,
    ReportKind,
)
from sandogh.locale import to_persian_digits
from sandogh.station.errors import BallotFlowError, BallotFlowRefusal
from sandogh.station.local_chain import ChainEntry, ChainHead, ChainState
from sandogh.station.local_store import Transaction
from sandogh.station.setup import StationSetup

BALLOT_NONCE_BYTES = 32


@dataclass(frozen=True)
class PreparedBallot:
    """What the voter sees of a prepared ballot: its confirmation code."""

    token: str
    code: bytes

    @property
    def readable(self) -> str:
        """The code as a person compares it, in Latin digits (`0123 4567 …`)."""
        return readable_code(self.code)

    @property
    def readable_fa(self) -> str:
        """The code in Persian digits, as a Persian screen shows it."""
        return to_persian_digits(self.readable)


@dataclass(frozen=True)
class OpenedBallot(PreparedBallot):
    """A challenged ballot, opened: its ballot nonce ξ_B and the choices it encrypted."""

    nonce: bytes
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class Pending:
    """A prepared ballot as the box holds it, in memory only: with its nonce, which must never
    reach the disk for a ballot that is cast."""

    prepared: PreparedBallot
    record: CastVoteRecord
    nonce: bytes
    ballot: bytes  # the encrypted ballot's canonical JSON
    previous: bytes  # the chain's head it was coded after


def prepare(
    context: ElectionContext,
    station: str,
    ballot: Sequence[BallotContest],
    head: ChainHead,
    *,
    device: PublicKey,
    token: str,
    record: CastVoteRecord,
    nonce: bytes,
) -> Pending:
    """Encrypt `record` with ballot nonce `nonce` as the box `device` of `station` (§6) and
    code it after `head`."""
    choices = {choice.contest: choice.codes for choice in record.choices}
    encrypted = encrypt_ballot(context, station, ballot, choices, nonce, device=device.raw)
    code = confirmation_code(context.extended_hash, head.last, ballot_hash(context, encrypted))
    return Pending(
        PreparedBallot(token, code),
        record,
        nonce,
        canonical_json(ballot_to_json(encrypted)),
        head.last,
    )


def cast_entry(pending: Pending) -> ChainEntry:
    return ChainEntry(pending.prepared.code, ChainState.CAST, pending.ballot)


def challenged_entry(pending: Pending, ballot: Sequence[BallotContest]) -> ChainEntry:
    return ChainEntry(
        pending.prepared.code,
        ChainState.CHALLENGED,
        pending.ballot,
        (pending.nonce, choices_document(pending.record, ballot)),
    )


def choices_document(
    record: CastVoteRecord, ballot: Sequence[BallotContest]
) -> dict[str, list[str]]:
    """The choices as the chain file writes them: per contest of the card, its codes in the
    candidates' order ([] for a blank vote)."""
    chosen = {choice.contest: set(choice.codes) for choice in record.choices}
    return {
        item.contest: [code for code in item.candidates if code in chosen[item.contest]]
        for item in ballot
        if item.contest in chosen
    }


def require_head(head: ChainHead | None, pending: Pending) -> None:
    """Refuse a prepared ballot whose code no longer follows the chain's head."""
    # one prepared ballot per box, under its lock: only another process on the same file (a
    # second kiosk, say) can have moved the head, and then the code shown is not the next one
    if head is None or head.last != pending.previous:
        raise BallotFlowError(BallotFlowRefusal.CHAIN_MOVED)


def start(context: ElectionContext, station: str, device: PublicKey, zero_report: str) -> bytes:
    """H_0 from the zero report's hash: `sha256:` and the SHA-256 of the signed report's bytes
    (§7), the file the centre holds and publishes."""
    zero = bytes.fromhex(zero_report.removeprefix("sha256:"))
    return chain_start(context.extended_hash, station, device.raw, zero)


def close(context: ElectionContext, head: ChainHead) -> bytes:
    return chain_close(context.extended_hash, head.last, head.cast, head.challenged)


def tally_of(
    context: ElectionContext,
    station: str,
    ballot: Sequence[BallotContest],
    entries: Iterable[ChainEntry],
) -> bytes:
    """The station tally hash (§8) of the chain's cast ballots."""
    cast = [
        ballot_from_json(context.group, _loaded(entry.ballot))
        for entry in entries
        if entry.state is ChainState.CAST
    ]
    return tally_hash(context, station_tally(context, station, ballot, cast))


def commitment(tx: Transaction, setup: StationSetup, records: int) -> E2ECommitment:
    """What the final report signs of the chain: its close and the hash of its tally."""
    head = tx.chain_head()
    if setup.e2e is None or head is None or head.close is None:
        raise AssertionError("a closed E2E station holds its closed chain")
    if head.cast != records:
        raise AssertionError(f"{head.cast} ballots cast in the chain, {records} records")
    tally = tally_of(setup.e2e, setup.station, setup.ballot, tx.chain())
    return E2ECommitment(chain_close=head.close.hex(), tally_hash=tally.hex())


def export(tx: Transaction, station: str, device: PublicKey) -> bytes:
    """The chain file of the box whose store `tx` reads, once voting has closed."""
    head, signed = tx.chain_head(), tx.signed(ReportKind.ZERO.value)
    if head is None or signed is None:
        raise BallotFlowError(BallotFlowRefusal.NOT_E2E)
    if head.close is None:
        raise BallotFlowError(BallotFlowRefusal.CHAIN_OPEN)
    zero = "sha256:" + hashlib.sha256(signed).hexdigest()
    return export_chain(station, device, zero, head, tx.chain())


def export_chain(
    station: str,
    device: PublicKey,
    zero_report: str,
    head: ChainHead,
    entries: Iterable[ChainEntry],
) -> bytes:
    """The chain file (docs/e2e.md §7, §9): its start, one line per ballot, its close;
    `zero_report` is the zero report's hash (`sha256:HEX`)."""
    if head.close is None:
        raise ValueError("a chain is exported once voting has closed")
    lines: list[dict[str, JSONValue]] = [
        {
            "format": CHAIN_FORMAT,
            "station": station,
            "device": device.text,
            "zero_report": zero_report,
            "start": head.start.hex(),
        }
    ]
    for entry in entries:
        line: dict[str, JSONValue] = {
            "code": entry.code.hex(),
            "state": entry.state.value,
            "ballot": _loaded(entry.ballot),
        }
        if entry.opened is not None:
            nonce, choices = entry.opened
            line["nonce"] = nonce.hex()
            line["choices"] = {contest: list(codes) for contest, codes in choices.items()}
        lines.append(line)
    lines.append({"close": head.close.hex(), "cast": head.cast, "challenged": head.challenged})
    return b"".join(canonical_json(line) + b"\n" for line in lines)


def _loaded(data: bytes) -> JSONValue:
    value: JSONValue = json.loads(data)
    return value
