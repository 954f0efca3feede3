"""Creating the schema, and refusing a database whose schema is not this sandogh's."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, String, inspect, text
from sqlalchemy.exc import IntegrityError

from sandogh.locale.command_failures import say
from sandogh.store.engine import make_engine
from sandogh.store.errors import DatabaseUnavailableError, SchemaError
from sandogh.store.ledger import SqlLedgerRepository
from sandogh.store.schema import check_schema, head_revision, init_database, open_database
from sandogh.store.tables import Base
from sandogh.store.unit_of_work import SqlUnitOfWork


def _execute(url: str, statement: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def test_init_creates_the_schema_and_can_run_again(db_url: str) -> None:
    init_database(db_url)
    init_database(db_url)
    engine = open_database(db_url)
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            revision = MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()
    assert tables == {
        "alembic_version",
        "elections",
        "outcome_decisions",
        "units",
        "tally_sheets",
        "voted_ledger",
        "devices",
        "station_reports",
        "incidents",
        "events",
        "operators",
        "operator_sessions",
        "operator_networks",
        "login_counters",
        "security_alerts",
        "violation_cases",
        "voids",
        "certifications",
        "readiness_boxes",
        "readiness_papers",
        "readiness_staff",
        "staff_keys",
        "log_checkpoints",
        "refusal_counts",
        "refused_sources",
        "pre_election_records",
        "record_signatures",
        "record_amendments",
        "e2e_ceremonies",
        "ballot_chains",
        "audits",
        "audit_rounds",
        "audit_readings",
        "audit_hand_counts",
        "candidacy_calendars",
        "candidacy_steps",
        "station_workers",
        "staff_sessions",
        "staff_attendance",
        "remote_plans",
        "station_past_problems",
        "build_decisions",
        "attested_builds",
        "build_proposals",
        "box_handovers",
        "mode_approvals",
        "results_totals",
        "results_total_votes",
        "results_totals_filled",
        "certified_totals_nodes",
    }
    assert revision == head_revision() == "0027"


def _migrate(url: str, to: str, *, down: bool = False) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            config = Config()
            config.set_main_option("script_location", "sandogh.store:migrations")
            config.attributes["connection"] = connection
            (command.downgrade if down else command.upgrade)(config, to)
    finally:
        engine.dispose()


def test_a_store_of_the_first_revision_upgrades_keeping_its_rows(db_url: str) -> None:
    _migrate(db_url, "0001")
    _execute(
        db_url,
        "INSERT INTO elections (id, version, name_fa, name_en, date, definition_hash, "
        "definition, loaded_at) VALUES ('kerman-1403-r2', 1, 'ک', 'K', '2024-07-05', 'h', "
        "'d', '2024-07-05 20:00:00')",
    )
    init_database(db_url)
    engine = open_database(db_url)
    try:
        with engine.connect() as connection:
            ids = connection.execute(text("SELECT id FROM elections")).scalars().all()
    finally:
        engine.dispose()
    assert ids == ["kerman-1403-r2"]


def test_voids_stored_before_the_anchored_log_name_the_entry_that_recorded_them(
    db_url: str,
) -> None:
    _migrate(db_url, "0006")
    _execute(
        db_url,
        "INSERT INTO elections (id, version, name_fa, name_en, date, definition_hash, "
        "definition, loaded_at) VALUES ('kerman-1403-r2', 1, 'ک', 'K', '2024-07-05', 'h', "
        "'d', '2024-07-05 20:00:00')",
    )
    for number in (1, 2):  # the first recorded by the entry below, the second by none
        _execute(
            db_url,
            "INSERT INTO voids (id, election_id, kind, stations, reason, reference, decided_by, "
            f"decided_at) VALUES ({number}, 'kerman-1403-r2', 'station', '[\"ST-1\"]', 'r', "
            "'x', 'hoseini', '2024-07-06 09:00:00')",
        )
    _execute(
        db_url,
        "INSERT INTO events (sequence, previous_hash, hash, time, actor, role, place, type, "
        "disposition, details) VALUES (1, 'p', 'h1', '2024-07-06 09:00:00', 'hoseini', "
        "'supervisor', 'IR', 'station-voided', 'done', '{\"void\": 1}')",
    )
    init_database(db_url)
    engine = open_database(db_url)
    try:
        with engine.connect() as connection:
            named = connection.execute(
                text("SELECT id, log_sequence, log_hash FROM voids ORDER BY id")
            ).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in named] == [(1, 1, "h1"), (2, None, None)]


def test_certifications_undone_before_0023_name_the_entry_that_recorded_the_undoing(
    db_url: str,
) -> None:
    _migrate(db_url, "0022")
    _execute(
        db_url,
        "INSERT INTO elections (id, version, name_fa, name_en, date, definition_hash, "
        "definition, loaded_at) VALUES ('kerman-1403-r2', 1, 'ک', 'K', '2024-07-05', 'h', "
        "'d', '2024-07-05 20:00:00')",
    )
    for number in (1, 2, 3):  # undone as the entry below records; undone by hand; in force
        undone = "'dovom', '2024-07-07 09:00:00'" if number < 3 else "NULL, NULL"
        _execute(
            db_url,
            "INSERT INTO certifications (id, election_id, contest, constituency, certified_by, "
            "role, place, certified_at, digest, undone_by, undone_at, log_sequence, log_hash) "
            f"VALUES ({number}, 'kerman-1403-r2', 'president', NULL, 'tehrani', 'supervisor', "
            f"'IR', '2024-07-06 09:00:00', 'sha256:{number}', {undone}, {number}, 'h{number}')",
        )
    _execute(
        db_url,
        "INSERT INTO events (sequence, previous_hash, hash, time, actor, role, place, type, "
        "disposition, details) VALUES (4, 'p', 'h4', '2024-07-07 09:00:00', 'dovom', "
        "'supervisor', 'IR', 'certification-undone', 'done', '{\"election\": "
        '"kerman-1403-r2", "contest": "president", "constituency": null, '
        '"digest": "sha256:1", "certified_by": "tehrani", "reason": '
        '"complaint", "acting_at": "IR"}\')',
    )
    init_database(db_url)
    engine = open_database(db_url)
    try:
        with engine.connect() as connection:
            named = connection.execute(
                text(
                    "SELECT id, undone_role, undone_place, undo_reason, undo_log_sequence, "
                    "undo_log_hash, reason FROM certifications ORDER BY id"
                )
            ).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in named] == [
        (1, "supervisor", "IR", "complaint", 4, "h4", None),
        (2, None, None, None, None, None, None),  # refused when read: no entry records it
        (3, None, None, None, None, None, None),
    ]


def test_a_totp_secret_stored_in_clear_before_0012_waits_there_to_be_sealed(db_url: str) -> None:
    """A migration cannot read the server key: the secret stays in its old column, where the
    centre finds it (and refuses to start) until `sandogh user seal-totp` moves it, sealed."""
    _migrate(db_url, "0011")
    _execute(
        db_url,
        "INSERT INTO operators (username, display_name, role, place, password_hash, totp_secret,"
        " disabled, failures, added_at) VALUES ('kerman-hq', 'Kerman HQ', 'provincial-hq',"
        " 'IR-08', '$argon2id$x', 'JBSWY3DPEHPK3PXP', false, 0, '2024-07-04 12:00:00+00:00')",
    )
    _migrate(db_url, "head")
    engine = open_database(db_url)
    try:
        with SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC)) as work:
            assert work.operators.clear_totp() == {"kerman-hq": "JBSWY3DPEHPK3PXP"}
            account = work.operators.get("kerman-hq")
            assert account is not None
            assert account.totp_sealed is None
            work.operators.seal_totp("kerman-hq", b"sealed")
            work.commit()
        with SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC)) as work:
            assert work.operators.clear_totp() == {}
            account = work.operators.get("kerman-hq")
            assert account is not None
            assert account.totp_sealed == b"sealed"
        with engine.connect() as connection:
            row = connection.execute(text("SELECT totp_secret, totp_sealed FROM operators")).one()
        assert tuple(row) == (None, b"sealed")
    finally:
        engine.dispose()
    _migrate(db_url, "0011", down=True)


def test_the_observers_rows_of_the_staff_register_go_and_the_staffs_stay(db_url: str) -> None:
    """0017: the staff register's `inspector` rows were the supervisory board's observers, who
    are not staff; every other row keeps its role and counts."""
    _migrate(db_url, "0014")
    for statement in (
        "INSERT INTO elections (id, version, name_fa, name_en, date, definition_hash, definition,"
        " loaded_at) VALUES ('e', 1, 'ک', 'K', '2024-07-05', 'h', 'd', '2024-07-05 20:00:00')",
        "INSERT INTO units (election_id, code, kind, parent, name_fa, name_en)"
        " VALUES ('e', 'ST-1', 'station', NULL, 'ش', 'S')",
        "INSERT INTO readiness_staff (election_id, station, role, assigned, trained)"
        " VALUES ('e', 'ST-1', 'head', 1, 1), ('e', 'ST-1', 'inspector', 1, 0)",
    ):
        _execute(db_url, statement)
    _migrate(db_url, "head")
    engine = open_database(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT role, assigned FROM readiness_staff")).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows] == [("head", 1)]


def test_the_election_day_revision_goes_down_and_up_again(db_url: str) -> None:
    init_database(db_url)
    _migrate(db_url, "0001", down=True)
    _migrate(db_url, "head")
    engine = open_database(db_url)
    engine.dispose()


def test_the_ledger_keeps_only_the_hour_of_a_check_in_stored_before(db_url: str) -> None:
    _migrate(db_url, "0010")
    moment = "2024-07-05 08:47:13.123456" + ("" if db_url.startswith("sqlite") else "+00:00")
    for statement in (
        "INSERT INTO elections (id, version, name_fa, name_en, date, definition_hash, "
        "definition, loaded_at) VALUES ('e', 1, 'ک', 'K', '2024-07-05', 'h', 'd', "
        "'2024-07-05 20:00:00')",
        "INSERT INTO units (election_id, code, kind, name_fa, name_en) "
        "VALUES ('e', 'S1', 'station', 'ش', 'S')",
        "INSERT INTO voted_ledger (election_id, voter_key, station, at, constituencies, "
        f"provisional) VALUES ('e', 'k', 'S1', '{moment}', '{{}}', false)",
    ):
        _execute(db_url, statement)
    init_database(db_url)
    engine = open_database(db_url)
    try:
        with engine.connect() as connection:
            entry = SqlLedgerRepository(connection).find("e", "k")
    finally:
        engine.dispose()
    assert entry is not None
    assert entry.at == datetime.datetime(2024, 7, 5, 8, tzinfo=datetime.UTC)


def test_a_hand_count_pending_before_0015_can_be_certified_and_goes_back_to_pending(
    db_url: str,
) -> None:
    _migrate(db_url, "0014")
    for statement in (
        "INSERT INTO elections (id, version, name_fa, name_en, date, definition_hash, "
        "definition, loaded_at) VALUES ('e', 1, 'ک', 'K', '2024-07-05', 'h', 'd', "
        "'2024-07-05 20:00:00')",
        "INSERT INTO audits (election_id, contests, risk_limit, manifest, manifest_hash, plan, "
        "started_at) VALUES ('e', '[]', '1/20', '', 'm', '', '2024-07-06 08:00:00')",
        "INSERT INTO audit_hand_counts (election_id, contest, counts, entered_at, entered_by, "
        "status) VALUES ('e', 'p:K', '{}', '2024-07-06 09:00:00', 'b', 'pending-certification')",
    ):
        _execute(db_url, statement)
    _migrate(db_url, "head")
    certify = (
        "UPDATE audit_hand_counts SET status = 'certified', certified_by = 's', "
        "log_sequence = 7 WHERE contest = 'p:K'"
    )
    _execute(db_url, certify)
    read = "SELECT status, certified_by, log_sequence FROM audit_hand_counts"
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            assert tuple(connection.execute(text(read)).one()) == ("certified", "s", 7)
    finally:
        engine.dispose()
    _migrate(db_url, "0014", down=True)
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            row = connection.execute(text("SELECT status FROM audit_hand_counts")).one()
    finally:
        engine.dispose()
    assert tuple(row) == ("pending-certification",)
    with pytest.raises(IntegrityError, match=r"(?i)check"):
        _execute(db_url, "UPDATE audit_hand_counts SET status = 'certified'")


def test_the_migrations_build_exactly_the_models_schema(db_url: str) -> None:
    init_database(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
            collations = _collations(connection)
        dialect = engine.dialect
    finally:
        engine.dispose()
    assert differences == []
    # Alembic does not compare collations: the byte-order codes on PostgreSQL are checked here.
    if dialect.name == "postgresql":
        assert collations == {
            (table.name, column.name): column.type.dialect_impl(dialect).collation
            for table in Base.metadata.tables.values()
            for column in table.columns
            if isinstance(column.type.dialect_impl(dialect), String)
        }


def _collations(connection: Connection) -> dict[tuple[str, str], str | None]:
    if connection.dialect.name != "postgresql":
        return {}
    query = text(
        "SELECT table_name, column_name, collation_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name <> 'alembic_version' "
        "AND data_type = 'character varying'"
    )
    return {(table, column): collation for table, column, collation in connection.execute(query)}


def test_a_database_without_the_schema_is_refused(db_url: str) -> None:
    with pytest.raises(SchemaError, match=r"has no sandogh schema yet: run `sandogh init`"):
        open_database(db_url)


def test_a_database_behind_this_sandogh_is_refused(db_url: str) -> None:
    _migrate(db_url, "0001")
    engine = make_engine(db_url)
    try:
        with pytest.raises(
            SchemaError, match=r"revision 0001, this sandogh needs 0027: run `sandogh init`"
        ) as behind:
            check_schema(engine)
    finally:
        engine.dispose()
    # and in Persian words (session 25, G4: the line was English on a Persian terminal)
    assert behind.value.said is not None
    key, values = behind.value.said
    persian = say(key, "fa", **values)
    assert "ویرایش \u20660001\u2069" in persian
    assert "«sandogh init» را اجرا کنید." in persian
    assert say(key, "en", **values) == f"sandogh: {behind.value}"


def test_a_database_of_a_newer_sandogh_is_refused(db_url: str) -> None:
    init_database(db_url)
    _execute(db_url, "UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(SchemaError, match="revision 0099, which this sandogh does not know"):
        open_database(db_url)
    with pytest.raises(SchemaError, match="written by a newer sandogh"):
        init_database(db_url)


def test_a_database_of_another_program_is_left_alone(db_url: str) -> None:
    _execute(db_url, "CREATE TABLE payroll (id INTEGER PRIMARY KEY)")
    with pytest.raises(SchemaError, match="has tables but no sandogh schema version"):
        init_database(db_url)
    with pytest.raises(SchemaError, match="not a sandogh database"):
        open_database(db_url)


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///{missing}/store.sqlite",
        "postgresql://hq:secret@/sandogh?host={missing}",
    ],
    ids=["sqlite", "postgresql"],
)
def test_a_database_that_cannot_be_reached_is_named(tmp_path: Path, url: str) -> None:
    url = url.format(missing=tmp_path / "missing")
    for use in (init_database, open_database):
        with pytest.raises(DatabaseUnavailableError, match="cannot open the database") as raised:
            use(url)
        assert "secret" not in str(raised.value)


def test_the_fleet_keeps_its_boxes_without_their_typed_update(db_url: str) -> None:
    """0018: the typed update goes, every other column of a box stays, and a box reads pending
    until it attests a build; down again, the column comes back as pending."""
    _migrate(db_url, "0014")
    for statement in (
        "INSERT INTO elections (id, version, name_fa, name_en, date, definition_hash, "
        "definition, loaded_at) VALUES ('e', 1, 'ک', 'K', '2024-07-05', 'h', 'd', "
        "'2024-07-05 20:00:00')",
        "INSERT INTO units (election_id, code, kind, name_fa, name_en) "
        "VALUES ('e', 'S1', 'station', 'ش', 'S')",
        "INSERT INTO readiness_boxes (election_id, serial, model, software, update_status, place,"
        " public_key) VALUES ('e', 'SB-1', 'SE-3', '4.2.0', 'current', 'S1', 'ab')",
    ):
        _execute(db_url, statement)
    _migrate(db_url, "head")
    engine = open_database(db_url)
    try:
        with SqlUnitOfWork(engine, now=datetime.datetime.now(datetime.UTC)) as work:
            (box,) = work.readiness.registers("e").fleet
    finally:
        engine.dispose()
    assert (box.serial, box.model, box.software, box.place, box.public_key) == (
        "SB-1",
        "SE-3",
        "4.2.0",
        "S1",
        "ab",
    )
    assert box.update.value == "pending"
    _migrate(db_url, "0014", down=True)
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            row = connection.execute(text("SELECT serial, update_status FROM readiness_boxes"))
            assert [tuple(r) for r in row] == [("SB-1", "pending")]
    finally:
        engine.dispose()
