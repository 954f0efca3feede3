"""The whole-election files written apart from the passes: reports are published meanwhile,
`as_of` says what the files in place hold, and the end equals a whole regeneration."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sandogh.publish.bulk import staged
from sandogh.publish.snapshot import Publisher
from sandogh.publish.sources import FolderSource
from sandogh.publish.verify import verify_snapshot
from tests.services.build import ROUND_2, ST_1, ST_3

from .build import NewUnitOfWork, report
from .test_snapshot import tree

DATA = f"data/{ROUND_2}"
FILES = ("csv/totals.csv", "nist/election-report.json")
TOTALS, NIST = (f"{DATA}/{name}" for name in FILES)


def snapshot(root: Path) -> Any:
    return json.loads((root / DATA / "snapshot.json").read_bytes())


def bulk(root: Path) -> tuple[bytes, bytes]:
    return (root / TOTALS).read_bytes(), (root / NIST).read_bytes()


#: holds the lock of the bulk files' writer on a folder until told on its input (`publish.bulk`)
HOLD = (
    "import fcntl, os, sys; folder = os.open(sys.argv[1], os.O_RDONLY); "
    "fcntl.flock(folder, fcntl.LOCK_EX); print('held', flush=True); sys.stdin.readline()"
)


@contextmanager
def slow_bulk_writes(root: Path) -> Iterator[None]:
    """The bulk files' process kept waiting, as by a slow write, until the block ends: the lock
    held by another process (its holder's children would share it: a lock of this process
    would be the publisher's too; told by a line, not the end of its input, which the
    publisher's children hold open)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(root)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert holder.stdout is not None
    assert holder.stdin is not None
    try:
        assert holder.stdout.readline() == b"held\n"
        yield
    finally:
        holder.stdin.write(b"done\n")
        holder.stdin.flush()
        holder.wait(timeout=30)


def caught_up(publisher: Publisher) -> None:
    """Poll until the process writing the whole-election files has ended and been taken in
    (bounded: a few milliseconds' work here)."""
    deadline = time.monotonic() + 30
    while publisher.bulk_writing is not None:
        assert time.monotonic() < deadline, "the bulk files were never written"
        time.sleep(0.01)
        publisher.poll()


def test_reports_are_published_while_the_bulk_files_are_written_and_as_of_says_which(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    root = tmp_path / "followed"
    now = [0.0]
    publisher = Publisher(uow, root, bulk_interval=25.0, render=False, clock=lambda: now[0])
    publisher.regenerate()
    before = bulk(root)
    with slow_bulk_writes(root):
        report(uow, ST_1, 1)
        now[0] = 30.0
        first = publisher.poll()
        at_first = snapshot(root)["sequence"]
        Publisher(uow, tmp_path / "then", render=False).regenerate()  # the store as it read
        report(uow, ST_3, 2)
        now[0] = 31.0
        second = publisher.poll()

        assert publisher.bulk_writing is not None  # the process started by the first pass
        assert f"{DATA}/results/president/{ST_1}.json" in first.written
        assert f"{DATA}/results/president/{ST_3}.json" in second.written
        assert TOTALS not in first.written + second.written
        current = snapshot(root)
        assert current["stations"]["reported"] == 2
        assert current["as_of"] == dict.fromkeys(FILES, at_first - 1)
        assert bulk(root) == before  # the old files, whole
        with FolderSource(root) as source:  # `verify-results` of a site whose files lag
            verification = verify_snapshot(source)
        assert verification.agrees
        assert verification.elections[0].not_checked == (TOTALS,)

    caught_up(publisher)  # the first pass's files, put in place by a later pass

    assert snapshot(root)["as_of"] == dict.fromkeys(FILES, at_first)
    assert bulk(root) == bulk(tmp_path / "then")
    assert not list(root.rglob("*.tmp"))
    publisher.flush()
    Publisher(uow, tmp_path / "whole", render=False).regenerate()
    assert snapshot(root)["as_of"] == dict.fromkeys(FILES, snapshot(root)["sequence"])
    assert tree(root) == tree(tmp_path / "whole")
    with FolderSource(root) as source:
        verification = verify_snapshot(source)
    assert verification.agrees
    assert verification.elections[0].not_checked == ()


def test_a_bulk_process_that_dies_leaves_the_old_files_and_their_as_of(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    publisher = Publisher(uow, tmp_path, render=False)
    publisher.regenerate()
    before, as_of = bulk(tmp_path), snapshot(tmp_path)["as_of"]
    half = staged(tmp_path / TOTALS)
    with slow_bulk_writes(tmp_path):
        report(uow, ST_1, 1)
        publisher.poll()
        writing = publisher.bulk_writing
        assert writing is not None
        half.write_bytes(before[0][:20])  # as the process would have left it half written
        os.kill(writing, signal.SIGKILL)
        while publisher.bulk_writing == writing:
            publisher.poll()  # takes in that it ended without its files, and starts another

        assert bulk(tmp_path) == before
        assert snapshot(tmp_path)["as_of"] == as_of
        assert not half.exists()
    publisher.flush()
    Publisher(uow, tmp_path / "whole", render=False).regenerate()
    assert bulk(tmp_path) == bulk(tmp_path / "whole")


def test_a_regeneration_drops_the_bulk_files_being_written(
    uow: NewUnitOfWork, tmp_path: Path
) -> None:
    """Written from what the publisher read before, they would be older than those the
    regeneration writes: the process is stopped, its files are never put in place."""
    publisher = Publisher(uow, tmp_path, render=False)
    publisher.regenerate()
    with slow_bulk_writes(tmp_path):
        report(uow, ST_1, 1)
        publisher.poll()
        assert publisher.bulk_writing is not None
        report(uow, ST_3, 2)
        publisher.regenerate()
        assert publisher.bulk_writing is None

    Publisher(uow, tmp_path / "whole", render=False).regenerate()
    assert tree(tmp_path) == tree(tmp_path / "whole")
    assert not list(tmp_path.rglob("*.tmp"))
