"""Slow and idle clients against each sandogh server, on loopback: the centre (`serve`, in a
process of its own), the results site (`publish-serve`) and the box's kiosk, each held to short
`ListenSettings`. Every attack is one raw socket doing what a slowloris, a slow POST, an idle
client or one that never reads its answers does; each must see its connection closed within its
limit and a margin (the last, as the server's end of it in the kernel's table of sockets), and a
client over the concurrency limit must get a quick 503. Every wait and loop is bounded."""

from __future__ import annotations

import contextlib
import select
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pydantic import SecretBytes, ValidationError

from sandogh.publish.serve import static_app
from sandogh.server.listen_settings import MAX_SECONDS, ListenSettings
from sandogh.server.process import centre_process
from sandogh.server.settings import ServerSettings
from sandogh.station.web import create_station_app
from sandogh.store.schema import init_database
from sandogh.wire import api_paths
from tests.loopback import served
from tests.station.build import voting_station

from .live import REGISTRY, SECRET, server_key_file

LIMITS = ListenSettings(
    header_seconds=2,
    body_seconds=1,
    keep_alive_seconds=1,
    max_connections=8,
    write_seconds=1,
    # the centre's largest answer (its OpenAPI document, 120 KB) times this is more than the
    # kernel takes for a client on loopback (megabytes) before the server must wait for it
    max_pipelined=48,
)
# a loaded machine's scheduling, on top of a limit
MARGIN = 2.0
TRICKLE_SECONDS = 0.2
#: a page of each server (the site's written by its fixture) large enough to fill buffers with
ESTABLISHED = "01"  # in /proc/net/tcp
LARGE = {"centre": "/openapi.json", "site": "/large.html", "kiosk": "/static/station.css"}
#: the kernel's send buffer of the site's and the kiosk's connections (`tests.loopback.served`)
SEND_BUFFER = 32 * 1024
#: a page of the site that the kernel's send buffer takes whole, a client's 1 KB buffer not
FITS = 16 * 1024


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
    (root / "large.html").write_text(f"<!doctype html><p>{'۱' * 64 * 1024}", encoding="utf-8")
    (root / "fits.html").write_text(f"<!doctype html><p>{'x' * FITS}", encoding="utf-8")
    with served(static_app(root), "the results site", LIMITS, SEND_BUFFER) as url:
        yield url, "/"


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    station = voting_station(tmp_path_factory.mktemp("box"))
    try:
        with served(create_station_app(station.box), "the kiosk", LIMITS, SEND_BUFFER) as url:
            yield url, "/"
    finally:
        station.box.store.close()


@pytest.fixture(params=["centre", "site", "kiosk"])
def server(request: pytest.FixtureRequest) -> tuple[str, str]:
    """A server's base URL and a path it answers GET on."""
    address: tuple[str, str] = request.getfixturevalue(request.param)
    return address


@pytest.fixture(params=["centre", "site", "kiosk"])
def large(request: pytest.FixtureRequest) -> tuple[str, str, str]:
    """A server's base URL, a path it answers GET on, and one of its larger pages."""
    base, path = request.getfixturevalue(request.param)
    return base, path, LARGE[request.param]


@contextlib.contextmanager
def connected(base_url: str) -> Iterator[socket.socket]:
    parts = urlsplit(base_url)
    assert parts.hostname is not None
    assert parts.port is not None
    with socket.create_connection((parts.hostname, parts.port), timeout=MAX_SECONDS) as client:
        yield client


@contextlib.contextmanager
def not_reading(base_url: str) -> Iterator[tuple[socket.socket, tuple[int, int]]]:
    """A client that takes up almost nothing (a receive buffer of 1 KB, never read), and the
    ports of its connection: the server's, its own."""
    parts = urlsplit(base_url)
    assert parts.port is not None
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as client:
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
        client.settimeout(MAX_SECONDS)
        client.connect((parts.hostname, parts.port))
        yield client, (parts.port, client.getsockname()[1])


def held(ports: tuple[int, int]) -> bool:
    """Whether the server holds the connection between `ports` (its own, the client's) open,
    as the kernel's table of TCP sockets has the server's end of it: the client cannot tell,
    since a socket closed by the server still reads as open while unread answers wait in it."""
    return state_of(ports) == ESTABLISHED


def state_of(ports: tuple[int, int]) -> str | None:
    """The state of the server's end of the connection between `ports` in the kernel's table
    of TCP sockets (as /proc/net/tcp writes it), or None when the kernel holds it no more."""
    for table in (Path("/proc/net/tcp"), Path("/proc/net/tcp6")):
        for line in table.read_text(encoding="ascii").splitlines()[1:]:
            local, remote, state = line.split()[1:4]
            if (int(local.rsplit(":", 1)[1], 16), int(remote.rsplit(":", 1)[1], 16)) == ports:
                return state
    return None


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


def request(path: str, *headers: str, host: str = "127.0.0.1") -> bytes:
    """A GET of `path`; the kiosk answers only a `host` that names it with its port."""
    return "\r\n".join([f"GET {path} HTTP/1.1", f"Host: {host}", *headers, "", ""]).encode()


def test_the_defaults_close_a_silent_connection_within_thirty_seconds() -> None:
    defaults = ListenSettings()
    seconds = (defaults.header_seconds, defaults.body_seconds, defaults.keep_alive_seconds)
    assert max(*seconds, defaults.write_seconds) <= MAX_SECONDS == 30
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


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's table of sockets")
def test_a_client_that_never_reads_its_answers_is_cut_and_others_are_answered(
    large: tuple[str, str, str],
) -> None:
    """Session 24, F4: a client that pipelined requests for large answers and never read them
    held its connection, the buffered answers and their tasks for as long as it liked, since
    every deadline had ended with its requests. An answer not taken up within `write_seconds`
    now closes the connection and drops what it holds; the server answers others meanwhile."""
    base, path, page = large
    with not_reading(base) as (client, ports):
        client.sendall(request(page, host=urlsplit(base).netloc) * (LIMITS.max_pipelined + 1))
        start = time.monotonic()
        while held(ports):
            assert time.monotonic() - start < LIMITS.write_seconds + MARGIN, "still held"
            with connected(base) as other:
                other.settimeout(5)
                other.sendall(request(path, "Connection: close"))
                assert other.recv(9) == b"HTTP/1.1 "
            time.sleep(0.1)
        # by the answers' deadline: the requests' own were long met
        assert time.monotonic() - start >= LIMITS.write_seconds - 0.1


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's table of sockets")
def test_an_unread_answer_the_kernel_took_whole_goes_with_its_connection(
    site: tuple[str, str],
) -> None:
    """Session 25, G3: an answer the kernel's buffer took whole escaped the write deadline, and
    the keep-alive's close left it in the kernel (FIN-WAIT-1) for as long as its client did not
    read. Now the connection is reset when `write_seconds` pass after the answer's end with none
    of it taken; a client that takes its answer slowly, but takes it, gets it whole."""
    base, _ = site
    ask = request("/fits.html")
    with not_reading(base) as (client, ports):
        client.sendall(ask)
        start = time.monotonic()
        limit = LIMITS.keep_alive_seconds + LIMITS.write_seconds + MARGIN
        while (state := state_of(ports)) is not None:
            assert time.monotonic() - start < limit, f"held in state {state}"
            time.sleep(0.1)
    with not_reading(base) as (slow, _):
        slow.sendall(ask)
        time.sleep(0.5)
        read = b""
        # about 16 KB a second: the answer is still being taken up as the keep-alive ends
        with contextlib.suppress(ConnectionError):
            while chunk := slow.recv(1024):
                read += chunk
                time.sleep(0.05)
    assert read.endswith(b"x" * 1024)
    assert len(read.split(b"\r\n\r\n", 1)[1]) == len("<!doctype html><p>") + FITS


def test_a_client_queueing_more_requests_than_the_bound_is_cut(server: tuple[str, str]) -> None:
    """uvicorn queues every request it reads while one is answered (session 24, F4): one read
    of small requests queued thousands. Up to `max_pipelined` behind the one answered are
    answered; one more, and the connection is closed with none of them."""
    base, path = server

    def answers(count: int) -> int:
        """How many answers `count` requests sent at once get, the last asking to close."""
        with connected(base) as client:
            client.sendall(request(path) * (count - 1) + request(path, "Connection: close"))
            read = b""
            with contextlib.suppress(ConnectionError):
                while chunk := client.recv(65536):
                    read += chunk
        return read.count(b"HTTP/1.1 ")

    assert answers(LIMITS.max_pipelined + 1) == LIMITS.max_pipelined + 1
    assert answers(LIMITS.max_pipelined + 2) == 0
