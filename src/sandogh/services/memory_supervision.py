"""The in-memory repositories of `services.memory` for the supervisors' work: incidents, voids,
certifications and violation cases, each numbered as a database sequence would number it."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping

from sandogh.core.log.verify import Checkpoint
from sandogh.core.supervision import Certification, Undoing, ViolationCase
from sandogh.services.memory_polling import MemoryElections
from sandogh.services.memory_store import ConstraintError, MemoryStore, Table, next_number
from sandogh.services.ports import CertificationRecord, Incident, NumberedIncident, VoidRecord


class MemoryIncidents:
    def __init__(self, store: MemoryStore, elections: MemoryElections) -> None:
        self._store = store
        self._elections = elections
        self.table: Table[int, Incident] = Table(store, store.incidents, "incident")

    def add(self, incident: Incident) -> int:
        self._elections.units(incident.election)
        number = next_number(self._store, "incidents")
        self.table.pending[number] = incident
        return number

    def all(self, election_id: str) -> list[Incident]:
        return [numbered.incident for numbered in self.numbered(election_id)]

    def numbered(self, election_id: str) -> list[NumberedIncident]:
        return [
            NumberedIncident(number, incident)
            for number, incident in self.table.items()
            if incident.election == election_id
        ]

    def get(self, incident_id: int) -> Incident | None:
        return self.table.get(incident_id)

    def update(self, incident_id: int, incident: Incident) -> None:
        if self.get(incident_id) is None:
            raise ConstraintError(f"no incident {incident_id} is stored")
        self.table.pending[incident_id] = incident

    def commit(self) -> None:
        self.table.commit()

    def discard(self) -> None:
        self.table.discard()


class MemoryVoids:
    def __init__(self, store: MemoryStore, elections: MemoryElections) -> None:
        self._store = store
        self._elections = elections
        self.table: Table[int, VoidRecord] = Table(store, store.voids, "void")

    def add(self, record: VoidRecord) -> VoidRecord:
        self._elections.units(record.election)
        stored = dataclasses.replace(record, id=next_number(self._store, "voids"))
        self.table.pending[stored.id] = stored
        return stored

    def name_entry(self, number: int, entry: Checkpoint) -> None:
        record = self.table.get(number)
        if record is None:
            raise ConstraintError(f"no void {number}")
        self.table.pending[number] = dataclasses.replace(record, logged=entry)

    def all(self, election_id: str) -> list[VoidRecord]:
        return [record for record in self.table.rows() if record.election == election_id]

    def commit(self) -> None:
        self.table.commit()

    def discard(self) -> None:
        self.table.discard()


class MemoryCertifications:
    def __init__(self, store: MemoryStore, elections: MemoryElections) -> None:
        self._store = store
        self._elections = elections
        self.table: Table[int, CertificationRecord] = Table(
            store, store.certifications, "certification"
        )
        self.nodes: Table[tuple[str, str, str], tuple[str | None, str | None]] = Table(
            store, store.certified_nodes, "certified node"
        )

    def add(self, certification: Certification, entry: Checkpoint) -> None:
        self._elections.units(certification.election)
        number = next_number(self._store, "certifications")
        self.table.pending[number] = CertificationRecord(certification, number, entry)

    def in_force(self, election_id: str) -> list[Certification]:
        return [r.certification for r in self.records(election_id) if r.undone is None]

    def keep_tree(
        self, election_id: str, contest: str, nodes: Mapping[str, tuple[str | None, str | None]]
    ) -> None:
        for code, (node, below) in nodes.items():
            self.nodes.pending[election_id, contest, code] = (node, below)  # null: read as none

    def tree_nodes(
        self, election_id: str, contest: str, codes: Collection[str]
    ) -> dict[str, tuple[str, str | None]]:
        found = {code: self.nodes.get((election_id, contest, code)) for code in codes}
        return {
            code: (n, row[1]) for code, row in found.items() if row and (n := row[0]) is not None
        }

    def records(self, election_id: str) -> list[CertificationRecord]:
        return [r for _, r in self.table.items() if r.certification.election == election_id]

    def undo(self, undone: Undoing, entry: Checkpoint) -> None:
        made = undone.certification
        scope = (made.election, made.contest, made.constituency)
        for number, record in self.table.items():
            c = record.certification
            if record.undone is None and (c.election, c.contest, c.constituency) == scope:
                self.table.pending[number] = dataclasses.replace(
                    record, undone=dataclasses.replace(undone, certification=c), undo_logged=entry
                )
                return
        raise ConstraintError(f"no certification of {scope} is in force")

    def commit(self) -> None:
        self.table.commit()
        self.nodes.commit()

    def discard(self) -> None:
        self.table.discard()
        self.nodes.discard()


class MemoryCases:
    def __init__(self, store: MemoryStore, elections: MemoryElections) -> None:
        self._store = store
        self._elections = elections
        self.table: Table[int, ViolationCase] = Table(store, store.cases, "case")

    def add(self, case: ViolationCase) -> ViolationCase:
        self._elections.units(case.election)
        stored = dataclasses.replace(case, id=next_number(self._store, "cases"))
        self.table.pending[stored.id] = stored
        return stored

    def get(self, case_id: int) -> ViolationCase | None:
        return self.table.get(case_id)

    def all(self, election_id: str) -> list[ViolationCase]:
        return [case for case in self.table.rows() if case.election == election_id]

    def update(self, case: ViolationCase) -> None:
        if self.get(case.id) is None:
            raise ConstraintError(f"no case {case.id} is stored")
        self.table.pending[case.id] = case

    def commit(self) -> None:
        self.table.commit()

    def discard(self) -> None:
        self.table.discard()
