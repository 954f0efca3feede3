"""The tables of the central store, as SQLAlchemy 2 typed declarative classes.

An election day is kept as the canonical bytes of its definition (what its hash is taken of, so
the stored definition can always be re-hashed and compared), plus its reporting units as rows so
that a station can be checked and looked up without decoding the whole definition. A tally sheet
keeps every figure in its own integer column under a CHECK that it is not negative, and its
candidate votes as one JSON object {ballot code: votes}: a national election day has about 235,000
sheets with up to ~70 candidates each, and one row per sheet keeps import and read-back to seconds
where one row per candidate (16 million rows) would take minutes.

Election day adds the voted-ledger, the enrolled devices, the station reports as received, the
incidents and the hash-chained event log. The ledger is the only record of who voted, where and
when, and it is kept so (DESIGN.md §3, secrecy by construction): its key is the voter key itself,
with no surrogate id or insertion number (on SQLite not even a hidden rowid), and `at` is its only
time; no table of the central store holds what anyone chose, so there is nothing to join it to.
Every instant is stored in UTC and read back as UTC (`Instant`).
"""

from __future__ import annotations

import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKeyConstraint,
    Index,
    LargeBinary,
    MetaData,
    String,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sandogh.core.counting.tally import FIGURES, INVALID_FIGURES
from sandogh.core.definition.model import UnitKind
from sandogh.core.log.events import Disposition
from sandogh.core.readiness import SessionKind
from sandogh.core.readiness import StaffRole as ReadinessRole
from sandogh.core.report import StaffRole

# Named constraints, so that migrations can refer to them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Each invalid kind has its column, named by INVALID_FIGURES; NULL where a sheet does not list it.

#: Codes and ids compare byte by byte on both databases, as Python compares them; PostgreSQL would
#: otherwise sort them by the server's locale, and sheets would come back in another order there.
Code = String().with_variant(String(collation="C"), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ElectionRow(Base):
    __tablename__ = "elections"

    id: Mapped[str] = mapped_column(Code, primary_key=True)
    version: Mapped[int]
    name_fa: Mapped[str]
    name_en: Mapped[str]
    date: Mapped[datetime.date]
    definition_hash: Mapped[str]
    definition: Mapped[bytes] = mapped_column(LargeBinary)
    loaded_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True))


class UnitRow(Base):
    __tablename__ = "units"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    code: Mapped[str] = mapped_column(Code, primary_key=True)
    kind: Mapped[str]
    parent: Mapped[str | None] = mapped_column(Code)
    name_fa: Mapped[str]
    name_en: Mapped[str]

    __table_args__ = (
        ForeignKeyConstraint(["election_id"], ["elections.id"]),
        ForeignKeyConstraint(["election_id", "parent"], ["units.election_id", "units.code"]),
        CheckConstraint(
            "kind IN (" + ", ".join(f"'{kind.value}'" for kind in UnitKind) + ")", name="kind"
        ),
    )


def _non_negative(column: str) -> CheckConstraint:
    # SQL lets NULL through a CHECK, which is what the nullable invalid-kind columns need.
    return CheckConstraint(f'"{column}" >= 0', name=f"{column}_non_negative")


class TallySheetRow(Base):
    __tablename__ = "tally_sheets"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code, primary_key=True)
    contest: Mapped[str] = mapped_column(Code, primary_key=True)
    papers_received: Mapped[int]
    papers_used: Mapped[int]
    papers_unused: Mapped[int]
    papers_spoiled: Mapped[int]
    cast: Mapped[int]
    valid: Mapped[int]
    invalid_blank: Mapped[int | None]
    invalid_illegible: Mapped[int | None]
    invalid_non_candidate: Mapped[int | None]
    invalid_multiple_names: Mapped[int | None]
    invalid_crossed_out: Mapped[int | None]  # NULL on every sheet stored before it (0021)
    void: Mapped[int]
    votes: Mapped[dict[str, int]] = mapped_column(JSON)

    __table_args__ = (
        # The station's unit row belongs to the election, so this also ties the sheet to it.
        ForeignKeyConstraint(["election_id", "station"], ["units.election_id", "units.code"]),
        *(_non_negative(column) for column in (*FIGURES, *INVALID_FIGURES.values())),
    )


class Instant(TypeDecorator[datetime.datetime]):
    """A timezone-aware instant, written in UTC and read back in UTC on both databases (SQLite
    keeps no offset, PostgreSQL answers in the session's zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self,
        value: datetime.datetime | None,
        dialect: Dialect,  # noqa: ARG002 -- SQLAlchemy's signature; both databases alike
    ) -> datetime.datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError(f"{value.isoformat()} has no time zone: the store keeps instants")
        return value.astimezone(datetime.UTC)

    def process_result_value(
        self,
        value: datetime.datetime | None,
        dialect: Dialect,  # noqa: ARG002 -- SQLAlchemy's signature; both databases alike
    ) -> datetime.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=datetime.UTC)
        return value.astimezone(datetime.UTC)


def _of_a_unit(column: str) -> ForeignKeyConstraint:
    # The unit row belongs to the election, so this also ties the row to the election.
    return ForeignKeyConstraint(["election_id", column], ["units.election_id", "units.code"])


class LedgerRow(Base):
    """The voted-ledger: that a voter, by keyed hash, checked in for an election day."""

    __tablename__ = "voted_ledger"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    voter_key: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code)
    at: Mapped[datetime.datetime] = mapped_column(Instant)
    constituencies: Mapped[dict[str, str]] = mapped_column(JSON)
    provisional: Mapped[bool]
    offline_tag: Mapped[str | None] = mapped_column(Code)

    __table_args__ = (
        _of_a_unit("station"),
        Index("ix_voted_ledger_election_id_station", "election_id", "station"),
        {"sqlite_with_rowid": False},
    )


class DeviceRow(Base):
    """A ballot box's public key, enrolled for one station of an election day."""

    __tablename__ = "devices"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    public_key: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code)
    enrolled_at: Mapped[datetime.datetime] = mapped_column(Instant)
    revoked_at: Mapped[datetime.datetime | None] = mapped_column(Instant)

    __table_args__ = (
        _of_a_unit("station"),
        Index("ix_devices_election_id_station", "election_id", "station"),
    )


class StaffKeyRow(Base):
    """A member of a station's staff with the role they sign under and their Ed25519 key
    (`core.report.staff`); a key serves one person of one station per election day. When it was
    registered is in the event log."""

    __tablename__ = "staff_keys"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    public_key: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code)
    person: Mapped[str]
    role: Mapped[str] = mapped_column(Code)

    __table_args__ = (
        _of_a_unit("station"),
        CheckConstraint(
            "role IN (" + ", ".join(f"'{r.value}'" for r in StaffRole) + ")", name="role"
        ),
        Index("ix_staff_keys_election_id_station", "election_id", "station"),
    )


class PreElectionRecordRow(Base):
    """An election's pre-election record (`core.anchor`): its canonical bytes, and once sealed
    when; a draft is replaced until then."""

    __tablename__ = "pre_election_records"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    record: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str]  # of `record`: read on every report, without the record itself
    drafted_at: Mapped[datetime.datetime] = mapped_column(Instant)
    sealed_at: Mapped[datetime.datetime | None] = mapped_column(Instant)

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["elections.id"]),)


class RecordSignatureRow(Base):
    """An official's signature of the election's record, once per key."""

    __tablename__ = "record_signatures"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    public_key: Mapped[str] = mapped_column(Code, primary_key=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["pre_election_records.election_id"]),)


class RecordAmendmentRow(Base):
    """A signed amendment to a sealed record (`core.anchor.amendments`), numbered from 1."""

    __tablename__ = "record_amendments"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    amendment: Mapped[bytes] = mapped_column(LargeBinary)
    signatures: Mapped[bytes] = mapped_column(LargeBinary)  # its signature file
    added_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["pre_election_records.election_id"]),)


class StationReportRow(Base):
    """A signed station report exactly as received, once per station and kind."""

    __tablename__ = "station_reports"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code, primary_key=True)
    kind: Mapped[str] = mapped_column(Code, primary_key=True)
    device: Mapped[str] = mapped_column(Code)
    report_hash: Mapped[str]
    signed: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (
        _of_a_unit("station"),
        ForeignKeyConstraint(
            ["election_id", "device"], ["devices.election_id", "devices.public_key"]
        ),
    )


class E2ECeremonyRow(Base):
    """An election's E2E ceremony record (docs/e2e.md §5), its canonical bytes, once."""

    __tablename__ = "e2e_ceremonies"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    record: Mapped[bytes] = mapped_column(LargeBinary)
    joint_key: Mapped[str] = mapped_column(Code)  # hex, read by every enrolment
    extended_hash: Mapped[str] = mapped_column(Code)  # hex
    loaded_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["elections.id"]),)


class BallotChainRow(Base):
    """A station's E2E ballot chain (docs/e2e.md §9) exactly as its box sent it, once."""

    __tablename__ = "ballot_chains"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code, primary_key=True)
    device: Mapped[str] = mapped_column(Code)
    chain_hash: Mapped[str]
    data: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (
        _of_a_unit("station"),
        ForeignKeyConstraint(
            ["election_id", "device"], ["devices.election_id", "devices.public_key"]
        ),
    )


class AuditRow(Base):
    """An election's risk-limiting audit: the manifest and plan as published (canonical JSON,
    docs/audit.md §7) and the seed record once rolled, once."""

    __tablename__ = "audits"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    contests: Mapped[list[str]] = mapped_column(JSON)
    risk_limit: Mapped[str]  # "numerator/denominator"
    manifest: Mapped[bytes] = mapped_column(LargeBinary)
    manifest_hash: Mapped[str] = mapped_column(Code)
    plan: Mapped[bytes] = mapped_column(LargeBinary)
    seed: Mapped[bytes | None] = mapped_column(LargeBinary)
    started_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["elections.id"]),)


class AuditRoundRow(Base):
    """A round of an audit: each sample's total after it and, once closed, its record and hash."""

    __tablename__ = "audit_rounds"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    sizes: Mapped[dict[str, int]] = mapped_column(JSON)
    asked: Mapped[dict[str, int]] = mapped_column(JSON)
    drawn_at: Mapped[datetime.datetime] = mapped_column(Instant)
    record: Mapped[bytes | None] = mapped_column(LargeBinary)
    hash: Mapped[str | None]

    __table_args__ = (
        ForeignKeyConstraint(["election_id"], ["audits.election_id"]),
        CheckConstraint("number >= 1", name="number"),
        CheckConstraint("(record IS NULL) = (hash IS NULL)", name="closed"),
    )


class AuditReadingRow(Base):
    """What a board entered for one drawn paper (`sample` empty) or station, once; `code` is
    erased when the round closes and `record` joined (docs/audit.md §7, secrecy)."""

    __tablename__ = "audit_readings"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    sample: Mapped[str] = mapped_column(Code, primary_key=True)
    unit: Mapped[str] = mapped_column(Code, primary_key=True)
    round: Mapped[int]
    shows: Mapped[Any] = mapped_column(JSON, nullable=True)
    code: Mapped[str | None]
    record: Mapped[Any] = mapped_column(JSON, nullable=True)
    entered_at: Mapped[datetime.datetime] = mapped_column(Instant)
    entered_by: Mapped[str]

    __table_args__ = (
        ForeignKeyConstraint(
            ["election_id", "round"], ["audit_rounds.election_id", "audit_rounds.number"]
        ),
    )


class AuditHandCountRow(Base):
    """A full hand count's totals for one contest of an audit, pending certification or
    certified as a hand-count correction (the certifier, their grant, when, why, the audit
    record it came from and the log entry that recorded it)."""

    __tablename__ = "audit_hand_counts"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    contest: Mapped[str] = mapped_column(Code, primary_key=True)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)
    entered_at: Mapped[datetime.datetime] = mapped_column(Instant)
    entered_by: Mapped[str]
    status: Mapped[str]
    certified_by: Mapped[str | None]
    certified_role: Mapped[str | None]
    certified_place: Mapped[str | None]
    certified_at: Mapped[datetime.datetime | None] = mapped_column(Instant)
    reason: Mapped[str | None]
    audit_hash: Mapped[str | None]
    log_sequence: Mapped[int | None]
    log_hash: Mapped[str | None]

    __table_args__ = (
        ForeignKeyConstraint(["election_id"], ["audits.election_id"]),
        CheckConstraint("status IN ('pending-certification', 'certified')", name="status"),
    )


class IncidentRow(Base):
    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[str] = mapped_column(Code, index=True)
    kind: Mapped[str]
    stations: Mapped[list[str]] = mapped_column(JSON)
    at: Mapped[datetime.datetime] = mapped_column(Instant)
    details: Mapped[dict[str, str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(server_default="open")
    assignee: Mapped[str | None]
    resolution: Mapped[str | None]

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["elections.id"]),)


class ViolationCaseRow(Base):
    """A violation case as it stands; its course is in the event log."""

    __tablename__ = "violation_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[str] = mapped_column(Code, index=True)
    kind: Mapped[str]
    status: Mapped[str]
    summary: Mapped[str]
    place: Mapped[str] = mapped_column(Code)
    stations: Mapped[list[str]] = mapped_column(JSON)
    candidates: Mapped[list[list[str]]] = mapped_column(JSON)  # [contest, ballot code] pairs
    reference: Mapped[str | None]
    note: Mapped[str | None]
    opened_by: Mapped[str]
    opened_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (_of_a_unit("place"),)


class VoidRow(Base):
    """A supervisory board's void, in the shape of `core.supervision.void_json`."""

    __tablename__ = "voids"

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[str] = mapped_column(Code, index=True)
    kind: Mapped[str]
    contest: Mapped[str | None] = mapped_column(Code)
    stations: Mapped[list[str]] = mapped_column(JSON)
    candidate: Mapped[str | None] = mapped_column(Code)
    constituency: Mapped[str | None] = mapped_column(Code)
    reason: Mapped[str]
    reference: Mapped[str]
    case_id: Mapped[int | None]
    decided_by: Mapped[str]
    decided_at: Mapped[datetime.datetime] = mapped_column(Instant)
    # the event-log entry that recorded the void: read back only if it is there and matches
    log_sequence: Mapped[int | None] = mapped_column(BigInteger)
    log_hash: Mapped[str | None]

    __table_args__ = (
        ForeignKeyConstraint(["election_id"], ["elections.id"]),
        ForeignKeyConstraint(["case_id"], ["violation_cases.id"]),
    )


class CertificationRow(Base):
    """A certification; undoing it marks it undone and keeps it."""

    __tablename__ = "certifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[str] = mapped_column(Code, index=True)
    contest: Mapped[str] = mapped_column(Code)
    constituency: Mapped[str | None] = mapped_column(Code)
    certified_by: Mapped[str]
    role: Mapped[str]
    place: Mapped[str] = mapped_column(Code)
    certified_at: Mapped[datetime.datetime] = mapped_column(Instant)
    digest: Mapped[str]
    undone_by: Mapped[str | None]
    undone_at: Mapped[datetime.datetime | None] = mapped_column(Instant)
    # the event-log entry that recorded the certification (as for a void)
    log_sequence: Mapped[int | None] = mapped_column(BigInteger)
    log_hash: Mapped[str | None]

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["elections.id"]),)


class ModeApprovalRow(Base):
    """A supervisory body's approval of a voting mode in one constituency of a contest
    (`core.supervision.modes`), with the event-log entry that recorded it."""

    __tablename__ = "mode_approvals"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    contest: Mapped[str] = mapped_column(Code, primary_key=True)
    constituency: Mapped[str] = mapped_column(Code, primary_key=True)
    mode: Mapped[str] = mapped_column(Code, primary_key=True)
    reference: Mapped[str]
    approved_by: Mapped[str]
    body: Mapped[str] = mapped_column(Code)
    approved_at: Mapped[datetime.datetime] = mapped_column(Instant)
    log_sequence: Mapped[int] = mapped_column(BigInteger)
    log_hash: Mapped[str]

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["elections.id"]),)


class EventRow(Base):
    """One entry of the event log: what `core.log.Entry` holds, so that it re-verifies as read.

    The type is not checked against the catalogue: the catalogue grows with the code, and a CHECK
    would need a migration for every new type, one Alembic does not notice is missing.
    """

    __tablename__ = "events"

    sequence: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    previous_hash: Mapped[str]
    hash: Mapped[str] = mapped_column(unique=True)
    time: Mapped[datetime.datetime] = mapped_column(Instant)
    actor: Mapped[str]
    role: Mapped[str]
    place: Mapped[str]
    type: Mapped[str]
    disposition: Mapped[str]
    details: Mapped[dict[str, Any]] = mapped_column(JSON)

    __table_args__ = (
        CheckConstraint(
            "disposition IN (" + ", ".join(f"'{d.value}'" for d in Disposition) + ")",
            name="disposition",
        ),
    )


class LogCheckpointRow(Base):
    """A signed checkpoint of the event log (`core.log.checkpoints`), in the order taken."""

    __tablename__ = "log_checkpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    sequence: Mapped[int] = mapped_column(BigInteger)
    head: Mapped[str]
    time: Mapped[datetime.datetime] = mapped_column(Instant)
    signature: Mapped[str]  # 128 hex digits


class OperatorRow(Base):
    """An operator's account (`services.ports.OperatorAccount`): an argon2id hash, never a
    password; the TOTP secret sealed with the server key (`server.server_key`), since checking a
    code needs it. `totp_secret` holds a secret stored in clear before revision 0011, until
    `sandogh user seal-totp` seals it; the centre refuses to start while one is left."""

    __tablename__ = "operators"

    username: Mapped[str] = mapped_column(Code, primary_key=True)
    display_name: Mapped[str]
    role: Mapped[str]
    place: Mapped[str] = mapped_column(Code)
    # the supervisory body the account acts for (`core.access.bodies`); None: none recorded
    body: Mapped[str | None] = mapped_column(Code)
    password_hash: Mapped[str]
    totp_secret: Mapped[str | None]
    totp_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    totp_step: Mapped[int | None] = mapped_column(BigInteger)
    disabled: Mapped[bool]
    failures: Mapped[int]
    locked_until: Mapped[datetime.datetime | None] = mapped_column(Instant)
    added_at: Mapped[datetime.datetime] = mapped_column(Instant)


class OperatorSessionRow(Base):
    """A signed-in operator, by the SHA-256 of the session's token (the token is never stored)."""

    __tablename__ = "operator_sessions"

    token_hash: Mapped[str] = mapped_column(Code, primary_key=True)
    username: Mapped[str] = mapped_column(Code, index=True)
    csrf_token: Mapped[str]
    started_at: Mapped[datetime.datetime] = mapped_column(Instant)
    last_seen_at: Mapped[datetime.datetime] = mapped_column(Instant)
    expires_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (ForeignKeyConstraint(["username"], ["operators.username"]),)


class OperatorNetworkRow(Base):
    """An account's standing on one origin network (`services.ports.AccountNetwork`): its own
    lockout there, and when a log-in from there last failed and last succeeded."""

    __tablename__ = "operator_networks"

    username: Mapped[str] = mapped_column(Code, primary_key=True)
    network: Mapped[str] = mapped_column(Code, primary_key=True)
    failures: Mapped[int]
    locked_until: Mapped[datetime.datetime | None] = mapped_column(Instant)
    failed_at: Mapped[datetime.datetime | None] = mapped_column(Instant)
    succeeded_at: Mapped[datetime.datetime | None] = mapped_column(Instant)

    __table_args__ = (ForeignKeyConstraint(["username"], ["operators.username"]),)


class LoginCounterRow(Base):
    """Failed log-ins of one key (an address, a network, all accounts) in one fixed window of the
    throttle (`core.access.throttle`), shared by every process of the centre."""

    __tablename__ = "login_counters"

    key: Mapped[str] = mapped_column(Code, primary_key=True)
    window_start: Mapped[datetime.datetime] = mapped_column(Instant, primary_key=True)
    count: Mapped[int]

    __table_args__ = (Index("ix_login_counters_window_start", "window_start"),)


class SecurityAlertRow(Base):
    """That an attack seems under way: once per kind, subject and window."""

    __tablename__ = "security_alerts"

    kind: Mapped[str] = mapped_column(Code, primary_key=True)
    subject: Mapped[str] = mapped_column(Code, primary_key=True)
    window_start: Mapped[datetime.datetime] = mapped_column(Instant, primary_key=True)
    at: Mapped[datetime.datetime] = mapped_column(Instant, index=True)
    failures: Mapped[int]


class RefusalCountRow(Base):
    """Requests from one source refused for one reason in one minute, before their sender was
    shown to be anyone (`services.refusals`)."""

    __tablename__ = "refusal_counts"

    source: Mapped[str] = mapped_column(Code, primary_key=True)
    minute: Mapped[datetime.datetime] = mapped_column(Instant, primary_key=True)
    reason: Mapped[str] = mapped_column(Code, primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_refusal_counts_minute", "minute"),)


class RefusedSourceRow(Base):
    """That a source was refused in a minute: its key tells exactly one refusal it is the first
    (and so the one recorded in the event log)."""

    __tablename__ = "refused_sources"

    source: Mapped[str] = mapped_column(Code, primary_key=True)
    minute: Mapped[datetime.datetime] = mapped_column(Instant, primary_key=True)


class ReadinessBoxRow(Base):
    """A ballot box of the fleet register (`core.readiness.Box`)."""

    __tablename__ = "readiness_boxes"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    serial: Mapped[str] = mapped_column(Code, primary_key=True)
    model: Mapped[str]
    software: Mapped[str]
    place: Mapped[str] = mapped_column(Code)
    public_key: Mapped[str | None] = mapped_column(Code)
    last_seen: Mapped[datetime.datetime | None] = mapped_column(Instant)

    __table_args__ = (_of_a_unit("place"),)


class ReadinessPapersRow(Base):
    """Ballot papers of one station (`core.readiness.PaperStock`)."""

    __tablename__ = "readiness_papers"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code, primary_key=True)
    sent: Mapped[int]
    received: Mapped[int]
    used: Mapped[int]

    __table_args__ = (
        _of_a_unit("station"),
        *(_non_negative(column) for column in ("sent", "received", "used")),
    )


class ReadinessStaffRow(Base):
    """Staff of one role at one station (`core.readiness.Staffing`)."""

    __tablename__ = "readiness_staff"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code, primary_key=True)
    role: Mapped[str] = mapped_column(Code, primary_key=True)
    assigned: Mapped[int]
    trained: Mapped[int]

    __table_args__ = (
        _of_a_unit("station"),
        *(_non_negative(column) for column in ("assigned", "trained")),
    )


class CandidacyCalendarRow(Base):
    """An election's calendar (`sandogh/calendar@1`, canonical JSON), the latest stored. Not tied
    to a stored definition: candidacy comes before the definition can be written."""

    __tablename__ = "candidacy_calendars"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    canonical: Mapped[bytes] = mapped_column(LargeBinary)
    calendar_hash: Mapped[str] = mapped_column(Code)
    stored_at: Mapped[datetime.datetime] = mapped_column(Instant)


class CandidacyStepRow(Base):
    """A candidacy step (`core.candidacy.records`) as recorded, in order, never changed, with the
    event-log entry that recorded it; an authority's answer is stored once under its id."""

    __tablename__ = "candidacy_steps"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(Code)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    at: Mapped[datetime.datetime] = mapped_column(Instant)
    by: Mapped[str]
    log_sequence: Mapped[int] = mapped_column(BigInteger)
    log_hash: Mapped[str]
    answer_id: Mapped[str | None] = mapped_column(Code)

    __table_args__ = (
        CheckConstraint("number >= 1", name="number"),
        ForeignKeyConstraint(["election_id"], ["candidacy_calendars.election_id"]),
        Index("uq_candidacy_steps_answer", "election_id", "answer_id", unique=True),
    )


class OutcomeDecisionRow(Base):
    """A lot or a withdrawal (`core.rules.settled`, `core.candidacy.withdrawal`) as recorded, in
    order, never changed, with the event-log entry that recorded it; `key` (the tie, the
    candidate) is decided once."""

    __tablename__ = "outcome_decisions"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(Code)
    key: Mapped[str] = mapped_column(Code)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    log_sequence: Mapped[int] = mapped_column(BigInteger)
    log_hash: Mapped[str]

    __table_args__ = (
        CheckConstraint("number >= 1", name="number"),
        ForeignKeyConstraint(["election_id"], ["elections.id"]),
        Index("uq_outcome_decisions_key", "election_id", "key", unique=True),
    )


class StationWorkerRow(Base):
    """One person of a station's staff, by name and role (`core.readiness.Worker`)."""

    __tablename__ = "station_workers"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    person: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code)
    name: Mapped[str]
    role: Mapped[str] = mapped_column(Code)

    __table_args__ = (
        _of_a_unit("station"),
        CheckConstraint(
            "role IN (" + ", ".join(f"'{r.value}'" for r in ReadinessRole) + ")", name="role"
        ),
    )


class StaffSessionRow(Base):
    """A training session or briefing (`core.readiness.Session`); who attended is beside it."""

    __tablename__ = "staff_sessions"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(Code)
    held: Mapped[datetime.date]
    place: Mapped[str]
    topic: Mapped[str]

    __table_args__ = (
        ForeignKeyConstraint(["election_id"], ["elections.id"]),
        CheckConstraint(
            "kind IN (" + ", ".join(f"'{k.value}'" for k in SessionKind) + ")", name="kind"
        ),
    )


class StaffAttendanceRow(Base):
    """That a person of the roster attended a session."""

    __tablename__ = "staff_attendance"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    person: Mapped[str] = mapped_column(Code, primary_key=True)

    __table_args__ = (
        ForeignKeyConstraint(
            ["election_id", "number"], ["staff_sessions.election_id", "staff_sessions.number"]
        ),
        ForeignKeyConstraint(
            ["election_id", "person"], ["station_workers.election_id", "station_workers.person"]
        ),
    )


class RemotePlanRow(Base):
    """A hard-to-reach station's plan for the day (`core.readiness.RemotePlan`)."""

    __tablename__ = "remote_plans"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    station: Mapped[str] = mapped_column(Code, primary_key=True)
    transport: Mapped[str]
    helicopter: Mapped[bool]
    report_grace_minutes: Mapped[int]
    link_tested: Mapped[datetime.date | None]
    link_ok: Mapped[bool]

    __table_args__ = (_of_a_unit("station"), _non_negative("report_grace_minutes"))


class PastProblemRow(Base):
    """A problem a station had in an earlier election (`core.readiness.PastProblem`). Keyed by
    the station's code alone, with no tie to an election stored here: the catalogue outlives the
    elections it was drawn from."""

    __tablename__ = "station_past_problems"

    station: Mapped[str] = mapped_column(Code, primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    election: Mapped[str] = mapped_column(Code)
    note: Mapped[str]


class BuildDecisionRow(Base):
    """A build approved for an election day, and its revocation (`core.fleet.BuildDecision`)."""

    __tablename__ = "build_decisions"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    build: Mapped[str] = mapped_column(Code, primary_key=True)
    label: Mapped[str]
    approved_by: Mapped[str]
    approved_at: Mapped[datetime.datetime] = mapped_column(Instant)
    revoked_by: Mapped[str | None]
    revoked_at: Mapped[datetime.datetime | None] = mapped_column(Instant)

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["elections.id"]),)


class BuildProposalRow(Base):
    """A build decision proposed for k officials to sign, and their signatures so far
    (`core.fleet.build_signatures`): a list of [ed25519:HEX key, hex signature]."""

    __tablename__ = "build_proposals"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    build: Mapped[str] = mapped_column(Code, primary_key=True)
    action: Mapped[str] = mapped_column(Code, primary_key=True)
    label: Mapped[str]
    proposed_by: Mapped[str]
    proposed_at: Mapped[datetime.datetime] = mapped_column(Instant)
    signatures: Mapped[list[list[str]]] = mapped_column(JSON)

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["elections.id"]),)


class AttestedBuildRow(Base):
    """The build a box (by its key) last named in a signed report the centre read."""

    __tablename__ = "attested_builds"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    public_key: Mapped[str] = mapped_column(Code, primary_key=True)
    build: Mapped[str] = mapped_column(Code)
    attested_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (ForeignKeyConstraint(["election_id"], ["elections.id"]),)


class HandoverRow(Base):
    """One hand-over of a box on its way to its station (`core.fleet.Handover`)."""

    __tablename__ = "box_handovers"

    election_id: Mapped[str] = mapped_column(Code, primary_key=True)
    serial: Mapped[str] = mapped_column(Code, primary_key=True)
    step: Mapped[str] = mapped_column(Code, primary_key=True)
    place: Mapped[str] = mapped_column(Code)
    handed_by: Mapped[str]
    handed_at: Mapped[datetime.datetime] = mapped_column(Instant)

    __table_args__ = (_of_a_unit("place"),)
