"""`sandogh e2e load-ceremony` on a real database file: what it prints, Persian by default and
English with `--lang en` (the outside review found it had no `--lang`)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sandogh.cli.app import app
from sandogh.cli.database import open_store
from tests.e2e_build import ceremony

from .test_app import EXAMPLE

ELECTION = "kerman-1403-r2"


def test_load_ceremony_says_what_it_loaded_in_persian_or_english(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'centre.sqlite'}"
    runner = CliRunner()
    for args in (["init"], ["load", str(EXAMPLE / "round2.yaml")]):
        assert runner.invoke(app, [*args, "--db", db]).exit_code == 0
    with open_store(db)() as work:
        definition_hash = work.elections.hash_of(ELECTION)
    assert definition_hash is not None
    guardians = ceremony(ELECTION, definition_hash)
    record = tmp_path / "ceremony.json"
    record.write_bytes(guardians.data)
    load = ["e2e", "load-ceremony", "--election", ELECTION, "--record", str(record), "--db", db]

    persian = runner.invoke(app, load)
    english = runner.invoke(app, [*load, "--lang", "en"])  # the same record again: taken once

    assert persian.exit_code == 0, persian.output
    assert "سیاهه مراسم کلید بارگذاری شد؛ کلید مشترک" in persian.output
    assert guardians.record.joint_key.hex() in persian.output
    assert english.exit_code == 0, english.output
    assert "ceremony record loaded; joint key" in english.output
