"""The check-in benchmark: many ballot boxes checking voters in at once through the real HTTP API.

    .venv/bin/python bench/checkin.py [--db URL | --postgres] [--stations S] [--threads T]
                                      [--check-ins N] [--seconds W] [--json]

The centre is the app of `sandogh serve` on uvicorn, in a child process, on a free loopback port,
over the Kerman round-2 definition (examples/kerman-1403/round2.yaml) and a synthetic registry.
S boxes are enrolled through the API with keys of their own; then T client threads send up to N
signed check-ins of distinct voters (for at most W seconds), each box in turn. As in
bench/national.py, the figures stand beside baselines measured in the same run on the same
database: the same number of ledger-shaped rows inserted by the driver into a bare table, one
commit per row (the fair one: a check-in is one transaction) and all in one executemany.
The aim (issue 3): 5,000 check-ins/s with p99 under 50 ms on 2 cores. The clients run on the
same machine and share its cores with the centre, so the server's and the clients' CPU time are
measured apart: the centre's CPU time per check-in is what bounds it.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import gc
import hashlib
import itertools
import json
import math
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import URL

from sandogh.core.definition.model import UnitKind
from sandogh.core.report import SigningKey
from sandogh.formats.definition_file import LoadedDefinition, load_definition
from sandogh.registry.synthetic import SyntheticRegistry
from sandogh.server.process import centre_process, one_run_settings
from sandogh.server.settings import SyntheticRegistrySpec
from sandogh.services.elections import load_election
from sandogh.station.centre_http import HttpCentreClient
from sandogh.station.ports import CentreRefusedError, CentreUnreachableError
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork
from sandogh.store.url import parse_url

KERMAN_ROUND_2 = Path(__file__).resolve().parents[1] / "examples/kerman-1403/round2.yaml"
AIM_PER_SECOND, AIM_P99_MS = 5_000, 50.0
REGISTRY_SEED = 1403
RAW_TABLE = "bench_raw_ledger"
TIMEOUT_SECONDS = 60.0
PG_ROLE = "sandogh"
BASELINES = {
    "one commit per row": "each ledger-shaped row inserted and committed alone, one after "
    "another on one connection: a check-in is one transaction, so this is the fair baseline",
    "executemany": "the same rows by the driver's plain executemany, in one transaction",
}


@dataclass(frozen=True)
class Sample:
    outcome: str  # "ballot-card", a refusal's reason, or "error:" and the error
    seconds: float


@dataclass(frozen=True)
class Baseline:
    name: str
    rows: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def say(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)


# ---- the centre, in a child process ----------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` so far, all its threads (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ---- a throwaway PostgreSQL server, as tests/conftest.py starts one ----------------------------


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A new database on a PostgreSQL server of its own (initdb into a temporary folder, a unix
    socket only), its URL; the server is stopped and its folder deleted after. Unlike the tests'
    server, it keeps PostgreSQL's durable defaults (fsync, synchronous commit): a centre does."""
    initdb = shutil.which("initdb") or next(
        iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))), None
    )
    if initdb is None:
        raise SystemExit("--postgres needs initdb and pg_ctl (apt-get install postgresql)")
    bin_dir = Path(initdb).resolve().parent
    root = Path(tempfile.mkdtemp(prefix="sandogh-pg-", dir="/tmp"))  # short: a socket path
    user = "postgres" if os.geteuid() == 0 else None  # initdb refuses root
    prefix = [] if user is None else ["runuser", "-u", user, "--"]
    if user is not None:
        shutil.chown(root, user=user)
    data, log = root / "data", root / "server.log"

    def as_server(*command: str) -> None:
        subprocess.run([*prefix, *command], check=True, capture_output=True)

    started = False
    try:
        as_server(
            str(bin_dir / "initdb"), "-D", str(data), "-U", PG_ROLE, "--auth=trust", "-E", "UTF8"
        )
        options = f"-k {root} -c listen_addresses='' -c max_connections=200"
        as_server(
            str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-o", options, "start"
        )
        started = True
        with psycopg.connect(host=str(root), user=PG_ROLE, dbname="postgres", autocommit=True) as c:
            c.execute('CREATE DATABASE "checkin"')
        url = URL.create("postgresql+psycopg", username=PG_ROLE, database="checkin")
        yield url.update_query_dict({"host": str(root)}).render_as_string(hide_password=False)
    finally:
        if started:
            as_server(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


# ---- setting up: the store, the voters, the boxes ----------------------------------------------


def load_kerman(url: str, loaded: LoadedDefinition) -> None:
    init_database(url)
    engine = make_engine(url)
    now = datetime.datetime.now(datetime.UTC)
    try:
        load_election(
            lambda: SqlUnitOfWork(engine, now=now),
            loaded.election,
            definition_hash=loaded.definition_hash,
            canonical=loaded.canonical,
            now=now,
        )
    finally:
        engine.dispose()


def eligible_voters(registry: SyntheticRegistry, day: datetime.date, count: int) -> list[str]:
    return [code.digits for code in itertools.islice(registry.voters(day), count)]


def spread(stations: list[str], count: int) -> list[str]:
    """`count` stations spread evenly over the definition's (every one again if too few)."""
    return [stations[i * len(stations) // count % len(stations)] for i in range(count)]


def enrol(base: str, election: str, stations: list[str], token: str) -> list[SigningKey]:
    keys = [SigningKey.from_seed(secrets.token_bytes(32)) for _ in stations]
    for key, station in zip(keys, stations, strict=True):
        with HttpCentreClient(base, key, timeout=TIMEOUT_SECONDS, operator_token=token) as box:
            box.enrol(election=election, station=station)
    return keys


# ---- the load ---------------------------------------------------------------------------------


def drive(
    base: str,
    election: str,
    boxes: list[tuple[SigningKey, str]],
    voters: list[str],
    *,
    threads: int,
    seconds: float,
) -> tuple[list[Sample], float]:
    """Check `voters` in from `threads` threads, each sending through the boxes it is given in
    turn, until every voter is sent or `seconds` have passed: the samples and the wall time."""
    jobs = itertools.count()  # next() on it is atomic under the GIL: each voter is sent once
    samples: list[list[Sample]] = [[] for _ in range(threads)]
    deadline = time.perf_counter() + seconds

    def work(thread: int) -> None:
        mine = boxes[thread::threads] or [boxes[thread % len(boxes)]]
        clients = [
            (HttpCentreClient(base, key, timeout=TIMEOUT_SECONDS), station) for key, station in mine
        ]
        try:
            for turn in itertools.count():
                job = next(jobs)
                if job >= len(voters) or time.perf_counter() > deadline:
                    return
                client, station = clients[turn % len(clients)]
                start = time.perf_counter()
                try:
                    answer = client.check_in(
                        election=election, station=station, national_code=voters[job]
                    )
                    outcome = answer.refusal or "ballot-card"
                except CentreRefusedError as refused:
                    outcome = f"error:{refused.reason}"
                except CentreUnreachableError:
                    outcome = "error:unreachable"
                samples[thread].append(Sample(outcome, time.perf_counter() - start))
        finally:
            for client, _ in clients:
                client.close()

    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return [s for per_thread in samples for s in per_thread], time.perf_counter() - start


# ---- the baselines: ledger-shaped rows through the plain driver -------------------------------


def raw_inserts(url: str, voters: list[str], stations: list[str], seconds: float) -> list[Baseline]:
    """Both baselines over `len(voters)` rows shaped as `voted_ledger`'s (its key and index);
    the row-by-row one stops after `seconds`, its rate over the rows it did."""
    at = datetime.datetime.now(datetime.UTC).isoformat()
    rows = [
        (
            "kerman-1403-r2",
            hashlib.sha256(code.encode()).hexdigest(),
            stations[i % len(stations)],
            at,
            '{"president":"kerman"}',
            False,
        )
        for i, code in enumerate(voters)
    ]
    engine = make_engine(url)  # for the same connection settings as the store's
    sqlite = engine.dialect.name == "sqlite"
    mark = "?" if sqlite else "%s"
    insert = f"INSERT INTO {RAW_TABLE} VALUES ({', '.join([mark] * 6)})"
    connection = engine.raw_connection()  # the driver's own: sqlite3 or psycopg
    figures = []
    try:
        cursor: Any = connection.cursor()
        for name in BASELINES:
            if sqlite:  # the engine turns sqlite3's implicit transactions off
                cursor.execute("BEGIN")
            cursor.execute(
                f"CREATE TABLE {RAW_TABLE} (election_id TEXT, voter_key TEXT, station TEXT, "
                "at TEXT, constituencies TEXT, provisional BOOLEAN, "
                "PRIMARY KEY (election_id, voter_key))" + (" WITHOUT ROWID" if sqlite else "")
            )
            cursor.execute(f"CREATE INDEX ix_{RAW_TABLE} ON {RAW_TABLE} (election_id, station)")
            connection.commit()
            done, start = 0, time.perf_counter()
            if name == "executemany":
                if sqlite:
                    cursor.execute("BEGIN")
                cursor.executemany(insert, rows)
                connection.commit()
                done = len(rows)
            else:
                deadline = start + seconds
                for row in rows:
                    if sqlite:
                        cursor.execute("BEGIN")
                    cursor.execute(insert, row)
                    connection.commit()
                    done += 1
                    if time.perf_counter() > deadline:
                        break
            figures.append(Baseline(name, done, time.perf_counter() - start))
            if sqlite:
                cursor.execute("BEGIN")
            cursor.execute(f"DROP TABLE {RAW_TABLE}")
            connection.commit()
    finally:
        connection.close()
        engine.dispose()
    return figures


# ---- output -----------------------------------------------------------------------------------


def percentile(sorted_seconds: list[float], share: float) -> float:
    """The nearest-rank percentile, in milliseconds."""
    if not sorted_seconds:
        return 0.0
    rank = max(1, math.ceil(share * len(sorted_seconds)))
    return 1000 * sorted_seconds[rank - 1]


def summary(
    samples: list[Sample], wall: float, server_cpu: float, client_cpu: float
) -> dict[str, Any]:
    latencies = sorted(s.seconds for s in samples)
    n = len(samples)
    outcomes = collections.Counter(s.outcome for s in samples)
    return {
        "check_ins": n,
        "seconds": wall,
        "per_second": n / wall if wall else 0.0,
        "p50_ms": percentile(latencies, 0.50),
        "p95_ms": percentile(latencies, 0.95),
        "p99_ms": percentile(latencies, 0.99),
        "ballot_cards": outcomes.pop("ballot-card", 0),
        "refusals": dict(sorted(outcomes.items())),
        "server_cpu_s": server_cpu,
        "client_cpu_s": client_cpu,
        "server_cpu_ms_per_check_in": 1000 * server_cpu / n if n else 0.0,
        "client_cpu_ms_per_check_in": 1000 * client_cpu / n if n else 0.0,
    }


def report(setup: dict[str, Any], load: dict[str, Any], baselines: list[Baseline]) -> None:
    rate = load["per_second"]
    print(
        f"sandogh check-in benchmark on {setup['database']}: {setup['stations']} boxes, "
        f"{setup['threads']} client threads, {setup['cores']} cores shared by centre and clients"
    )
    print(
        f"\ncheck-ins   {load['check_ins']:>8,} in {load['seconds']:6.1f} s  {rate:>8,.0f} /s   "
        f"p50 {load['p50_ms']:.1f} ms  p95 {load['p95_ms']:.1f} ms  p99 {load['p99_ms']:.1f} ms"
    )
    refused = ", ".join(f"{k} {v:,}" for k, v in load["refusals"].items()) or "none"
    print(f"ballot cards {load['ballot_cards']:,}; refusals and errors: {refused}")
    for b in baselines:
        ratio = rate / b.per_second if b.per_second else 0.0
        print(
            f"baseline {b.name:<20} {b.rows:>8,} rows in {b.seconds:6.1f} s  "
            f"{b.per_second:>8,.0f} /s   check-ins at {ratio:.3f} × its rate"
        )
    wall = load["seconds"]
    print(
        f"\nCPU during the load: centre {load['server_cpu_s']:.1f} s "
        f"({load['server_cpu_s'] / wall:.2f} cores, {load['server_cpu_ms_per_check_in']:.2f} ms "
        f"per check-in), clients {load['client_cpu_s']:.1f} s "
        f"({load['client_cpu_s'] / wall:.2f} cores, "
        f"{load['client_cpu_ms_per_check_in']:.2f} ms per check-in)"
    )
    per_core = 1000 / load["server_cpu_ms_per_check_in"] if load["check_ins"] else 0.0
    met = rate >= AIM_PER_SECOND and load["p99_ms"] < AIM_P99_MS
    print(
        f"the centre's CPU alone would allow about {per_core:,.0f} check-ins/s per core it had\n"
        f"aim {AIM_PER_SECOND:,}/s with p99 under {AIM_P99_MS:.0f} ms: "
        f"{'met' if met else 'missed'}\n\nbaselines (same database, same run):"
    )
    for name, meaning in BASELINES.items():
        print(f"  {name}: {meaning}")


# ---- the run ----------------------------------------------------------------------------------


def run(url: str, args: argparse.Namespace) -> dict[str, Any]:
    loaded = load_definition(KERMAN_ROUND_2)
    election = loaded.election
    say(f"loading {election.id} into {parse_url(url).get_backend_name()}")
    load_kerman(url, loaded)
    # about 88 % of a synthetic registry may vote: room enough for `check_ins` distinct voters
    spec = SyntheticRegistrySpec(seed=REGISTRY_SEED, size=args.check_ins * 5 // 4 + 1_000)
    voters = eligible_voters(
        SyntheticRegistry(spec.seed, size=spec.size), election.date, args.check_ins
    )
    stations = spread([u.code for u in election.units if u.kind is UnitKind.STATION], args.stations)
    settings, token = one_run_settings(url, spec)
    with centre_process(settings) as running:
        base, pid = running.base_url, running.pid
        say(f"centre up at {base}; enrolling {len(stations)} boxes")
        keys = enrol(base, election.id, stations, token)
        say(f"{len(voters):,} check-ins from {args.threads} threads (at most {args.seconds} s)")
        gc.collect()
        server_before, client_before = cpu_seconds(pid), time.process_time()
        boxes = list(zip(keys, stations, strict=True))
        samples, wall = drive(
            base, election.id, boxes, voters, threads=args.threads, seconds=args.seconds
        )
        server_cpu = cpu_seconds(pid) - server_before
        client_cpu = time.process_time() - client_before
    load = summary(samples, wall, server_cpu, client_cpu)
    say(f"{load['per_second']:,.0f} check-ins/s; the baselines on the same database")
    baselines = raw_inserts(url, voters[: load["check_ins"]], stations, args.seconds)
    setup = {
        "database": parse_url(url).get_backend_name(),
        "election": election.id,
        "stations": len(stations),
        "threads": args.threads,
        "cores": os.cpu_count(),
        "check_ins_asked": len(voters),
        "seconds_bound": args.seconds,
    }
    return {"setup": setup, "load": load, "baselines": baselines}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", help="URL of an empty database (default: a new SQLite file)")
    where.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL server")
    parser.add_argument("--stations", type=int, default=200, help="ballot boxes enrolled")
    parser.add_argument("--threads", type=int, default=64, help="client threads")
    parser.add_argument("--check-ins", type=int, default=20_000, help="at most")
    parser.add_argument("--seconds", type=float, default=60.0, help="bound on each timed phase")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sandogh-checkin-") as scratch:
        if args.postgres:
            with throwaway_postgres() as url:
                result = run(url, args)
        else:
            result = run(args.db or f"sqlite:///{Path(scratch) / 'centre.sqlite'}", args)
    setup, load, baselines = result["setup"], result["load"], result["baselines"]
    if args.json:
        rows = [
            {
                **asdict(b),
                "per_second": b.per_second,
                "ratio": load["per_second"] / b.per_second if b.per_second else None,
            }
            for b in baselines
        ]
        aim = {"per_second": AIM_PER_SECOND, "p99_ms": AIM_P99_MS}
        out = {"setup": setup, "load": load, "baselines": rows, "aim": aim}
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        report(setup, load, baselines)


if __name__ == "__main__":
    main()
