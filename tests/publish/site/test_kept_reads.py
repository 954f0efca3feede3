"""What the site's renderings keep of a snapshot's files from one rendering to the next."""

from __future__ import annotations

import json
from pathlib import Path

from sandogh.publish.site import KeptReads, render_site
from sandogh.publish.site.kept_reads import Stamps
from sandogh.publish.site.snapshot import SnapshotFiles
from sandogh.publish.writer import file_stamp
from tests.publish.site.build import COMPLETE, PARTIAL, R2, S4, write_election, write_snapshot

CONTEST = "president"
RESULT = f"data/{R2}/results/{CONTEST}/{S4}.json"
OUTCOME = f"data/{R2}/outcomes/{CONTEST}/IR-08.json"


def test_what_is_kept_is_read_again_once_its_file_is_written(tmp_path: Path) -> None:
    write_snapshot(tmp_path, PARTIAL)
    kept = KeptReads()
    before = SnapshotFiles(tmp_path, kept).result(R2, CONTEST, S4)
    assert before is not None
    assert before["stations"]["reported"] == 0

    # a later rendering reads through what was kept while the file is unchanged
    assert SnapshotFiles(tmp_path, kept).result(R2, CONTEST, S4) is before
    kept.forget([OUTCOME])
    assert SnapshotFiles(tmp_path, kept).result(R2, CONTEST, S4) is before
    kept.forget([RESULT])  # the publisher's writer says it wrote the file
    again = SnapshotFiles(tmp_path, kept).result(R2, CONTEST, S4)
    assert again == before
    assert again is not before

    # another writer (a whole publish run into the folder): held to the file itself
    write_election(tmp_path, R2, COMPLETE)  # S4's report comes: its file rewritten
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


def test_what_is_made_of_files_is_made_again_once_one_is_written(tmp_path: Path) -> None:
    write_snapshot(tmp_path, PARTIAL)
    kept = KeptReads()
    made: list[int] = []

    def make() -> int:
        made.append(len(made))
        return made[-1]

    def made_of() -> int:  # a rendering of its own: its files stat'ed afresh
        return kept.made_of(Stamps(tmp_path), "line", sources, make)

    outcome = next((tmp_path / "data" / R2 / "outcomes").rglob("*.json"))
    sources = (RESULT, outcome.relative_to(tmp_path).as_posix())
    assert made_of() == 0
    assert made_of() == 0  # kept
    other = tmp_path / f"data/{R2}/results/{CONTEST}/IR-08.json"
    other.write_bytes(other.read_bytes() + b" ")
    assert made_of() == 0  # another file written
    outcome.write_bytes(outcome.read_bytes() + b" ")
    assert made_of() == 1
    assert made_of() == 1
    assert made == [0, 1]


def test_what_is_made_is_made_again_once_it_says_it_no_longer_holds(tmp_path: Path) -> None:
    write_snapshot(tmp_path, PARTIAL)
    kept = KeptReads()
    holding = [True]

    def made_of(value: int) -> int:
        return kept.made_of(
            Stamps(tmp_path), "where", (RESULT,), lambda: value, lambda _: holding[0]
        )

    assert made_of(0) == 0
    assert made_of(1) == 0
    holding[0] = False
    assert made_of(2) == 2


def test_a_document_given_is_kept_while_its_file_holds_it(tmp_path: Path) -> None:
    """A pass gives the results it wrote as it made them (`publish.writer.Writer.documents`),
    each with its file's stamp: kept as if read, and read again once another writer puts
    another file in its place."""
    write_snapshot(tmp_path, PARTIAL)
    kept = KeptReads()
    made = json.loads((tmp_path / RESULT).read_bytes())
    kept.keep({RESULT: (file_stamp((tmp_path / RESULT).stat()), made)})
    assert SnapshotFiles(tmp_path, kept).result(R2, CONTEST, S4) is made
    write_election(tmp_path, R2, COMPLETE)  # another writer
    after = SnapshotFiles(tmp_path, kept).result(R2, CONTEST, S4)
    assert after == json.loads((tmp_path / RESULT).read_bytes())
    assert after is not made


def test_one_rendering_stats_each_file_once(tmp_path: Path) -> None:
    """The files do not change while one rendering runs: a stamp found is held for the rest
    of it, and the next rendering finds the file's own."""
    write_snapshot(tmp_path, PARTIAL)
    kept = KeptReads()
    stamps = Stamps(tmp_path)
    first = kept.made_of(stamps, "size", (RESULT,), lambda: (tmp_path / RESULT).stat().st_size)
    (tmp_path / RESULT).write_bytes((tmp_path / RESULT).read_bytes() + b" ")
    assert stamps(RESULT) == stamps(RESULT)
    assert kept.made_of(stamps, "size", (RESULT,), lambda: -1) == first
    assert kept.made_of(Stamps(tmp_path), "size", (RESULT,), lambda: -1) == -1
    assert Stamps(tmp_path)("data/none.json") is None
