"""The whole-election files written apart from the passes that publish reports.

`csv/totals.csv` and the NIST report cover the whole election: nationally they take ~40 s to
write, and a pass that wrote them held up every report it took for as long (bench/night.py).
While the publisher follows the log they are written by a process of their own, forked from
it after a pass: it inherits the election as that pass left it (`Published`, a consistent read
of the store as of the pass's `sequence`), so nothing is read again or pickled, and later
passes change the publisher's copy, not its own. It writes each file whole beside the one in
place, under a name of its own (`staged`), and ends; a pass that finds it ended renames the
files it wrote over the old ones and then writes `snapshot.json` with their `as_of` — in that
order, so that no `snapshot.json` ever says a file holds reports it does not. A pass never
waits for it. A crash of either leaves the old complete file in place, a staged file at most.

The files of one snapshot are written by one process at a time (a lock on the snapshot's
folder): the staged names are fixed, and a publisher started again on the snapshot must not
write them while a process of the one before it still does.
"""

from __future__ import annotations

import contextlib
import fcntl
import filecmp
import os
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sandogh.core.definition.model import UnitKind
from sandogh.publish.published import Published
from sandogh.publish.writer import Writer
from sandogh.services.collector import frozen

#: how far the process gives way to the others: on a machine whose cores are busy, the passes
#: that publish reports (and the centre taking them) come first
NICENESS = 10


def staged(path: Path) -> Path:
    """Where a whole-election file is written before it replaces `path`."""
    return path.with_name(f".{path.name}.bulk.tmp")


@contextlib.contextmanager
def one_writer(root: Path) -> Iterator[None]:
    """Hold the lock that lets one process at a time write the bulk files under `root`."""
    folder = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)  # releases the lock


@dataclass
class _Started:
    pid: int
    #: by election, the state the process writes from and the `sequence` it reflects
    elections: dict[str, tuple[Published, int]]
    at: float  # on the publisher's clock


def _write_staged(root: Path, states: list[Published], nist_down_to: UnitKind) -> None:
    """In the forked process: write each election's files to their staged names, and leave
    none where the file in place holds the same bytes."""
    with one_writer(root):
        for state in states:
            for relative, chunks in state.bulk_files(nist_down_to):
                path = root / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                temporary = staged(path)
                with temporary.open("wb") as stream:
                    for chunk in chunks:
                        stream.write(chunk)
                if path.exists() and filecmp.cmp(temporary, path, shallow=False):
                    temporary.unlink()


class BulkWriter:
    """Writes the whole-election files of the snapshot under `root` in a process apart: one at
    a time, started by `start` and taken in by `collect`."""

    def __init__(self, root: Path, nist_down_to: UnitKind) -> None:
        self._root = root
        self._nist_down_to = nist_down_to
        self._running: _Started | None = None
        self.failed = 0  # processes that ended without writing their files

    @property
    def running(self) -> int | None:
        """The process writing now, if any."""
        return None if self._running is None else self._running.pid

    def start(self, states: list[Published], now: float) -> bool:
        """Write `states`' files in a process forked now, unless one is still writing; whether
        one was started."""
        if self._running is not None or not states:
            return False
        with frozen():  # the collector's visits would copy every inherited page (`processes`)
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child, measured by the tests' outcome
                code = 0
                try:
                    os.nice(NICENESS)
                    _write_staged(self._root, states, self._nist_down_to)
                except BaseException:
                    traceback.print_exc(file=sys.stderr)
                    code = 1
                finally:
                    os._exit(code)  # closes or flushes nothing inherited: the store's connections
        elections = {s.index.election_id: (s, s.timeline.sequence) for s in states}
        self._running = _Started(pid, elections, now)
        return True

    def collect(
        self, writer: Writer, published: dict[str, Published], *, wait: bool = False
    ) -> list[Published]:
        """Take in what the process wrote, once it has ended (`wait`: wait for it): its files
        renamed into place, their `as_of` moved on; the elections whose `snapshot.json` must be
        written again for it. An election read again whole since the process started (a new
        `Published`) has newer files already: the process's are dropped."""
        started = self._running
        if started is None:
            return []
        pid, status = os.waitpid(started.pid, 0 if wait else os.WNOHANG)
        if pid == 0:
            return []
        self._running = None
        moved: list[Published] = []
        wrote = os.waitstatus_to_exitcode(status) == 0
        if not wrote:
            self.failed += 1
        for election, (state, sequence) in started.elections.items():
            current = published.get(election) is state and wrote
            if published.get(election) is state and not wrote:
                state.bulk_written_at = started.at  # tried again a `bulk_interval` later
            for relative in state.bulk_relatives():
                path = self._root / relative
                temporary = staged(path)
                if not current:
                    temporary.unlink(missing_ok=True)
                elif temporary.exists():
                    os.replace(temporary, path)
                    writer.written.append(relative)
                else:
                    writer.unchanged += 1
            if current:
                state.bulk_done(sequence, started.at)
                moved.append(state)
        return moved

    def abandon(self) -> None:
        """Stop the process writing, if any, and drop what it wrote: the publisher starts over."""
        started = self._running
        if started is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(started.pid, 9)
        os.waitpid(started.pid, 0)
        self._running = None
        for state, _ in started.elections.values():
            for relative in state.bulk_relatives():
                staged(self._root / relative).unlink(missing_ok=True)
