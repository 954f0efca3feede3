"""Running the central service: `serve` for `sandogh serve`, and `centre_process` — the same in a
child process on loopback — for `sandogh simulate`, the benchmarks and the tests.

One server process is one Python interpreter: one core at most for the work in Python, whatever
its threads. `workers` > 1 runs that many processes of the same app on one listening socket (the
parent binds it and supervises them with uvicorn's supervisor, which restarts one that dies); the
kernel hands each new connection to one of them. They share nothing but the database, which is
what decides a voter's check-in (the voted-ledger's unique key) and reads every device's state in
the check-in's own transaction, so any worker may take any request; on SQLite their writes take
turns on the database's lock (`store.engine`).

The child of `centre_process` runs without uvicorn's access log: a line per check-in would be most
of the log and much of the work being measured.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import secrets
import socket
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import anyio.to_thread
import httpx
import uvicorn
from fastapi import FastAPI
from pydantic import SecretBytes
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors import Multiprocess

from sandogh.core.errors import SandoghError
from sandogh.locale.language import Lang
from sandogh.server.app import create_app
from sandogh.server.collector import GC_THRESHOLDS
from sandogh.server.listening import listening_config
from sandogh.server.metrics_export import MetricsListen, exported
from sandogh.server.settings import RegistrySpec, ServerSettings
from sandogh.store.url import parse_url
from sandogh.wire import api_paths

LOOPBACK = "127.0.0.1"
# A spawned centre imports the web stack and reads the election before it answers health: 30 s
# was exceeded on a 2-core machine under load. The wait ends at the first answer, and a child
# that died fails at once, so a long bound costs nothing when the machine is quiet.
START_SECONDS = 120.0
# How long a worker may leave its supervisor's health check unanswered before it is replaced:
# uvicorn's 5 s was exceeded by a worker still importing on a busy machine, which it then killed
# and started again, and again.
WORKER_SILENT_SECONDS = 30


class CentreStartError(SandoghError):
    def __init__(self) -> None:
        super().__init__(f"the central service did not start within {START_SECONDS:.0f} s")


@dataclass(frozen=True)
class RunningCentre:
    base_url: str
    pid: int
    #: where its metrics are served, when asked for
    metrics_url: str | None = None


#: Called once the centre's sockets are bound, with the API's port and the metrics' (if any).
Listening = Callable[[int, int | None], None]


def one_run_settings(
    database_url: str,
    registry: RegistrySpec,
    server_key_file: Path,
    log_key_file: Path | None = None,
) -> ServerSettings:
    """Settings with a ledger secret made for this run only; nothing of it outlives the run.
    The run's server key is in `server_key_file` (`ServerKey.write`), its log key, when it
    signs the log's checkpoints, in `log_key_file` (`serve --log-key`)."""
    return ServerSettings(
        database_url=database_url,
        ledger_secret=SecretBytes(secrets.token_bytes(32)),
        registry=registry,
        server_key_file=server_key_file,
        log_key_file=log_key_file,
    )


class WorkersError(SandoghError):
    def __init__(self, message: str) -> None:
        super().__init__(f"cannot run several server processes: {message}")


def serve(
    settings: ServerSettings,
    *,
    host: str,
    port: int,
    workers: int = 1,
    log_level: str = "info",
    access_log: bool = True,
    metrics: MetricsListen | None = None,
    listening: Listening | None = None,
    lang: Lang = "fa",
) -> None:
    """Serve the centre of `settings` on `host`:`port` until interrupted, in `workers` processes,
    and its metrics at `metrics` (`server.metrics_export`), when given, saying what it says of
    itself in `lang`. Port 0 is any free port: the server's first line names it, and `listening`
    is told the ports once they are bound.

    The store, the registry and the server key are opened (and checked) here first, so that a
    centre that cannot serve says why before it listens; each worker then opens its own."""
    if workers < 1:
        raise WorkersError(f"{workers} workers")
    if workers > 1 and parse_url(settings.database_url).database in (None, "", ":memory:"):
        raise WorkersError("an in-memory SQLite database lives in one process; give a file")

    def config(app: Any, **more: Any) -> uvicorn.Config:
        return listening_config(
            app,
            settings.listening,
            lang=lang,
            host=host,
            port=port,
            log_level=log_level,
            access_log=access_log,
            **more,
        )

    if workers == 1:
        one = config(_threads(create_app(settings), settings.threads))
        bound = one.bind_socket()
        with exported(metrics, several=False) as metrics_port:
            _tell(listening, bound, metrics_port)
            # uvicorn stops on Ctrl-C and raises it again: the command says so (cli/failures.py)
            uvicorn.Server(one).run(sockets=[bound])
        return
    create_app(settings).state.centre.close()  # the workers' checks, once, before any listens
    several = config(
        functools.partial(_worker_app, settings),
        factory=True,
        workers=workers,
        timeout_worker_healthcheck=WORKER_SILENT_SECONDS,
    )
    bound = several.bind_socket()
    supervisor = _Supervisor(several, sockets=[bound])
    with exported(metrics, several=True) as metrics_port:
        _tell(listening, bound, metrics_port)
        supervisor.run()
    if supervisor.interrupted:  # as one server process does
        raise KeyboardInterrupt


def _tell(listening: Listening | None, bound: socket.socket, metrics_port: int | None) -> None:
    if listening is not None:
        listening(bound.getsockname()[1], metrics_port)


class _Supervisor(Multiprocess):
    """uvicorn's supervisor of several server processes, noting whether Ctrl-C stopped it: it
    stops them and returns, where one server process raises Ctrl-C again once it has stopped."""

    interrupted = False

    def handle_int(self) -> None:
        self.interrupted = True
        super().handle_int()


def _threads(app: FastAPI, threads: int) -> ASGIApp:
    """`app`, with its thread pool (where FastAPI runs the endpoints that are plain functions)
    bounded to `threads`, set as the server starts it: the pool is the event loop's."""

    async def bounded(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        await app(scope, receive, send)

    return bounded


def _worker_app(settings: ServerSettings) -> ASGIApp:
    """The app of one server process (uvicorn calls this in the process)."""
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        return _threads(create_app(settings), settings.threads)
    except SandoghError as error:  # the store or registry went away since `serve` checked them
        print(f"sandogh: {error}", file=sys.stderr)
        sys.exit(STARTUP_FAILURE)  # uvicorn's supervisor stops rather than restart it again


def _serve(
    settings: ServerSettings,
    port: int,
    workers: int,
    metrics: MetricsListen | None,
    told: Connection,
    *,
    lang: Lang,
) -> None:
    def tell(api: int, metrics_port: int | None) -> None:
        told.send((api, metrics_port))
        told.close()

    gc.set_threshold(*GC_THRESHOLDS)
    # multiprocessing gave this child a stdin of its own, which uvicorn would pass on to the
    # workers by number, where no such descriptor is open; with none, it passes none
    sys.stdin = None  # as under pythonw
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C at the terminal reaches it too
        serve(
            settings,
            host=LOOPBACK,
            port=port,
            workers=workers,
            log_level="warning",
            access_log=False,
            metrics=metrics,
            listening=tell,
            lang=lang,
        )


def free_port() -> int:
    """A port free at this moment: another process may take it before it is bound, so a server
    of our own binds port 0 instead and says which port it got (`centre_process`)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def centre_process(
    settings: ServerSettings,
    *,
    workers: int = 1,
    port: int = 0,
    metrics: bool = False,
    lang: Lang = "fa",
) -> Iterator[RunningCentre]:
    """The centre serving on loopback `port` (0: one the child binds and tells, so that no other
    process can take it between a choice and the bind) until the block ends, once it answers
    health, and its metrics on a port of their own when `metrics`, its warnings in `lang`; with
    `workers` > 1, `pid` is that of the processes' supervisor."""
    context = multiprocessing.get_context("spawn")
    hearing, told = context.Pipe(duplex=False)
    listen = MetricsListen(0, LOOPBACK) if metrics else None
    child = context.Process(
        target=_serve, args=(settings, port, workers, listen, told), kwargs={"lang": lang}
    )
    child.start()
    told.close()  # the child's end: the pipe ends when the child does
    try:
        deadline = time.monotonic() + START_SECONDS
        api_port, metrics_port = _bound_ports(hearing, child, deadline)
        base = f"http://{LOOPBACK}:{api_port}"
        # one client for every try: each `httpx.get` made a client of its own, and its TLS
        # context read the system's certificates (50 ms of a core) while the child started
        with httpx.Client(timeout=1.0) as probe:
            while True:
                try:
                    if probe.get(base + api_paths.HEALTH).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if not child.is_alive() or time.monotonic() > deadline:
                    raise CentreStartError
                time.sleep(0.05)
        assert child.pid is not None  # started above
        metrics_url = None if metrics_port is None else f"http://{LOOPBACK}:{metrics_port}"
        yield RunningCentre(base, child.pid, metrics_url)
    finally:
        hearing.close()
        child.terminate()
        child.join(START_SECONDS)


def _bound_ports(
    hearing: Connection, child: multiprocessing.process.BaseProcess, deadline: float
) -> tuple[int, int | None]:
    """The ports the child says it bound, once it has."""
    while not hearing.poll(0.05):
        if not child.is_alive() or time.monotonic() > deadline:
            raise CentreStartError
    try:
        api_port, metrics_port = hearing.recv()
    except EOFError:  # it died before it bound
        raise CentreStartError from None
    return int(api_port), None if metrics_port is None else int(metrics_port)
