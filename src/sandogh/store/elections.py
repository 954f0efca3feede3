"""Election days in the store: the canonical definition, its hash, and its units as rows."""

from __future__ import annotations

import datetime

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Connection

from sandogh.core.definition.model import Election
from sandogh.formats.definition_file import decode_canonical
from sandogh.services.ports import StoredElection
from sandogh.store.errors import ConstraintError
from sandogh.store.integrity import translated
from sandogh.store.tables import ElectionRow, UnitRow

_UNIT_COLUMNS = ("election_id", "code", "kind", "parent", "name_fa", "name_en")

# Built once: every read of an election day asks it (issue 14)
_HASH_OF = select(ElectionRow.definition_hash).where(ElectionRow.id == bindparam("id"))


class SqlElectionRepository:
    def __init__(self, connection: Connection, *, now: datetime.datetime) -> None:
        self._connection = connection
        self._now = now
        mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        names = ", ".join(map(connection.dialect.identifier_preparer.quote, _UNIT_COLUMNS))
        marks = ", ".join([mark] * len(_UNIT_COLUMNS))
        self._insert_units = f"INSERT INTO {UnitRow.__tablename__} ({names}) VALUES ({marks})"

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
            (election.id, unit.code, unit.kind.value, unit.parent, unit.name.fa, unit.name.en)
            for unit in election.units
        ]
        with translated():
            self._connection.execute(insert(ElectionRow), election_row)
            if unit_rows:
                # The driver's own executemany of tuples: SQLAlchemy's per-row parameter
                # processing took a third of loading the national definition's 72,542 units.
                self._connection.exec_driver_sql(self._insert_units, unit_rows)

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
        return self._connection.execute(_HASH_OF, {"id": election_id}).scalar_one_or_none()

    def ids(self) -> list[str]:
        return list(
            self._connection.execute(select(ElectionRow.id).order_by(ElectionRow.id)).scalars()
        )
