"""`sandogh readiness`: import, export and show the hand-worked Kerman registers over SQLite."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandogh.cli.app import app
from sandogh.core.readiness import Register
from sandogh.formats.definition_file import canonical_bytes, definition_hash
from sandogh.formats.readiness_csv import ReadinessCsvError, write_register
from sandogh.services.elections import load_election
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork

from ..conftest import TEST_NOW
from ..core.readiness.kerman import BARDSIR, BARDSIR_STATIONS, ELECTION_DAY, FAILED_BOX, registers

PROVINCIAL = ("--as", "rahimi", "--role", "provincial-hq", "--place", "IR-08")


@pytest.fixture
def db(sqlite_store_url: str) -> str:
    url = sqlite_store_url
    engine = make_engine(url)
    try:
        load_election(
            lambda: SqlUnitOfWork(engine, now=TEST_NOW),
            ELECTION_DAY,
            definition_hash=definition_hash(ELECTION_DAY),
            canonical=canonical_bytes(ELECTION_DAY),
            now=TEST_NOW,
        )
    finally:
        engine.dispose()
    return url


def run(db: str, *args: str) -> str:
    done = CliRunner().invoke(app, [*args, "--db", db], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done.output


def refused(db: str, *args: str) -> str:
    """The message `sandogh` prints for the failure (its `main` prints the error's text)."""
    done = CliRunner().invoke(app, [*args, "--db", db])
    assert isinstance(done.exception, ReadinessCsvError), done.output
    return str(done.exception)


def test_import_show_and_export_round_trip(db: str, tmp_path: Path) -> None:
    for register in Register:
        path = tmp_path / f"{register}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            write_register(register, registers().rows(register), out)
        said = run(db, "readiness", "import", register.value, str(path), *PROVINCIAL)
        # S20 F13's note: the place by its name and the counts in Persian words and digits
        assert "ردیف ذخیره شد و ۰ ردیف پیشین جایگزین شد" in said
        assert "rows stored" not in said
    shown = json.loads(run(db, "readiness", "show", "--unit", BARDSIR, "--json", *PROVINCIAL))
    # no box is enrolled in this store, and the command reads the clock: long after the polling
    # day, every station is also late
    missing = [m for m in shown["missing"] if m["gap"].startswith(("papers", "update"))]
    # no box has sent a signed report naming its build: each is pending, whatever the file says
    assert [(m["place"], m["gap"], m["subject"]) for m in missing] == [
        (BARDSIR_STATIONS[0], "update-pending", "SB-0803-0001"),
        (BARDSIR_STATIONS[0], "papers-not-received", ""),
        (BARDSIR_STATIONS[1], "update-pending", FAILED_BOX),
        (BARDSIR_STATIONS[1], "papers-short", ""),
    ]
    assert (shown["summary"]["boxes_failed"], shown["summary"]["boxes_pending"]) == (0, 2)
    table = run(db, "readiness", "show", *PROVINCIAL)
    assert "کمبود تعرفه" in table
    assert "۲" in table
    out = tmp_path / "papers-out.csv"
    run(db, "readiness", "export", "papers", "--out", str(out), *PROVINCIAL)
    assert out.read_text(encoding="utf-8").splitlines()[:2] == [
        "station,sent,received,used,left",
        "ST-0801-0001,600,600,100,500",
    ]


def test_a_bad_file_names_its_lines_and_stores_nothing(db: str, tmp_path: Path) -> None:
    path = tmp_path / "papers.csv"
    path.write_text(
        "station,sent,received,used\nST-0803-0001,600,600,700\nST-0803-0002,۶۰۰,x,0\n",
        encoding="utf-8",
    )
    failed = refused(db, "readiness", "import", "papers", str(path), *PROVINCIAL)
    assert "line 3, column received" in failed
    path.write_text("station,sent,received,used\nST-0803-0001,600,600,700\n", encoding="utf-8")
    failed = refused(db, "readiness", "import", "papers", str(path), *PROVINCIAL)
    assert "line 2, column used: 700 used of 600 received" in failed
    shown = json.loads(run(db, "readiness", "show", "--json", *PROVINCIAL))
    assert shown["summary"]["stations_short_of_papers"] == 5  # no row stored: none has papers


def test_formulas_imported_are_exported_as_text_and_import_again_unchanged(
    db: str, tmp_path: Path
) -> None:
    rows = ["serial,model,software,update,place"]
    rows += [
        f'"{first}SB-{i}","{first}HYPERLINK(""http://evil.example"",""x"")",4.2,current,IR-08'
        for i, first in enumerate(("=", "+", "-", "@", "\t=", "\r="))
    ]
    typed = tmp_path / "fleet.csv"
    typed.write_text("\n".join(rows) + "\n", encoding="utf-8")
    run(db, "readiness", "import", "fleet", str(typed), *PROVINCIAL)
    out = tmp_path / "fleet-out.csv"
    run(db, "readiness", "export", "fleet", "--out", str(out), *PROVINCIAL)
    exported = out.read_text(encoding="utf-8")
    with out.open(encoding="utf-8", newline="") as stream:
        cells = [cell for row in csv.reader(stream) for cell in row]
    assert '\'=HYPERLINK(""http://evil.example"",""x"")' in exported
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    run(db, "readiness", "import", "fleet", str(out), *PROVINCIAL)
    again = tmp_path / "fleet-again.csv"
    run(db, "readiness", "export", "fleet", "--out", str(again), *PROVINCIAL)
    assert again.read_text(encoding="utf-8") == exported
