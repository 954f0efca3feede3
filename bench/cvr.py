"""The cast-vote record benchmark: the national day's ballots at electronic stations, tallied.

    .venv/bin/python bench/cvr.py [--records N] [--seed S] [--check K] [--keep DIR] [--json]

The ballots are those of the synthetic nation of `bench/nation.py` (58,640 stations, each voting
in four contests of the five: president, parliament, experts, and its city or village council),
about 30 M of them by default (issue 14: tally them in under 30 s). Each station's ballots are
held in the columns of `sandogh.core.report.ballot_columns` and written one station after another
into one file:

    station block: u16 length, station code (UTF-8); u32 ballots; u8 columns; then per column:
                   u16 length, contest id; the sizes (one byte per ballot); u32 length, chosen
    (little-endian; sizes and chosen as `ballot_columns` defines them)

A station's ballots are drawn from a seeded pool of 1,024 ballots per shape of contest (its
number of candidates and seats): popular candidates more often, a multi-seat ballot naming one to
all of its seats, 1.5 % blank; picking from a pool by random bytes keeps the generation in C.

Measured, each in a fresh child process with the file in the page cache, beside each other:
the baseline reads the file and splits it into its stations' columns, checking nothing; the tally
does the same and counts every station with `count_columns` (held equal to `count_ballots` by the
tests, and checked here on `--check` stations against the records they hold, which also gives
the rate of counting one record object at a time); then `aggregate` adds the stations' sheets
into every unit's totals, as the centre does. `--records` below 30 M writes only the first
stations of the nation, each with all its ballots, up to that many, and extrapolates the tally's
time to 30 M in proportion to the ballots.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import random
import resource
import struct
import sys
import tempfile
import time
from array import array
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import nation
from sandogh.core.counting.aggregate import aggregate
from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election, UnitKind
from sandogh.core.report.ballot import BallotContest, Papers, count_ballots
from sandogh.core.report.ballot_columns import BallotColumns, ContestColumn, count_columns
from sandogh.core.report.ballot_columns import records_of as decode_columns
from sandogh.server.collector import GC_THRESHOLDS

AIM_SECONDS, NATIONAL = 30.0, 30_000_000
POOL, BLANK_SHARE = 1_024, 0.015
FILE = "ballots.cvr"
Ballots = dict[str, tuple[BallotContest, ...]]  # station → its ballot
_U16, _U32, _U8 = struct.Struct("<H"), struct.Struct("<I"), struct.Struct("<B")
T = TypeVar("T")


@dataclass(frozen=True)
class Took:
    wall: float
    cpu: float


def timed(work: Callable[[], T]) -> tuple[Took, T]:
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    return Took(time.perf_counter() - start, time.process_time() - cpu), result


def say(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)


# ---- the day's ballots ----------------------------------------------------------------------


def station_ballots(election: Election) -> Ballots:
    """Every station's ballot, as `ballot.station_ballot` makes it, built once per constituency."""
    geography = Geography.of(election)
    of_constituency: dict[tuple[str, str], BallotContest] = {}
    for contest in election.contests:
        standing: dict[str, list[str]] = {}
        for candidate in contest.candidates:
            standing.setdefault(candidate.constituency, []).append(candidate.code)
        for k in contest.constituencies:
            of_constituency[contest.id, k.id] = BallotContest(
                contest.id, k.seats, tuple(standing.get(k.id, ()))
            )
    members = [(c.id, geography.constituency_map(c.id)) for c in election.contests]
    return {
        station: tuple(
            of_constituency[contest, where]
            for contest, member in members
            if (where := member.get(station)) is not None
        )
        for station in geography.stations
    }


def ballots_per_station(election: Election, records: int, rng: random.Random) -> dict[str, int]:
    """A turnout of 35 to 65 % of each station's eligible voters, scaled to `records` in all
    (the 2024 presidential runoff: 30.5 M ballots of 61.5 M eligible voters)."""
    drawn = {
        u.code: (u.eligible_voters or 0) * rng.uniform(0.35, 0.65)
        for u in election.units
        if u.kind is UnitKind.STATION
    }
    scale = records / sum(drawn.values())
    return {station: round(n * scale) for station, n in drawn.items()}


class _Pools:
    """Per shape of contest (candidates, seats), 1,024 ballots tiled to 65,536, so that two
    random bytes pick one: their chosen positions as bytes, and their sizes."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._pools: dict[tuple[int, int], tuple[list[bytes], bytes]] = {}

    @property
    def shapes(self) -> int:
        return len(self._pools)

    def of(self, candidates: int, seats: int) -> tuple[list[bytes], bytes]:
        pool = self._pools.get((candidates, seats))
        if pool is None:
            pool = self._pools[candidates, seats] = self._draw(candidates, seats)
        return pool

    def _draw(self, candidates: int, seats: int) -> tuple[list[bytes], bytes]:
        rng = self._rng
        weights = [rng.paretovariate(1.5) for _ in range(candidates)]
        chosen: list[bytes] = []
        sizes = bytearray()
        for _ in range(POOL):
            if rng.random() < BLANK_SHARE or not candidates:
                picked: list[int] = []
            else:
                wanted = 1 if seats == 1 else rng.randint(1, min(seats, candidates))
                found: set[int] = set()
                while len(found) < wanted:
                    found.update(rng.choices(range(candidates), weights, k=wanted - len(found)))
                picked = sorted(found)
            chosen.append(array("H", picked).tobytes())  # little-endian on this machine
            sizes.append(len(picked))
        tiles = 65_536 // POOL
        return chosen * tiles, bytes(sizes) * tiles


def station_columns(
    ballot: tuple[BallotContest, ...], n: int, pools: _Pools, rng: random.Random
) -> BallotColumns:
    columns = []
    for contest in ballot:
        chosen, sizes = pools.of(len(contest.candidates), contest.seats)
        picks = array("H", rng.randbytes(2 * n))
        columns.append(
            ContestColumn(
                contest.contest,
                bytes(map(sizes.__getitem__, picks)),
                b"".join(map(chosen.__getitem__, picks)),
            )
        )
    return BallotColumns(n, tuple(columns))


def write_day(
    election: Election, ballots: Ballots, records: int, seed: int, path: Path
) -> dict[str, Any]:
    """Write the national day's ballots into `path`, station after station until `records` are
    written (a smaller day is the first stations of the nation, each with all its ballots), and
    say how large it is."""
    rng = random.Random(seed)
    per_station = ballots_per_station(election, NATIONAL, rng)
    pools = _Pools(rng)
    chosen = written = stations = 0
    with path.open("wb") as out:
        for station, ballot in ballots.items():
            if written >= records:
                break
            columns = station_columns(ballot, per_station[station], pools, rng)
            out.write(_block(station, columns))
            chosen += sum(len(c.chosen) // 2 for c in columns.columns)
            written += columns.records
            stations += 1
    return {
        "stations": stations,
        "records": written,
        "choices": chosen,
        "file_mb": path.stat().st_size / 1e6,
        "shapes": pools.shapes,
    }


def _block(station: str, columns: BallotColumns) -> bytes:
    code = station.encode()
    parts = [_U16.pack(len(code)), code, _U32.pack(columns.records), _U8.pack(len(columns.columns))]
    for column in columns.columns:
        contest = column.contest.encode()
        parts += [_U16.pack(len(contest)), contest, column.sizes]
        parts += [_U32.pack(len(column.chosen)), column.chosen]
    return b"".join(parts)


def read_day(path: Path) -> Iterator[tuple[str, BallotColumns]]:
    """Every station's columns, as written."""
    data = path.read_bytes()
    view, at, end = memoryview(data), 0, len(data)
    u16, u32, u8 = _U16.unpack_from, _U32.unpack_from, _U8.unpack_from
    while at < end:
        (length,) = u16(data, at)
        station = str(view[at + 2 : at + 2 + length], "utf-8")
        at += 2 + length
        (records,) = u32(data, at)
        (count,) = u8(data, at + 4)
        at += 5
        columns = []
        for _ in range(count):
            (length,) = u16(data, at)
            contest = str(view[at + 2 : at + 2 + length], "utf-8")
            at += 2 + length
            sizes = bytes(view[at : at + records])
            at += records
            (length,) = u32(data, at)
            chosen = bytes(view[at + 4 : at + 4 + length])
            at += 4 + length
            columns.append(ContestColumn(contest, sizes, chosen))
        yield station, BallotColumns(records, tuple(columns))


# ---- what is measured, each in a fresh child ------------------------------------------------


def papers_of(ballot: tuple[BallotContest, ...], n: int) -> dict[str, Papers]:
    """The hand count of papers the bench assumes: every ballot cast on a used paper, a tenth
    more received and left unused."""
    spare = n // 10 + 1
    paper = Papers(received=n + spare, used=n, unused=spare)
    return {contest.contest: paper for contest in ballot}


def only_read(path: Path) -> tuple[Took, int]:
    return timed(lambda: sum(columns.records for _, columns in read_day(path)))


def tally(path: Path, ballots: Ballots, election: Election) -> dict[str, Any]:
    gc.set_threshold(*GC_THRESHOLDS)  # as the `sandogh` command runs
    geography = Geography.of(election)

    def count() -> list[TallySheet]:
        sheets = []
        for station, columns in read_day(path):
            ballot = ballots[station]
            counted = count_columns(columns, ballot, papers_of(ballot, columns.records))
            sheets += [TallySheet(station, contest, c) for contest, c in counted.items()]
        return sheets

    took, sheets = timed(count)
    added, _ = timed(lambda: aggregate(geography, sheets))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"tally": took, "aggregate": added, "peak_rss_mib": peak}


def check(path: Path, ballots: Ballots, stations: int) -> dict[str, Any]:
    """The first `stations` stations counted both ways; their record objects' counting timed."""
    records, seconds = 0, 0.0
    for i, (station, columns) in enumerate(read_day(path)):
        if i == stations:
            break
        ballot = ballots[station]
        paper = papers_of(ballot, columns.records)
        start = time.process_time()
        counted = count_ballots(decode_columns(columns, ballot), ballot, paper)
        seconds += time.process_time() - start
        if counted != count_columns(columns, ballot, paper):
            raise AssertionError(f"{station}: the columns count otherwise than their records")
        records += columns.records
    return {"stations": stations, "records": records, "cpu_seconds": seconds}


# ---- output ---------------------------------------------------------------------------------


def report(
    sizes: dict[str, Any], base: Took, counted: dict[str, Any], checked: dict[str, Any]
) -> dict[str, Any]:
    n = sizes["records"]
    tally_took, added = counted["tally"], counted["aggregate"]
    per_record = checked["cpu_seconds"] / max(checked["records"], 1)
    scale = NATIONAL / n
    return {
        "sizes": sizes,
        "only_read": {"wall": base.wall, "cpu": base.cpu},
        "tally": {"wall": tally_took.wall, "cpu": tally_took.cpu},
        "aggregate": {"wall": added.wall, "cpu": added.cpu},
        "tally_ratio": {"wall": tally_took.wall / base.wall, "cpu": tally_took.cpu / base.cpu},
        "rate_per_s": {"wall": n / tally_took.wall, "cpu": n / tally_took.cpu},
        "at_30m_s": {"wall": tally_took.wall * scale, "cpu": tally_took.cpu * scale},
        "peak_rss_mib": counted["peak_rss_mib"],
        "checked": checked,
        "record_objects_at_30m_cpu_s": per_record * NATIONAL,
        "aim_s": AIM_SECONDS,
    }


def print_report(r: dict[str, Any], seed: int) -> None:
    s = r["sizes"]
    print(f"sandogh cast-vote record benchmark, seed {seed}")
    print(
        f"day: {s['records']:,} ballots at {s['stations']:,} stations, {s['choices']:,} "
        f"candidates chosen; {s['file_mb']:,.0f} MB of columns ({s['shapes']} shapes of "
        "contest), generated (not measured)\n"
    )
    print(f"{'step':<34}{'seconds':>8}{'CPU s':>8}  rate")
    rows = [
        ("only read (baseline)", r["only_read"]),
        ("tally every station", r["tally"]),
        ("aggregate every unit", r["aggregate"]),
    ]
    for name, took in rows:
        rate = f"{s['records'] / took['cpu']:>12,.0f} ballots per CPU s" if took["cpu"] else ""
        print(f"{name:<34}{took['wall']:>8.2f}{took['cpu']:>8.2f}  {rate}")
    ratio, at = r["tally_ratio"], r["at_30m_s"]
    print(
        f"\ntally: {ratio['wall']:.1f} × only reading on the clock, {ratio['cpu']:.1f} × in CPU;"
        f" peak RSS {r['peak_rss_mib']:,.0f} MiB"
    )
    on_cpu = "met" if at["cpu"] < AIM_SECONDS else "missed"
    on_clock = "met" if at["wall"] < AIM_SECONDS else "missed"
    # the day's ballots are rounded per station, so a whole day may fall a few short of 30 M
    scaled = "" if s["records"] >= NATIONAL * 0.999 else " (extrapolated in proportion)"
    print(
        f"30 M ballots{scaled}: {at['wall']:.1f} s on the clock, {at['cpu']:.1f} s of CPU; "
        f"aim under {AIM_SECONDS:.0f} s: {on_cpu} in CPU seconds of one core, {on_clock} on "
        "the clock of this (shared) machine"
    )
    c = r["checked"]
    print(
        f"checked: {c['stations']} stations ({c['records']:,} ballots) count the same as their "
        f"record objects, which count at {c['records'] / max(c['cpu_seconds'], 1e-9):,.0f} "
        f"ballots per CPU s: {r['record_objects_at_30m_cpu_s']:,.0f} s for 30 M"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--records", type=int, default=NATIONAL, help="ballots in all")
    parser.add_argument("--seed", type=int, default=1403, help="the nation's and ballots' seed")
    parser.add_argument("--check", type=int, default=50, help="stations counted both ways")
    parser.add_argument("--keep", type=Path, help="write the ballots file into this folder")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    say(f"building the nation (seed {args.seed})")
    election = nation.build(args.seed).election
    with tempfile.TemporaryDirectory(prefix="sandogh-cvr-") as scratch:
        folder: Path = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / FILE
        say(f"writing {args.records:,} ballots into {path}")
        ballots = station_ballots(election)
        sizes = write_day(election, ballots, args.records, args.seed, path)
        spawn = multiprocessing.get_context("spawn")

        def child() -> Executor:
            return ProcessPoolExecutor(1, mp_context=spawn, max_tasks_per_child=1)

        with child() as pool:
            pool.submit(only_read, path).result()  # the file into the page cache
        with child() as pool:
            base, _ = pool.submit(only_read, path).result()
        say(f"only read: {base.wall:.2f} s ({base.cpu:.2f} s CPU)")
        with child() as pool:
            counted = pool.submit(tally, path, ballots, election).result()
        say(f"tally: {counted['tally'].wall:.2f} s ({counted['tally'].cpu:.2f} s CPU)")
        checked = check(path, ballots, args.check)
    result = report(sizes, base, counted, checked)
    if args.json:
        print(json.dumps({"seed": args.seed, **result}, indent=2))
    else:
        print_report(result, args.seed)


if __name__ == "__main__":
    main()
