"""Signed station reports in the store, exactly as received, once per station and kind."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterator, Mapping
from typing import Any

from sqlalchemy import bindparam, insert, select
from sqlalchemy.engine import Connection

from sandogh.services.ports import StoredReport
from sandogh.store.integrity import translated
from sandogh.store.tables import StationReportRow

BATCH = 1_000


def _report(row: Any) -> StoredReport:
    return StoredReport(
        row.election_id,
        row.station,
        row.kind,
        row.device,
        row.report_hash,
        row.signed,
        row.received_at,
    )


# read by every check-in (`services.check_in_bounds.station_day`): built once, not per call
_GET = select(StationReportRow).where(
    StationReportRow.election_id == bindparam("election_id"),
    StationReportRow.station == bindparam("station"),
    StationReportRow.kind == bindparam("kind"),
)
# a group of check-ins asks whether its stations' final reports are in (not their bytes)
_RECEIVED_AT = select(StationReportRow.station, StationReportRow.received_at).where(
    StationReportRow.election_id == bindparam("election_id"),
    StationReportRow.station.in_(bindparam("stations", expanding=True)),
    StationReportRow.kind == bindparam("kind"),
)


class SqlReportRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def get(self, election_id: str, station: str, kind: str) -> StoredReport | None:
        found = self._connection.execute(
            _GET, {"election_id": election_id, "station": station, "kind": kind}
        )
        row = found.one_or_none()
        return None if row is None else _report(row)

    def received_at(
        self, election_id: str, stations: Collection[str], kind: str
    ) -> Mapping[str, datetime.datetime]:
        found = self._connection.execute(
            _RECEIVED_AT, {"election_id": election_id, "stations": list(stations), "kind": kind}
        )
        return dict(found.all())

    def add(self, report: StoredReport) -> None:
        row = {
            "election_id": report.election,
            "station": report.station,
            "kind": report.kind,
            "device": report.device,
            "report_hash": report.report_hash,
            "signed": report.signed,
            "received_at": report.received_at,
        }
        with translated():
            self._connection.execute(insert(StationReportRow), row)

    def all(self, election_id: str) -> Iterator[StoredReport]:
        """Every report of the election, by station then kind, read in batches.

        The iterator reads through the unit of work's connection: use it up inside the `with`.
        """
        query = (
            select(StationReportRow)
            .where(StationReportRow.election_id == election_id)
            .order_by(StationReportRow.station, StationReportRow.kind)
            .execution_options(yield_per=BATCH)  # on the statement: the connection still writes
        )
        for row in self._connection.execute(query):
            yield _report(row)

    def first(self, election_id: str, stations: Collection[str]) -> StoredReport | None:
        # the election's reports, oldest first, until one of `stations`: its rows by the primary
        # key's prefix (two per station at most), not the event log's entries of every election.
        # The stations are matched here: a nation's would pass a database's limit of bound
        # parameters. Nearly always the first row read is one.
        row = StationReportRow
        query = (
            select(row.station, row.kind)
            .where(row.election_id == election_id)
            .order_by(row.received_at, row.station, row.kind)
            .execution_options(yield_per=BATCH)
        )
        result = self._connection.execute(query)
        try:
            found = next(((s, k) for s, k in result if s in stations), None)
        finally:
            result.close()
        return None if found is None else self.get(election_id, *found)
