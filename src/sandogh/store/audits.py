"""The audit part of the store: an election's audit, its rounds, the boards' readings and the
hand counts (`services.audit_ports`; docs/audit.md §6–§7)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from sandogh.core.access import Grant, Role
from sandogh.core.canonical_json import JSONValue
from sandogh.core.log import Checkpoint
from sandogh.services.audit_ports import (
    CERTIFIED,
    PENDING,
    HandCountCertified,
    StoredAudit,
    StoredHandCount,
    StoredReading,
    StoredRound,
)
from sandogh.store.erasure import Erasure
from sandogh.store.integrity import translated
from sandogh.store.tables import AuditHandCountRow, AuditReadingRow, AuditRoundRow, AuditRow


def _reading(row: Any) -> StoredReading:
    return StoredReading(
        row.election_id,
        row.round,
        row.sample,
        row.unit,
        row.shows,
        row.code,
        row.entered_at,
        row.entered_by,
        row.record,
    )


# Built once: every read of results reads it (issue 14)
_HAND_COUNTS = (
    select(AuditHandCountRow)
    .where(AuditHandCountRow.election_id == bindparam("election"))
    .order_by(AuditHandCountRow.contest)
)


class SqlAuditRepository:
    def __init__(self, connection: Connection, erasure: Erasure) -> None:
        self._connection = connection
        self._erasure = erasure

    def get(self, election_id: str) -> StoredAudit | None:
        query = select(AuditRow).where(AuditRow.election_id == election_id)
        row = self._connection.execute(query).one_or_none()
        if row is None:
            return None
        return StoredAudit(
            row.election_id,
            tuple(row.contests),
            Fraction(row.risk_limit),
            row.manifest,
            row.manifest_hash,
            row.plan,
            row.started_at,
            row.seed,
        )

    def add(self, audit: StoredAudit) -> None:
        row = {
            "election_id": audit.election,
            "contests": list(audit.contests),
            "risk_limit": str(audit.risk_limit),
            "manifest": audit.manifest,
            "manifest_hash": audit.manifest_hash,
            "plan": audit.plan,
            "seed": audit.seed,
            "started_at": audit.started_at,
        }
        with translated():
            self._connection.execute(insert(AuditRow), row)

    def set_seed(self, election_id: str, seed: bytes) -> bool:
        query = (
            update(AuditRow)
            .where(AuditRow.election_id == election_id, AuditRow.seed.is_(None))
            .values(seed=seed)
        )
        return self._connection.execute(query).rowcount == 1

    def rounds(self, election_id: str) -> list[StoredRound]:
        query = (
            select(AuditRoundRow)
            .where(AuditRoundRow.election_id == election_id)
            .order_by(AuditRoundRow.number)
        )
        return [
            StoredRound(
                row.election_id,
                row.number,
                row.sizes,
                row.asked,
                row.drawn_at,
                row.record,
                row.hash,
            )
            for row in self._connection.execute(query)
        ]

    def add_round(self, stored: StoredRound) -> None:
        row = {
            "election_id": stored.election,
            "number": stored.number,
            "sizes": dict(stored.sizes),
            "asked": dict(stored.asked),
            "drawn_at": stored.drawn_at,
            "record": stored.record,
            "hash": stored.hash,
        }
        with translated():
            self._connection.execute(insert(AuditRoundRow), row)

    def close_round(self, election_id: str, number: int, record: bytes, hash: str) -> bool:
        query = (
            update(AuditRoundRow)
            .where(
                AuditRoundRow.election_id == election_id,
                AuditRoundRow.number == number,
                AuditRoundRow.record.is_(None),
            )
            .values(record=record, hash=hash)
        )
        return self._connection.execute(query).rowcount == 1

    def readings(self, election_id: str) -> list[StoredReading]:
        query = (
            select(AuditReadingRow)
            .where(AuditReadingRow.election_id == election_id)
            .order_by(AuditReadingRow.round, AuditReadingRow.sample, AuditReadingRow.unit)
        )
        return [_reading(row) for row in self._connection.execute(query)]

    def add_reading(self, reading: StoredReading) -> None:
        row = {
            "election_id": reading.election,
            "sample": reading.sample,
            "unit": reading.unit,
            "round": reading.round,
            "shows": reading.shows,
            "code": reading.code,
            "record": reading.record,
            "entered_at": reading.entered_at,
            "entered_by": reading.by,
        }
        with translated():
            self._connection.execute(insert(AuditReadingRow), row)

    def compared(self, election_id: str, sample: str, unit: str, record: JSONValue) -> None:
        self._erasure.erasing()  # the code is a voter's receipt: no trace left in the files
        query = (
            update(AuditReadingRow)
            .where(
                AuditReadingRow.election_id == election_id,
                AuditReadingRow.sample == sample,
                AuditReadingRow.unit == unit,
            )
            .values(record=record, code=None)
        )
        self._connection.execute(query)

    def hand_counts(self, election_id: str) -> list[StoredHandCount]:
        found = self._connection.execute(_HAND_COUNTS, {"election": election_id})
        return [_hand_count(row) for row in found]

    def add_hand_count(self, count: StoredHandCount) -> None:
        row = {
            "election_id": count.election,
            "contest": count.contest,
            "counts": count.counts,
            "entered_at": count.entered_at,
            "entered_by": count.by,
            "status": count.status,
        }
        with translated():
            self._connection.execute(insert(AuditHandCountRow), row)

    def certify_hand_count(
        self, election_id: str, contest: str, certified: HandCountCertified
    ) -> bool:
        query = (
            update(AuditHandCountRow)
            .where(
                AuditHandCountRow.election_id == election_id,
                AuditHandCountRow.contest == contest,
                AuditHandCountRow.status == PENDING,
            )
            .values(
                status=CERTIFIED,
                certified_by=certified.by,
                certified_role=certified.grant.role.value,
                certified_place=certified.grant.place,
                certified_at=certified.at,
                reason=certified.reason,
                audit_hash=certified.audit,
                log_sequence=None if certified.logged is None else certified.logged.sequence,
                log_hash=None if certified.logged is None else certified.logged.hash,
            )
        )
        return self._connection.execute(query).rowcount == 1

    def uncertify_hand_count(
        self, election_id: str, contest: str, certified: HandCountCertified
    ) -> bool:
        logged = certified.logged
        query = (
            update(AuditHandCountRow)
            .where(
                AuditHandCountRow.election_id == election_id,
                AuditHandCountRow.contest == contest,
                AuditHandCountRow.status == CERTIFIED,
                AuditHandCountRow.log_sequence == (None if logged is None else logged.sequence),
            )
            .values(
                status=PENDING,
                certified_by=None,
                certified_role=None,
                certified_place=None,
                certified_at=None,
                reason=None,
                audit_hash=None,
                log_sequence=None,
                log_hash=None,
            )
        )
        return self._connection.execute(query).rowcount == 1

    def replace_hand_count(
        self, election_id: str, contest: str, count: StoredHandCount | None
    ) -> bool:
        pending = (
            AuditHandCountRow.election_id == election_id,
            AuditHandCountRow.contest == contest,
            AuditHandCountRow.status == PENDING,
        )
        if count is None:
            gone = delete(AuditHandCountRow).where(*pending)
            return self._connection.execute(gone).rowcount == 1
        query = (
            update(AuditHandCountRow)
            .where(*pending)
            .values(counts=count.counts, entered_at=count.entered_at, entered_by=count.by)
        )
        return self._connection.execute(query).rowcount == 1


def _hand_count(row: Any) -> StoredHandCount:
    certified = None
    if row.certified_by is not None:
        certified = HandCountCertified(
            row.certified_by,
            Grant(Role(row.certified_role), row.certified_place),
            row.certified_at,
            row.reason,
            row.audit_hash,
            None if row.log_sequence is None else Checkpoint(row.log_sequence, row.log_hash),
        )
    return StoredHandCount(
        row.election_id,
        row.contest,
        row.counts,
        row.entered_at,
        row.entered_by,
        row.status,
        certified,
    )
