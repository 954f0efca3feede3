"""A certified hand count on the results site: a station's page says its reported figures are
superseded, the election's page (the province: the nation holds only it) that its total counts
the hand count, in Persian and English."""

from __future__ import annotations

import json
from pathlib import Path

from sandogh.publish.site import render_site
from tests.publish.site.build import COMPLETE, CONTEST, NATION, PROVINCE, R2, S1, write_snapshot
from tests.publish.site.reading import read

MARK = {
    "constituency": NATION,
    "audit": "sha256:" + "a" * 64,
    "certified_at": "2024-07-07T10:00:00+00:00",
}


def _marked(root: Path, code: str, *, superseded: bool) -> None:
    path = root / "data" / R2 / "results" / CONTEST / f"{code}.json"
    document = json.loads(path.read_text())
    document["hand_count"] = {**MARK, "superseded": superseded}
    path.write_text(json.dumps(document, ensure_ascii=False))


def test_a_station_superseded_and_the_total_that_counts_the_hand_count_say_so(
    tmp_path: Path,
) -> None:
    write_snapshot(tmp_path, COMPLETE)
    _marked(tmp_path, S1, superseded=True)
    _marked(tmp_path, PROVINCE, superseded=False)
    render_site(tmp_path, R2)

    station = read(tmp_path / R2 / "units" / f"{S1}.html").text
    assert "ارقام گزارش‌شده اینجا با شمارش دستی کامل حوزه" in station
    assert "۱۷ تیر ۱۴۰۳" in station  # the certification's day, Jalali, in Persian digits
    english = read(tmp_path / "en" / R2 / "units" / f"{S1}.html").text
    assert "The figures reported here are superseded by the full hand count" in english
    province = read(tmp_path / R2 / "index.html").text
    assert "شمارش دستی کامل آن است که" in province
    assert "This total counts constituency" in read(tmp_path / "en" / R2 / "index.html").text
    # a page no hand count concerns says nothing of one
    assert "شمارش دستی" not in read(tmp_path / R2 / "units" / "ST-0808-0001.html").text
