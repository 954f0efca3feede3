"""Figures over the stations that have reported: turnout over their eligible voters, and the
previous round over the same stations, read down only where a unit is partly counted or has a
voided box, whose station is left out."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

from sandogh.publish.documents import unit_result_v2
from sandogh.publish.site.reported import (
    cover,
    earlier_over,
    eligible_counted,
    papers_counted,
    turnout,
)
from sandogh.publish.site.snapshot import SnapshotFiles
from tests.publish.site.build import (
    BAFT,
    COMPLETE,
    CONTEST,
    KERMAN,
    NATION,
    PARTIAL,
    PROVINCE,
    R1,
    R2,
    S1,
    S2,
    S3,
    S4,
    STATION_ELIGIBLE,
    void_station,
    write_snapshot,
)


def test_turnout_and_the_first_round_are_taken_over_the_stations_reported(tmp_path: Path) -> None:
    write_snapshot(tmp_path, PARTIAL)  # S4 of Kerman county has not reported
    files = SnapshotFiles(tmp_path)
    province = files.result(R2, CONTEST, PROVINCE)
    assert province is not None

    # Baft has reported whole, Kerman county only S3: read down there alone
    assert cover(files, R2, CONTEST, province) == [BAFT, S3]
    counted = STATION_ELIGIBLE[S1] + STATION_ELIGIBLE[S2] + STATION_ELIGIBLE[S3]
    assert eligible_counted(files, R2, CONTEST, province) == counted
    assert turnout(files, R2, CONTEST, province) == Fraction(province["counts"]["cast"], counted)
    # the file's own share divides by every station's voters: lower, and not what was counted
    assert Fraction(province["turnout"]["cast"]["share"]) < Fraction(
        province["counts"]["cast"], counted
    )

    before = earlier_over(files, R1, CONTEST, [BAFT, S3])
    assert before is not None
    baft, s3 = files.result(R1, CONTEST, BAFT), files.result(R1, CONTEST, S3)
    assert baft is not None
    assert s3 is not None
    assert before.cast == baft["counts"]["cast"] + s3["counts"]["cast"]
    assert before.turnout == Fraction(before.cast, counted)
    assert [v["votes"] for v in before.votes] == sorted(
        (v["votes"] for v in before.votes), reverse=True
    )


def test_a_unit_counted_whole_is_its_own_cover(tmp_path: Path) -> None:
    write_snapshot(tmp_path, PARTIAL)
    files = SnapshotFiles(tmp_path)
    baft = files.result(R2, CONTEST, BAFT)
    kerman_r1 = files.result(R1, CONTEST, KERMAN)
    assert baft is not None
    assert kerman_r1 is not None
    assert cover(files, R2, CONTEST, baft) == [BAFT]
    assert cover(files, R1, CONTEST, kerman_r1) == [KERMAN]
    nation = files.result(R2, CONTEST, NATION)
    assert nation is not None
    assert turnout(files, R2, CONTEST, nation) == turnout(
        files,
        R2,
        CONTEST,
        files.result(R2, CONTEST, PROVINCE),  # type: ignore[arg-type]
    )


def test_a_voided_box_has_reported_but_is_left_out_of_turnout(tmp_path: Path) -> None:
    """Its station counts among those reported, as the files say; its voters are not in the
    base of turnout, nor its papers, since none of its ballots is cast."""
    write_snapshot(tmp_path, COMPLETE)
    void_station(tmp_path, R2, S3)
    files = SnapshotFiles(tmp_path)
    province, county, s3 = (files.result(R2, CONTEST, code) for code in (PROVINCE, KERMAN, S3))
    assert province is not None
    assert county is not None
    assert s3 is not None
    assert county["stations"] == {"reported": 2, "total": 2, "voided": 1}

    assert cover(files, R2, CONTEST, province) == [BAFT, S4]
    counted = STATION_ELIGIBLE[S1] + STATION_ELIGIBLE[S2] + STATION_ELIGIBLE[S4]
    assert eligible_counted(files, R2, CONTEST, province) == counted
    assert turnout(files, R2, CONTEST, province) == Fraction(province["counts"]["cast"], counted)
    used = province["counts"]["papers"]["used"] - s3["counts"]["papers"]["used"]
    assert papers_counted(files, R2, CONTEST, province) == used
    # the one rule: the province's file says the same turnout, its base and papers
    shown = province["turnout"]
    assert (shown.get("eligible"), shown.get("papers_used")) == (counted, used)
    assert shown["cast"] is not None
    assert Fraction(shown["cast"]["share"]) == turnout(files, R2, CONTEST, province)
    # a file of the format before (its turnout over every voter) is read down as before
    (tmp_path / "data" / R2 / "results" / CONTEST / f"{PROVINCE}.json").write_text(
        json.dumps(unit_result_v2(dict(province)))
    )
    earlier = SnapshotFiles(tmp_path).result(R2, CONTEST, PROVINCE)
    assert earlier is not None
    assert eligible_counted(SnapshotFiles(tmp_path), R2, CONTEST, earlier) == counted
    assert papers_counted(SnapshotFiles(tmp_path), R2, CONTEST, earlier) == used
    # the station itself: reported, nothing counted, no turnout (not 0 %)
    assert (eligible_counted(files, R2, CONTEST, s3), turnout(files, R2, CONTEST, s3)) == (
        None,
        None,
    )
    assert cover(files, R2, CONTEST, county) == [S4]
