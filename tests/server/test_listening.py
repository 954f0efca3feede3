"""Slow and idle clients against each sandogh server, on loopback: the centre (`serve`, in a
process of its own), the results site (`publish-serve`) and the box's kiosk, each held to short
`ListenSettings`. Every attack is one raw socket doing what a slowloris, a slow POST or an idle
client does; each must see its connection closed within its limit and a margin, and a client over
the concurrency limit must get a quick 503. Every wait and loop is bounded."""

from __future__ import annotations

import contextlib
import logging
import select
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pydantic import SecretBytes, ValidationError

from sandogh.publish.serve import static_app
from sandogh.server.listening import MAX_SECONDS, ListenSettings, QuietStop, listening_config
from sandogh.server.process import centre_process
from sandogh.server.settings import ServerSettings
from sandogh.station.web import create_station_app
from sandogh.store.schema import init_database
from sandogh.wire import api_paths
from tests.loopback import served
from tests.station.build import voting_station

from .live import REGISTRY, SECRET, server_key_file

LIMITS = ListenSettings(header_seconds=2, body_seconds=1, keep_alive_seconds=1, max_connections=8)
# a loaded machine's scheduling, on top of a limit
MARGIN = 2.0
TRICKLE_SECONDS = 0.2


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('centre') / 'store.sqlite'}"
    init_database(url)
    settings = ServerSettings(
        database_url=url,
        ledger_secret=SecretBytes(SECRET),
        registry=REGISTRY,
        listening=LIMITS,
        server_key_file=server_key_file(),
    )
    with centre_process(settings) as running:
        yield running.base_url, api_paths.HEALTH


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    root = tmp_path_factory.mktemp("site")
    (root / "index.html").write_text("<!doctype html><title>results</title>", encoding="utf-8")
    with served(static_app(root), "the results site", limits=LIMITS) as url:
        yield url, "/"


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    station = voting_station(tmp_path_factory.mktemp("box"))
    try:
        with served(create_station_app(station.box), "the kiosk", limits=LIMITS) as url:
            yield url, "/"
    finally:
        station.box.store.close()


@pytest.fixture(params=["centre", "site", "kiosk"])
def server(request: pytest.FixtureRequest) -> tuple[str, str]:
    """A server's base URL and a path it answers GET on."""
    address: tuple[str, str] = request.getfixturevalue(request.param)
    return address


@contextlib.contextmanager
def connected(base_url: str) -> Iterator[socket.socket]:
    parts = urlsplit(base_url)
    assert parts.hostname is not None
    assert parts.port is not None
    with socket.create_connection((parts.hostname, parts.port), timeout=MAX_SECONDS) as client:
        yield client


def closed(client: socket.socket) -> bool:
    """Whether the server closed `client` (what it sent before is read and dropped)."""
    while select.select([client], [], [], 0)[0]:
        try:
            if not client.recv(65536):
                return True
        except ConnectionError:
            return True
    return False


def seconds_to_close(client: socket.socket, trickle: bytes = b"", limit: float = 0.0) -> float:
    """How long the server takes to close `client`, meanwhile sending `trickle` a byte at a time
    (then nothing); fails if it is still open after `limit` and the margin."""
    start = time.monotonic()
    rest = trickle
    while time.monotonic() - start < limit + MARGIN:
        if closed(client):
            return time.monotonic() - start
        if rest:
            try:
                client.sendall(rest[:1])
            except ConnectionError:
                return time.monotonic() - start
            rest = rest[1:]
        time.sleep(TRICKLE_SECONDS if rest else 0.05)
    raise AssertionError(f"still open after {limit + MARGIN:.1f} s")


def request(path: str, *headers: str) -> bytes:
    return "\r\n".join([f"GET {path} HTTP/1.1", "Host: 127.0.0.1", *headers, "", ""]).encode()


def test_the_defaults_close_a_silent_connection_within_thirty_seconds() -> None:
    defaults = ListenSettings()
    assert max(defaults.header_seconds, defaults.body_seconds, defaults.keep_alive_seconds) <= 30
    with pytest.raises(ValidationError):
        ListenSettings(header_seconds=MAX_SECONDS + 1)


def test_a_connection_that_sends_nothing_is_closed(server: tuple[str, str]) -> None:
    with connected(server[0]) as client:
        assert seconds_to_close(client, limit=LIMITS.header_seconds) >= LIMITS.header_seconds - 0.5


def test_half_a_request_line_is_closed_within_the_header_limit(server: tuple[str, str]) -> None:
    with connected(server[0]) as client:
        client.sendall(b"GET " + server[1].encode() + b" HT")
        assert seconds_to_close(client, limit=LIMITS.header_seconds) >= LIMITS.header_seconds - 0.5


def test_headers_trickled_byte_by_byte_are_cut_at_the_header_limit(
    server: tuple[str, str],
) -> None:
    # a slowloris: each byte well within any per-read timeout, the whole never done in time
    endless = request(server[1], *(f"X-Slow-{n}: {'a' * 20}" for n in range(100)))
    with connected(server[0]) as client:
        seconds_to_close(client, trickle=endless, limit=LIMITS.header_seconds)


def test_a_body_that_trickles_or_never_comes_is_cut_at_the_body_limit(
    server: tuple[str, str],
) -> None:
    lines = ["POST / HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    head = "\r\n".join([*lines, "Content-Length: 100000", "", ""]).encode()
    with connected(server[0]) as client:
        client.sendall(head)
        seconds_to_close(client, trickle=b"{" + b" " * 200, limit=LIMITS.body_seconds)
    with connected(server[0]) as client:
        client.sendall(head + b"{")
        seconds_to_close(client, limit=LIMITS.body_seconds)


def test_headers_over_the_limit_are_refused_complete_or_not(server: tuple[str, str]) -> None:
    """h11 bounded the headers it kept incomplete; httptools keeps them whole, so the protocol
    counts them: a request over `max_header_bytes` is answered 400 and its connection closed,
    whether its headers end or never do."""
    big = f"X-Big: {'a' * LIMITS.max_header_bytes}"
    for sent in (request(server[1], big), request(server[1], big)[:-4]):
        with connected(server[0]) as client:
            client.settimeout(LIMITS.header_seconds / 2)  # long before the header deadline
            client.sendall(sent)
            assert client.recv(12) == b"HTTP/1.1 400"
            seconds_to_close(client)
    with connected(server[0]) as client:  # within the limit, the server's app answers it
        client.sendall(request(server[1], f"X-Big: {'a' * (LIMITS.max_header_bytes // 2)}"))
        status = client.recv(12)
        assert status.startswith(b"HTTP/1.1 ")
        assert status != b"HTTP/1.1 400"


def test_a_chunked_body_s_endless_trailer_or_extension_is_cut_and_others_are_answered(
    server: tuple[str, str],
) -> None:
    """Session 24, F1: httptools keeps a chunked body's trailers and chunk extensions whole, and
    one connection sending a trailer of 90 MB held the centre's event loop for 27 s. What of a
    body is not body is bounded like headers: the connection is closed long before."""
    head = "\r\n".join(
        ["POST / HTTP/1.1", "Host: 127.0.0.1", "Transfer-Encoding: chunked", "", ""]
    ).encode()
    piece = 64 * 1024
    for opening in (b"2\r\n{}\r\n0\r\nX-T: ", b"2;" + b"e" * 16):
        with connected(server[0]) as client:
            client.sendall(head + opening)
            sent = 0
            with contextlib.suppress(ConnectionError):
                while sent < 64 * piece and not closed(client):  # 4 MB at the most
                    client.sendall(b"t" if opening.startswith(b"2;") else b"t" * piece)
                    client.sendall(b"e" * piece if opening.startswith(b"2;") else b"")
                    sent += piece
            assert sent < 64 * piece, "the trailer or extension was never cut"
        with connected(server[0]) as other:  # and the server answers at once
            other.settimeout(5)
            other.sendall(request(server[1]))
            assert other.recv(9) == b"HTTP/1.1 "


def test_an_idle_keep_alive_connection_is_closed(server: tuple[str, str]) -> None:
    with connected(server[0]) as client:
        client.sendall(request(server[1]))
        assert client.recv(12).startswith(b"HTTP/1.1 ")  # answered, and kept alive
        seconds_to_close(client, limit=LIMITS.keep_alive_seconds)


def test_more_connections_than_the_limit_get_a_quick_503(server: tuple[str, str]) -> None:
    base, path = server
    with contextlib.ExitStack() as held:
        for _ in range(LIMITS.max_connections):
            held.enter_context(connected(base))
        with connected(base) as one_more:
            one_more.settimeout(LIMITS.header_seconds / 2)  # long before the held ones are cut
            one_more.sendall(request(path))
            assert one_more.recv(12) == b"HTTP/1.1 503"
    # once they are gone, it serves again (the server learns of each close in its own time)
    deadline = time.monotonic() + MARGIN
    while True:
        with connected(base) as client:
            client.sendall(request(path, "Connection: close"))
            status = client.recv(12)
        if status != b"HTTP/1.1 503" or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert status.startswith(b"HTTP/1.1 ")
    assert status != b"HTTP/1.1 503"


def test_a_server_says_nothing_of_its_stop_but_its_warnings() -> None:
    """Issue 13: Ctrl-C printed uvicorn's English account of the stop before the command's own
    line; every server's handler now drops its words from the first of that account on."""
    config = listening_config(static_app(Path()), LIMITS)
    assert isinstance(config.log_config, dict)
    assert config.log_config["handlers"]["default"]["filters"] == ["quiet_stop"]
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
