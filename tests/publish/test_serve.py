"""`publish-serve`: plain static files with ETag, Last-Modified and 304."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
from starlette.responses import FileResponse

from sandogh.publish.serve import SnapshotFiles

from .serving import serving


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

    answer = SnapshotFiles(directory=tmp_path).file_response(
        path, looked_up, {"type": "http", "headers": []}
    )

    assert answer.status_code == 200
    assert answer.body == b'{"n":12345}'
    assert answer.headers["content-length"] == str(len(answer.body))
    assert answer.headers["etag"] == FileResponse(path, stat_result=os.stat(path)).headers["etag"]
