"""A station's tally file (`docs/e2e.md` §9): V1 for it, V14 (it is the product of the cast
ballots, and its hash), and V16–V17 for each of its decrypted ciphertexts.
"""

from __future__ import annotations

from typing import Any

from sandogh.verify_election.chain import tally_hash
from sandogh.verify_election.checks import Check
from sandogh.verify_election.decryption import check_decryption, read_shares
from sandogh.verify_election.definition import ContestBallot
from sandogh.verify_election.election import GROUP, Context, read_listed
from sandogh.verify_election.errors import RecordError
from sandogh.verify_election.reading import Source, count, field, parse_json, read_ciphertext
from sandogh.verify_election.summary import StationSummary, StationTask


def check_tally(source: Source, task: StationTask, summary: StationSummary) -> bytes:
    """V14, V16, V17 for the station's tally file; the tally hash of the cast ballots' product
    (what the final report must commit to, V15), whatever the file says."""
    context, station, ballot = task.context, task.station, task.ballot
    computed = tally_hash(
        context.extended,
        station,
        ((c.contest, *summary.tally[c.contest]) for c in ballot),
    )
    relative = f"tallies/{station}.json"
    where = f"{context.folder}e2e/{relative}"
    ledger = summary.ledger
    data = read_listed(source, ledger, context.folder, relative, task.tally_file)
    if data is None:
        ledger.failed(Check.STATION_TALLY, where, "missing")
        return computed
    try:
        _check(task, summary, parse_json(data, where), where)
    except RecordError as error:
        ledger.failed(Check.STATION_TALLY, error.where, error.detail)
    return computed


def _check(task: StationTask, summary: StationSummary, document: Any, where: str) -> None:
    context, station, ballot = task.context, task.station, task.ballot
    ledger = summary.ledger
    named = field(document, "station", where, str)
    if not ledger.record(Check.STATION_TALLY, named == station, where, f"the tally of {named}"):
        return
    contests = field(document, "contests", where, list)
    names = [field(c, "contest", where, str) for c in contests]
    expected = [c.contest for c in ballot]
    if not ledger.record(
        Check.STATION_TALLY,
        names == expected,
        where,
        f"contests {names}, the station's ballot has {expected}",
    ):
        return
    for entry, contest in zip(contests, ballot, strict=True):
        _contest(
            context, summary, entry, contest, name=f"{station}, {contest.contest}", where=where
        )


def _contest(
    context: Context,
    summary: StationSummary,
    entry: Any,
    contest: ContestBallot,
    *,
    name: str,
    where: str,
) -> None:
    ledger = summary.ledger
    ballots, products = summary.tally[contest.contest]
    place = f"{where}: {contest.contest}"
    published = count(entry, "ballots", place)
    ledger.record(
        Check.STATION_TALLY,
        published == ballots,
        name,
        f"ballots {published}, the chain casts {ballots} carrying the contest",
    )
    selections = field(entry, "options", place, list)
    options = [field(s, "option", place, str) for s in selections]
    expected = [] if contest.large else list(contest.options)  # a large contest: none (§8)
    if not ledger.record(Check.STATION_TALLY, options == expected, name, f"options {options}"):
        return
    values: list[int] = []
    for selection, option, (alpha, beta) in zip(selections, options, products, strict=True):
        at = f"{name}/{option or 'blank'}"
        shown = read_ciphertext(GROUP, selection, place, at)
        ledger.record(
            Check.STATION_TALLY,
            shown == (alpha, beta),
            at,
            "the tally ciphertext is not the product of the station's cast ballots",
        )
        value = count(selection, "value", place)
        values.append(value)
        shares = read_shares(field(selection, "shares", place), at)
        check_decryption(ledger, context, at, ciphertext=shown, value=value, shares=shares)
    summary.values[contest.contest] = values
