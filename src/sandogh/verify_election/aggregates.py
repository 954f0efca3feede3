"""V19 of `docs/e2e.md` §10: each constituency's aggregate is the product of its stations'
tallies, its values their sums, and its decryption holds (V16, V17 as for a station).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sandogh.verify_election.checks import Check, Ledger
from sandogh.verify_election.decryption import check_decryption, read_shares
from sandogh.verify_election.definition import ContestBallot
from sandogh.verify_election.election import GROUP, Context, Listed, read_listed
from sandogh.verify_election.errors import RecordError
from sandogh.verify_election.reading import Source, count, field, parse_json, read_ciphertext
from sandogh.verify_election.summary import StationSummary


def check_aggregate(
    source: Source,
    context: Context,
    ledger: Ledger,
    contest: ContestBallot,
    *,
    summaries: Sequence[StationSummary],
    files: Mapping[str, Listed],
) -> None:
    """`summaries`: the record's stations that vote in `contest`'s constituency, by code."""
    relative = f"aggregates/{contest.contest}/{contest.constituency}.json"
    where = f"{context.folder}e2e/{relative}"
    name = f"{contest.contest}/{contest.constituency}"
    data = read_listed(source, ledger, context.folder, relative, files.get(relative))
    if data is None:
        ledger.failed(Check.AGGREGATES, name, f"{where} is missing")
        return
    try:
        _check(
            context,
            ledger,
            contest,
            summaries=summaries,
            document=parse_json(data, where),
            name=name,
            where=where,
        )
    except RecordError as error:
        ledger.failed(Check.AGGREGATES, error.where, error.detail)


def _check(
    context: Context,
    ledger: Ledger,
    contest: ContestBallot,
    *,
    summaries: Sequence[StationSummary],
    document: Any,
    name: str,
    where: str,
) -> None:
    shown = field(document, "station", where, str)
    if not ledger.record(Check.AGGREGATES, shown == name, name, f"names {shown}"):
        return
    contests = field(document, "contests", where, list)
    if not ledger.record(Check.AGGREGATES, len(contests) == 1, name, "holds one contest"):
        return
    (entry,) = contests
    named = field(entry, "contest", where, str)
    if not ledger.record(Check.AGGREGATES, named == contest.contest, name, f"holds {named}"):
        return
    ballots = sum(s.tally[contest.contest][0] for s in summaries)
    published = count(entry, "ballots", where)
    ledger.record(
        Check.AGGREGATES, published == ballots, name, f"ballots {published}, not {ballots}"
    )
    selections = field(entry, "options", where, list)
    options = [field(s, "option", where, str) for s in selections]
    if not ledger.record(
        Check.AGGREGATES, options == list(contest.options), name, f"options {options}"
    ):
        return
    for position, (selection, option) in enumerate(zip(selections, options, strict=True)):
        at = f"{name}/{option or 'blank'}"
        alpha = GROUP.product(s.tally[contest.contest][1][position][0] for s in summaries)
        beta = GROUP.product(s.tally[contest.contest][1][position][1] for s in summaries)
        ciphertext = read_ciphertext(GROUP, selection, where, at)
        ledger.record(
            Check.AGGREGATES,
            ciphertext == (alpha, beta),
            at,
            "the aggregate ciphertext is not the product of its stations' tallies",
        )
        value = count(selection, "value", where)
        decrypted = [s.values.get(contest.contest) for s in summaries]
        total = sum(v[position] for v in decrypted if v is not None)
        ledger.record(
            Check.AGGREGATES,
            value == total and None not in decrypted,
            at,
            f"the value {value} is not the sum {total} of its stations' values",
        )
        shares = read_shares(field(selection, "shares", where), at)
        check_decryption(ledger, context, at, ciphertext=ciphertext, value=value, shares=shares)
