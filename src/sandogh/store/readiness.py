"""The readiness registers in the store: one table per register, one row per key.

A box's update is not stored: it is read as pending and derived from the build the box last attested
(`store.fleet`, `core.fleet.attested`). A register is written by replacing rows: the rows of
`remove` are deleted by key, then the rows of `add` inserted, in the caller's transaction (an import
replaces a unit's rows all at once).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import bindparam, delete, insert, select
from sqlalchemy.engine import Connection

from sandogh.core.readiness import Box, PaperStock, Registers, Staffing, StaffRole, UpdateStatus
from sandogh.store.integrity import translated
from sandogh.store.tables import ReadinessBoxRow, ReadinessPapersRow, ReadinessStaffRow

_BOXES = ReadinessBoxRow.__table__
_PAPERS = ReadinessPapersRow.__table__
_STAFF = ReadinessStaffRow.__table__
_DELETE_BOX = delete(ReadinessBoxRow).where(
    ReadinessBoxRow.election_id == bindparam("e"), ReadinessBoxRow.serial == bindparam("k")
)
_DELETE_PAPERS = delete(ReadinessPapersRow).where(
    ReadinessPapersRow.election_id == bindparam("e"),
    ReadinessPapersRow.station == bindparam("k"),
)
_DELETE_STAFF = delete(ReadinessStaffRow).where(
    ReadinessStaffRow.election_id == bindparam("e"),
    ReadinessStaffRow.station == bindparam("k"),
    ReadinessStaffRow.role == bindparam("r"),
)


# read by every check-in (`services.check_in_bounds.station_day`): built once, not per call
_PAPERS_OF = select(_PAPERS).where(
    _PAPERS.c.election_id == bindparam("election_id"), _PAPERS.c.station == bindparam("station")
)
_PAPERS_OF_STATIONS = select(_PAPERS).where(
    _PAPERS.c.election_id == bindparam("election_id"),
    _PAPERS.c.station.in_(bindparam("stations", expanding=True)),
)


class SqlReadinessRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def registers(self, election_id: str) -> Registers:
        def rows(table: Any, *order: Any) -> Sequence[Any]:
            query = select(table).where(table.c.election_id == election_id).order_by(*order)
            return self._connection.execute(query).all()

        return Registers(
            fleet=tuple(_box(r) for r in rows(_BOXES, _BOXES.c.serial)),
            papers=tuple(
                PaperStock(r.station, r.sent, r.received, r.used)
                for r in rows(_PAPERS, _PAPERS.c.station)
            ),
            staff=tuple(
                Staffing(r.station, StaffRole(r.role), r.assigned, r.trained)
                for r in rows(_STAFF, _STAFF.c.station, _STAFF.c.role)
            ),
        )

    def fleet(self, election_id: str) -> tuple[Box, ...]:
        query = select(_BOXES).where(_BOXES.c.election_id == election_id).order_by(_BOXES.c.serial)
        return tuple(_box(r) for r in self._connection.execute(query))

    def papers(self, election_id: str, station: str) -> PaperStock | None:
        found = self._connection.execute(
            _PAPERS_OF, {"election_id": election_id, "station": station}
        )
        r = found.one_or_none()
        return None if r is None else PaperStock(r.station, r.sent, r.received, r.used)

    def papers_of(self, election_id: str, stations: Collection[str]) -> Mapping[str, PaperStock]:
        found = self._connection.execute(
            _PAPERS_OF_STATIONS, {"election_id": election_id, "stations": list(stations)}
        )
        return {r.station: PaperStock(r.station, r.sent, r.received, r.used) for r in found}

    def write(self, election_id: str, *, remove: Registers, add: Registers) -> None:
        e = election_id
        gone: list[tuple[Any, list[dict[str, Any]]]] = [
            (_DELETE_BOX, [{"e": e, "k": b.serial} for b in remove.fleet]),
            (_DELETE_PAPERS, [{"e": e, "k": p.station} for p in remove.papers]),
            (_DELETE_STAFF, [{"e": e, "k": s.station, "r": s.role.value} for s in remove.staff]),
        ]
        new: list[tuple[Any, list[dict[str, Any]]]] = [
            (_BOXES, [_box_row(e, b) for b in add.fleet]),
            (_PAPERS, [{"election_id": e, **_fields(p)} for p in add.papers]),
            (
                _STAFF,
                [{"election_id": e, **_fields(s), "role": s.role.value} for s in add.staff],
            ),
        ]
        with translated():
            for statement, parameters in gone:
                if parameters:
                    self._connection.execute(statement, parameters)
            for table, rows in new:
                if rows:
                    self._connection.execute(insert(table), rows)


def _fields(row: PaperStock | Staffing) -> dict[str, Any]:
    return dict(vars(row))


def _box_row(election_id: str, box: Box) -> dict[str, Any]:
    return {
        "election_id": election_id,
        "serial": box.serial,
        "model": box.model,
        "software": box.software,
        "place": box.place,
        "public_key": box.public_key,
        "last_seen": box.last_seen,
    }


def _box(row: Any) -> Box:
    return Box(
        row.serial,
        row.model,
        row.software,
        UpdateStatus.PENDING,  # derived from what the box attests (`core.fleet.attested`)
        row.place,
        row.public_key,
        row.last_seen,
    )
