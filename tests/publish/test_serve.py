"""`publish-serve`: plain static files with ETag, Last-Modified and 304, in pieces and ranges."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path
from typing import Any

import httpx
from starlette.responses import FileResponse

from sandogh.publish.serve import SnapshotFiles, static_app
from sandogh.server.listen_settings import ListenSettings
from tests.chromium import run_apart
from tests.loopback import served

from .serving import serving

#: a write deadline short enough that a whole file's answer in one piece would miss it
STEADY = ListenSettings(write_seconds=1)
#: the kernel's buffers of both ends: a slow link's, not loopback's megabytes
BUFFER = 16 * 1024


def test_a_file_is_served_with_its_validators(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data/elections.json").write_text('{"elections":[]}')
    (tmp_path / "index.html").write_text("<!doctype html><title>نتایج</title>")

    with serving(tmp_path) as url, httpx.Client(base_url=url) as client:
        first = client.get("/data/elections.json")
        again = client.get("/data/elections.json", headers={"if-none-match": first.headers["etag"]})
        home = client.get("/")
        missing = client.get("/data/nowhere.json")

    assert first.status_code == 200
    assert first.json() == {"elections": []}
    assert first.headers["content-type"].startswith("application/json")
    assert first.headers["last-modified"]
    assert first.headers["cache-control"] == "no-cache"
    assert again.status_code == 304
    assert home.status_code == 200
    assert "نتایج" in home.text
    assert missing.status_code == 404


def test_a_file_renamed_over_between_its_look_up_and_its_answer_is_sent_whole(
    tmp_path: Path,
) -> None:
    # the race the live demo met: the server looked the name up (its length 7), the publisher
    # renamed a longer file over it, and Starlette's answer sent the new bytes under the old length
    path = tmp_path / "snapshot.json"
    path.write_bytes(b'{"n":1}')
    looked_up = os.stat(path)
    newer = tmp_path / "snapshot.json.new"
    newer.write_bytes(b'{"n":12345}')
    os.replace(newer, path)
    etag = FileResponse(path, stat_result=os.stat(path)).headers["etag"]

    answer = SnapshotFiles(directory=tmp_path).file_response(
        path, looked_up, {"type": "http", "method": "GET", "headers": []}
    )
    # and another renamed over it while the answer is under way: its bytes are the open file's
    newest = tmp_path / "snapshot.json.newest"
    newest.write_bytes(b'{"n":123456789}')
    os.replace(newest, path)
    sent: list[Any] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> Any:
        return {"type": "http.disconnect"}

    scope = {"type": "http", "method": "GET", "headers": [], "asgi": {"spec_version": "2.4"}}
    # apart from this thread: a session's Playwright keeps an event loop running in it
    run_apart(answer(scope, receive, send))
    body = b"".join(message.get("body", b"") for message in sent)

    assert answer.status_code == 200
    assert body == b'{"n":12345}'
    assert answer.headers["content-length"] == str(len(body))
    assert answer.headers["etag"] == etag


def test_a_slow_steady_reader_gets_a_large_file_whole_and_can_resume_it(tmp_path: Path) -> None:
    """Session 25, G1: the site wrote a file in one piece, which its client had to take up within
    the write deadline whatever its pace: a steady reader on a slow link was cut every time, and
    could not resume, `Range` being ignored. In pieces, each must be taken up in time."""
    size = 384 * 1024
    (tmp_path / "report.json").write_bytes(bytes(range(256)) * (size // 256))
    with served(static_app(tmp_path), "the results site", STEADY, BUFFER) as url:
        port = int(url.rsplit(":", 1)[1])
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as client:
            client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, BUFFER)
            client.settimeout(5)
            client.connect(("127.0.0.1", port))
            client.sendall(b"GET /report.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            read = b""
            start = time.monotonic()
            # about 200 KB a second: the whole answer takes twice the write deadline
            while (chunk := client.recv(4096)) and time.monotonic() - start < 20:
                read += chunk
                time.sleep(0.02)
        with httpx.Client(base_url=url) as other:
            rest = other.get("/report.json", headers={"range": f"bytes={size - 100}-"})

    assert time.monotonic() - start > 2 * STEADY.write_seconds
    assert read.endswith(bytes(range(256)) * 4)
    assert f"content-length: {size}".encode() in read.lower()
    assert len(read.split(b"\r\n\r\n", 1)[1]) == size
    assert rest.status_code == 206
    assert rest.content == bytes(range(156, 256))
    assert rest.headers["content-range"] == f"bytes {size - 100}-{size - 1}/{size}"
