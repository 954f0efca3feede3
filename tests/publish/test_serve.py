"""`publish-serve`: plain static files with ETag, Last-Modified and 304."""

from __future__ import annotations

from pathlib import Path

import httpx

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
