"""The two sides of bench/night.py's night: the publisher following the log (a process of
its own) and the boxes sending their reports; and the centre's CPU, read from /proc."""

from __future__ import annotations

import datetime
import functools
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.exc import SQLAlchemyError

from checkin import children
from checkin import cpu_seconds as process_cpu
from sandogh.publish.processes import cpu_seconds
from sandogh.publish.snapshot import Publisher
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from sandogh.wire import api_paths

TIMEOUT_SECONDS = 120.0


def publish(
    url: str,
    root: str,
    election: str,
    interval: float,
    *,
    kept: bool,
    stop: Event,
    out: Any,
    bulk_interval: float = 60.0,
) -> None:
    """Write the snapshot whole (or, when one is `kept` under `root`, catch up with the log
    from it, as `sandogh publish` started again does), then follow the log every `interval`
    seconds until `stop`; after each put (its end, the arrival of each report it wrote, the
    stations the site shows reported, the total, its CPU seconds — the whole-election files'
    process's (`publish.bulk`) in those of the pass that takes its files in — those of them
    rendering the site, its start, the seconds it read the log); the whole-election files at
    most every `bulk_interval` seconds."""
    engine = make_engine(url)
    uow: UnitOfWorkFactory = functools.partial(unit_of_work, engine)
    reads: UnitOfWorkFactory = functools.partial(unit_of_work, engine, reading=True)
    publisher = Publisher(
        uow, Path(root), elections=[election], bulk_interval=bulk_interval, reads=reads, hold=True
    )
    cpu = cpu_seconds()
    publisher.catch_up() if kept else publisher.regenerate()
    total = len(publisher.published(election).index.voting_stations)
    reported = len(publisher.published(election).reported)
    out.put((time.time(), [], reported, total, cpu_seconds() - cpu, 0.0, time.time(), 0.0))
    while not stop.wait(interval):
        cpu, begun = cpu_seconds(), time.time()
        try:
            done = publisher.poll()
        except (SQLAlchemyError, sqlite3.OperationalError):  # the store busy: next time
            continue
        arrived = [a.timestamp() for a in done.arrived]
        reported = len(publisher.published(election).reported)
        used = cpu_seconds() - cpu
        end = time.time()
        out.put((end, arrived, reported, total, used, done.rendering, begun, done.reading_log))
    engine.dispose()


def unit_of_work(engine: Any, *, reading: bool = False) -> SqlUnitOfWork:
    return SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC), reading=reading)


class CentreCpu:
    """The centre's CPU seconds since this was made: its processes' (the supervisor and its
    workers), read from /proc at each `sample`; the last reading of each is kept, as a worker
    that ends takes its figure with it."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._last: dict[int, float] = {}
        self.sample()
        self._start = sum(self._last.values())

    def sample(self) -> None:
        for pid in [self.pid, *children(self.pid)]:
            self._last[pid] = process_cpu(pid) or self._last.get(pid, 0.0)

    @property
    def used(self) -> float:
        return sum(self._last.values()) - self._start


def send_all(
    base: str, reports: list[bytes], times: list[float], senders: int
) -> tuple[list[float], list[float], list[str]]:
    """Send each report at its time from the start; the answer times, how late each was sent
    after its time, and each failure."""
    answers: list[float] = []
    late: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    start = time.monotonic()
    transport = httpx.HTTPTransport(limits=httpx.Limits(max_connections=senders))
    with httpx.Client(base_url=base, timeout=TIMEOUT_SECONDS, transport=transport) as client:

        def send(i: int) -> None:
            wait = start + times[i] - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            sent = time.monotonic()
            try:
                answer = client.post(
                    api_paths.REPORTS,
                    content=reports[i],
                    headers={"Content-Type": "application/json"},
                )
                failed = None if answer.status_code == 201 else f"{answer.status_code}"
            except httpx.HTTPError as error:
                failed = type(error).__name__
            with lock:
                answers.append(time.monotonic() - sent)
                late.append(max(0.0, sent - start - times[i]))
                if failed is not None:
                    failures.append(failed)

        with ThreadPoolExecutor(max_workers=senders) as pool:
            list(pool.map(send, range(len(reports))))
    return answers, late, failures
