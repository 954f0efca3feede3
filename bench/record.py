"""What a process pays before its first report: the sealed pre-election record's coverage.

    .venv/bin/python bench/record.py STORE [--election ID] [--repeat N]

STORE is a SQLite store holding a sealed record, a copy of one (SQLite writes beside the file it
opens: never point it at a store another run keeps, such as `bench/night.py --national`'s).
It times, in CPU seconds, `services.record_coverage.coverage_of` once with nothing kept (the record
read, decoded with every check a reader makes, its amendments verified, the coverage built),
which every process taking reports pays before its first; then, N times each, reading the
record's bytes from the store (the baseline) and decoding them (`core.anchor.decode_record`).

Measured (session 27, the kept national preparation: 58,640 stations, 117,280 registered staff,
a 22 MB record; the code before and after in one run, on a machine at load 6): coverage_of
4.95 s of CPU before, 1.7 s after; reading the record's bytes 54 ms. Machines are shared and
noisy: compare the figures of one run.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import time
from pathlib import Path

from sandogh.core.anchor import decode_record
from sandogh.services import record_coverage
from sandogh.services.collector import collector_paused
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--election", help="the election whose record (the only one if none)")
    parser.add_argument("--repeat", type=int, default=3, choices=range(1, 21), metavar="1…20")
    args = parser.parse_args()
    if not args.store.is_file():
        parser.error(f"{args.store} is not a file")
    engine = make_engine(f"sqlite:///{args.store}")

    def unit_of_work() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC), reading=True)

    with unit_of_work() as work:
        election = args.election or work.elections.ids()[0]
        stored = work.records.get(election)
        if stored is None or stored.sealed_at is None:
            parser.error(f"{election} has no sealed record in {args.store}")
        start = time.process_time()  # first: nothing kept yet, as in a fresh process
        record_coverage.coverage_of(work, election)
        coverage = time.process_time() - start
    figures: dict[str, list[float]] = {"read": [], "decode": []}
    for _ in range(args.repeat):
        with unit_of_work() as work:
            start = time.process_time()
            again = work.records.get(election)
            figures["read"].append(time.process_time() - start)
        assert again is not None
        start = time.process_time()
        with collector_paused():
            decode_record(again.data)
        figures["decode"].append(time.process_time() - start)
    print(f"{election}: a {len(stored.data) / 1e6:.1f} MB record; CPU s")
    print(f"  coverage_of  {coverage:8.3f}  (once, nothing kept)")
    for step, seconds in figures.items():
        print(f"  {step:<12} {statistics.median(seconds):8.3f}  (median of {args.repeat})")


if __name__ == "__main__":
    main()
