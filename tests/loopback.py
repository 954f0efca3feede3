"""An ASGI app served on a free loopback port, in a thread, for as long as a test needs it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from starlette.types import ASGIApp

from sandogh.server.listening import ListenSettings, listening_config

LOOPBACK = "127.0.0.1"
START_SECONDS = 20.0


@contextmanager
def served(
    app: ASGIApp,
    what: str,
    limits: ListenSettings | None = None,
    send_buffer: int | None = None,
    **config: Any,
) -> Iterator[str]:
    """`app` on a free loopback port until the block ends, held to `limits` (default the
    commands' own): its base URL. The socket is bound here and handed to uvicorn, so no other
    server can take the port; `config` goes to uvicorn. Each connection's kernel send buffer is
    `send_buffer` bytes when given: loopback's grows to megabytes, more than a few pages fill."""
    options: dict[str, Any] = {"log_level": "warning", "access_log": False, **config}
    server = uvicorn.Server(listening_config(app, limits or ListenSettings(), **options))
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if send_buffer is not None:  # the connections accepted take the listener's
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, send_buffer)
    listening.bind((LOOPBACK, 0))
    port = listening.getsockname()[1]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + START_SECONDS
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start")
            time.sleep(0.01)
        yield f"http://{LOOPBACK}:{port}"
    finally:
        server.should_exit = True
        thread.join(START_SECONDS)
        listening.close()
