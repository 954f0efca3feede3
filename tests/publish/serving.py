"""A snapshot folder served by `publish.serve` on uvicorn, on a free loopback port, in a thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from sandogh.publish.serve import static_app

_START_SECONDS = 20.0


@contextmanager
def serving(root: Path) -> Iterator[str]:
    """The base URL of `root` served until the block ends."""
    server = uvicorn.Server(uvicorn.Config(static_app(root), log_level="warning", access_log=False))
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listening.bind(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + _START_SECONDS
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the snapshot server did not start")
            time.sleep(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(_START_SECONDS)
        listening.close()
