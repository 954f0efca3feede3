"""Writing a snapshot's files in several processes: the night's full regeneration.

A national snapshot is ~300,000 files, each a document made from what the publisher holds in
memory (`publish.published`) and written whole (`publish.writer`): work for every core, and
I/O that waits; and its results site, ~145,000 pages each rendered from those files
(`publish.site.render`). The work is CPU-bound Python, so it runs in processes, forked from the
publisher once what they need is read: they inherit it, and nothing is pickled but a part's
number and, back, the paths it wrote. Threads would share one interpreter lock.

The jobs are given in the order the sequential path writes them and cut into parts of about the
same weight; the parts run longest first, and what each wrote is joined back in the jobs'
order. So a `Writer` ends with the same `written` list, and every file with the same bytes,
as if one process had run every job (tests/publish/test_processes.py).

Forking copies what the publisher holds at no cost until a page of it is written to: the
collector is kept off what is there already (`services.collector.frozen`), whose visits would
touch every page.
Workers end with `os._exit` (multiprocessing's way), so nothing inherited — the store's
connections — is closed or flushed by them.
"""

from __future__ import annotations

import multiprocessing
import resource
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from sandogh.publish.writer import Writer
from sandogh.services.collector import frozen

Job = Callable[[Writer], object]
Part = tuple[list[str], int]  # what a part wrote, and how many files it found unchanged
#: how many parts each worker gets at most: enough to even out the parts' real costs
PARTS_PER_WORKER = 8
#: files written by one worker's call when handed their bytes (`write_files`)
BATCH = 2_000

_jobs: list[Job] = []  # the jobs of the pool being forked, read by its workers


def _run(root: Path, mode: int | None, first: int, last: int) -> Part:
    writer = Writer(root, mode=mode)
    for job in _jobs[first:last]:
        job(writer)
    return writer.written, writer.unchanged


def _write(root: Path, files: list[tuple[str, bytes]]) -> Part:
    writer = Writer(root)
    for relative, data in files:
        writer.write(relative, data)
    return writer.written, writer.unchanged


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


def _join(writer: Writer, futures: Iterable[Future[Part]]) -> None:
    for future in futures:
        written, unchanged = future.result()
        writer.written.extend(written)
        writer.unchanged += unchanged


def cpu_seconds() -> float:
    """This process's CPU seconds and those of its children that ended: the workers of the
    pools that were shut down."""
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cut(weights: Sequence[int], parts: int) -> list[tuple[int, int]]:
    """`weights` cut into at most `parts` consecutive runs of about the same total weight, as
    (first, last) bounds; a job heavier than a part's share is a part alone."""
    share = max(1, -(-sum(weights) // max(1, parts)))
    bounds, first, held = [], 0, 0
    for i, weight in enumerate(weights):
        if held and held + weight > share:
            bounds.append((first, i))
            first, held = i, 0
        held += weight
    if first < len(weights):
        bounds.append((first, len(weights)))
    return bounds


def write_jobs(writer: Writer, jobs: Sequence[tuple[Job, int]], workers: int) -> None:
    """Run each job (with its weight, a rough cost) on `writer`'s files: in `workers` forked
    processes when more than one, else here."""
    if workers <= 1 or len(jobs) < 2:
        for job, _ in jobs:
            job(writer)
        return
    bounds = cut([weight for _, weight in jobs], workers * PARTS_PER_WORKER)
    weight = [sum(w for _, w in jobs[first:last]) for first, last in bounds]
    _jobs[:] = [job for job, _ in jobs]
    try:
        with frozen(), _pool(workers) as pool:
            futures: dict[int, Future[Part]] = {}
            for n in sorted(range(len(bounds)), key=weight.__getitem__, reverse=True):
                futures[n] = pool.submit(_run, writer.root, writer.mode, *bounds[n])
            _join(writer, (futures[n] for n in range(len(bounds))))
    finally:
        _jobs.clear()


def write_files(writer: Writer, files: Iterable[tuple[str, bytes]], workers: int) -> None:
    """Write each (relative path, bytes), in batches handed to `workers` processes when more
    than one, else here; `files` is read as they are written, never held whole."""
    if workers <= 1:
        for relative, data in files:
            writer.write(relative, data)
        return
    futures: list[Future[Part]] = []
    batch: list[tuple[str, bytes]] = []
    with _pool(workers) as pool:
        for each in files:
            batch.append(each)
            if len(batch) == BATCH:
                futures.append(pool.submit(_write, writer.root, batch))
                batch = []
                if len(futures) > 2 * workers:  # bounded: the bytes wait in the workers' queue
                    _join(writer, [futures.pop(0)])
        if batch:
            futures.append(pool.submit(_write, writer.root, batch))
        _join(writer, futures)
