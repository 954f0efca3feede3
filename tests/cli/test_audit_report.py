"""`sandogh audit report DIR` writes a new or empty folder, or replaces an earlier report of the
same audit whole; it refuses any other folder and leaves it as it was (F15 of the S18 review)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from sandogh.cli.app import app
from tests.cli.test_audit_commands import DICE, SUPERVISOR
from tests.cli.test_audit_inputs import SMALL, _loaded


def _run(db: str, *args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(app, [*args, "--db", db, "-e", SMALL.id])


def test_a_report_replaces_only_an_earlier_report_of_the_same_audit(tmp_path: Path) -> None:
    db = _loaded(tmp_path, (151, 149))
    _run(db, "audit", "start", *SUPERVISOR, "--contest", "president", "--risk-limit", "1/20")
    folder = tmp_path / "report"
    assert _run(db, "audit", "report", str(folder)).exit_code == 0
    assert not (folder / "seed.json").exists()
    _run(db, "audit", "seed", *SUPERVISOR, *DICE)
    (folder / "rounds").mkdir()
    (folder / "rounds" / "2.json").write_text("{}")  # a stale round of an earlier report
    again = _run(db, "audit", "report", str(folder))
    assert again.exit_code == 0, again.output
    assert (folder / "seed.json").exists()
    assert not (folder / "rounds").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    other = tmp_path / "other"
    other.mkdir()
    (other / "plan.json").write_text("{}")
    refused = _run(db, "audit", "report", str(other), "--lang", "en")
    assert refused.exit_code == 2
    assert "the folder is not empty and it is the report of another audit" in refused.output
    (folder / "notes.txt").write_text("mine")
    foreign = _run(db, "audit", "report", str(folder))
    assert "پوشه خالی نیست و پرونده‌هایی جز گزارش این حسابرسی دارد" in foreign.output
    assert (folder / "notes.txt").read_text() == "mine"
