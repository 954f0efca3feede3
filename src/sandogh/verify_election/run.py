"""`sandogh verify-election`: every check of `docs/e2e.md` §10 over a snapshot's record.

The election's checks (V0–V5) run here; each station's (V6–V18, V21) in a process pool, a
station per task, handed out in chunks in the manifest's order; then V12 across stations, V19,
V20 and a large contest's V22–V25 from what the workers returned. See §10, "Cores" and "A cluster".
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from sandogh.verify_election.aggregates import check_aggregate
from sandogh.verify_election.checks import Check, Ledger
from sandogh.verify_election.codes import check_codes
from sandogh.verify_election.complete import ABSENT, Completeness, check_complete
from sandogh.verify_election.definition import ContestBallot, Definition, read_definition
from sandogh.verify_election.election import Context, Listed, check_election, read_listed
from sandogh.verify_election.errors import RecordError, VerifierError
from sandogh.verify_election.mixes import check_mixes
from sandogh.verify_election.reading import Source, parse_json
from sandogh.verify_election.sealed import Sealed, read_sealed
from sandogh.verify_election.station import check_station
from sandogh.verify_election.summary import PREFIX, StationSummary, StationTask, ballot_name
from sandogh.verify_election.web import Limits


@dataclass
class ElectionVerification:
    election: str
    fingerprint: str | None = None  # the manifest's SHA-256: the record's fingerprint
    stations: int = 0
    cast: int = 0
    challenged: int = 0
    ledger: Ledger = field(default_factory=Ledger)
    completeness: Completeness | None = None  # what V20 rested on, once it ran
    sealed: Sealed | None = None  # the sealed record V5 and V20 rested on, and what V0 found

    @property
    def passed(self) -> bool:
        return self.ledger.ok


@dataclass(frozen=True)
class Verification:
    location: str
    elections: tuple[ElectionVerification, ...]

    @property
    def passed(self) -> bool:
        return bool(self.elections) and all(e.passed for e in self.elections)


def verify_election(
    location: str,
    election: str | None = None,
    workers: int | None = None,
    limits: Limits | None = None,
    anchors: Sequence[str] = (),
) -> Verification:
    """Check the record of `election` (default: every election of the snapshot with a record)
    with `workers` processes (default: every core), reading within `limits` (default: §10's),
    each election's sealed record held to one of `anchors` (fingerprints from a second source;
    none: unauthenticated); `VerifierError` if nothing can be read."""
    source = Source(location, limits)
    try:
        elections = [election] if election is not None else _elections(source)
        checked = tuple(_verify(source, location, each, workers, anchors) for each in elections)
    finally:
        source.close()
    return Verification(location, checked)


def _elections(source: Source) -> list[str]:
    data = source.read("data/elections.json")
    if data is None:
        raise VerifierError("data/elections.json: missing")
    listing = parse_json(data, "data/elections.json")
    entries = listing.get("elections", []) if isinstance(listing, dict) else []
    ids = [entry.get("id") for entry in entries if isinstance(entry, dict)]
    found = [e for e in ids if isinstance(e, str) and source.read(f"data/{e}/e2e/manifest.json")]
    if not found:
        raise VerifierError("no election of this snapshot has an E2E record (data/*/e2e/)")
    return found


def _verify(
    source: Source, location: str, election: str, workers: int | None, anchors: Sequence[str]
) -> ElectionVerification:
    result = ElectionVerification(election)
    ledger = result.ledger
    folder = f"data/{election}/"
    definition_data = source.read(folder + "definition.json")
    sealed = result.sealed = read_sealed(
        source, ledger, folder, anchors=anchors, election=election, definition=definition_data
    )
    try:
        context, files, result.fingerprint = check_election(
            source, election, ledger, definition_data, sealed.record
        )
        if definition_data is None:
            return result
        definition = read_definition(definition_data, folder + "definition.json")
    except RecordError as error:
        ledger.failed(Check.MANIFEST, error.where, error.detail)
        return result
    stations = _stations(ledger, files, definition)
    tasks = [
        StationTask(
            location,
            context,
            station,
            definition.ballots[station],
            files.get(f"ballots/{station}.jsonl"),
            files.get(f"tallies/{station}.json"),
            source.limits,
        )
        for station in stations
    ]
    summaries = list(_run(tasks, workers))
    for summary in summaries:
        ledger.merge(summary.ledger)
        result.cast += summary.cast
        result.challenged += summary.challenged
    result.stations = len(summaries)
    _other_files(source, context, ledger, files, _mixed(definition, summaries))
    _no_duplicates(ledger, summaries)
    check_codes(source, context, ledger, summaries, files=files, names=definition.names)
    _aggregates(source, context, ledger, definition, summaries=summaries, files=files)
    result.completeness = check_complete(
        source, context, ledger, definition, recorded=set(stations), files=files, sealed=sealed
    )
    return result


def _stations(ledger: Ledger, files: dict[str, Listed], definition: Definition) -> list[str]:
    """The record's stations, from the manifest (V1: each chain with its tally; V7: each a
    station of the definition with a ballot)."""
    chains = {p[len("ballots/") : -len(".jsonl")] for p in files if p.startswith("ballots/")}
    tallies = {p[len("tallies/") : -len(".json")] for p in files if p.startswith("tallies/")}
    for station in sorted(chains ^ tallies):
        ledger.failed(
            Check.MANIFEST, station, "a chain without its tally, or a tally without its chain"
        )
    for station in sorted(chains - definition.ballots.keys()):
        ledger.failed(Check.WELL_FORMED, station, "not a station of the definition that votes")
    return sorted(chains & definition.ballots.keys())


def _mixed(definition: Definition, summaries: list[StationSummary]) -> set[str]:
    """The mixes files V22 reads: of every large constituency with a row (§11.5)."""
    return {
        f"mixes/{c.contest}/{c.constituency}.json"
        for c in definition.constituencies
        if c.large and any(s.rows.get(c.contest) for s in summaries if c in _ballot(definition, s))
    }


def _ballot(definition: Definition, summary: StationSummary) -> tuple[ContestBallot, ...]:
    return definition.ballots.get(summary.station, ())


def _other_files(
    source: Source, context: Context, ledger: Ledger, files: dict[str, Listed], mixed: set[str]
) -> None:
    """V1 for the files no other check reads (the results site's code index, `codes/`, and a
    mixes file of no large constituency with rows): each is there with the SHA-256 and length
    the manifest gives."""
    read = ("ballots/", "tallies/", "aggregates/")
    for relative, listed in sorted(files.items()):
        if relative in ("election.json", ABSENT) or relative.startswith(read) or relative in mixed:
            continue
        if read_listed(source, ledger, context.folder, relative, listed) is None:
            ledger.failed(Check.MANIFEST, relative, "listed in the manifest, but missing")


def _run(tasks: list[StationTask], workers: int | None) -> Iterator[StationSummary]:
    count = workers or os.cpu_count() or 1
    if count == 1 or len(tasks) <= 1:
        yield from map(check_station, tasks)
        return
    chunk = max(1, len(tasks) // (count * 4))
    with ProcessPoolExecutor(count) as pool:
        yield from pool.map(check_station, tasks, chunksize=chunk)


def _no_duplicates(ledger: Ledger, summaries: list[StationSummary]) -> None:
    """V12: no α prefix twice in the election. A first pass keeps a set of the prefixes as
    integers (about 50 bytes each); only when one repeats does a second pass name both ballots."""
    seen: set[int] = set()
    repeated: set[int] = set()
    for summary in summaries:
        data = summary.prefixes
        for position in range(0, len(data), PREFIX):
            prefix = int.from_bytes(data[position : position + PREFIX], "big")
            if prefix in seen:
                repeated.add(prefix)
            seen.add(prefix)
    ledger.passed(Check.NO_DUPLICATES, len(seen))
    if not repeated:
        return
    first: dict[int, str] = {}
    for summary in summaries:
        data = summary.prefixes
        for index, position in enumerate(range(0, len(data), PREFIX)):
            prefix = int.from_bytes(data[position : position + PREFIX], "big")
            if prefix not in repeated:
                continue
            here = ballot_name(summary.station, summary.lines[index])
            if prefix in first:
                ledger.failed(
                    Check.NO_DUPLICATES, here, f"a ciphertext's α also appears in {first[prefix]}"
                )
            else:
                first[prefix] = here


def _aggregates(
    source: Source,
    context: Context,
    ledger: Ledger,
    definition: Definition,
    *,
    summaries: list[StationSummary],
    files: dict[str, Listed],
) -> None:
    by_station = {summary.station: summary for summary in summaries}
    for constituency in definition.constituencies:
        inside = [
            by_station[station]
            for station in sorted(by_station)
            if constituency in definition.ballots[station]
        ]
        check = check_mixes if constituency.large else check_aggregate
        check(source, context, ledger, constituency, summaries=inside, files=files)
