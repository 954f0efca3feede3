"""A contest's ballots on a unit's page: the ballots a board voided stand apart from the void
papers the stations counted, outside the ballots cast, and turnout says what it leaves out."""

from __future__ import annotations

from pathlib import Path

from sandogh.publish.site.ballots import cast_figures, paper_figures, turnout_note
from sandogh.publish.site.labels import label
from sandogh.publish.site.snapshot import SnapshotFiles
from tests.publish.site.build import (
    BAFT,
    COMPLETE,
    CONTEST,
    KERMAN,
    PARTIAL,
    PROVINCE,
    R2,
    S3,
    void_station,
    write_snapshot,
)


def test_voided_ballots_are_shown_apart_from_the_void_papers(tmp_path: Path) -> None:
    write_snapshot(tmp_path, COMPLETE)
    void_station(tmp_path, R2, S3)
    files = SnapshotFiles(tmp_path)
    province, baft, s3 = (files.result(R2, CONTEST, code) for code in (PROVINCE, BAFT, S3))
    assert province is not None
    assert baft is not None
    assert s3 is not None

    papers = {f.name: f.value for f in paper_figures(province, "en")}
    void, voided = province["counts"]["void"], province["counts"]["voided"]
    assert papers[label("void_set_aside", "en")] == "12"  # Baft station 1's own void papers
    assert papers[label("voided_set_aside", "en")] == f"{voided:,}" == f"{void - 12:,}"
    # not a kind of vote beside valid and invalid
    cast = [f.name for f in cast_figures(province, None, "en")]
    assert label("voided_set_aside", "en") not in cast
    # where no box was voided there is no such line
    assert label("voided_set_aside", "en") not in {f.name for f in paper_figures(baft, "en")}

    assert turnout_note(s3, None, "fa") == label("turnout_station_voided", "fa")
    said = turnout_note(province, 1_124_254, "en")
    assert said.startswith("Turnout in the 3 of 4 stations whose ballots count (1 voided")


def test_an_area_whose_every_box_reported_was_voided_has_no_turnout(tmp_path: Path) -> None:
    write_snapshot(tmp_path, PARTIAL)  # Kerman county: S3 reported, S4 not yet
    void_station(tmp_path, R2, S3, PARTIAL)
    county = SnapshotFiles(tmp_path).result(R2, CONTEST, KERMAN)
    assert county is not None
    assert turnout_note(county, None, "en") == label("turnout_all_voided", "en")
