"""A snapshot written by several processes is the one written by one, byte for byte."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from sandogh.publish.anchor_check import Anchors
from sandogh.publish.processes import cut, write_jobs
from sandogh.publish.snapshot import Publisher
from sandogh.publish.sources import FolderSource
from sandogh.publish.verify import verify_snapshot
from sandogh.publish.writer import Writer
from tests.services.build import ST_1, ST_3

from .build import LOG_KEY, NewUnitOfWork, at, record_fingerprint, report


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_parallel_snapshot_is_the_sequential_one(uow: NewUnitOfWork, tmp_path: Path) -> None:
    report(uow, ST_1, 1)
    report(uow, ST_3, 2)

    def publisher(root: Path, workers: int) -> Publisher:
        return Publisher(
            uow, root, log_key=LOG_KEY, now=lambda: at(30), workers=workers, parallel_from=0
        )

    one = publisher(tmp_path / "one", 1).regenerate()
    several = publisher(tmp_path / "several", 2).regenerate()

    assert several.written == one.written
    assert (several.unchanged, several.rendered) == (one.unchanged, one.rendered)
    site = tree(tmp_path / "several")
    assert site == tree(tmp_path / "one")
    # the site too, its units' pages rendered by the two processes: every page and asset
    rendered = [name for name in site if name.endswith(".html") or name.startswith("assets/")]
    assert one.rendered == len(rendered)
    assert [name for name in site if name.endswith(f"/units/{ST_1}.html")]
    again = publisher(tmp_path / "several", 2).regenerate()
    assert again.written == []  # each file compared with its bytes, none written again
    with FolderSource(tmp_path / "several") as source:
        verification = verify_snapshot(source, anchors=Anchors((record_fingerprint(),)))
    assert verification.agrees, verification.elections[0].findings


def test_the_jobs_keep_their_order_whatever_the_part_that_wrote_them(tmp_path: Path) -> None:
    def job(n: int) -> tuple[object, int]:
        return (lambda writer: writer.write(f"{n}.txt", b"x" * n)), n

    writer = Writer(tmp_path)
    write_jobs(writer, [job(n) for n in range(1, 30)], workers=2)

    assert writer.written == [f"{n}.txt" for n in range(1, 30)]
    assert (tmp_path / "29.txt").read_bytes() == b"x" * 29


@pytest.mark.parametrize(
    ("weights", "parts", "bounds"),
    [
        ([1, 1, 1, 1], 2, [(0, 2), (2, 4)]),
        ([1, 9, 1, 1], 4, [(0, 1), (1, 2), (2, 4)]),
        ([5], 3, [(0, 1)]),
        ([], 3, []),
    ],
)
def test_jobs_are_cut_into_parts_of_about_one_weight(
    weights: list[int], parts: int, bounds: list[tuple[int, int]]
) -> None:
    assert cut(weights, parts) == bounds


def test_the_workers_leave_a_freeze_held_around_them_held(tmp_path: Path) -> None:
    """A publisher holding its state out of the collector (`services.collector`) keeps it
    frozen through a write in processes: their own freeze ends, not the one around them."""
    gc.freeze()
    try:
        held = gc.get_freeze_count()
        write_jobs(Writer(tmp_path), [(lambda writer: writer.write("a.txt", b"a"), 1)] * 2, 2)
        assert gc.get_freeze_count() >= held
    finally:
        gc.unfreeze()
    write_jobs(Writer(tmp_path), [(lambda writer: writer.write("b.txt", b"b"), 1)] * 2, 2)
    assert gc.get_freeze_count() == 0
