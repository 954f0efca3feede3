"""V22–V25 of `docs/e2e.md` §10 for one constituency of a large contest (§11.4, §11.5): the
mix input rebuilt from the stations' cast ballots, each mixer's signed shuffle and its proof,
the decryption of every final row, and the count held to the stations' signed figures.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import nacl.exceptions
import nacl.signing

from sandogh.verify_election.checks import Check, Ledger
from sandogh.verify_election.decryption import check_decryption, read_shares
from sandogh.verify_election.definition import ContestBallot
from sandogh.verify_election.election import GROUP, Context, Listed, read_listed
from sandogh.verify_election.errors import RecordError
from sandogh.verify_election.mixnet import Pair, Proof, shuffle_fails
from sandogh.verify_election.reading import (
    Source,
    canonical_bytes,
    count,
    element,
    field,
    parse_json,
    read_ciphertext,
    scalar,
    scalars,
)
from sandogh.verify_election.summary import StationSummary

MIXES = "sandogh/e2e-mixes@1"
MIX = "sandogh/e2e-mix@1"


def check_mixes(
    source: Source,
    context: Context,
    ledger: Ledger,
    contest: ContestBallot,
    *,
    summaries: Sequence[StationSummary],
    files: Mapping[str, Listed],
) -> None:
    """`summaries`: the record's stations that vote in the constituency, by code."""
    if not summaries:
        return
    if not any(s.rows[contest.contest] for s in summaries):  # no row: nothing to mix (§11.5)
        _count(ledger, contest, summaries, [], name=f"{contest.contest}/{contest.constituency}")
        return
    relative = f"mixes/{contest.contest}/{contest.constituency}.json"
    where = f"{context.folder}e2e/{relative}"
    name = f"{contest.contest}/{contest.constituency}"
    data = read_listed(source, ledger, context.folder, relative, files.get(relative))
    if data is None:
        ledger.failed(Check.MIX_INPUT, name, f"{where} is missing")
        return
    try:
        document = parse_json(data, where)
        rows = _input(ledger, contest, summaries, document, name=name, where=where)
        if rows is None:
            return
        final = _shuffles(context, ledger, contest, rows, document, name=name, where=where)
        if final is None:
            return
        values = _decryption(context, ledger, contest, final, document, name=name, where=where)
        if values is not None:
            _count(ledger, contest, summaries, values, name=name)
    except RecordError as error:
        ledger.failed(Check.MIX_INPUT, error.where, error.detail)


def _input(
    ledger: Ledger,
    contest: ContestBallot,
    summaries: Sequence[StationSummary],
    document: Any,
    *,
    name: str,
    where: str,
) -> list[tuple[Pair, ...]] | None:
    """V22: the file names the constituency and its stations; the input is rebuilt."""
    named = (
        field(document, "format", where, str),
        field(document, "contest", where, str),
        field(document, "constituency", where, str),
    )
    if not ledger.record(
        Check.MIX_INPUT,
        named == (MIXES, contest.contest, contest.constituency),
        name,
        f"the file is {named}",
    ):
        return None
    listed = [
        (field(s, "station", where, str), count(s, "ballots", where))
        for s in field(document, "stations", where, list)
    ]
    expected = [(s.station, len(s.rows[contest.contest])) for s in summaries]
    if not ledger.record(
        Check.MIX_INPUT,
        listed == expected,
        name,
        f"stations {listed}, the record's cast ballots carrying it are {expected}",
    ):
        return None
    return [row for s in summaries for row in s.rows[contest.contest]]


def _rows(value: Any, where: str) -> list[tuple[Pair, ...]]:
    if not isinstance(value, list):
        raise RecordError(where, "'rows' is not a list")
    return [
        tuple(
            (
                element(GROUP, field(cell, "alpha", f"{where}[{n}][{k}]"), f"{where}[{n}][{k}]"),
                element(GROUP, field(cell, "beta", f"{where}[{n}][{k}]"), f"{where}[{n}][{k}]"),
            )
            for k, cell in enumerate(row if isinstance(row, list) else [])
        )
        for n, row in enumerate(value)
    ]


def _proof(document: Any, where: str) -> Proof:
    return Proof(
        [
            element(GROUP, e, f"{where}.commitments")
            for e in field(document, "commitments", where, list)
        ],
        [element(GROUP, e, f"{where}.chain") for e in field(document, "chain", where, list)],
        scalar(GROUP, field(document, "challenge", where), f"{where}.challenge"),
        scalar(GROUP, field(document, "s1", where), f"{where}.s1"),
        scalar(GROUP, field(document, "s2", where), f"{where}.s2"),
        scalar(GROUP, field(document, "s3", where), f"{where}.s3"),
        scalars(GROUP, field(document, "s4", where), f"{where}.s4"),
        scalars(GROUP, field(document, "s_hat", where), f"{where}.s_hat"),
        scalars(GROUP, field(document, "s_prime", where), f"{where}.s_prime"),
    )


def _signed(context: Context, guardian: int, mix: Any) -> bool:
    rest = {k: v for k, v in mix.items() if k != "signature"}
    try:
        nacl.signing.VerifyKey(context.signing_keys[guardian]).verify(
            MIX.encode() + b"\n" + canonical_bytes(rest), bytes.fromhex(mix["signature"])
        )
    except (nacl.exceptions.BadSignatureError, ValueError, TypeError):
        return False
    return True


def _shuffles(
    context: Context,
    ledger: Ledger,
    contest: ContestBallot,
    rows: list[tuple[Pair, ...]],
    document: Any,
    *,
    name: str,
    where: str,
) -> list[tuple[Pair, ...]] | None:
    """V23: every mix in turn; the last one's output, or None when one fails."""
    mixes = field(document, "mixes", where, list)
    if not ledger.record(Check.SHUFFLES, bool(mixes), name, "no mix: T ≥ 1"):
        return None
    last_guardian = 0
    for t, mix in enumerate(mixes, start=1):
        at = f"{name}, mix {t}"
        place = f"{where}: mixes[{t - 1}]"
        guardian = count(mix, "guardian", place)
        facts = [
            (field(mix, "format", place, str) == MIX, "not a mix file"),
            (count(mix, "mixer", place) == t, f"mixer {mix.get('mixer')} is not {t}"),
            (
                guardian > last_guardian and guardian in context.signing_keys,
                f"guardian {guardian} is not a guardian after {last_guardian}",
            ),
            (
                (field(mix, "contest", place, str), field(mix, "constituency", place, str))
                == (contest.contest, contest.constituency),
                "another contest or constituency",
            ),
            (field(mix, "extended_hash", place, str) == context.extended.hex(), "another HE"),
        ]
        failed = next((why for holds, why in facts if not holds), None)
        if failed is not None:
            ledger.failed(Check.SHUFFLES, at, failed)
            return None
        if not ledger.record(
            Check.SHUFFLES, _signed(context, guardian, mix), at, "its guardian's signature fails"
        ):
            return None
        shuffled = _rows(field(mix, "rows", place), f"{place}.rows")
        proof = _proof(field(mix, "proof", place, dict), f"{place}.proof")
        label = f"{contest.contest}/{contest.constituency}/{t}"
        why = shuffle_fails(context.extended, context.key, label, rows, shuffled, proof=proof)
        if not ledger.record(Check.SHUFFLES, why is None, at, str(why)):
            return None
        rows, last_guardian = shuffled, guardian
    return rows


def _decryption(
    context: Context,
    ledger: Ledger,
    contest: ContestBallot,
    final: list[tuple[Pair, ...]],
    document: Any,
    *,
    name: str,
    where: str,
) -> list[list[int]] | None:
    """V24: the decrypted rows are the last mix's, each slot's shares verify and combine."""
    decrypted = field(document, "rows", where, dict)
    place = f"{where}: rows"
    if not ledger.record(
        Check.ROW_DECRYPTION,
        field(decrypted, "station", place, str) == name,
        name,
        "the decrypted rows name another constituency",
    ):
        return None
    entries = field(decrypted, "contests", place, list)
    if not ledger.record(
        Check.ROW_DECRYPTION,
        len(entries) == len(final),
        name,
        f"{len(entries)} decrypted rows, the last mix has {len(final)}",
    ):
        return None
    slots = [str(k) for k in range(1, contest.seats + 1)]
    values: list[list[int]] = []
    for n, (entry, row) in enumerate(zip(entries, final, strict=True), start=1):
        at = f"{name}, row {n}"
        options = field(entry, "options", place, list)
        shape = (
            field(entry, "contest", place, str) == contest.contest
            and count(entry, "ballots", place) == 1
            and [field(o, "option", place, str) for o in options] == slots
        )
        if not ledger.record(Check.ROW_DECRYPTION, shape, at, "not a row of the contest's slots"):
            return None
        row_values = []
        for option, cell in zip(options, row, strict=True):
            slot = f"{at}, slot {option['option']}"
            shown = read_ciphertext(GROUP, option, place, slot)
            if not ledger.record(
                Check.ROW_DECRYPTION, shown == cell, slot, "not the last mix's ciphertext"
            ):
                return None
            value = count(option, "value", place)
            check_decryption(
                ledger,
                context,
                slot,
                ciphertext=shown,
                value=value,
                shares=read_shares(field(option, "shares", place), slot),
                checks=(Check.ROW_DECRYPTION, Check.ROW_DECRYPTION),
            )
            row_values.append(value)
        values.append(row_values)
    return values


def _count(
    ledger: Ledger,
    contest: ContestBallot,
    summaries: Sequence[StationSummary],
    values: list[list[int]],
    *,
    name: str,
) -> None:
    """V25: each row is a row (§11.5); the counts are the sums of the stations' signed figures."""
    m, seats = len(contest.candidates), contest.seats
    counted = [0] * (m + 1)  # per candidate, then the blank rows
    for n, row in enumerate(values, start=1):
        at = f"{name}, row {n}"
        if not ledger.record(
            Check.LARGE_COUNT,
            all(1 <= x <= m + seats for x in row)
            and all(a < b for a, b in itertools.pairwise(row)),
            at,
            f"{row} does not strictly increase within 1..{m + seats}",
        ):
            continue
        chosen = [x for x in row if x <= m]
        canonical = row == [*chosen, *range(m + 1, m + 1 + seats - len(chosen))]
        ledger.record(Check.LARGE_COUNT, canonical, at, f"{row}: its empty slots are not m + 1, …")
        for x in chosen:
            counted[x - 1] += 1
        if not chosen:
            counted[m] += 1
    figures = [s.figures.get(contest.contest) for s in summaries]
    if not ledger.record(
        Check.LARGE_COUNT,
        None not in figures,
        name,
        "a station of the constituency has no signed figures for the contest",
    ):
        return
    summed = [sum(column) for column in zip(*(f for f in figures if f is not None), strict=True)]
    differing = [
        option or "blank"
        for option, shown, found in zip(contest.options, summed, counted, strict=True)
        if shown != found
    ]
    ledger.record(
        Check.LARGE_COUNT,
        not differing,
        name,
        f"the decrypted rows' counts of {', '.join(differing[:5])} are not the sums of the "
        "stations' signed figures",
    )
