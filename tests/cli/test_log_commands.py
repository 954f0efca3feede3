"""`sandogh log verify|export` on a real store: the chain holds, and any tampering is named."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from .test_app import EXAMPLE, sandogh


@pytest.fixture
def logged(tmp_path: Path) -> Path:
    """A store whose log holds a definition loaded and its results imported."""
    path = tmp_path / "log.sqlite"
    db = f"sqlite:///{path}"
    sandogh("init", db=db)
    sandogh("load", str(EXAMPLE / "round2.yaml"), db=db)
    sandogh("results", "import", str(EXAMPLE / "round2-results.csv"), "-e", "kerman-1403-r2", db=db)
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
