"""The central service in a child process on loopback, for `sandogh simulate` and the benchmarks.

It runs what `sandogh serve` runs, without uvicorn's access log: a line per check-in would be most
of the log and much of the work being measured.
"""

from __future__ import annotations

import gc
import multiprocessing
import secrets
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import uvicorn
from pydantic import SecretBytes, SecretStr

from sandogh.core.errors import SandoghError
from sandogh.server.app import create_app
from sandogh.server.settings import RegistrySpec, ServerSettings
from sandogh.wire import api_paths

LOOPBACK = "127.0.0.1"
START_SECONDS = 30.0
# As the `sandogh` command sets them (cli.app.GC_THRESHOLDS): a national definition is millions
# of long-lived objects that the default thresholds rescan again and again.
GC_THRESHOLDS = (100_000, 50, 100)


class CentreStartError(SandoghError):
    def __init__(self) -> None:
        super().__init__(f"the central service did not start within {START_SECONDS:.0f} s")


@dataclass(frozen=True)
class RunningCentre:
    base_url: str
    pid: int


def one_run_settings(database_url: str, registry: RegistrySpec) -> tuple[ServerSettings, str]:
    """Settings with a ledger secret and an operator token made for this run only, and the token
    (the caller enrols its boxes with it); nothing of either outlives the run."""
    token = secrets.token_urlsafe(32)
    settings = ServerSettings(
        database_url=database_url,
        ledger_secret=SecretBytes(secrets.token_bytes(32)),
        registry=registry,
        operator_token=SecretStr(token),
    )
    return settings, token


def _serve(settings: ServerSettings, port: int) -> None:
    gc.set_threshold(*GC_THRESHOLDS)
    uvicorn.run(
        create_app(settings), host=LOOPBACK, port=port, log_level="warning", access_log=False
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def centre_process(settings: ServerSettings) -> Iterator[RunningCentre]:
    """The centre serving on a free loopback port until the block ends, once it answers health."""
    port = free_port()
    child = multiprocessing.get_context("spawn").Process(target=_serve, args=(settings, port))
    child.start()
    base = f"http://{LOOPBACK}:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                if httpx.get(base + api_paths.HEALTH, timeout=1.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if not child.is_alive() or time.monotonic() > deadline:
                raise CentreStartError
            time.sleep(0.05)
        assert child.pid is not None  # started above
        yield RunningCentre(base, child.pid)
    finally:
        child.terminate()
        child.join(START_SECONDS)
