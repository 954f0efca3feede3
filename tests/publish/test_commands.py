"""`sandogh publish` and `sandogh verify-results` on a real SQLite store (the commands' module is
cli/publish.py; its tests live with the snapshot's). The commands run in this process, but the
last, whose exit status a person sees, in a real one."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner, Result

from sandogh.cli.app import app
from sandogh.core.anchor import short_fingerprint
from sandogh.locale.digits import to_persian_digits
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.services.build import ROUND_2, ST_1, ST_3

from .build import record_fingerprint, report, set_up


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def sandogh(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from sandogh.cli.app import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_publish_verify_and_catch_up(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    init_database(url)
    engine = make_engine(url)

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=datetime.datetime(2024, 7, 5, 18, tzinfo=datetime.UTC))

    set_up(uow)
    report(uow, ST_1, 1)
    out = tmp_path / "snapshot"
    log_key = tmp_path / "log.key"  # the centre's log key the sealed record names
    log_key.write_text((b"l" * 32).hex())
    log_key.chmod(0o600)

    published = run(
        "publish", "--out", str(out), "--db", url, "--lang", "en", "--log-key", str(log_key)
    )
    assert published.exit_code == 0, published.output
    assert "files written" in published.output

    report(uow, ST_3, 2)
    caught_up = run("publish", "--out", str(out), "--db", url, "--once", "--log-key", str(log_key))
    engine.dispose()
    assert caught_up.exit_code == 0, caught_up.output
    assert "پرونده نوشته شد" in caught_up.output

    refused = run("verify-results", str(out), "--lang", "en")
    assert refused.exit_code == 2
    assert "--anchor sha256:" in refused.output
    unanchored = run("verify-results", str(out), "--unanchored", "--lang", "en")
    assert unanchored.exit_code == 0, unanchored.output
    assert unanchored.output.count("NOTHING WAS ANCHORED") == 2

    # the short form as a Persian newspaper prints it
    short = to_persian_digits(short_fingerprint(record_fingerprint()))
    checked = run("verify-results", str(out), "--anchor", short, "--json")
    assert checked.exit_code == 0, checked.output
    document = json.loads(checked.output)
    assert (document["agrees"], document["anchored"]) == (True, True)
    (election,) = document["elections"]
    assert (election["election"], election["readded"], election["disagreements"]) == (
        ROUND_2,
        2,
        0,
    )

    path = out / f"data/{ROUND_2}/results/parliament/IR-08-0802.json"
    path.write_bytes(path.read_bytes().replace(b'"valid":2', b'"valid":3', 1))
    failed = sandogh("verify-results", str(out), "--anchor", record_fingerprint())
    assert failed.returncode == 5
    assert "IR-08-0802: counts.valid: منتشرشده ۳، جمع دوباره ۲" in failed.stdout
    assert "مغایرت دارد" in failed.stdout
