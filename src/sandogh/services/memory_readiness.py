"""The in-memory `ReadinessRepository` of `services.memory`: the fleet, papers and staff
registers (`core.readiness`), rows removed and added within a unit of work."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from sandogh.core.readiness import (
    Box,
    PaperStock,
    Register,
    Registers,
    Row,
    Staffing,
    key_of,
    place_of,
    register_of,
)
from sandogh.services.memory_polling import MemoryElections
from sandogh.services.memory_store import MemoryStore, Table


class MemoryReadiness:
    def __init__(self, store: MemoryStore, elections: MemoryElections) -> None:
        self._elections = elections
        self._store = store
        self.table: Table[tuple[str, ...], Row] = Table(store, store.readiness, "row")
        self.removed: set[tuple[str, ...]] = set()

    @staticmethod
    def _key(election_id: str, row: Row) -> tuple[str, ...]:
        return (election_id, register_of(row).value, *key_of(row))

    def registers(self, election_id: str) -> Registers:
        rows = [r for k, r in self.table.items() if k[0] == election_id and k not in self.removed]
        return Registers(
            fleet=tuple(r for r in rows if isinstance(r, Box)),
            papers=tuple(r for r in rows if isinstance(r, PaperStock)),
            staff=tuple(r for r in rows if isinstance(r, Staffing)),
        )

    def fleet(self, election_id: str) -> tuple[Box, ...]:
        return tuple(sorted(self.registers(election_id).fleet, key=lambda box: box.serial))

    def papers(self, election_id: str, station: str) -> PaperStock | None:
        found = self.registers(election_id).papers
        return next((row for row in found if row.station == station), None)

    def papers_of(self, election_id: str, stations: Collection[str]) -> Mapping[str, PaperStock]:
        asked = set(stations)
        found = self.registers(election_id).papers
        return {row.station: row for row in found if row.station in asked}

    def write(self, election_id: str, *, remove: Registers, add: Registers) -> None:
        for register in Register:
            for row in remove.rows(register):
                key = self._key(election_id, row)
                self.table.pending.pop(key, None)
                self.removed.add(key)
            for row in add.rows(register):
                key = self._key(election_id, row)
                if key in self.removed:
                    self.removed.discard(key)
                    self.table.pending[key] = row
                else:
                    self._elections.check_station(election_id, place_of(row))
                    self.table.insert(key, row)

    def commit(self) -> None:
        for key in self.removed:
            self._store.readiness.pop(key, None)
        self.removed.clear()
        self.table.commit()

    def discard(self) -> None:
        self.removed.clear()
        self.table.discard()
