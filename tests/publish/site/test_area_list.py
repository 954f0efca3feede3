"""A unit's area list: a voided station is listed as voided, without a leader or turnout, and
an area counts its voided boxes among its stations reported, saying how many."""

from __future__ import annotations

from pathlib import Path

from sandogh.publish.site.area_list import area_rows
from sandogh.publish.site.snapshot import SnapshotFiles
from tests.publish.site.build import (
    COMPLETE,
    CONTEST,
    KERMAN,
    PROVINCE,
    R2,
    S3,
    S4,
    void_station,
    write_snapshot,
)


def test_a_voided_station_is_listed_as_voided_and_counted_as_reported(tmp_path: Path) -> None:
    write_snapshot(tmp_path, COMPLETE)
    void_station(tmp_path, R2, S3)
    files = SnapshotFiles(tmp_path)

    def rows(code: str, lang: str) -> dict[str, tuple[object, ...]]:
        result = files.result(R2, CONTEST, code)
        assert result is not None
        listed = area_rows(
            files=files, election=R2, contest=CONTEST, result=result, href=str, lang=lang
        )
        return {r.code: (r.reported, r.voided, r.stations, r.leader, r.turnout) for r in listed}

    county = rows(KERMAN, "fa")
    assert county[S3] == (True, True, "", "—", "—")  # no tick, no 0 % turnout
    assert county[S4] == (True, False, "", "سعید جلیلی (۵۶٫۶٪)", "۵۸٫۹٪")
    # the county reported whole, one of its two boxes voided; its turnout is the other's
    province = rows(PROVINCE, "fa")
    assert province[KERMAN][:3] == (True, False, "۲ از ۲ (۱ باطل‌شده)")
    assert province[KERMAN][4] == "۵۸٫۹٪"
    assert rows(PROVINCE, "en")[KERMAN][2] == "2 of 2 (1 voided)"
