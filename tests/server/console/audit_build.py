"""A small election for the audit pages: the runoff of `tests.core.definition.kerman` with a
station of a second province (Yazd), every box reporting 290 to 10 of 300, so that a 10% risk
limit is met by a handful of papers; and the accounts that run the audit and read the papers."""

from __future__ import annotations

import datetime
from dataclasses import replace
from pathlib import Path

from sandogh.core.access import Role
from sandogh.core.audit.audit_record import records_json
from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.model import UnitKind, VotingMode
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.core.audit.audits import Records
from tests.core.definition.kerman import KERMAN, PRESIDENT, UNITS, unit
from tests.server.operators_live import AccountChange, add_account
from tests.services.audit_build import load, sheets_of

KERMAN_PROVINCE, YAZD = "IR-08", "IR-21"
STATIONS = ("ST-0801-0001", "ST-0801-0002", "ST-0802-0001", "ST-2101-0001")
ELECTION = replace(
    KERMAN,
    units=(
        *UNITS,
        unit(YAZD, UnitKind.PROVINCE, "IR", 800_000),
        unit("IR-21-2101", UnitKind.COUNTY, YAZD),
        unit("ST-2101-0001", UnitKind.STATION, "IR-21-2101", 800),
    ),
    contests=(PRESIDENT,),
)
SHEETS = sheets_of(dict.fromkeys(STATIONS, (290, 10)))
RECORDS = Records({"president": {s.station: s.counts for s in SHEETS}})
AT = datetime.datetime(2024, 7, 6, 8, 0, tzinfo=datetime.UTC)


#: Paper stations (their papers are counted by hand: batch comparison), twenty more in Yazd
#: since a batch sample draws stations, not papers.
MORE = tuple(f"ST-2101-{k:04}" for k in range(2, 22))
ON_PAPER = replace(
    ELECTION,
    units=tuple(
        replace(u, station=replace(u.station, mode=VotingMode.PAPER)) if u.station else u
        for u in (*ELECTION.units, *(unit(c, UnitKind.STATION, "IR-21-2101", 800) for c in MORE))
    ),
)
PAPER_SHEETS = sheets_of(dict.fromkeys(STATIONS + MORE, (290, 10)))


def build_audited(url: str, *, on_paper: bool = False) -> None:
    init_database(url)
    engine = make_engine(url)
    try:
        election, sheets = (ON_PAPER, PAPER_SHEETS) if on_paper else (ELECTION, SHEETS)
        load(lambda: SqlUnitOfWork(engine, now=AT), election, sheets)
    finally:
        engine.dispose()


def code_of(paper: str) -> str:
    """The code printed on a paper (one container a station: its records in `Records` order)."""
    station, _, position = paper.rsplit("/", 2)
    return f"{station}#{position}"


def records_file() -> str:
    """The boxes' records, as the file the audit starts and each round closes with."""
    return canonical_json(records_json(RECORDS.cast())).decode()


def accounts(store: str) -> dict[str, AccountChange]:
    """A national supervisor (TOTP), a board in Kerman, one in Yazd, and a national auditor."""
    return {
        "nazer": add_account(store, "nazer", Role.SUPERVISOR, "IR", totp=True),
        "board": add_account(store, "board", Role.AUDIT_BOARD, KERMAN_PROVINCE),
        "yazd": add_account(store, "yazd", Role.AUDIT_BOARD, YAZD),
        "hesabras": add_account(store, "hesabras", Role.AUDITOR, "IR"),
    }


def template(folder: Path) -> Path:
    build_audited(f"sqlite:///{folder / 'audit.sqlite'}")
    return folder / "audit.sqlite"
