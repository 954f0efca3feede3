"""The check-in benchmark: many ballot boxes checking voters in at once through the real HTTP API.

    .venv/bin/python bench/checkin.py [--db URL | --postgres | --all] [--workers W]
                                      [--stations S] [--concurrency C] [--clients P]
                                      [--check-ins N] [--seconds T] [--group G] [--json]

`--all` runs the four modes one after another — SQLite and PostgreSQL, with 1 and 2 server
processes — each bounded as one run is, and ends with a table of them.

The centre is `sandogh serve` (`server.process.serve`, W server processes on one socket) in a
child process on a free loopback port, over the Kerman round-2 definition
(examples/kerman-1403/round2.yaml) and a synthetic registry. S boxes are enrolled through the API
with keys of their own; each of N distinct voters' check-ins is signed by its box as the station
app signs it (`wire.request_signing`), before the clock starts, so that the load generator does
no more than HTTP: P processes of their own keep C keep-alive connections busy between them, each
sending its next check-in when the last is answered (a closed loop: C is the number of boxes
waiting on the centre at any moment), for at most T seconds.

As in bench/national.py, the figures stand beside baselines measured in the same run on the same
database: the same number of ledger-shaped rows inserted by the driver into a bare table, one
commit per row (the fair one: a check-in is one transaction) and all in one executemany; each
rate is also given as a share of those. The aim (issue 3): 5,000 check-ins/s with p99 under 50 ms
on 2 cores. Before the load, the CPU of each part of a check-in is measured in the bench's own
process (bench/checkin_parts.py: decoding, the signature, the rules and the ledger in a group's
transaction of G check-ins, its commit), on check-ins of other voters, and what the centre spent
under the load beyond them is HTTP and the rest. The centre, the load generator, PostgreSQL and
anything else running share the machine's cores, so the CPU time of each is measured apart, with
PostgreSQL's wait events sampled during the load; from them the run says what limited it.

Measured (issue 14, the 2-core machine shared, load 4-10; `--seconds 10`; each mode run with the
code before these changes alternated in the same hour, so the figures to compare are side by
side; CPU a check-in is the figure to trust, the rates follow the machine's load and its disk):

    mode                centre CPU a check-in          rules + ledger (parts)   check-ins/s
    SQLite, 1 worker    0.435-0.515 ms (4 runs)        0.129-0.169 ms           391-1,084
      before            0.482-0.544 ms (4 runs)        0.150-0.188 ms           652-1,644
    SQLite, 2 workers   0.551 ms                       0.125 ms                 884, p99 185 ms
      before            0.813 ms                       0.187 ms                 390, p99 308 ms
    PostgreSQL, 1       0.393 ms + PostgreSQL 0.206    0.191 ms                 970, p99 68 ms
      before            0.607 ms + PostgreSQL 0.219    0.218 ms                 1,132, p99 55 ms

The parts stay: decoding 0.006 ms, the signature 0.063-0.072 (libsodium: the prototype's was
0.09-0.105), the commit's CPU 0.02 (SQLite) / 0.005 (PostgreSQL); HTTP, the event loop and the
hand-over to the writer 0.22-0.29 ms on SQLite (the prototype's HTTP 0.045-0.07). At ~0.47 ms
a core takes ~2,100 check-ins/s: the national peak of 5,000/s needs ~2.4 cores of centre on
SQLite; on PostgreSQL ~2.0 cores of centre and ~1.0 of PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import datetime
import functools
import hashlib
import itertools
import json
import math
import multiprocessing
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg
from sqlalchemy.engine import URL

from checkin_parts import Parts, measure_parts
from sandogh.cli.demo import EXAMPLE_APPROVAL
from sandogh.cli.enrolling import add_run_operator, run_operator_pass
from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.model import UnitKind
from sandogh.core.report import SigningKey
from sandogh.formats.definition_file import LoadedDefinition, load_definition
from sandogh.registry.synthetic import SyntheticRegistry
from sandogh.server.process import centre_process, one_run_settings
from sandogh.server.server_key import SERVER_KEY, ServerKey
from sandogh.server.settings import SyntheticRegistrySpec
from sandogh.services.elections import load_election
from sandogh.services.mode_approvals import approve_as_boards
from sandogh.station.centre_http import HttpCentreClient, OperatorPass
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork
from sandogh.store.url import parse_url
from sandogh.wire import api_paths
from sandogh.wire.request_signing import sign_request

KERMAN_ROUND_2 = Path(__file__).resolve().parents[1] / "examples/kerman-1403/round2.yaml"
AIM_PER_SECOND, AIM_P99_MS = 5_000, 50.0
REGISTRY_SEED = 1403
RAW_TABLE = "bench_raw_ledger"
TIMEOUT_SECONDS = 60.0
PG_ROLE = "sandogh"
WAIT_SAMPLE_SECONDS = 0.05
OPEN_PAUSE = 0.01  # between the load generator's connections, in seconds
PARTS = 2_000  # check-ins of other voters whose parts are timed before the load
MODES = (("sqlite", 1), ("sqlite", 2), ("postgresql", 1), ("postgresql", 2))
BASELINES = {
    "one commit per row": "each ledger-shaped row inserted and committed alone, one after "
    "another on one connection: a check-in is one transaction, so this is the fair baseline",
    "executemany": "the same rows by the driver's plain executemany, in one transaction",
}


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


# ---- CPU time, from Linux's /proc ------------------------------------------------------------


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` so far, all its threads; 0 once it is gone."""
    try:
        fields = _stat(pid)
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int(_stat(int(entry.name))[1]) == pid:
                    found.append(int(entry.name))
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
    return found


def machine_busy_seconds() -> tuple[float, float]:
    """(busy, all) CPU seconds of the whole machine since boot, over every core."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(fields[:8]) - idle) / tick, sum(fields[:8]) / tick


class CpuMeter:
    """CPU seconds used by groups of processes between `start` and `stop`; each group is a
    function naming its processes, asked again at the end for those started meanwhile (as
    PostgreSQL's backends are, one per new connection)."""

    def __init__(self, groups: dict[str, Callable[[], list[int]]]) -> None:
        self.groups = groups
        self._before: dict[int, float] = {}
        self.used: dict[str, list[float]] = {}

    def start(self) -> None:
        self._before = {p: cpu_seconds(p) for pids in self.groups.values() for p in pids()}
        self._machine = machine_busy_seconds()

    def stop(self) -> None:
        self.used = {
            name: [cpu_seconds(p) - self._before.get(p, 0.0) for p in pids()]
            for name, pids in self.groups.items()
        }
        busy, total = machine_busy_seconds()
        self.machine_busy = busy - self._machine[0]
        self.machine_total = total - self._machine[1]


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


def postmaster_pid(url: str) -> int:
    """The PostgreSQL server of `url`'s first process (the server runs on this machine)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            data = connection.exec_driver_sql("SHOW data_directory").scalar_one()
    finally:
        engine.dispose()
    return int(Path(data, "postmaster.pid").read_text().split()[0])


class WaitSampler:
    """What PostgreSQL's active sessions wait on, sampled every `WAIT_SAMPLE_SECONDS`."""

    def __init__(self, url: str) -> None:
        self._engine = make_engine(url)
        self._stop = threading.Event()
        self.samples: collections.Counter[str] = collections.Counter()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> WaitSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._engine.dispose()

    def _run(self) -> None:
        query = (
            "SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') FROM pg_stat_activity "
            "WHERE state = 'active' AND backend_type = 'client backend' "
            "AND pid <> pg_backend_pid()"
        )
        with self._engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT")
            while not self._stop.wait(WAIT_SAMPLE_SECONDS):
                for (event,) in connection.exec_driver_sql(query):
                    self.samples[event] += 1


# ---- setting up: the store, the voters, the boxes, the signed requests ----------------------


def load_kerman(url: str, loaded: LoadedDefinition) -> None:
    init_database(url)
    engine = make_engine(url)
    now = datetime.datetime.now(datetime.UTC)
    try:
        uow = functools.partial(SqlUnitOfWork, engine, now=now)
        load_election(
            uow,
            loaded.election,
            definition_hash=loaded.definition_hash,
            canonical=loaded.canonical,
            now=now,
        )
        # the boxes are electronic: enrolment asks for the boards' approval of the mode
        approve_as_boards(uow, loaded.election, reference=EXAMPLE_APPROVAL, by="bench", now=now)
    finally:
        engine.dispose()


def eligible_voters(registry: SyntheticRegistry, day: datetime.date, count: int) -> list[str]:
    return [code.digits for code in itertools.islice(registry.voters(day), count)]


def spread(stations: list[str], count: int) -> list[str]:
    """`count` stations spread evenly over the definition's (every one again if too few)."""
    return [stations[i * len(stations) // count % len(stations)] for i in range(count)]


def enrol(
    base: str, election: str, stations: list[str], operator: OperatorPass
) -> list[SigningKey]:
    keys = [SigningKey.from_seed(secrets.token_bytes(32)) for _ in stations]
    for key, station in zip(keys, stations, strict=True):
        with HttpCentreClient(base, key, timeout=TIMEOUT_SECONDS, operator=operator) as box:
            box.enrol(election=election, station=station)
    return keys


def signed_check_ins(
    election: str, boxes: list[tuple[SigningKey, str]], voters: list[str]
) -> list[bytes]:
    """The body of each voter's check-in, signed now by the boxes in turn, as a box sends it."""
    path = api_paths.fill(api_paths.CHECK_INS, election_id=election)
    now = datetime.datetime.now(datetime.UTC)
    return [
        canonical_json(
            sign_request(key, "POST", path, {"station": station, "national_code": code}, at=now)
        )
        for (key, station), code in zip(itertools.cycle(boxes), voters, strict=False)
    ]


# ---- the load generator: processes of its own, raw HTTP/1.1 keep-alive over asyncio ----------


async def _connection(
    address: tuple[str, int],
    head: bytes,
    bodies: list[bytes],
    jobs: Iterator[int],
    deadline: float,
    *,
    pause: float,
) -> list[tuple[str, float]]:
    """Send check-ins on one connection, each when the last is answered: (outcome, seconds).

    The connection is opened after `pause`: a server process takes every connection waiting when
    it wakes to accept, so connections opened all at once would mostly go to one of them."""
    await asyncio.sleep(pause)
    reader, writer = await asyncio.open_connection(*address)
    done: list[tuple[str, float]] = []
    try:
        for job in jobs:
            if time.perf_counter() > deadline:
                break
            body = bodies[job]
            start = time.perf_counter()
            writer.write(b"%s%d\r\n\r\n%s" % (head, len(body), body))
            header = await reader.readuntil(b"\r\n\r\n")
            length = next(
                int(line.split(b":", 1)[1])
                for line in header.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            )
            content = await reader.readexactly(length)
            seconds = time.perf_counter() - start
            status = int(header.split(b" ", 2)[1])
            answer = json.loads(content)
            if status != 200:
                outcome = f"error:{answer.get('error', status)}"
            elif answer.get("outcome") == "ballot-card":
                outcome = "ballot-card"
            else:
                outcome = str(answer.get("reason"))
            done.append((outcome, seconds))
    finally:
        writer.close()
    return done


def _generate(
    base: str,
    path: str,
    bodies: list[bytes],
    connections: int,
    *,
    seconds: float,
    go: Any,
    answers: Any,
) -> None:
    """One load-generator process: `connections` connections through `bodies`."""
    where = urlsplit(base)
    host, port = where.hostname or "127.0.0.1", where.port or 80
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
        "Content-Type: application/json\r\nContent-Length: "
    ).encode()

    async def main() -> list[tuple[str, float]]:
        go.wait()
        deadline = time.perf_counter() + seconds
        jobs = iter(range(len(bodies)))  # shared by the connections: each body is sent once
        per_connection = await asyncio.gather(
            *(
                _connection((host, port), head, bodies, jobs, deadline, pause=n * OPEN_PAUSE)
                for n in range(connections)
            )
        )
        return [sample for samples in per_connection for sample in samples]

    samples = asyncio.run(main())
    answers.put((os.getpid(), samples))


def drive(
    base: str,
    path: str,
    bodies: list[bytes],
    *,
    concurrency: int,
    clients: int,
    seconds: float,
    meter_groups: dict[str, Callable[[], list[int]]],
) -> tuple[list[tuple[str, float]], float, CpuMeter]:
    """Every body sent by `clients` processes over `concurrency` connections in all, or until
    `seconds` have passed: the samples, the wall time, and the CPU used meanwhile."""
    context = multiprocessing.get_context("spawn")
    go, answers = context.Event(), context.Queue()
    generators = [
        context.Process(
            target=_generate,
            args=(base, path, bodies[k::clients], len(range(k, concurrency, clients))),
            kwargs={"seconds": seconds, "go": go, "answers": answers},
        )
        for k in range(clients)
    ]
    for generator in generators:
        generator.start()
    time.sleep(1.0)  # the generators import and wait for `go`
    generator_pids = [g.pid or 0 for g in generators]
    meter = CpuMeter({**meter_groups, "load generator": lambda: generator_pids})
    meter.start()
    start = time.perf_counter()
    go.set()
    results = [answers.get(timeout=seconds + TIMEOUT_SECONDS) for _ in generators]
    wall = time.perf_counter() - start
    meter.stop()
    for generator in generators:
        generator.join()
    return [s for _, samples in results for s in samples], wall, meter


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


def summary(samples: list[tuple[str, float]], wall: float, meter: CpuMeter) -> dict[str, Any]:
    latencies = sorted(seconds for _, seconds in samples)
    n = len(samples)
    outcomes = collections.Counter(outcome for outcome, _ in samples)
    cpu = {name: sum(used) for name, used in meter.used.items()}
    ours = sum(cpu.values())
    return {
        "check_ins": n,
        "seconds": wall,
        "per_second": n / wall if wall else 0.0,
        "p50_ms": percentile(latencies, 0.50),
        "p95_ms": percentile(latencies, 0.95),
        "p99_ms": percentile(latencies, 0.99),
        "ballot_cards": outcomes.pop("ballot-card", 0),
        "refusals": dict(sorted(outcomes.items())),
        "cpu_s": cpu,
        "centre_cpu_s_per_process": meter.used["centre"],
        "cpu_ms_per_check_in": {k: 1000 * v / n if n else 0.0 for k, v in cpu.items()},
        "machine_busy_s": meter.machine_busy,
        "machine_cpu_s": meter.machine_total,
        "others_cpu_s": max(0.0, meter.machine_busy - ours),
    }


def limit(load: dict[str, Any], workers: int, cores: int) -> str:
    """What held the rate down, from where the CPU went."""
    wall = load["seconds"]
    centre = load["cpu_s"]["centre"] / wall
    busy = load["machine_busy_s"] / load["machine_cpu_s"] if load["machine_cpu_s"] else 0.0
    if centre >= 0.85 * min(workers, cores):
        return (
            f"the centre's CPU: its {workers} process(es) used {centre:.2f} cores, all they can "
            "(Python runs one thread at a time in a process)"
        )
    if busy >= 0.90:
        return (
            f"the machine's {cores} cores, {100 * busy:.0f} % busy: the centre "
            f"{centre:.2f}, the rest shared by the load generator, the database and other "
            "processes; more workers would only take turns"
        )
    return (
        f"waiting, not CPU (centre {centre:.2f} cores, machine {100 * busy:.0f} % busy): the "
        "database's lock or commits (see the waits), or too few connections in flight"
    )


def report_parts(parts: Parts, load: dict[str, Any]) -> None:
    """The CPU of each part of a check-in, and the rest of what the centre spent under the load."""
    rest = load["cpu_ms_per_check_in"]["centre"] - parts.total_ms()
    print(
        f"\nCPU per check-in by part (ms; {parts.check_ins:,} check-ins of other voters timed "
        f"in this process, in groups of {parts.group}):"
    )
    for name, ms in (
        ("decode", parts.decode_ms),
        ("signature", parts.signature_ms),
        ("rules + ledger", parts.ledger_ms),
        ("commit", parts.commit_ms),
        ("HTTP and the rest", rest),
    ):
        print(f"  {name:<18} {ms:6.3f} ms")
    print(f"  (the commit's wall time: {parts.commit_wall_ms:.2f} ms a group)")


def report(result: dict[str, Any]) -> None:
    setup, load, baselines = result["setup"], result["load"], result["baselines"]
    waits: dict[str, int] = result["waits"]
    rate, wall = load["per_second"], load["seconds"]
    print(
        f"sandogh check-in benchmark on {setup['database']}: {setup['workers']} server "
        f"process(es), {setup['stations']} boxes, {setup['concurrency']} connections in flight "
        f"from {setup['clients']} load-generator process(es), {setup['cores']} cores"
    )
    print(
        f"\ncheck-ins   {load['check_ins']:>8,} in {wall:6.1f} s  {rate:>8,.0f} /s   "
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
    print("\nCPU during the load (cores = CPU seconds / wall seconds; ms per check-in):")
    for name, used in load["cpu_s"].items():
        per = load["cpu_ms_per_check_in"][name]
        print(f"  {name:<16} {used / wall:5.2f} cores  {per:6.3f} ms")
    split = " + ".join(f"{u / wall:.2f}" for u in load["centre_cpu_s_per_process"])
    print(f"  (centre by process: {split} cores)")
    others = load["others_cpu_s"] / wall
    print(f"  {'other processes':<16} {others:5.2f} cores  (the machine is shared)")
    if waits:
        total = sum(waits.values())
        shown = ", ".join(
            f"{k} {100 * v / total:.0f} %"
            for k, v in sorted(waits.items(), key=lambda kv: -kv[1])[:5]
        )
        print(f"PostgreSQL's active sessions were: {shown}")
    report_parts(result["parts"], load)
    per_core = 1000 / load["cpu_ms_per_check_in"]["centre"] if load["check_ins"] else 0.0
    met = rate >= AIM_PER_SECOND and load["p99_ms"] < AIM_P99_MS
    print(
        f"\nlimited by {limit(load, setup['workers'], setup['cores'])}\n"
        f"the centre's CPU alone would allow about {per_core:,.0f} check-ins/s per core\n"
        f"aim {AIM_PER_SECOND:,}/s with p99 under {AIM_P99_MS:.0f} ms: "
        f"{'met' if met else 'missed'}\n\nbaselines (same database, same run):"
    )
    for name, meaning in BASELINES.items():
        print(f"  {name}: {meaning}")


# ---- the run ----------------------------------------------------------------------------------


def run(url: str, args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    loaded = load_definition(KERMAN_ROUND_2)
    election = loaded.election
    backend = parse_url(url).get_backend_name()
    say(f"loading {election.id} into {backend}")
    load_kerman(url, loaded)
    # about 88 % of a synthetic registry may vote: room enough for `check_ins` distinct voters
    asked = args.check_ins + PARTS
    spec = SyntheticRegistrySpec(seed=REGISTRY_SEED, size=asked * 5 // 4 + 1_000)
    voters = eligible_voters(SyntheticRegistry(spec.seed, size=spec.size), election.date, asked)
    voters, part_voters = voters[: args.check_ins], voters[args.check_ins :]
    stations = spread([u.code for u in election.units if u.kind is UnitKind.STATION], args.stations)
    engine = make_engine(url)
    try:
        now = datetime.datetime.now(datetime.UTC)
        uow = functools.partial(SqlUnitOfWork, engine, now=now)
        key = ServerKey.write(scratch / SERVER_KEY)
        enroller = add_run_operator(uow, election, by="bench", key=key)
    finally:
        engine.dispose()
    settings = one_run_settings(url, spec, scratch / SERVER_KEY)
    with centre_process(settings, workers=args.workers) as running:
        base = running.base_url
        say(f"centre up at {base} ({args.workers} process(es)); enrolling {len(stations)} boxes")
        operator = run_operator_pass(base, enroller, timeout=TIMEOUT_SECONDS)
        keys = enrol(base, election.id, stations, operator)
        boxes = list(zip(keys, stations, strict=True))
        say(f"timing the parts of {PARTS:,} check-ins in groups of {args.group}")
        parts = measure_parts(
            settings,
            election.id,
            signed_check_ins(election.id, boxes, part_voters),
            group=args.group,
        )
        bodies = signed_check_ins(election.id, boxes, voters)
        centre = [running.pid, *children(running.pid)]
        groups: dict[str, Callable[[], list[int]]] = {"centre": lambda: centre}
        if backend == "postgresql":
            postmaster = postmaster_pid(url)
            groups["PostgreSQL"] = lambda: [postmaster, *children(postmaster)]
        say(
            f"{len(bodies):,} signed check-ins over {args.concurrency} connections "
            f"(at most {args.seconds} s)"
        )
        path = api_paths.fill(api_paths.CHECK_INS, election_id=election.id)
        with WaitSampler(url) if backend == "postgresql" else contextlib.nullcontext() as waits:
            samples, wall, meter = drive(
                base,
                path,
                bodies,
                concurrency=args.concurrency,
                clients=args.clients,
                seconds=args.seconds,
                meter_groups=groups,
            )
    if len(centre) > 1:  # the supervisor idles: each worker's own figure
        meter.used["centre"] = meter.used["centre"][1:]
    load = summary(samples, wall, meter)
    say(f"{load['per_second']:,.0f} check-ins/s; the baselines on the same database")
    baselines = raw_inserts(url, voters[: load["check_ins"]], stations, args.seconds)
    setup = {
        "database": backend,
        "election": election.id,
        "workers": args.workers,
        "stations": len(stations),
        "concurrency": args.concurrency,
        "clients": args.clients,
        "cores": os.cpu_count(),
        "check_ins_asked": len(voters),
        "seconds_bound": args.seconds,
    }
    wait_counts = dict(waits.samples) if waits is not None else {}
    return {
        "setup": setup,
        "load": load,
        "baselines": baselines,
        "waits": wait_counts,
        "parts": parts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", help="URL of an empty database (default: a new SQLite file)")
    where.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL server")
    parser.add_argument("--workers", type=int, default=2, help="server processes (sandogh serve)")
    parser.add_argument("--stations", type=int, default=200, help="ballot boxes enrolled")
    parser.add_argument("--concurrency", type=int, default=32, help="connections in flight")
    parser.add_argument("--clients", type=int, default=1, help="load-generator processes")
    parser.add_argument("--check-ins", type=int, default=20_000, help="at most")
    parser.add_argument("--seconds", type=float, default=30.0, help="bound on each timed phase")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--group", type=int, default=16, help="check-ins a group, when timed")
    where.add_argument("--all", action="store_true", help="SQLite and PostgreSQL, 1 and 2 workers")
    args = parser.parse_args()
    if not args.all:
        database = "postgresql" if args.postgres else "sqlite"
        result = run_mode(args, database, args.workers)
        if args.json:
            print(json.dumps(as_json(result), indent=2, ensure_ascii=False))
        else:
            report(result)
        return
    results = []
    for database, workers in MODES:
        say(f"mode: {database}, {workers} worker(s)")
        results.append(run_mode(args, database, workers))
        if not args.json:
            report(results[-1])
            print("\n" + "-" * 100 + "\n")
    if args.json:
        print(json.dumps([as_json(r) for r in results], indent=2, ensure_ascii=False))
    else:
        table(results)


def run_mode(args: argparse.Namespace, database: str, workers: int) -> dict[str, Any]:
    args = argparse.Namespace(**{**vars(args), "workers": workers})
    with tempfile.TemporaryDirectory(prefix="sandogh-checkin-") as scratch:
        if database == "postgresql":
            with throwaway_postgres() as url:
                return run(url, args, Path(scratch))
        url = args.db or f"sqlite:///{Path(scratch) / 'centre.sqlite'}"
        return run(url, args, Path(scratch))


def as_json(result: dict[str, Any]) -> dict[str, Any]:
    setup, load = result["setup"], result["load"]
    rows = [
        {
            **asdict(b),
            "per_second": b.per_second,
            "ratio": load["per_second"] / b.per_second if b.per_second else None,
        }
        for b in result["baselines"]
    ]
    return {
        "setup": setup,
        "load": load,
        "baselines": rows,
        "waits": result["waits"],
        "parts": asdict(result["parts"]),
        "limited_by": limit(load, setup["workers"], setup["cores"]),
        "aim": {"per_second": AIM_PER_SECOND, "p99_ms": AIM_P99_MS},
    }


def table(results: list[dict[str, Any]]) -> None:
    """The modes side by side, each beside its own baseline."""
    print(
        f"{'mode':<16} {'check-ins/s':>11} {'p99 ms':>8} {'one commit per row /s':>22} "
        f"{'ratio':>6} {'centre ms each':>15} {'per core /s':>12}"
    )
    for result in results:
        setup, load = result["setup"], result["load"]
        row = next(b for b in result["baselines"] if b.name == "one commit per row")
        cpu = load["cpu_ms_per_check_in"]["centre"]
        ratio = load["per_second"] / row.per_second if row.per_second else 0.0
        mode = f"{setup['database']}, {setup['workers']}w"
        print(
            f"{mode:<16} {load['per_second']:>11,.0f} {load['p99_ms']:>8.1f} "
            f"{row.per_second:>22,.0f} {ratio:>6.2f} {cpu:>15.3f} "
            f"{1000 / cpu if cpu else 0.0:>12,.0f}"
        )


if __name__ == "__main__":
    main()
