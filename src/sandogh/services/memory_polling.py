"""The in-memory repositories of `services.memory` for an election day: the elections, their
tally sheets, the ledger of voters checked in, the enrolled devices and staff, and the stations'
signed reports."""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import fields

from sandogh.core.counting.tally import SheetRow, TallySheet, row_of
from sandogh.core.definition.model import Election
from sandogh.core.report import PublicKey
from sandogh.core.report.staff import RegisteredStaff
from sandogh.core.voters.ledger_time import check_in_hour
from sandogh.services.memory_store import ConstraintError, DuplicateError, MemoryStore, Table
from sandogh.services.ports import Device, LedgerEntry, StoredElection, StoredReport


def _check(sheet: TallySheet, stations: frozenset[str]) -> None:
    if sheet.station not in stations:
        raise ConstraintError(f"station {sheet.station!r} is not a unit of the election")
    counts = sheet.counts
    figures = [(field.name, getattr(counts, field.name)) for field in fields(counts)]
    figures += [(f"invalid {kind}", value) for kind, value in counts.invalid.items()]
    for name, value in figures:
        if isinstance(value, int) and value < 0:
            raise ConstraintError(f"{name} of station {sheet.station!r} is negative: {value}")


class MemoryElections:
    def __init__(self, store: MemoryStore) -> None:
        self.table: Table[str, tuple[StoredElection, bytes]] = Table(
            store, store.elections, "election"
        )
        self._units: dict[str, frozenset[str]] = {}

    def add(self, election: Election, definition_hash: str, canonical: bytes) -> None:
        self.table.insert(election.id, (StoredElection(election, definition_hash), canonical))

    def rewrite(self, election: Election, definition_hash: str, canonical: bytes) -> None:
        if self.table.get(election.id) is None:
            raise ConstraintError(f"election {election.id!r} is not stored")
        self.table.pending[election.id] = (StoredElection(election, definition_hash), canonical)

    def get(self, election_id: str) -> StoredElection | None:
        stored = self.table.get(election_id)
        return None if stored is None else stored[0]

    def hash_of(self, election_id: str) -> str | None:
        stored = self.get(election_id)
        return None if stored is None else stored.definition_hash

    def ids(self) -> list[str]:
        return [stored.election.id for stored, _ in self.table.rows()]

    def units(self, election_id: str) -> frozenset[str]:
        """The codes of the election's units; `ConstraintError` when it is not stored."""
        if election_id not in self._units:
            stored = self.get(election_id)
            if stored is None:
                raise ConstraintError(f"election {election_id!r} is not stored")
            self._units[election_id] = frozenset(unit.code for unit in stored.election.units)
        return self._units[election_id]

    def check_station(self, election_id: str, station: str) -> None:
        if station not in self.units(election_id):
            raise ConstraintError(f"{station!r} is not a unit of election {election_id!r}")

    def commit(self) -> None:
        self.table.commit()

    def discard(self) -> None:
        self.table.discard()
        self._units.clear()  # it may hold an election this unit of work added and drops


class MemoryTallies:
    def __init__(self, store: MemoryStore, elections: MemoryElections) -> None:
        self._store = store
        self._elections = elections
        self.pending: dict[str, dict[tuple[str, str], TallySheet]] = {}

    def add_many(self, election_id: str, sheets: Iterable[TallySheet]) -> int:
        units = self._elections.units(election_id)
        stored = self._store.sheets.get(election_id, {})
        pending = self.pending.setdefault(election_id, {})
        count = 0
        for sheet in sheets:
            _check(sheet, units)
            key = (sheet.station, sheet.contest)
            if key in stored or key in pending:
                raise DuplicateError(
                    f"a sheet for station {key[0]!r}, contest {key[1]!r} is already stored"
                )
            pending[key] = sheet
            count += 1
        return count

    def keys(self, election_id: str) -> set[tuple[str, str]]:
        with self._store.lock:
            return {*self._store.sheets.get(election_id, {}), *self.pending.get(election_id, {})}

    def all(self, election_id: str) -> Iterator[TallySheet]:
        with self._store.lock:
            merged = {
                **self._store.sheets.get(election_id, {}),
                **self.pending.get(election_id, {}),
            }
        # The same order as the SQL store's: by station, then contest.
        return iter([merged[key] for key in sorted(merged)])

    def rows(self, election_id: str) -> Iterator[SheetRow]:
        return map(row_of, self.all(election_id))

    def of_stations(
        self,
        election_id: str,
        stations: Collection[str],
        contests: Collection[str] | None = None,
    ) -> Iterator[TallySheet]:
        wanted = set(stations)
        return (
            sheet
            for sheet in self.all(election_id)
            if sheet.station in wanted and (contests is None or sheet.contest in contests)
        )

    def commit(self) -> None:
        for election_id, sheets in self.pending.items():
            self._store.sheets.setdefault(election_id, {}).update(sheets)
        self.pending.clear()

    def discard(self) -> None:
        self.pending.clear()


class MemoryLedger:
    def __init__(self, store: MemoryStore, elections: MemoryElections) -> None:
        self._store = store
        self._elections = elections
        self.pending: dict[tuple[str, str], LedgerEntry] = {}

    def add(self, entry: LedgerEntry) -> bool:
        self._elections.check_station(entry.election, entry.station)
        key = (entry.election, entry.voter_key)
        with self._store.lock:
            if key in self._store.ledger or key in self._store.claimed:
                return False
            self._store.claimed.add(key)
        self.pending[key] = dataclasses.replace(entry, at=check_in_hour(entry.at))
        return True

    def add_many(self, entries: Sequence[LedgerEntry]) -> set[tuple[str, str]]:
        return {(e.election, e.voter_key) for e in entries if self.add(e)}

    def find(self, election_id: str, voter_key: str) -> LedgerEntry | None:
        key = (election_id, voter_key)
        with self._store.lock:
            return self.pending.get(key) or self._store.ledger.get(key)

    def find_held(self, election_id: str, voter_key: str) -> tuple[bool, LedgerEntry | None]:
        held = self._elections.hash_of(election_id) is not None
        return held, self.find(election_id, voter_key) if held else None

    def count(self, election_id: str, station: str | None = None) -> int:
        return len(self._entries(election_id, None if station is None else (station,)))

    def counts_by_station(
        self, election_id: str, stations: Collection[str] | None = None
    ) -> Mapping[str, int]:
        return Counter(entry.station for entry in self._entries(election_id, stations))

    def counts_by_hour(
        self,
        election_id: str,
        stations: Collection[str] | None = None,
        offset: datetime.timedelta = datetime.timedelta(0),
    ) -> Mapping[datetime.datetime, int]:
        clock = datetime.timezone(offset)
        return Counter(
            entry.at.astimezone(clock)
            .replace(minute=0, second=0, microsecond=0)
            .astimezone(datetime.UTC)
            for entry in self._entries(election_id, stations)
        )

    def counts_by_contest(self, election_id: str, station: str) -> Mapping[str, int]:
        return Counter(
            contest
            for entry in self._entries(election_id, (station,))
            for contest in entry.constituencies
        )

    def _entries(self, election_id: str, stations: Collection[str] | None) -> list[LedgerEntry]:
        with self._store.lock:
            entries = [*self._store.ledger.values(), *self.pending.values()]
        return [
            entry
            for entry in entries
            if entry.election == election_id and (stations is None or entry.station in stations)
        ]

    def commit(self) -> None:
        self._store.ledger.update(self.pending)
        self.discard()

    def discard(self) -> None:
        self._store.claimed.difference_update(self.pending)
        self.pending.clear()


class MemoryDevices:
    def __init__(self, store: MemoryStore, elections: MemoryElections) -> None:
        self._elections = elections
        self.table: Table[tuple[str, str], Device] = Table(store, store.devices, "device")

    def add(self, device: Device) -> None:
        self._elections.check_station(device.election, device.station)
        self.table.insert((device.election, device.public_key), device)

    def get(self, election_id: str, public_key: str) -> Device | None:
        return self.table.get((election_id, public_key))

    def of_keys(self, election_id: str, public_keys: Collection[str]) -> Mapping[str, Device]:
        found = {key: self.get(election_id, key) for key in public_keys}
        return {key: device for key, device in found.items() if device is not None}

    def revoke(self, election_id: str, public_key: str, at: datetime.datetime) -> None:
        device = self.get(election_id, public_key)
        if device is None:
            raise ConstraintError(f"no device {public_key!r} is enrolled for {election_id!r}")
        if device.revoked_at is None:  # a revocation keeps its first time
            self.table.pending[(election_id, public_key)] = dataclasses.replace(
                device, revoked_at=at
            )

    def of_station(self, election_id: str, station: str) -> list[Device]:
        return [d for d in self.of_election(election_id) if d.station == station]

    def of_election(self, election_id: str) -> list[Device]:
        found = [d for d in self.table.rows() if d.election == election_id]
        return sorted(found, key=lambda d: (d.station, d.enrolled_at, d.public_key))

    def commit(self) -> None:
        self.table.commit()

    def discard(self) -> None:
        self.table.discard()


class MemoryStaff:
    def __init__(self, store: MemoryStore, elections: MemoryElections) -> None:
        self._elections = elections
        self.table: Table[tuple[str, str], RegisteredStaff] = Table(store, store.staff, "staff key")

    def add(self, staff: RegisteredStaff) -> None:
        self._elections.check_station(staff.election, staff.station)
        self.table.insert((staff.election, staff.key.text), staff)

    def find(self, election_id: str, key: PublicKey) -> RegisteredStaff | None:
        return self.table.get((election_id, key.text))

    def of_station(self, election_id: str, station: str) -> list[RegisteredStaff]:
        return [s for s in self.of_election(election_id) if s.station == station]

    def of_election(self, election_id: str) -> list[RegisteredStaff]:
        found = [s for s in self.table.rows() if s.election == election_id]
        return sorted(found, key=lambda s: (s.station, s.role.value, s.key.text))

    def commit(self) -> None:
        self.table.commit()

    def discard(self) -> None:
        self.table.discard()


class MemoryReports:
    def __init__(
        self, store: MemoryStore, elections: MemoryElections, devices: MemoryDevices
    ) -> None:
        self._elections = elections
        self._devices = devices
        self.table: Table[tuple[str, str, str], StoredReport] = Table(
            store, store.reports, "report"
        )

    def get(self, election_id: str, station: str, kind: str) -> StoredReport | None:
        return self.table.get((election_id, station, kind))

    def received_at(
        self, election_id: str, stations: Collection[str], kind: str
    ) -> Mapping[str, datetime.datetime]:
        found = {station: self.get(election_id, station, kind) for station in stations}
        return {station: r.received_at for station, r in found.items() if r is not None}

    def add(self, report: StoredReport) -> None:
        self._elections.check_station(report.election, report.station)
        if self._devices.get(report.election, report.device) is None:
            raise ConstraintError(f"device {report.device!r} is not enrolled")
        self.table.insert((report.election, report.station, report.kind), report)

    def all(self, election_id: str) -> Iterator[StoredReport]:
        return iter([report for report in self.table.rows() if report.election == election_id])

    def first(self, election_id: str, stations: Collection[str]) -> StoredReport | None:
        found = [r for r in self.all(election_id) if r.station in stations]
        return min(found, key=lambda r: (r.received_at, r.station, r.kind), default=None)

    def commit(self) -> None:
        self.table.commit()

    def discard(self) -> None:
        self.table.discard()
