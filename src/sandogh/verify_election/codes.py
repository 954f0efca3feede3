"""V10, for the election: the results site's code index (`e2e/codes/`, §9) is exactly the
chains' codes. "Was my ballot counted?" reads only this index, so a code added to it (a "cast"
ballot no chain holds), a code left out, or another station or state would mislead a voter while
every chain verifies. The index is rebuilt from the chains — code → station, state — and compared
both ways; with chains in the record, a missing index is a failure. The names the page shows
beside a code — the station's, and a challenged ballot's contests and candidates — are the
definition's (a voter reads "cast at <name>", not the code), each entry's held to them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from sandogh.verify_election.checks import Check, Ledger
from sandogh.verify_election.definition import Names
from sandogh.verify_election.election import Context, Listed, bound
from sandogh.verify_election.errors import RecordError
from sandogh.verify_election.reading import Source, count, digest, field, parse_json
from sandogh.verify_election.summary import TAG, StationSummary, ballot_name, code_tag, shown_of

FORMAT = "sandogh/e2e-codes@1"
MAX_WIDTH = 4  # publish.e2e_codes' widest shard prefix: 65,536 shards


def check_codes(
    source: Source,
    context: Context,
    ledger: Ledger,
    summaries: Sequence[StationSummary],
    *,
    files: Mapping[str, Listed],
    names: Names,
) -> None:
    chains: Counter[bytes] = Counter()
    for summary in summaries:
        for position in range(0, len(summary.tags), TAG):
            chains[summary.tags[position : position + TAG]] += 1
    try:
        listed = _index(source, context, ledger, files, names=names, has_chains=bool(chains))
    except RecordError as error:
        ledger.failed(Check.CONFIRMATION_CODES, error.where, error.detail)
        return
    if listed is None:
        return
    unmatched = chains.copy()
    for tag, where in listed:
        if unmatched[tag] > 0:
            unmatched[tag] -= 1
            ledger.passed(Check.CONFIRMATION_CODES)
        else:
            ledger.failed(
                Check.CONFIRMATION_CODES,
                where,
                "the code index lists a code, station, state, count or opened content that no "
                "chain holds",
            )
    missing = +unmatched
    for summary in summaries:
        for index, position in enumerate(range(0, len(summary.tags), TAG)):
            tag = summary.tags[position : position + TAG]
            if missing[tag] > 0:
                missing[tag] -= 1
                ledger.failed(
                    Check.CONFIRMATION_CODES,
                    ballot_name(summary.station, summary.tag_lines[index]),
                    "the ballot's code is not in the code index (e2e/codes/)",
                )


def _shown(entry: Any, state: str, place: str) -> str:
    """What the look-up shows of an entry: a cast one's `counted`, a challenged one's `opened`
    codes per contest as a list (their names are the definition's, shown as given): a contest
    listed twice is kept twice, as the page shows it, and so matches no chain's ballot."""
    if state == "cast":
        return shown_of(state, field(entry, "counted", place, bool), None)
    opened: list[tuple[str, list[str]]] = []
    for i, contest in enumerate(field(entry, "opened", place, list)):
        at = f"{place}.opened[{i}]"
        chosen = field(contest, "chosen", at, list)
        codes = [field(c, "code", f"{at}.chosen[{j}]", str) for j, c in enumerate(chosen)]
        opened.append((field(contest, "contest", at, str), codes))
    return shown_of(state, False, opened)


def _misnamed(entry: Any, station: str, state: str, names: Names, place: str) -> str:
    """The first name the entry shows that is not the definition's, as a path ("" if none)."""
    shown: list[tuple[str, Any, Any]] = [
        ("name", field(entry, "name", place, dict), names.stations.get(station))
    ]
    if state == "challenged":
        for i, contest in enumerate(field(entry, "opened", place, list)):
            at = f"{place}.opened[{i}]"
            code = field(contest, "contest", at, str)
            shown.append(
                (f"opened[{i}].name", field(contest, "name", at, dict), names.contests.get(code))
            )
            candidates = names.candidates.get(code, {})
            for j, chosen in enumerate(field(contest, "chosen", at, list)):
                given = field(chosen, "name", f"{at}.chosen[{j}]", dict)
                expected = candidates.get(field(chosen, "code", f"{at}.chosen[{j}]", str))
                shown.append((f"opened[{i}].chosen[{j}].name", given, expected))
    return next((path for path, given, expected in shown if given != expected), "")


def _index(
    source: Source,
    context: Context,
    ledger: Ledger,
    files: Mapping[str, Listed],
    *,
    names: Names,
    has_chains: bool,
) -> list[tuple[bytes, str]] | None:
    """Every entry of the index as (tag, where); None when there is no index and no chain."""
    folder = f"{context.folder}e2e/codes/"
    where = folder + "index.json"
    data = source.read(where, bound(files.get("codes/index.json")))
    if data is None:
        if has_chains:
            ledger.failed(Check.CONFIRMATION_CODES, where, "missing: the record has chains")
        return None
    index = parse_json(data, where)
    if field(index, "format", where, str) != FORMAT:
        raise RecordError(where, f"not a {FORMAT}")
    width = count(index, "prefix", where)
    if not 1 <= width <= MAX_WIDTH:
        raise RecordError(where, f"'prefix' is not 1..{MAX_WIDTH}")
    entries: list[tuple[bytes, str]] = []
    for number in range(16**width):
        prefix = f"{number:0{width}x}"
        relative = f"codes/{prefix}.json"
        at = folder + f"{prefix}.json"
        shard = source.read(at, bound(files.get(relative)))
        if shard is None:
            raise RecordError(at, "missing: every shard of the index's width is written")
        document = parse_json(shard, at)
        if field(document, "format", at, str) != FORMAT:
            raise RecordError(at, f"not a {FORMAT}")
        for i, entry in enumerate(field(document, "codes", at, list)):
            place = f"{at}: codes[{i}]"
            code = digest(entry, "code", place)
            if not code.hex().startswith(prefix):
                raise RecordError(place, f"the code is not of the shard {prefix}")
            station = field(entry, "station", place, str)
            state = field(entry, "state", place, str)
            tag = code_tag(code, station, state, _shown(entry, state, place))
            named = f"{place} ({code.hex()[:16]}…)"
            entries.append((tag, named))
            wrong = _misnamed(entry, station, state, names, place)
            if wrong:
                ledger.failed(
                    Check.CONFIRMATION_CODES, named, f"{wrong} is not the definition's name"
                )
    shown = count(index, "codes", where)
    if shown != len(entries):
        ledger.failed(
            Check.CONFIRMATION_CODES, where, f"'codes' is {shown}, the shards hold {len(entries)}"
        )
    return entries
