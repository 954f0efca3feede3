"""What the servers write of themselves (`server.listening_log`): the centre's app, the results
site and the kiosk served in this process, what they write read from uvicorn's handler. Session
24, F5: a client that left wrote a traceback or two of some 65 lines each, and uvicorn's English
lines came into a Persian terminal."""

from __future__ import annotations

import contextlib
import io
import logging
import time
from collections.abc import Iterator
from logging import StreamHandler
from pathlib import Path
from urllib.parse import urlsplit

import prometheus_client
import pytest
from pydantic import SecretBytes
from starlette.types import Receive, Scope, Send

from sandogh.locale.messages import text_in
from sandogh.locale.server_lines import CATALOGUE, EN
from sandogh.publish.serve import static_app
from sandogh.server.app import create_app
from sandogh.server.listen_settings import ListenSettings
from sandogh.server.listening import listening_config
from sandogh.server.listening_log import AccessWords, QuietStop, ServerWords
from sandogh.server.metrics import endpoint_of
from sandogh.server.settings import ServerSettings
from sandogh.station.web import create_station_app
from sandogh.station.web.operator import LOGIN
from sandogh.store.schema import init_database
from sandogh.wire import api_paths
from tests.loopback import served
from tests.station.build import voting_station

from .live import REGISTRY, SECRET, server_key_file
from .test_listening import SEND_BUFFER, connected, not_reading, request

#: the time a server takes to learn that a client left, on a loaded machine
NOTICE_SECONDS = 0.5


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('centre') / 'store.sqlite'}"
    init_database(url)
    settings = ServerSettings(
        database_url=url,
        ledger_secret=SecretBytes(SECRET),
        registry=REGISTRY,
        server_key_file=server_key_file(),
    )
    app = create_app(settings)
    with served(app, "the centre", send_buffer=SEND_BUFFER, lifespan="on") as base:
        yield base, api_paths.REPORTS, "/openapi.json"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    root = tmp_path_factory.mktemp("site")
    (root / "large.html").write_text(f"<!doctype html><p>{'۱' * 64 * 1024}", encoding="utf-8")
    with served(static_app(root), "the results site", send_buffer=SEND_BUFFER) as base:
        yield base, "/", "/large.html"


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    station = voting_station(tmp_path_factory.mktemp("box"))
    try:
        app = create_station_app(station.box)
        with served(app, "the kiosk", send_buffer=SEND_BUFFER) as base:
            yield base, LOGIN, "/static/station.css"
    finally:
        station.box.store.close()


@pytest.fixture(params=["centre", "site", "kiosk"])
def server(request: pytest.FixtureRequest) -> tuple[str, str, str]:
    """A server's base URL, a path it takes a POST on, and one of its larger pages."""
    address: tuple[str, str, str] = request.getfixturevalue(request.param)
    return address


@contextlib.contextmanager
def written() -> Iterator[io.StringIO]:
    """What the servers of this process write of themselves meanwhile (with the words of the
    one configured last: in Persian, as every server's here)."""
    # uvicorn's, not pytest's capture of the log (a subclass)
    (handler,) = (h for h in logging.getLogger("uvicorn").handlers if type(h) is StreamHandler)
    lines = io.StringIO()
    before = handler.setStream(lines)
    try:
        yield lines
    finally:
        handler.setStream(before)


def test_a_client_that_leaves_before_its_answer_writes_nothing(
    server: tuple[str, str, str], caplog: pytest.LogCaptureFixture
) -> None:
    """A client that left in the middle of its body (the app told so as it read it), or with
    pipelined answers it never read (the server then wrote on to the closed connection), is
    no failure of the server: not a line, not a traceback (the centre counts it, status 499)."""
    base, post, page = server
    host = urlsplit(base).netloc  # the kiosk answers no other
    head = "\r\n".join([f"POST {post} HTTP/1.1", f"Host: {host}", "Content-Type: application/json"])
    with written() as lines:
        with connected(base) as client:
            client.sendall(f"{head}\r\nContent-Length: 100000\r\n\r\n{{".encode())
        with not_reading(base) as (client, _):
            client.sendall(request(page, host=host) * 8)
            time.sleep(NOTICE_SECONDS)  # until the server waits for the client to read
        time.sleep(NOTICE_SECONDS)
    assert lines.getvalue() == ""
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []


def test_the_centre_counts_a_client_gone_in_its_metrics(centre: tuple[str, str, str]) -> None:
    base, post, _ = centre
    gone = {"endpoint": endpoint_of(post), "reason": "client-gone"}

    def counted() -> float:
        return prometheus_client.REGISTRY.get_sample_value("sandogh_refusals_total", gone) or 0.0

    before = counted()
    with connected(base) as client:
        client.sendall(
            f"POST {post} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Content-Length: 1000\r\n\r\n{".encode()
        )
    deadline = time.monotonic() + 5
    while counted() == before and time.monotonic() < deadline:
        time.sleep(0.02)
    assert counted() == before + 1


def test_a_request_that_is_not_http_is_one_line_in_the_server_s_words(
    server: tuple[str, str, str],
) -> None:
    base = server[0]
    with written() as lines, connected(base) as client:
        client.sendall(b"\x16\x03\x01 hello\r\n\r\n")  # TLS to a plain HTTP server, say
        assert client.recv(12) == b"HTTP/1.1 400"
    assert lines.getvalue().splitlines() == [text_in(CATALOGUE, "invalid_request", "fa")]


async def _failing(scope: Scope, _receive: Receive, _send: Send) -> None:
    if scope["type"] == "http":
        raise RuntimeError("a failure of the app")


def test_a_failure_of_the_app_is_still_logged_whole() -> None:
    with served(_failing, "a failing app") as base, written() as lines, connected(base) as client:
        client.sendall(request("/"))
        assert client.recv(12) == b"HTTP/1.1 500"
        deadline = time.monotonic() + 5
        while "RuntimeError" not in lines.getvalue() and time.monotonic() < deadline:
            time.sleep(0.02)
    said = lines.getvalue().splitlines()
    assert said[0] == text_in(CATALOGUE, "app_failed", "fa")
    assert said[1] == "Traceback (most recent call last):"
    assert said[-1] == "RuntimeError: a failure of the app"


@pytest.mark.parametrize("key", sorted(EN))
def test_each_line_uvicorn_writes_is_said_in_persian(key: str) -> None:
    values = {"pid": "4242", "url": "http://127.0.0.1:8000"}
    english = EN[key].format_map(values)
    record = logging.LogRecord("uvicorn.error", logging.WARNING, __file__, 1, english, None, None)
    assert ServerWords().filter(record)
    said = {"pid": "۴۲۴۲", "url": values["url"]}
    wanted = {name: value for name, value in said.items() if f"{{{name}}}" in EN[key]}
    assert record.getMessage() == text_in(CATALOGUE, key, "fa", **wanted)


def test_uvicorn_s_own_formats_are_known_and_its_advice_is_left_out() -> None:
    words = ServerWords()
    running = logging.LogRecord(
        "uvicorn.error",
        logging.INFO,
        __file__,
        1,
        "Uvicorn running on %s://%s:%d (Press CTRL+C to quit)",
        ("http", "127.0.0.1", 8000),
        None,
    )
    running.color_message = "coloured"
    assert words.filter(running)
    assert running.getMessage() == text_in(CATALOGUE, "running", "fa", url="http://127.0.0.1:8000")
    assert "color_message" not in running.__dict__
    advice = "No supported WebSocket library detected. Please use …"
    record = logging.LogRecord("uvicorn.error", logging.WARNING, __file__, 1, advice, None, None)
    assert not words.filter(record)
    other = logging.LogRecord("uvicorn.error", logging.INFO, __file__, 1, "Other.", None, None)
    assert words.filter(other)
    assert other.getMessage() == "Other."


def test_the_configuration_says_persian_or_leaves_uvicorn_s_english() -> None:
    persian = listening_config(static_app(Path()), ListenSettings()).log_config
    english = listening_config(static_app(Path()), ListenSettings(), lang="en").log_config
    assert isinstance(persian, dict)
    assert isinstance(english, dict)
    assert persian["handlers"]["default"]["filters"] == ["quiet_stop", "words"]
    assert persian["formatters"]["default"]["fmt"] == "%(message)s"
    assert english["handlers"]["default"]["filters"] == ["quiet_stop"]
    assert english["formatters"]["default"]["fmt"] == "%(levelprefix)s %(message)s"
    assert persian["formatters"]["access"] == {"()": "sandogh.server.listening_log.AccessWords"}
    assert english["formatters"]["access"]["()"] == "uvicorn.logging.AccessFormatter"


def test_a_request_answered_is_said_in_persian_words() -> None:
    """Session 25, G4: `sandogh serve` wrote uvicorn's English line of every request answered
    (`INFO: 127.0.0.1:50386 - "GET /api/v1/health HTTP/1.1" 200 OK`) on a Persian terminal."""
    args = ("127.0.0.1:50386", "GET", "/api/v1/health", "1.1", 200)
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, "%s", args, None)
    line = AccessWords().format(record)
    assert line == (
        "sandogh: درخواست \u2066GET /api/v1/health\u2069 از \u2066127.0.0.1:50386\u2069"
        " پاسخ ۲۰۰ گرفت."
    )


def test_a_server_says_nothing_of_its_stop_but_its_warnings() -> None:
    """Issue 13: Ctrl-C printed uvicorn's English account of the stop before the command's own
    line; every server's handler now drops its words from the first of that account on."""
    quiet = QuietStop()

    def passes(message: str, level: int = logging.INFO) -> bool:
        record = logging.LogRecord("uvicorn.error", level, __file__, 1, message, None, None)
        return quiet.filter(record)

    assert passes("Started server process [7]")
    assert passes("Application startup complete.")
    assert not passes("Shutting down")
    assert not passes("Finished server process [7]")
    assert passes("Cancel 2 running task(s), timeout graceful shutdown exceeded", logging.ERROR)
    assert (
        QuietStop().filter(
            logging.LogRecord(
                "uvicorn.error", logging.INFO, __file__, 1, "Received SIGINT, exiting.", None, None
            )
        )
        is False
    )
