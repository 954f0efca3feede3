"""What the site's renderings keep of a snapshot's files from one rendering to the next."""

from __future__ import annotations

import json
from pathlib import Path

from sandogh.publish.site import KeptReads, render_site
from sandogh.publish.site.snapshot import SnapshotFiles
from tests.publish.site.build import COMPLETE, PARTIAL, R2, S4, write_election, write_snapshot

CONTEST = "president"
RESULT = f"data/{R2}/results/{CONTEST}/{S4}.json"
OUTCOME = f"data/{R2}/outcomes/{CONTEST}/IR-08.json"


def test_what_is_kept_is_read_again_only_once_its_file_is_written(tmp_path: Path) -> None:
    write_snapshot(tmp_path, PARTIAL)
    kept = KeptReads()
    before = SnapshotFiles(tmp_path, kept).result(R2, CONTEST, S4)
    assert before is not None
    assert before["stations"]["reported"] == 0
    write_election(tmp_path, R2, COMPLETE)  # S4's report comes: its file rewritten

    # a later rendering reads through what was kept, until the writer says the file changed
    assert SnapshotFiles(tmp_path, kept).result(R2, CONTEST, S4) is before
    kept.forget([OUTCOME])
    assert SnapshotFiles(tmp_path, kept).result(R2, CONTEST, S4) is before
    kept.forget([RESULT])
    after = SnapshotFiles(tmp_path, kept).result(R2, CONTEST, S4)
    assert after == json.loads((tmp_path / RESULT).read_bytes())
    assert after is not None
    assert after["stations"]["reported"] == 1
    # a rendering without what was kept reads every file afresh
    assert SnapshotFiles(tmp_path).result(R2, CONTEST, S4) == after


def test_a_rendering_through_kept_reads_told_what_changed_equals_a_fresh_one(
    tmp_path: Path,
) -> None:
    kept = KeptReads()
    write_snapshot(tmp_path / "kept", PARTIAL)
    render_site(tmp_path / "kept", R2, kept=kept)
    write_snapshot(tmp_path / "kept", COMPLETE)
    kept.forget(
        path.relative_to(tmp_path / "kept").as_posix()
        for path in (tmp_path / "kept" / "data").rglob("*.json")
    )
    render_site(tmp_path / "kept", R2, kept=kept)
    write_snapshot(tmp_path / "fresh", COMPLETE)
    render_site(tmp_path / "fresh", R2)

    def pages(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.html")}

    assert pages(tmp_path / "kept") == pages(tmp_path / "fresh")


def test_only_the_last_results_asked_are_kept(tmp_path: Path) -> None:
    write_snapshot(tmp_path, PARTIAL)
    kept = KeptReads(most=1)
    files = SnapshotFiles(tmp_path, kept)
    first = files.result(R2, CONTEST, S4)
    assert files.result(R2, CONTEST, S4) is first
    files.result(R2, CONTEST, "IR-08")  # the one kept now

    assert files.result(R2, CONTEST, S4) is not first
    assert files.result(R2, CONTEST, S4) == first


def test_what_is_made_of_files_is_made_again_once_one_is_written() -> None:
    kept = KeptReads()
    made: list[int] = []

    def make() -> int:
        made.append(len(made))
        return made[-1]

    sources = (RESULT, OUTCOME)
    assert kept.made_of("line", sources, make) == 0
    assert kept.made_of("line", sources, make) == 0  # kept
    kept.forget([f"data/{R2}/results/{CONTEST}/IR-08.json"])
    assert kept.made_of("line", sources, make) == 0  # another file written
    kept.forget([OUTCOME])
    assert kept.made_of("line", sources, make) == 1
    assert kept.made_of("line", sources, make) == 1
    assert made == [0, 1]
