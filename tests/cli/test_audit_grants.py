"""The attack: `sandogh audit` once took no grant, so that whoever ran the command started an
audit, recorded its seed, drew and closed its rounds or entered the boards' readings, where the
console asked `run-audit` (a supervisor's alone) and `enter-readings`. Now each command acts under
the grant it declares (`--as --role --place`, `--body`), and a grant without the right, at a place
that does not cover the audited constituencies, or of another body than the one competent for
the contest, is refused in Persian and English, logged, and nothing is stored."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner, Result

from sandogh.cli.app import app
from sandogh.cli.database import open_store
from sandogh.core.log import EventType
from tests.cli.test_audit_commands import AUDIT_BOARD, DICE, SUPERVISOR
from tests.cli.test_audit_inputs import SMALL, _loaded

COUNTY_HQ = ("--as", "setad", "--role", "county-hq", "--place", "IR-08-0801")
PROVINCE = ("--as", "nazer-ostan", "--role", "supervisor", "--place", "IR-08")
ADMIN = ("--as", "root", "--role", "admin", "--place", "IR")
MAJLIS = (*SUPERVISOR, "--body", "majlis")
START = ("audit", "start", "--contest", "president")


def _run(db: str, *args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(app, [*args, "--db", db, "-e", SMALL.id])


def _not_found(sheet: Path) -> None:
    """Every paper of the boards' sheet marked not found (the worst case, and a valid sheet)."""
    rows = list(csv.reader(sheet.open(encoding="utf-8")))
    for row in rows[1:]:
        row[1] = "no"
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)


def test_the_attack_an_audit_run_without_a_supervisors_grant_is_refused(tmp_path: Path) -> None:
    db = _loaded(tmp_path, (170, 130))
    refused = {
        "county": _run(db, *START, *COUNTY_HQ),
        "province": _run(db, *START, *PROVINCE, "--lang", "en"),
        "admin": _run(db, *START, *ADMIN),
        "body": _run(db, *START, *MAJLIS, "--lang", "en"),
    }
    assert {k: r.exit_code for k, r in refused.items()} == dict.fromkeys(refused, 1)
    # the refusal is what `sandogh` prints as its one line (`cli.app.main`)
    said = {k: str(r.exception) for k, r in refused.items()}
    county = said["county"]
    assert "حساب setad با اختیاری که در IR-08-0801 دارد حسابرسی را در IR اجرا نمی‌کند" in county
    assert "may not" not in county  # Persian alone on a Persian screen
    assert "nazer-ostan, acting at IR-08, may not run the audit at IR" in said["province"]
    assert "belongs to the Majlis's supervisory boards" in said["body"]
    assert "no audit" in _run(db, "audit", "status", "--lang", "en").output  # nothing stored

    assert _run(db, *START, *SUPERVISOR).exit_code == 0
    assert _run(db, "audit", "seed", *COUNTY_HQ, *DICE).exit_code == 1
    assert _run(db, "audit", "seed", *MAJLIS, *DICE).exit_code == 1
    assert _run(db, "audit", "seed", *SUPERVISOR, *DICE).exit_code == 0
    sheet = tmp_path / "sheet.csv"
    assert _run(db, "audit", "sample", *PROVINCE, "--sheet", str(sheet)).exit_code == 1
    assert not sheet.exists()
    assert _run(db, "audit", "sample", *SUPERVISOR, "--sheet", str(sheet)).exit_code == 0
    _not_found(sheet)
    # the boards' readings are an audit board's to enter, not a supervisor's
    entered = _run(db, "audit", "record", *SUPERVISOR, str(sheet), "--lang", "en")
    assert entered.exit_code == 1
    assert "may not enter the boards' readings at ST-" in str(entered.exception)
    assert _run(db, "audit", "close", *COUNTY_HQ).exit_code == 1

    with open_store(db)() as work:
        denied = work.events.of_type(EventType.ACCESS_DENIED, SMALL.id)
    assert [(e.event.actor, e.event.details["action"]) for e in denied] == [
        ("setad", "run-audit"),
        ("nazer-ostan", "run-audit"),
        ("root", "run-audit"),
        ("nazer", "run-audit"),
        ("setad", "run-audit"),
        ("nazer", "run-audit"),
        ("nazer-ostan", "run-audit"),
        ("nazer", "enter-readings"),
        ("setad", "run-audit"),
    ]
    assert denied[3].event.details["required"] == "guardian-council"
    # with the grants of their roles the round is entered and closed
    assert _run(db, "audit", "record", *AUDIT_BOARD, str(sheet)).exit_code == 0
    assert _run(db, "audit", "close", *SUPERVISOR).exit_code == 0
