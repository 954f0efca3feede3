"""The pre-election record in the store: its bytes, its signatures one row per official, and its
amendments, each with its signature file (`core.anchor`)."""

from __future__ import annotations

import datetime

from sqlalchemy import bindparam, delete, insert, select, text, update
from sqlalchemy.engine import Connection

from sandogh.core.anchor import (
    OfficialSignature,
    SignedAmendment,
    decode_amendment,
    decode_signatures,
    encode_amendment,
    encode_signatures,
    fingerprint,
)
from sandogh.core.report import PublicKey
from sandogh.core.report.digests import sha256_text
from sandogh.services.ports import StoredAmendment, StoredRecord
from sandogh.store.errors import ConstraintError
from sandogh.store.integrity import translated
from sandogh.store.tables import PreElectionRecordRow, RecordAmendmentRow, RecordSignatureRow

_SEALED_SQLITE = text(
    "SELECT fingerprint FROM pre_election_records INDEXED BY ix_pre_election_records_sealed"
    " WHERE election_id = :election AND sealed_at IS NOT NULL"
)


class SqlRecordRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def get(self, election_id: str) -> StoredRecord | None:
        query = select(PreElectionRecordRow).where(PreElectionRecordRow.election_id == election_id)
        row = self._connection.execute(query).one_or_none()
        if row is None:
            return None
        signed = select(RecordSignatureRow).where(RecordSignatureRow.election_id == election_id)
        signatures = tuple(
            OfficialSignature(PublicKey.from_text(s.public_key), s.signature)
            for s in self._connection.execute(signed.order_by(RecordSignatureRow.public_key))
        )
        return StoredRecord(election_id, row.record, signatures, row.drafted_at, row.sealed_at)

    def sealed(self, election_id: str) -> tuple[str, str] | None:
        # SQLite's planner takes the primary key (one row) and walks the record's pages to the
        # columns after it, ~10 ms a report nationally: it is told to read the index, which
        # holds what is asked (SQLAlchemy renders no table hint on SQLite)
        query = (
            _SEALED_SQLITE
            if self._connection.dialect.name == "sqlite"
            else select(PreElectionRecordRow.fingerprint).where(
                PreElectionRecordRow.election_id == bindparam("election"),
                PreElectionRecordRow.sealed_at.is_not(None),
            )
        )
        found = self._connection.execute(query, {"election": election_id}).scalar_one_or_none()
        if found is None:
            return None
        last = (
            select(RecordAmendmentRow.amendment)
            .where(RecordAmendmentRow.election_id == election_id)
            .order_by(RecordAmendmentRow.number.desc())
            .limit(1)
        )
        head = self._connection.execute(last).scalar_one_or_none()
        return found, found if head is None else sha256_text(head)

    def draft(self, election_id: str, data: bytes, at: datetime.datetime) -> None:
        self._connection.execute(
            delete(RecordSignatureRow).where(RecordSignatureRow.election_id == election_id)
        )
        self._connection.execute(
            delete(PreElectionRecordRow).where(PreElectionRecordRow.election_id == election_id)
        )
        row = {
            "election_id": election_id,
            "record": data,
            "fingerprint": fingerprint(data),
            "drafted_at": at,
            "sealed_at": None,
        }
        with translated():
            self._connection.execute(insert(PreElectionRecordRow), row)

    def add_signature(self, election_id: str, signature: OfficialSignature) -> None:
        row = {
            "election_id": election_id,
            "public_key": signature.key.text,
            "signature": signature.signature,
        }
        with translated():
            self._connection.execute(insert(RecordSignatureRow), row)

    def seal(self, election_id: str, at: datetime.datetime) -> None:
        statement = (
            update(PreElectionRecordRow)
            .where(PreElectionRecordRow.election_id == election_id)
            .values(sealed_at=at)
        )
        if self._connection.execute(statement).rowcount == 0:
            raise ConstraintError(f"no record of {election_id!r} is stored")

    def amendments(self, election_id: str) -> list[StoredAmendment]:
        query = (
            select(RecordAmendmentRow)
            .where(RecordAmendmentRow.election_id == election_id)
            .order_by(RecordAmendmentRow.number)
        )
        found = []
        for row in self._connection.execute(query):
            amendment = decode_amendment(row.amendment)
            signatures = decode_signatures(row.signatures, row.amendment)
            found.append(
                StoredAmendment(
                    election_id, row.number, SignedAmendment(amendment, signatures), row.added_at
                )
            )
        return found

    def add_amendment(self, amendment: StoredAmendment) -> None:
        data = encode_amendment(amendment.signed.amendment)
        row = {
            "election_id": amendment.election,
            "number": amendment.number,
            "amendment": data,
            "signatures": encode_signatures(data, amendment.signed.signatures),
            "added_at": amendment.added_at,
        }
        with translated():
            self._connection.execute(insert(RecordAmendmentRow), row)
