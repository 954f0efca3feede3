"""The national snapshot's full regeneration timed alone, beside writing the same files plainly.

    .venv/bin/python bench/regeneration.py [--workers W] [--repeat N] [--profile FILE] [--json]

The store is the kept national preparation's (bench/night_nation.py: 58,640 stations, every box
enrolled, the record sealed, every zero report taken, made by `bench/night.py --national
--prepare`, ~18 min of CPU; this bench refuses to start without it rather than make it), copied
under a temporary folder. Each run regenerates the snapshot's `data/` tree whole into an empty
folder, as `sandogh publish` does at its start (`Publisher.regenerate`, W processes, the site not
rendered: its pages are bench/site.py's figure), and is set beside its baseline in the same run:
the same files — those the preparation's own publication wrote — read and written again into an
empty folder by the plainest loop (`Path.read_bytes`, `write_bytes`), one process; baseline and
regeneration alternate. Seconds on the clock and CPU seconds (this process's and its ended
children's: the workers) for each; on a shared machine the CPU is the figure to trust, and on 2
cores the wall time of the regeneration is at best about its CPU / 2. `--profile` writes the
publisher's own process's profile (cProfile; the workers' are not in it) of the first run.

Issue 14's aim: the national regeneration under 60 s on 2 cores.

Measured (session 29, one run, load 10-15 on 2 shared cores, the publisher's own process
under cProfile): the regeneration 146.9 s of CPU and 733.8 s on the clock, 363,444 files,
beside the plain write 58.7 s of CPU and 122.1 s: 2.5 x in CPU. Of the CPU, the two workers
writing the files 119.9 s, the publisher's own process 27 s (profiled). On 2 idle cores that
is at best ~74 s on the clock: the aim is not met (session 26's figure, inside the
preparation: ~80 s of CPU). The clock here says little: the workers waited most of it for a
core. The profile (on the clock) of the publisher's own process: reading the event log whole
at its start (`Publisher._restart`: 306,838 entries, each checked again as canonical JSON by
`Event.__post_init__`) about as long as reading the election whole (`services.results.tally`
with `signed`: every report held to its log entry, every station's sheets to its report; the
day's definition); the workers' part, four fifths of the CPU, is what to profile next.

Session 29, later: no worker profiled whole (the kept preparation was being made again for
revision 0027). Measured apart: `Writer.write` into empty folders, 40,000 files of ~200 bytes,
old and new alternated three times: 0.7-0.87 -> 0.24-0.35 s of user CPU (the temporary file
written through its descriptor, its folder known as text, not a buffered file object and a
`Path`), while the system's CPU of the same writes was 12.5-15.8 s (~330 us a file: making a
file, renaming it, on this machine's shared disk at that moment; 2.9 s in all an hour before).
So a worker's own Python in writing was ~15 us of a file (~5 s of the 120 s), and most of
its CPU is likely the kernel making 363,444 files, as the plain write's 58.7 s of CPU is: the
profile of a worker (`--workers 1 --profile`, which then profiles everything in one process)
on stage's preparation says how the rest splits between rendering, encoding and the system.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import gc
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nation
import night_nation
from province import SEED
from sandogh.formats.definition_file import canonical_bytes, parse_definition
from sandogh.publish.processes import cpu_seconds
from sandogh.publish.snapshot import Publisher
from sandogh.server.collector import GC_THRESHOLDS
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork

AIM_SECONDS = 60.0
Run = dict[str, dict[str, float]]


def say(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)


def kept_preparation() -> night_nation.Prepared:
    """The kept national preparation, as bench/night.py finds it; SystemExit if none is kept."""
    loaded = parse_definition(canonical_bytes(nation.build(SEED).election), source_name="nation")
    folder = night_nation.cache_folder(loaded.definition_hash, None)
    if not folder.exists():
        raise SystemExit(
            f"no kept national preparation ({folder}): run bench/night.py "
            "--national --prepare first (~18 min of CPU)"
        )
    return night_nation.Prepared(folder, json.loads((folder / night_nation.FIGURES).read_text()))


def timed(work: Callable[[], object]) -> dict[str, float]:
    gc.collect()
    wall, cpu = time.perf_counter(), cpu_seconds()
    work()
    return {"wall_s": time.perf_counter() - wall, "cpu_s": cpu_seconds() - cpu}


def plain_copy(source: Path, target: Path) -> int:
    """Every file under `source` read and written under `target`: the baseline."""
    files = 0
    for path in sorted(source.rglob("*")):
        if path.is_file():
            written = target / path.relative_to(source)
            written.parent.mkdir(parents=True, exist_ok=True)
            written.write_bytes(path.read_bytes())
            files += 1
    return files


def regenerate(url: str, election: str, root: Path, workers: int) -> int:
    engine = make_engine(url)

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC))

    def reads() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC), reading=True)

    try:
        publisher = Publisher(
            uow, root, elections=[election], workers=workers, render=False, reads=reads
        )
        return len(publisher.regenerate().written)
    finally:
        engine.dispose()


def one_run(n: int, kept: night_nation.Prepared, url: str, scratch: Path, args: Any) -> Run:
    """The baseline, then the regeneration, each into an empty folder removed after."""
    target = scratch / f"plain-{n}"
    say(f"run {n + 1}: the baseline, the kept data files written plainly")
    files: list[int] = []
    plain = timed(lambda: files.append(plain_copy(kept.folder / "site" / "data", target)))
    say(f"  {plain['wall_s']:.1f} s, {plain['cpu_s']:.1f} s of CPU, {files[0]:,} files")
    shutil.rmtree(target)
    root = scratch / f"snapshot-{n}"
    profile = cProfile.Profile() if args.profile and n == 0 else None
    written: list[int] = []

    def work() -> None:
        if profile is not None:
            profile.enable()
        written.append(regenerate(url, kept.election, root, args.workers))
        if profile is not None:
            profile.disable()

    say(f"run {n + 1}: the regeneration, {args.workers} processes")
    whole = timed(work)
    say(f"  {whole['wall_s']:.1f} s, {whole['cpu_s']:.1f} s of CPU, {written[0]:,} files")
    if profile is not None:
        profile.dump_stats(args.profile)
    shutil.rmtree(root)  # 363,444 files: minutes on a loaded machine
    return {"baseline": plain | {"files": files[0]}, "regeneration": whole | {"files": written[0]}}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="the publisher's processes")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each, alternated")
    parser.add_argument("--profile", type=Path, help="the first regeneration's profile here")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    gc.set_threshold(*GC_THRESHOLDS)  # as the `sandogh` command runs
    kept = kept_preparation()
    with tempfile.TemporaryDirectory(prefix="sandogh-regeneration-") as scratch:
        store = Path(scratch) / night_nation.STORE
        shutil.copyfile(kept.folder / night_nation.STORE, store)
        url = f"sqlite:///{store}"
        runs = [one_run(n, kept, url, Path(scratch), args) for n in range(args.repeat)]
    report = {"kept": str(kept.folder), "workers": args.workers, "aim_s": AIM_SECONDS, "runs": runs}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for n, run in enumerate(runs, 1):
        b, r = run["baseline"], run["regeneration"]
        print(
            f"run {n}: regeneration {r['wall_s']:.1f} s ({r['cpu_s']:.1f} s CPU, {r['files']:,} "
            f"files) beside the plain write {b['wall_s']:.1f} s ({b['cpu_s']:.1f} s CPU, "
            f"{b['files']:,} files): {r['cpu_s'] / b['cpu_s']:.1f} x in CPU; aim under "
            f"{AIM_SECONDS:.0f} s on the clock: {'met' if r['wall_s'] < AIM_SECONDS else 'missed'}"
        )


if __name__ == "__main__":
    main()
