"""Election days in the store: the canonical definition, its hash, and its units as rows."""

from __future__ import annotations

import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from sandogh.core.definition.model import Election
from sandogh.formats.definition_file import decode_canonical
from sandogh.services.ports import StoredElection
from sandogh.store.errors import ConstraintError
from sandogh.store.integrity import translated
from sandogh.store.tables import ElectionRow, UnitRow


class SqlElectionRepository:
    def __init__(self, connection: Connection, *, now: datetime.datetime) -> None:
        self._connection = connection
        self._now = now

    def add(self, election: Election, definition_hash: str, canonical: bytes) -> None:
        election_row = {
            "id": election.id,
            "version": election.version,
            "name_fa": election.name.fa,
            "name_en": election.name.en,
            "date": election.date,
            "definition_hash": definition_hash,
            "definition": canonical,
            "loaded_at": self._now.astimezone(datetime.UTC),
        }
        unit_rows = [
            {
                "election_id": election.id,
                "code": unit.code,
                "kind": unit.kind.value,
                "parent": unit.parent,
                "name_fa": unit.name.fa,
                "name_en": unit.name.en,
            }
            for unit in election.units
        ]
        with translated():
            self._connection.execute(insert(ElectionRow), election_row)
            if unit_rows:
                self._connection.execute(insert(UnitRow), unit_rows)

    def rewrite(self, election: Election, definition_hash: str, canonical: bytes) -> None:
        changed = (
            update(ElectionRow)
            .where(ElectionRow.id == election.id)
            .values(version=election.version, definition_hash=definition_hash, definition=canonical)
        )
        if self._connection.execute(changed).rowcount != 1:
            raise ConstraintError(f"election {election.id!r} is not stored")

    def get(self, election_id: str) -> StoredElection | None:
        query = select(ElectionRow.definition, ElectionRow.definition_hash).where(
            ElectionRow.id == election_id
        )
        row = self._connection.execute(query).one_or_none()
        if row is None:
            return None
        return StoredElection(decode_canonical(row.definition), row.definition_hash)

    def hash_of(self, election_id: str) -> str | None:
        query = select(ElectionRow.definition_hash).where(ElectionRow.id == election_id)
        return self._connection.execute(query).scalar_one_or_none()

    def ids(self) -> list[str]:
        return list(
            self._connection.execute(select(ElectionRow.id).order_by(ElectionRow.id)).scalars()
        )
