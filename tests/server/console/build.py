"""Stores for the console's tests: the Kerman runoff loaded with its results, built once per
session and copied for each test (a copy of a SQLite file is far quicker than a load).

`partial`: every station's sheets but those of the last `WAITING` stations of Baft, five of which
have sent their zero report, three with voters checked in; an incident at a Baft station and
one at a Bam station; a vote-buying case filed at Baft. `complete`: the same with every sheet.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from sandogh.core.access import Grant, Role
from sandogh.core.supervision import CaseKind
from sandogh.formats.tally_csv import load_tally_csv
from sandogh.services.acting import Actor
from sandogh.services.cases import open_case
from sandogh.services.incidents import open_incident
from sandogh.services.ports import Device, IncidentKind, LedgerEntry, StoredReport
from sandogh.services.results import import_results
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.server.live import ELECTION, KERMAN_ROUND_2, load_kerman, stations

BAFT, BAM, KERMAN, IRAN = "IR-08-0801", "IR-08-0802", "IR-08", "IR"
WAITING = 20
AT = datetime.datetime(2024, 7, 5, 8, 30, tzinfo=datetime.UTC)
ADMIN = Actor("tests", Grant(Role.ADMIN, IRAN))
RESULTS = KERMAN_ROUND_2.parent / "round2-results.csv"


def baft_stations() -> tuple[str, ...]:
    return tuple(code for code in stations() if code.startswith("ST-0801-"))


def waiting() -> tuple[str, ...]:
    """The Baft stations without sheets in the partial store."""
    return baft_stations()[-WAITING:]


def build_partial(url: str) -> None:
    init_database(url)
    load_kerman(url)
    left = set(waiting())
    sheets = load_tally_csv(RESULTS)
    engine = make_engine(url)
    try:

        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(engine, now=AT)

        import_results(uow, ELECTION, [s for s in sheets if s.station not in left], now=AT)
        with uow() as work:
            for n, station in enumerate(sorted(left)[:5]):
                key = f"{n:064x}"
                work.devices.add(Device(ELECTION, station, key, AT))
                work.reports.add(StoredReport(ELECTION, station, "zero", key, "00" * 32, b"{}", AT))
            for n, station in enumerate(sorted(left)[:3]):
                for voter in range(n + 2):
                    work.ledger.add(
                        LedgerEntry(
                            ELECTION, f"{station}-{voter}", station, AT, {"president": "IR"}
                        )
                    )
            work.commit()
        open_incident(
            uow, ADMIN, ELECTION, kind=IncidentKind.OFFLINE, stations=[waiting()[0]], now=AT
        )
        open_incident(
            uow, ADMIN, ELECTION, kind=IncidentKind.DEVICE_FAULT, stations=["ST-0802-0001"], now=AT
        )
        open_case(
            uow,
            ADMIN,
            ELECTION,
            kind=CaseKind.VOTE_BUYING,
            summary="خرید رأی در بافت",
            place=BAFT,
            stations=[baft_stations()[0]],
            now=AT,
        )
    finally:
        engine.dispose()


def complete(url: str) -> None:
    """Import the sheets the partial store lacks."""
    left = set(waiting())
    engine = make_engine(url)
    try:
        import_results(
            lambda: SqlUnitOfWork(engine, now=AT),
            ELECTION,
            [s for s in load_tally_csv(RESULTS) if s.station in left],
            now=AT,
        )
    finally:
        engine.dispose()


def copy_store(template: Path, into: Path) -> str:
    target = into / "store.sqlite"
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"
