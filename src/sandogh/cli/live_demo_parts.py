"""The live demo's parts and the main thread's watch over them (`cli.live_demo`): each part runs
in a thread of its own (`Worker`) or a process (the centre's, the results site's static server),
each on a loopback port (the one asked for, or a free one when it is taken), and `check` stops the
demo with a line saying which part stopped on its own."""

from __future__ import annotations

import multiprocessing
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.process import BaseProcess
from pathlib import Path

import uvicorn
from rich.console import Console
from rich.markup import escape
from starlette.types import ASGIApp

from sandogh.cli.live_demo_text import say
from sandogh.core.errors import SandoghError
from sandogh.locale.language import Lang
from sandogh.publish.serve import static_app
from sandogh.server.listen_settings import ListenSettings
from sandogh.server.listening import listening_config
from sandogh.server.process import LOOPBACK

START_SECONDS = 10.0
STOP_SECONDS = 3.0


class DemoStoppedError(SandoghError):
    """A part of the live demo stopped on its own; the message names it."""


class Worker(threading.Thread):
    """A daemon thread running `work`, keeping what stopped it for the main thread to report."""

    def __init__(self, what: str, work: Callable[[threading.Event], None]) -> None:
        super().__init__(name=what, daemon=True)
        self.what = what
        self.stop = threading.Event()
        self.failure: BaseException | None = None
        self._work = work

    def run(self) -> None:
        try:
            self._work(self.stop)
        except Exception as failure:  # the main thread reports it and stops the demo
            self.failure = failure

    def trouble(self, *, running: bool) -> str | None:
        """What went wrong: the failure, or (when it should be `running`) that it has ended."""
        if self.failure is not None:
            return f"{type(self.failure).__name__}: {self.failure}"
        return "exited" if running and not self.is_alive() and not self.stop.is_set() else None


Probe = Callable[[], str | None]


def child_alive(pid: int) -> str | None:
    """Whether this process's child `pid` still runs (joining it if it has ended)."""
    return None if pid in {c.pid for c in multiprocessing.active_children()} else "exited"


def check(parts: list[tuple[str, Probe]], lang: Lang) -> None:
    for what, probe in parts:
        trouble = probe()
        if trouble is not None:
            raise DemoStoppedError(say("failed", lang, what=say(what, lang), error=trouble))


def listening_port(wanted: int, what: str, lang: Lang, out: Console) -> int:
    with _bound(wanted, what, lang, out) as listening:
        port: int = listening.getsockname()[1]
    return port


@contextmanager
def _bound(wanted: int, what: str, lang: Lang, out: Console) -> Iterator[socket.socket]:
    """A socket bound to loopback `wanted`, or to a free port (said) when it is taken."""
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        try:
            listening.bind((LOOPBACK, wanted))
        except OSError:
            listening.bind((LOOPBACK, 0))
            port = listening.getsockname()[1]
            taken = {"wanted": str(wanted), "what": what, "port": str(port)}
            out.print(f"[yellow]{escape(say('port_taken', lang, **taken))}[/yellow]")
        yield listening
    finally:
        listening.close()


@contextmanager
def serving(
    app: ASGIApp, wanted: int, what: str, lang: Lang, out: Console
) -> Iterator[tuple[str, threading.Thread]]:
    """`app` served on loopback in a thread until the block ends: its base URL, and the thread."""
    with _bound(wanted, say(what, lang), lang, out) as listening:
        config = listening_config(
            app, ListenSettings(), lang=lang, log_level="warning", access_log=False
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [listening]}, name=what, daemon=True
        )
        thread.start()
        try:
            deadline = time.monotonic() + START_SECONDS
            while not server.started:
                if not thread.is_alive() or time.monotonic() > deadline:
                    raise DemoStoppedError(say("failed", lang, what=say(what, lang), error="start"))
                time.sleep(0.02)
            yield f"http://{LOOPBACK}:{listening.getsockname()[1]}", thread
        finally:
            server.should_exit = True
            thread.join(START_SECONDS)


@contextmanager
def serving_site(
    root: Path, wanted: int, lang: Lang, out: Console
) -> Iterator[tuple[str, BaseProcess]]:
    """The results site served from `root` by a static server in a process of its own, as any
    static server would serve it: apart from the publisher's and the day's work, which would
    otherwise hold this process's interpreter while a reader waits for a page."""
    what = "site_server"
    root.mkdir(parents=True, exist_ok=True)  # the publisher's first render may not have begun
    with _bound(wanted, say(what, lang), lang, out) as listening:
        # forked: the child inherits the bound socket as it is
        server = multiprocessing.get_context("fork").Process(
            target=_serve_static, args=(root, listening, lang), name=what, daemon=True
        )
        server.start()
        try:
            port = listening.getsockname()[1]
            _wait_for(port, server, say(what, lang), lang)
            yield f"http://{LOOPBACK}:{port}", server
        finally:
            server.terminate()
            server.join(STOP_SECONDS)
            if server.is_alive():  # still waiting on a browser's open connection
                server.kill()
                server.join()


def _serve_static(root: Path, listening: socket.socket, lang: Lang) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the demo stops it, on Ctrl-C too
    # forked with the demo's SIGTERM handler, which uvicorn raises again as it stops: the
    # default ends the server quietly, where the demo's would print a traceback
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    config = listening_config(
        static_app(root),
        ListenSettings(),
        lang=lang,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=1,
    )
    uvicorn.Server(config).run(sockets=[listening])


def _wait_for(port: int, server: BaseProcess, what: str, lang: Lang) -> None:
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            with socket.create_connection((LOOPBACK, port), 1):
                return
        except OSError:
            if not server.is_alive() or time.monotonic() > deadline:
                raise DemoStoppedError(say("failed", lang, what=what, error="start")) from None
            time.sleep(0.05)
