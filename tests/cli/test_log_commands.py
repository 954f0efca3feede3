"""`sandogh log verify|export|keygen` on a real store: the chain holds, any tampering is named,
and a log cut, re-hashed or rewritten after a snapshot published its signed checkpoints fails
against that snapshot (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import datetime
import json
import shutil
import sqlite3
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete
from typer.testing import CliRunner, Result

from sandogh.cli.app import app
from sandogh.core.log import Event, sign_checkpoint
from sandogh.core.report import SigningKey
from sandogh.locale.digits import format_int
from sandogh.publish.log_anchor import write_log_anchor
from sandogh.publish.writer import Writer
from sandogh.store.engine import make_engine
from sandogh.store.event_log import SqlEventLog
from sandogh.store.tables import EventRow
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.publish.build import at, report, set_up
from tests.publish.serving import serving
from tests.services.build import ST_1, ST_2

from .test_app import EXAMPLE, sandogh


@pytest.fixture(scope="module")
def logged_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose log holds a definition loaded and its results imported, made once: three
    commands' runs, which each test would otherwise pay again."""
    path = tmp_path_factory.mktemp("logged") / "log.sqlite"
    db = f"sqlite:///{path}"
    sandogh("init", db=db)
    sandogh("load", str(EXAMPLE / "round2.yaml"), db=db)
    sandogh("results", "import", str(EXAMPLE / "round2-results.csv"), "-e", "kerman-1403-r2", db=db)
    return path


@pytest.fixture
def logged(logged_template: Path, tmp_path: Path) -> Path:
    """This test's own copy of `logged_template`, to tamper with."""
    path = tmp_path / "log.sqlite"
    shutil.copyfile(logged_template, path)
    return path


def test_the_chain_holds_and_exports_as_json_lines(logged: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{logged}"
    shown = json.loads(sandogh("log", "verify", "--json", db=db).stdout)
    assert shown["ok"] is True
    assert shown["checked"] == 2
    sandogh("log", "export", "--out", str(tmp_path / "log.jsonl"), db=db)
    lines = (tmp_path / "log.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["event"]["type"] for line in lines] == [
        "definition-loaded",
        "results-imported",
    ]


@pytest.mark.parametrize(
    ("column", "value"),
    [("actor", "someone-else"), ("details", '{"election": "forged"}'), ("hash", "0" * 64)],
)
def test_tampering_with_any_stored_entry_is_named(logged: Path, column: str, value: str) -> None:
    with sqlite3.connect(logged) as connection:
        connection.execute(f"UPDATE events SET {column} = ? WHERE sequence = 1", (value,))
    done = sandogh("log", "verify", "--json", db=f"sqlite:///{logged}", check=False)
    assert done.returncode == 4
    broken = json.loads(done.stdout)["broken"]
    assert broken["sequence"] == 1
    assert broken["fault"] in {"hash-mismatch", "broken-link"}


def test_deleting_an_entry_is_named(logged: Path) -> None:
    with sqlite3.connect(logged) as connection:
        connection.execute("DELETE FROM events WHERE sequence = 1")
    done = sandogh("log", "verify", "--json", db=f"sqlite:///{logged}", check=False)
    assert done.returncode == 4
    assert json.loads(done.stdout)["broken"]["fault"] == "sequence-gap"


# ---- the log held to the checkpoints a snapshot published (issue 9, section 3) ---------------


@dataclass(frozen=True)
class Published:
    """A store (SQLite or PostgreSQL) whose log a snapshot, signed by the log key, anchors."""

    db: str
    engine: Engine
    snapshot: Path
    key: str  # the log key's public key text, as a second source would give it

    def verify(self, *more: str, lang: str = "en") -> Result:
        return _run("log", "verify", "--db", self.db, "--lang", lang, *more)

    def against(self, *more: str, lang: str = "en") -> Result:
        return self.verify("--against", str(self.snapshot), *more, lang=lang)


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def published(store_url: str, tmp_path: Path) -> Iterator[Published]:
    engine = make_engine(store_url)

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=at(0))

    set_up(uow)
    report(uow, ST_1, 1)
    report(uow, ST_2, 2)
    key_file = tmp_path / "log.key"
    made = _run("log", "keygen", "--out", str(key_file), "--lang", "en")
    assert made.exit_code == 0, made.output
    key = made.stdout.rsplit(" ", 1)[-1].strip()
    snapshot = tmp_path / "snapshot"
    done = _run("publish", "--out", str(snapshot), "--db", store_url, "--log-key", str(key_file))
    assert done.exit_code == 0, done.output
    try:
        yield Published(store_url, engine, snapshot, key)
    finally:
        engine.dispose()


def _head(engine: Engine) -> int:
    with engine.connect() as connection:
        head = SqlEventLog(connection).head()
    assert head is not None
    return head.sequence


def _rechain(engine: Engine, change: Callable[[list[Event]], list[Event]]) -> None:
    """The attacker who holds the database: rewrite the log's events, then chain them anew."""
    with engine.begin() as connection:
        events = [entry.event for entry in SqlEventLog(connection).entries()]
        connection.execute(delete(EventRow))
        log = SqlEventLog(connection)
        for event in change(events):
            log.record(event)


def test_the_honest_log_holds_against_its_snapshot_by_folder_and_by_url(
    published: Published,
) -> None:
    held = published.against("--log-key-public", published.key)
    assert held.exit_code == 0, held.output
    assert f"the last {_head(published.engine)} with hash" in held.stdout
    with serving(published.snapshot) as url:
        over_http = published.verify("--against", url, "--json")
    assert over_http.exit_code == 0, over_http.output
    assert json.loads(over_http.stdout)["ok"] is True
    assert "only its word" in over_http.stderr  # no key from a second source: a warning


def test_a_cut_tail_fails_naming_the_checkpoint(published: Published) -> None:
    head = _head(published.engine)
    with published.engine.begin() as connection:
        connection.execute(delete(EventRow).where(EventRow.sequence > head - 2))
    assert published.verify().exit_code == 0  # the chain alone still holds
    cut = published.against("--log-key-public", published.key)
    assert cut.exit_code == 4
    assert (
        f"the stored log ends at entry {head - 2}, but a published checkpoint vouches for "
        f"entry {head}: its tail was cut off"
    ) in cut.stdout
    in_persian = published.against("--log-key-public", published.key, lang="fa")
    assert in_persian.exit_code == 4
    assert "انتهای لاگ بریده شده است" in in_persian.stdout
    assert format_int(head, "fa") in in_persian.stdout


def test_an_entry_deleted_and_the_rest_rehashed_fails(published: Published) -> None:
    head = _head(published.engine)
    # the second entry gone, and one more appended so that the log is as long as before
    _rechain(published.engine, lambda events: [events[0], *events[2:], events[-1]])
    assert published.verify().exit_code == 0
    rewritten = published.against("--log-key-public", published.key, "--json")
    assert rewritten.exit_code == 4
    broken = json.loads(rewritten.stdout)["broken"]
    assert (broken["sequence"], broken["fault"]) == (head, "checkpoint-mismatch")
    # the checkpoints stored beside the log, signed by its key, disagree as well
    at_home = published.verify("--log-key-public", published.key, "--json")
    assert at_home.exit_code == 4
    assert json.loads(at_home.stdout)["broken"]["fault"] == "checkpoint-mismatch"
    shown = published.against("--log-key-public", published.key)
    assert f"entry {head} of the stored log has hash {broken['found']}" in shown.stdout


def test_an_entry_rewritten_and_rechained_fails(published: Published) -> None:
    head = _head(published.engine)

    def forged(events: list[Event]) -> list[Event]:
        details = {**events[1].details, "forged": True}
        return [events[0], dataclasses.replace(events[1], details=details), *events[2:]]

    _rechain(published.engine, forged)
    assert published.verify().exit_code == 0
    rewritten = published.against("--log-key-public", published.key, "--json")
    assert rewritten.exit_code == 4
    broken = json.loads(rewritten.stdout)["broken"]
    assert (broken["sequence"], broken["fault"]) == (head, "checkpoint-mismatch")


def test_a_checkpoint_forged_with_another_key_fails(published: Published) -> None:
    other = SigningKey.from_seed(bytes(range(1, 33)))
    with published.engine.connect() as connection:
        head = SqlEventLog(connection).head()
    assert head is not None
    fake = dataclasses.replace(head, sequence=head.sequence + 1)  # a head the log never had
    writer = Writer(published.snapshot)
    write_log_anchor(writer, [sign_checkpoint(other, fake, at(50))], other.public_key)
    forged = published.against("--log-key-public", published.key)
    assert forged.exit_code == 4
    signed_at = at(50).astimezone(datetime.UTC).isoformat()
    assert (
        f"the checkpoint of entry {head.sequence + 1} ({signed_at}) is not signed by the log key "
        f"{published.key}"
    ) in forged.stdout
    assert "the chain holds" not in forged.stdout
    believed = published.against()  # key.txt replaced too: only a second source tells
    assert believed.exit_code == 4  # the forged head is not in the log
    assert "only its word" in believed.stderr


def test_keygen_never_overwrites_a_key_and_the_public_key_reads_back(tmp_path: Path) -> None:
    key_file = tmp_path / "log.key"
    made = _run("log", "keygen", "--out", str(key_file))
    assert made.exit_code == 0
    again = _run("log", "keygen", "--out", str(key_file))
    assert again.exit_code != 0
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    shown = _run("log", "public-key", "--log-key", str(key_file))
    assert shown.exit_code == 0
    assert shown.stdout.startswith("ed25519:")
    assert shown.stdout.strip() in made.stdout
