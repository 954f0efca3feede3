"""The outside review's hostile server (issue 10, `docs/e2e.md` §10, "Reading over HTTP"): a
real HTTP server on loopback serves the small record of `record.py` and misbehaves on purpose on
one path — a byte at a time, silent, redirecting elsewhere or in a loop, compressing a bomb,
sending a megabyte of headers, a body without end, a code other than 200 — and each attack ends
in a named refusal within its deadline (short ones here), never a hang or a traceback.
"""

from __future__ import annotations

import gzip
import http.server
import pickle
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from sandogh.verify_election.errors import Refusal, RefusedError
from sandogh.verify_election.reading import MAX_FILE, UNLISTED, Source, unlisted_bound
from sandogh.verify_election.run import verify_election
from sandogh.verify_election.web import REDIRECTS, Limits
from tests.verify_election.record import Built
from tests.verify_election.test_tampering import original

__all__ = ["original"]  # the fixture, shared

ELECTIONS = "data/elections.json"  # the first file the verifier reads
CHAIN = "data/e2e-small/e2e/ballots/ST-1.jsonl"  # a listed file, read by a station's worker
#: what the handler does on the attacked path
Misbehaviour = Callable[["_Handler"], None]


class _Handler(http.server.BaseHTTPRequestHandler):
    root: Path
    attacked: str
    misbehave: Misbehaviour
    delay: float
    seen: list[dict[str, str]]

    def do_GET(self) -> None:
        self.seen.append(dict(self.headers))
        path = self.path.lstrip("/")
        try:
            if path == self.attacked:
                self.misbehave(self)
            else:
                self.serve(path)
        except OSError:  # the verifier hung up: what each attack should end in
            return

    def serve(self, path: str) -> None:
        """The record's file, after `delay`; under `mirror/` too (a redirect's target)."""
        time.sleep(self.delay)
        file = self.root / path.removeprefix("mirror/")
        if not file.is_file():
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = file.read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_: Any) -> None:
        return None


@contextmanager
def hostile(
    root: Path, attacked: str, misbehave: Misbehaviour, delay: float = 0.0
) -> Iterator[tuple[str, type[_Handler]]]:
    """The record at `root` on a loopback URL, `attacked` answered by `misbehave`, every other
    file after `delay` seconds."""
    handler = type(
        "Handler",
        (_Handler,),
        {
            "root": root,
            "attacked": attacked,
            "misbehave": staticmethod(misbehave),
            "delay": delay,
            "seen": [],
        },
    )
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/", handler
        finally:
            server.shutdown()


def refused(url: str, limits: Limits, workers: int = 1) -> tuple[RefusedError, float]:
    started = time.monotonic()
    with pytest.raises(RefusedError) as caught:
        verify_election(url, workers=workers, limits=limits)
    return caught.value, time.monotonic() - started


def drip_body(handler: _Handler, length: int = 1000) -> None:
    handler.send_response(200)
    handler.send_header("Content-Length", str(length))
    handler.end_headers()
    for _ in range(100):
        handler.wfile.write(b" ")
        handler.wfile.flush()
        time.sleep(0.05)


def _drip_headers(handler: _Handler) -> None:
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    for _ in range(100):
        handler.wfile.write(b"a")
        handler.wfile.flush()
        time.sleep(0.05)


def _silent(_: _Handler) -> None:
    time.sleep(3)


@pytest.mark.parametrize("misbehave", [drip_body, _drip_headers, _silent])
def test_a_server_dripping_or_silent_fails_at_the_file_deadline(
    original: Built, misbehave: Misbehaviour
) -> None:
    """A byte every 50 ms keeps any per-read timeout quiet; the file's deadline (0.3 s for a file
    of up to a MiB here) cuts it, headers included, naming the URL and the limit."""
    with hostile(original.root, ELECTIONS, misbehave) as (url, _):
        error, took = refused(url, Limits(file_seconds=0.3))
    assert error.refusal is Refusal.FILE_DEADLINE
    assert str(error) == (
        f"{url}{ELECTIONS}: not read within 0.3 s (--file-deadline: 0.3 s per MiB it may hold)"
    )
    assert 0.25 < took < 1.5


def test_the_file_deadline_grows_with_the_listed_size(original: Built) -> None:
    """A listed file of 2.5 MiB may take three MiBs' worth: 0.3 s each."""
    size = 5 * 2**19

    def drip(handler: _Handler) -> None:
        drip_body(handler, size)

    with hostile(original.root, "big.bin", drip) as (url, _):
        source = Source(url, Limits(file_seconds=0.3))
        started = time.monotonic()
        with pytest.raises(RefusedError, match=r"not read within 0\.9 s"):
            source.read("big.bin", size + 1)
        source.close()
    assert 0.85 < time.monotonic() - started < 2


def test_the_run_deadline_bounds_a_record_of_slow_files(original: Built) -> None:
    """Each file answered after 0.1 s, well within its own deadline: the run's (0.5 s) ends it."""
    with hostile(original.root, "", _silent, delay=0.1) as (url, _):
        error, took = refused(url, Limits.starting_now(5.0, 0.5))
    assert error.refusal is Refusal.RUN_DEADLINE
    assert "the run's deadline of 0.5 s (--run-deadline) passed while reading it" in str(error)
    assert took < 1.5


def test_the_deadline_reaches_the_station_workers(original: Built) -> None:
    """A station's chain dripped to a worker process fails at the deadline the run was given."""
    with hostile(original.root, CHAIN, drip_body) as (url, _):
        error, took = refused(url, Limits(file_seconds=0.3), workers=2)
    assert error.refusal is Refusal.FILE_DEADLINE
    assert error.where == url + CHAIN
    assert took < 5


def test_a_run_deadline_past_stops_a_folder_too(original: Built) -> None:
    limits = Limits.starting_now(60.0, 0.001)
    time.sleep(0.01)
    with pytest.raises(RefusedError, match=r"the run's deadline of 0\.001 s"):
        verify_election(str(original.root), workers=1, limits=limits)


def test_a_redirect_on_the_records_origin_is_followed(original: Built) -> None:
    def moved(handler: _Handler) -> None:
        handler.send_response(302)
        handler.send_header("Location", "/mirror/" + ELECTIONS)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    with hostile(original.root, ELECTIONS, moved) as (url, _):
        (result,) = verify_election(url, workers=1).elections
    assert result.passed, result.ledger.first_failure()


@pytest.mark.parametrize(
    "location",
    [
        "http://localhost:{port}/data/elections.json",
        "http://127.0.0.1:1/data/elections.json",
        "https://127.0.0.1:{port}/data/elections.json",
        "file:///etc/passwd",
        "//example.org/data/elections.json",
        "http://user:secret@127.0.0.1:{port}/data/elections.json",
    ],
)
def test_a_redirect_off_the_records_origin_is_refused_naming_both(
    original: Built, location: str
) -> None:
    def elsewhere(handler: _Handler) -> None:
        handler.send_response(301)
        handler.send_header("Location", location.format(port=handler.server.server_address[1]))
        handler.end_headers()

    with hostile(original.root, ELECTIONS, elsewhere) as (url, _):
        error, _took = refused(url, Limits())
    assert error.refusal is Refusal.OFF_ORIGIN
    assert error.where == url + ELECTIONS
    assert str(error).endswith(f", off the record's origin {url.rstrip('/')}")
    assert "redirected to " in str(error)


def test_a_redirect_loop_is_cut(original: Built) -> None:
    def loop(handler: _Handler) -> None:
        handler.send_response(307)
        handler.send_header("Location", "/" + ELECTIONS)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    with hostile(original.root, ELECTIONS, loop) as (url, handler):
        error, _took = refused(url, Limits())
    assert error.refusal is Refusal.REDIRECTS
    assert str(error).endswith(f"more than {REDIRECTS} redirects")
    assert len(handler.seen) == REDIRECTS + 1


def test_an_unlisted_file_announced_past_its_bound_is_refused_unread(original: Built) -> None:
    """`Content-Length` past the bound: refused on the headers, not after reading 4 MiB."""

    def huge(handler: _Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(unlisted_bound(ELECTIONS) + 1))
        handler.end_headers()
        time.sleep(3)  # no byte of the body comes: a reader waiting for it would hang

    with hostile(original.root, ELECTIONS, huge) as (url, _):
        error, took = refused(url, Limits(file_seconds=10))
    assert error.refusal is Refusal.TOO_LONG
    assert str(error).endswith(
        "longer than 4194304 bytes, the most the verifier reads of it unlisted"
    )
    assert took < 1


def _endless_chunks(handler: _Handler) -> None:
    handler.protocol_version = "HTTP/1.1"
    handler.send_response(200)
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    chunk = b"%x\r\n%s\r\n" % (2**16, b" " * 2**16)
    for _ in range(2**20):  # 64 GiB: ends only when the verifier hangs up
        handler.wfile.write(chunk)


def test_an_unlisted_chunked_body_without_end_is_cut_at_its_bound(original: Built) -> None:
    with hostile(original.root, ELECTIONS, _endless_chunks) as (url, _):
        error, took = refused(url, Limits(file_seconds=10))
    assert error.refusal is Refusal.TOO_LONG
    assert took < 5


def test_a_listed_chunked_body_without_end_is_read_to_its_length_and_fails_v1(
    original: Built,
) -> None:
    with hostile(original.root, CHAIN, _endless_chunks) as (url, _):
        (result,) = verify_election(url, workers=1, limits=Limits(file_seconds=10)).elections
    first = result.ledger.first_failure()
    assert first is not None
    assert first[1].where == "ballots/ST-1.jsonl"
    assert first[1].detail.startswith("longer than the ")


def test_a_listed_file_is_read_to_its_length_and_no_further(original: Built) -> None:
    """10 MiB announced, 3 bytes sent, then silence: a read of 2 listed bytes (+1) returns at
    once, without waiting for the rest."""

    def announced(handler: _Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(10 * 2**20))
        handler.end_headers()
        handler.wfile.write(b"abc")
        handler.wfile.flush()
        time.sleep(3)

    with hostile(original.root, "x.json", announced) as (url, _):
        source = Source(url, Limits(file_seconds=10))
        started = time.monotonic()
        assert source.read("x.json", 3) == b"abc"
        source.close()
    assert time.monotonic() - started < 1


def test_a_gzip_bomb_is_refused_not_decoded(original: Built) -> None:
    bomb = gzip.compress(b"\0" * 10 * 2**20, compresslevel=1)

    def compressed(handler: _Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Encoding", "gzip")
        handler.send_header("Content-Length", str(len(bomb)))
        handler.end_headers()
        handler.wfile.write(bomb)

    with hostile(original.root, ELECTIONS, compressed) as (url, handler):
        error, _took = refused(url, Limits())
    assert error.refusal is Refusal.ENCODING
    assert "Content-Encoding gzip" in str(error)
    assert handler.seen[0]["Accept-Encoding"] == "identity"


def test_a_megabyte_of_headers_is_refused(original: Built) -> None:
    def headers(handler: _Handler) -> None:
        handler.send_response(200)
        handler.send_header("X-Big", "a" * 2**20)
        handler.end_headers()

    with hostile(original.root, ELECTIONS, headers) as (url, _):
        error, took = refused(url, Limits())
    assert error.refusal is Refusal.BROKEN
    assert took < 1


def test_a_body_cut_short_of_its_length_is_refused(original: Built) -> None:
    def short(handler: _Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "100")
        handler.end_headers()
        handler.wfile.write(b"{}")
        handler.close_connection = True

    with hostile(original.root, ELECTIONS, short) as (url, _):
        error, _took = refused(url, Limits())
    assert error.refusal is Refusal.BROKEN


@pytest.mark.parametrize("status", [206, 304, 403, 500, 503])
def test_a_code_other_than_200_404_or_a_redirect_is_refused(original: Built, status: int) -> None:
    def answer(handler: _Handler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    with hostile(original.root, ELECTIONS, answer) as (url, _):
        error, _took = refused(url, Limits())
    assert error.refusal is Refusal.STATUS
    assert str(error) == f"{url}{ELECTIONS}: the server answered HTTP {status}"


@pytest.mark.parametrize(
    ("location", "refusal"),
    [
        ("http://user:secret@127.0.0.1:1/", Refusal.CREDENTIALS),
        ("https://:secret@127.0.0.1:1/", Refusal.CREDENTIALS),
        ("file:///etc/", Refusal.SCHEME),
        ("ftp://127.0.0.1:1/", Refusal.SCHEME),
        ("javascript://127.0.0.1:1/", Refusal.SCHEME),
        ("http://127.0.0.1:1/snapshot/?key=x", Refusal.QUERY),
        ("http://127.0.0.1:1/snapshot/#top", Refusal.QUERY),
    ],
)
def test_a_record_url_of_another_form_is_refused_before_any_connection(
    location: str, refusal: Refusal
) -> None:
    with pytest.raises(RefusedError) as caught:
        verify_election(location, workers=1)
    assert caught.value.refusal is refusal
    if refusal is Refusal.CREDENTIALS:  # named without what would be secret
        assert caught.value.where.endswith("://…@127.0.0.1:1/")
        assert "secret" not in str(caught.value)
    else:
        assert caught.value.where == location


def test_an_unlisted_file_on_disk_past_its_bound_is_refused(original: Built) -> None:
    report = original.folder / "reports" / "ST-1" / "extra.json"
    source = Source(str(original.root))
    report.write_bytes(b" " * (unlisted_bound("data/e2e-small/reports/ST-1/extra.json") + 1))
    try:
        with pytest.raises(RefusedError, match="longer than 4194304 bytes"):
            source.read("data/e2e-small/reports/ST-1/extra.json")
    finally:
        report.unlink()


def test_the_unlisted_bounds_are_of_the_national_files() -> None:
    assert unlisted_bound("data/e/anchor/record.json") == 128 * 2**20
    assert unlisted_bound("data/e/definition.json") == 64 * 2**20
    assert unlisted_bound("data/e/e2e/manifest.json") == 64 * 2**20
    assert unlisted_bound("data/e/reports/ST-1/final.json") == 4 * 2**20
    assert unlisted_bound("data/e/e2e/election.json") == 4 * 2**20
    assert all(bound < MAX_FILE for _, bound in UNLISTED)


def test_a_refusal_crosses_between_processes_as_it_is() -> None:
    error = RefusedError("http://h/x", Refusal.FILE_DEADLINE, {"seconds": "60", "per": "60"})
    again = pickle.loads(pickle.dumps(error))
    assert (again.where, again.refusal, again.values) == (error.where, error.refusal, error.values)
    assert str(again) == str(error)


def test_a_tls_handshake_never_answered_fails_at_the_file_deadline() -> None:
    """An https:// record whose server accepts the connection and says nothing: the handshake is
    held to the deadline as every other operation is."""
    with socket.create_server(("127.0.0.1", 0)) as listening:
        url = f"https://127.0.0.1:{listening.getsockname()[1]}/"
        started = time.monotonic()
        with pytest.raises(RefusedError) as caught:
            verify_election(url, workers=1, limits=Limits(file_seconds=0.3))
    assert caught.value.refusal is Refusal.FILE_DEADLINE
    assert 0.25 < time.monotonic() - started < 1.5
