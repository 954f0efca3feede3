"""The check-in benchmark at W = 1, 2, … server processes against one PostgreSQL: how the rate
grows with workers on this machine (issue 14, "Beyond one machine"; docs/deployment.md sizes
the national centre from it).

    .venv/bin/python bench/checkin_workers.py [--workers 1-4] [--db URL]
                                              [--stations S] [--concurrency C] [--clients P]
                                              [--check-ins N] [--seconds T] [--json]

Each W is bench/checkin.py's run, unchanged (its centre, load generator, CPU meters and
baselines), on a new database of the same throwaway PostgreSQL server (`--postgres` there;
`--db` a SQLite file or server of your own, a new database for each W beside the one named),
one after another: the rate of each W is printed beside the one-worker rate, with the centre's
CPU per check-in, from which the cores of the national peak follow. The workers, the load
generator and PostgreSQL share this machine's cores, so past its cores a W adds only turns.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

import checkin  # bench/checkin.py, beside this file
from sandogh.server.process import CentreStartError


def worker_counts(text: str) -> list[int]:
    """`1-4` → [1, 2, 3, 4]; `1,2,4` → [1, 2, 4]; `3` → [3]."""
    counts: list[int] = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        counts.extend(range(int(first), int(last or first) + 1))
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"workers: {text!r} (say 1-4 or 1,2,4)")
    return counts


@contextmanager
def databases(args: argparse.Namespace, scratch: Path) -> Iterator[list[str]]:
    """A new, empty database for each W: on one throwaway PostgreSQL server by default."""
    names = [f"checkin_w{w}" for w in args.workers]
    if args.db is not None and make_url(args.db).get_backend_name() == "sqlite":
        yield [f"sqlite:///{scratch / name}.sqlite" for name in names]
        return
    with server_of(args.db) as url:
        given = make_url(url)
        host = given.query.get("host")
        with psycopg.connect(
            host=host if isinstance(host, str) else None,
            user=given.username,
            password=given.password,
            port=given.port,
            dbname="postgres",
            autocommit=True,
        ) as server:
            for name in names:
                server.execute(f'CREATE DATABASE "{name}"')
        yield [given.set(database=name).render_as_string(hide_password=False) for name in names]


@contextmanager
def server_of(url: str | None) -> Iterator[str]:
    """The server `url` names, or a throwaway one (bench/checkin.py's) until the block ends."""
    if url is not None:
        yield url
        return
    with checkin.throwaway_postgres() as throwaway:
        yield throwaway


def table(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each W's figures beside the one-worker rate (the first W's, when 1 was not run)."""
    first = runs[0]["load"]["per_second"]
    rows = []
    for run in runs:
        load, workers = run["load"], run["setup"]["workers"]
        centre_ms = load["cpu_ms_per_check_in"]["centre"]
        rows.append(
            {
                "workers": workers,
                "per_second": load["per_second"],
                "times_first": load["per_second"] / first if first else 0.0,
                "p99_ms": load["p99_ms"],
                "centre_cores": load["cpu_s"]["centre"] / load["seconds"],
                "centre_ms_per_check_in": centre_ms,
                "per_centre_core": 1000 / centre_ms if centre_ms else 0.0,
                "limited_by": checkin.limit(load, workers, run["setup"]["cores"]),
            }
        )
    return rows


def print_table(rows: list[dict[str, Any]], database: str, cores: int | None) -> None:
    print(f"sandogh check-ins by server processes, one {database} database each, {cores} cores")
    print(
        f"\n{'workers':>7}  {'check-ins/s':>11}  {'× ' + str(rows[0]['workers']) + ' worker':>10}"
        f"  {'p99 ms':>7}  {'centre cores':>12}  {'centre ms each':>14}  {'per centre core':>15}"
    )
    for row in rows:
        print(
            f"{row['workers']:>7}  {row['per_second']:>11,.0f}  {row['times_first']:>10.2f}"
            f"  {row['p99_ms']:>7.1f}  {row['centre_cores']:>12.2f}"
            f"  {row['centre_ms_per_check_in']:>14.3f}  {row['per_centre_core']:>15,.0f}"
        )
    print()
    for row in rows:
        print(f"W={row['workers']}: limited by {row['limited_by']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--workers", type=worker_counts, default=[1, 2, 3, 4], help="W to run: 1-4, or 1,2,4"
    )
    parser.add_argument(
        "--db",
        help="a PostgreSQL server's URL (a new database for each W beside it) or sqlite:///…; "
        "default a throwaway PostgreSQL server",
    )
    parser.add_argument("--stations", type=int, default=200, help="ballot boxes enrolled")
    parser.add_argument("--concurrency", type=int, default=32, help="connections in flight")
    parser.add_argument("--clients", type=int, default=1, help="load-generator processes")
    parser.add_argument("--check-ins", type=int, default=10_000, help="at most, for each W")
    parser.add_argument("--seconds", type=float, default=15.0, help="bound on each timed phase")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    runs = []
    with (
        tempfile.TemporaryDirectory(prefix="sandogh-checkin-workers-") as scratch,
        databases(args, Path(scratch)) as urls,
    ):
        for workers, url in zip(args.workers, urls, strict=True):
            checkin.say(f"W = {workers}")
            one = argparse.Namespace(**{**vars(args), "workers": workers})
            own = Path(scratch) / f"w{workers}"  # each run writes its server key there
            own.mkdir()
            try:
                runs.append(checkin.run(url, one, own))
            except CentreStartError as failed:  # a busy machine: show what was measured
                checkin.say(f"W = {workers}: {failed}; the runs before it follow")
                break
    if not runs:
        raise SystemExit("no W was measured")
    rows = table(runs)
    setup = runs[0]["setup"]
    if args.json:
        shown = {**setup, "workers": args.workers}
        json.dump({"setup": shown, "by_workers": rows}, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print_table(rows, setup["database"], setup["cores"])


if __name__ == "__main__":
    main()
