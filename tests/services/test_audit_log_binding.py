"""The audit's rows are held to the hash-chained event log (F6 of the S18 review): the rounds and
readings of a twin database, swapped in whole, replay to their own hashes, and only the hashes
`audit-round-closed` logged tell them apart."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sandogh.core.audit.reading import Reading
from sandogh.services.audit_errors import RecordsDifferFromLogError
from sandogh.services.audit_rounds import close_round, draw_round, record_readings
from sandogh.services.audit_status import audit_publication, audit_status
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.conftest import TEST_NOW

from .audit_build import showing
from .test_audits import CAST, _started, read

NOW = {"now": TEST_NOW}


def _uow(path: Path):  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{path}")
    return lambda: SqlUnitOfWork(engine, now=TEST_NOW)


def test_rounds_swapped_in_from_a_twin_database_are_refused_naming_the_round(
    sqlite_store_url: str, tmp_path: Path
) -> None:
    main = Path(sqlite_store_url.removeprefix("sqlite:///"))
    uow = _uow(main)
    election = _started(uow)
    drawn = [p.paper for p in draw_round(uow, election, **NOW).papers]
    twin = tmp_path / "twin.sqlite"
    with sqlite3.connect(main) as source, sqlite3.connect(twin) as copy:
        source.backup(copy)  # through the WAL, where the last commits still are
    record_readings(uow, election, [read(p) for p in drawn], **NOW)
    close_round(uow, election, CAST, **NOW)
    logged = audit_status(uow, election).results[0].hash
    # the twin: same manifest, plan, seed, records and sample; every paper read for 25
    other = _uow(twin)
    record_readings(other, election, [showing(p, Reading.vote("25")) for p in drawn], **NOW)
    swapped = close_round(other, election, CAST, **NOW).hash
    assert swapped != logged
    with sqlite3.connect(main) as db:
        db.execute("attach ? as tw", (str(twin),))
        for table in ("audit_readings", "audit_rounds"):
            db.execute(f"delete from {table}")
            db.execute(f"insert into {table} select * from tw.{table}")
    for use in (audit_status, audit_publication):
        with pytest.raises(RecordsDifferFromLogError, match="round 1's hash is not the one logged"):
            use(uow, election)
    with pytest.raises(RecordsDifferFromLogError) as raised:
        draw_round(uow, election, **NOW)
    assert raised.value.subject == "round 1"
