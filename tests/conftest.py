"""Shared fixtures: the databases tests run against.

- `db_url`: a new, empty database, once on SQLite and once on PostgreSQL (parametrized).
- `store_url`: the same with sandogh's schema created (`init_database`).
- `postgres_url`: a new, empty PostgreSQL database only.
- `sqlite_store_url`: a SQLite store with sandogh's schema only.
- `new_unit_of_work`: a factory of units of work over one new store, on the in-memory fake,
  SQLite and PostgreSQL (parametrized), for tests of the ports' contract and of services; up to
  `CONCURRENT_UNITS_OF_WORK` of them may be open at once, on as many threads.
- `browser`: the test process's one headless Chromium, each test's pages closed when it ends
  (`tests.chromium`, registered here).

PostgreSQL is a throwaway server each test process (xdist worker) starts for itself: `initdb` into
a temporary folder, listening only on a unix socket there, with durability off since nothing in
it outlives the run; every test gets a database of its own, dropped when the test ends. The server
is started the first time a test asks for it, so a run that deselects `-m postgres` starts none.
If it cannot start, the tests that need it fail with the server's log: they are never skipped.
"""

from __future__ import annotations

import datetime
import itertools
import os
import pwd
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import Engine
from sqlalchemy.engine import URL

from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from sandogh.services.ports import UnitOfWork
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork

pytest_plugins = ["tests.chromium"]

# CI machines are shared and loaded: a property's examples are bounded by count, never by time,
# so that a slow moment fails no test (a deadline would make the suite flaky, not faster).
settings.register_profile("sandogh", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("sandogh")

#: Where the tests' temporary folders go when the machine has a memory file system with room:
#: there the SQLite files of the centres and boxes under test sync to memory, not to a disk. A
#: sync keeps a commit through a power cut, which no test makes (a killed process keeps it
#: either way, and the tests that read the durability settings read them, not the disk); at one
#: to a few milliseconds each, the syncs of the boxes' casts and check-ins and of the centre's
#: commits were half an election day's test, when the disk was busy. As the PostgreSQL server's
#: durability is off (below).
#: `--basetemp` or PYTEST_DEBUG_TEMPROOT chooses another place; pyproject.toml keeps only a
#: failed test's folder, so that a run holds little memory.
MEMORY_FOLDER = Path("/dev/shm")
MEMORY_ROOM = 4 * 2**30  # bytes free, or the disk's temporary folder as before


def _memory_has_room() -> bool:
    try:
        room = shutil.disk_usage(MEMORY_FOLDER).free
    except OSError:
        return False
    return room >= MEMORY_ROOM and os.access(MEMORY_FOLDER, os.W_OK | os.X_OK)


@pytest.hookimpl(tryfirst=True)  # pytest reads it when a test first asks for a folder
def pytest_configure(config: pytest.Config) -> None:
    if config.option.basetemp or "PYTEST_DEBUG_TEMPROOT" in os.environ:
        return  # chosen by the caller, or (an xdist worker) by the run's first process
    if _memory_has_room():
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(MEMORY_FOLDER)


#: The files of the longest tests (half a minute to two each on CI's two cores), longest first,
#: run first. `make pytest` runs `-n 2 --dist worksteal`: each worker is given half the tests in
#: order, and one that runs out takes half of what the other has not started, so both end within
#: a test of each other; one of these started near the end kept the other core idle for its whole
#: length. (Load scheduling, xdist's default, gave the first worker an eighth of the tests at once,
#: these and the next few hundred: it could be more than half the run's work, and the other core
#: idled at the end. The CLI's tests with the longest took 248 s so, 204 s by work stealing.)
#: Whole files move, so that a module-scoped fixture is still made once a worker; the order
#: within them, and of the rest, is kept.
STARTED_FIRST = (
    "tests/cli/test_live_demo.py",
    "tests/test_election_day.py",
    "tests/cli/test_simulate.py",
    "tests/server/console/test_access_matrix.py",
    "tests/server/test_brute_force.py",
    "tests/server/test_workers.py",
    "tests/services/test_audits.py",
    "tests/station/test_crash.py",
    "tests/registry/test_file.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return STARTED_FIRST.index(path) if path in STARTED_FIRST else len(STARTED_FIRST)

    items.sort(key=rank)  # a stable sort: the longest first, the rest as collected


#: The moment the tests' units of work stand for (the store reads no clock).
TEST_NOW = datetime.datetime(2024, 7, 5, 20, 0, tzinfo=datetime.UTC)

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
BACKENDS_WITH_MEMORY = ["memory", *BACKENDS]

#: How many units of work of one store the tests may hold open at once (one connection each).
CONCURRENT_UNITS_OF_WORK = 200

_ROLE = "sandogh"
_MIGRATED_TEMPLATE = "sandogh_head"
_STRATEGY_SINCE = 150000  # CREATE DATABASE ... STRATEGY, PostgreSQL 15
# A unix socket path must fit in ~107 bytes; a deep $TMPDIR would not leave room.
_SOCKET_DIR_LIMIT = 80


def _postgres_bin() -> Path:
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if not versions:
        pytest.fail(
            "PostgreSQL tests need initdb and pg_ctl (on PATH or in /usr/lib/postgresql/*/bin): "
            "install PostgreSQL (Debian: apt-get install postgresql)"
        )
    return versions[-1].parent


def _server_user() -> str | None:
    """Who runs the server: initdb refuses root, so as root a system user runs it instead."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    pytest.fail(
        "running as root, and neither a `postgres` nor a `nobody` user exists to run initdb"
    )


class PostgresServer:
    """A throwaway PostgreSQL server in a temporary folder, reached through a unix socket."""

    def __init__(self) -> None:
        self._bin = _postgres_bin()
        self._user = _server_user()
        # In memory when there is room, as the tests' folders: each test's database is a copy
        # of the migrated template, and on a busy disk a copy took 1.2 s and 0.5 s of the
        # server's CPU, in memory 0.1 s and 0.05 s (with fsync off either way).
        base = str(MEMORY_FOLDER) if _memory_has_room() else tempfile.gettempdir()
        if len(base) > _SOCKET_DIR_LIMIT:
            base = "/tmp"
        self.root = Path(tempfile.mkdtemp(prefix="sandogh-pg-", dir=base))
        self._log = self.root / "server.log"
        self._names = itertools.count(1)
        self._has_template = False
        self._file_copy: bool | None = None
        self._started = False
        if self._user is not None:
            shutil.chown(self.root, user=self._user)

    def _run(self, *command: str) -> None:
        prefix = [] if self._user is None else ["runuser", "-u", self._user, "--"]
        result = subprocess.run([*prefix, *command], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            log = self._log.read_text() if self._log.exists() else ""
            pytest.fail(
                f"the test PostgreSQL server failed: {' '.join(command)} exited with "
                f"{result.returncode}\n{result.stdout}{result.stderr}{log}"
            )

    def start(self) -> None:
        data = self.root / "data"
        self._run(
            str(self._bin / "initdb"),
            *("-D", str(data), "-U", _ROLE, "--auth=trust", "-E", "UTF8", "--locale=C", "-N"),
        )
        options = (
            f"-k {shlex.quote(str(self.root))} -c listen_addresses='' -F "
            "-c synchronous_commit=off -c full_page_writes=off "
            f"-c max_connections={CONCURRENT_UNITS_OF_WORK + 50}"
        )
        self._run(
            str(self._bin / "pg_ctl"),
            *("-D", str(data), "-l", str(self._log), "-w", "-t", "60", "-o", options, "start"),
        )
        self._started = True

    def stop(self) -> None:
        """Stop the server (at once: nothing in it is kept) and delete its folder."""
        try:
            if self._started:
                self._run(
                    str(self._bin / "pg_ctl"),
                    "-D",
                    str(self.root / "data"),
                    "-m",
                    "immediate",
                    "stop",
                )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        url = URL.create(
            "postgresql+psycopg", username=_ROLE, database=database, query={"host": str(self.root)}
        )
        return url.render_as_string(hide_password=False)

    def create_database(self, request: pytest.FixtureRequest, *, migrated: bool = False) -> str:
        """A new database, empty or with sandogh's schema, and its URL; dropped when the
        fixture that `request` is of ends, so that a run's databases do not pile up (left,
        a worker's hundreds of them made the server's stop, at the end of the run, take minutes)."""
        if migrated and not self._has_template:
            self._execute(f'CREATE DATABASE "{_MIGRATED_TEMPLATE}" TEMPLATE template0')
            init_database(self.url(_MIGRATED_TEMPLATE))
            self._has_template = True
        name = f"test_{next(self._names)}"
        template = _MIGRATED_TEMPLATE if migrated else "template0"
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{self._copy_strategy()}')
        # FORCE: a connection a test left open must not keep its database
        request.addfinalizer(lambda: self._execute(f'DROP DATABASE "{name}" WITH (FORCE)'))
        return self.url(name)

    def _copy_strategy(self) -> str:
        """Copy a test's database file by file: PostgreSQL 15's default writes each page of the
        template (9 MB) to the write-ahead log, which nothing here replays. Measured, 20 copies
        and drops in memory: 0.13 s wall and 0.046 s of the server's CPU a database, 0.06 s and
        0.033 s so. (Before 15 a copy was always made so, and the clause did not exist.)"""
        if self._file_copy is None:
            with psycopg.connect(
                host=str(self.root), user=_ROLE, dbname="postgres", autocommit=True
            ) as c:
                self._file_copy = c.info.server_version >= _STRATEGY_SINCE
        return " STRATEGY FILE_COPY" if self._file_copy else ""

    def _execute(self, statement: str) -> None:
        with psycopg.connect(
            host=str(self.root), user=_ROLE, dbname="postgres", autocommit=True
        ) as c:
            c.execute(statement)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()  # also after a failed start, so that its folder is not left behind


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest, postgres_server: PostgresServer) -> str:
    return postgres_server.create_database(request)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with sandogh's schema, made once a test process: a test's migrated store is
    a copy of it, as a PostgreSQL one is of `_MIGRATED_TEMPLATE` (migrating each anew cost most
    of a second a test; the migrations themselves are tested on empty databases, `db_url`)."""
    path = tmp_path_factory.mktemp("sqlite-template") / "store.sqlite"
    init_database(f"sqlite:///{path}")
    return path


def _new_database(request: pytest.FixtureRequest, tmp_path: Path, *, migrated: bool) -> str:
    if request.param == "postgresql":
        server: PostgresServer = request.getfixturevalue("postgres_server")
        return server.create_database(request, migrated=migrated)
    if migrated:
        return _copy_of(request.getfixturevalue("sqlite_template"), tmp_path)
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


def _copy_of(template: Path, folder: Path) -> str:
    path = folder / "store.sqlite"
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def sqlite_store_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A SQLite store with sandogh's schema, this test's own: for the tests of a layer above the
    store, which run on SQLite only."""
    return _copy_of(sqlite_template, tmp_path)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return _new_database(request, tmp_path, migrated=False)


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return _new_database(request, tmp_path, migrated=True)


@pytest.fixture(params=BACKENDS_WITH_MEMORY)
def new_unit_of_work(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[[], UnitOfWork]]:
    if request.param == "memory":
        store = MemoryStore()
        yield lambda: MemoryUnitOfWork(store)
        return
    engine: Engine = make_engine(
        _new_database(request, tmp_path, migrated=True), connections=CONCURRENT_UNITS_OF_WORK
    )
    try:
        yield lambda: SqlUnitOfWork(engine, now=TEST_NOW)
    finally:
        engine.dispose()
