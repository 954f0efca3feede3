"""Serving the centre's metrics (`server.metrics`) to the operators' Prometheus, on a listening
address of their own (docs/deployment.md, "Metrics").

The metrics never share the API's port: the reverse proxy passes that port to the world, and a
path on it would be one more thing to keep from the world. The exporter listens apart, on
loopback unless told otherwise (`--metrics-host`), where only the operators' Prometheus is let
in. With several server processes, each worker writes its figures to files in a folder of its
own for the run (prometheus-client's multiprocess mode, which the environment variable
`PROMETHEUS_MULTIPROC_DIR` turns on in each worker as it starts); the exporter, in the
processes' supervisor, adds them up at each scrape. The folder is made empty for the run and
removed after it: figures of an earlier run would be added to this one's.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from prometheus_client import REGISTRY, CollectorRegistry, start_http_server
from prometheus_client.multiprocess import MultiProcessCollector

#: The variable that puts prometheus-client in a process into its multiprocess mode.
MULTIPROCESS_VAR = "PROMETHEUS_MULTIPROC_DIR"
LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class MetricsListen:
    """Where the exporter listens: `port` on `host` (loopback by default)."""

    port: int
    host: str = LOOPBACK


@contextmanager
def exported(listen: MetricsListen | None, *, several: bool) -> Iterator[int | None]:
    """Serve the metrics at `listen` (nothing when None) until the block ends, adding up the
    figures of the server processes the block starts when `several`; the port served on."""
    if listen is None:
        yield None
        return
    folder = tempfile.mkdtemp(prefix="sandogh-metrics-") if several else None
    before = os.environ.get(MULTIPROCESS_VAR)
    registry: CollectorRegistry = REGISTRY
    if folder is not None:
        os.environ[MULTIPROCESS_VAR] = folder  # the workers, started in the block, inherit it
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=folder)  # type: ignore[no-untyped-call]  # untyped upstream
    server, thread = start_http_server(listen.port, addr=listen.host, registry=registry)
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
        if folder is not None:
            if before is None:
                os.environ.pop(MULTIPROCESS_VAR, None)
            else:
                os.environ[MULTIPROCESS_VAR] = before
            shutil.rmtree(folder, ignore_errors=True)
