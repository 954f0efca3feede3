"""`sandogh staff keygen|add|list` as a person runs them: a real process, a real database file."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

from sandogh.formats.key_file import read_key_file

from .test_app import EXAMPLE, sandogh

ELECTION = "kerman-1403-r2"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from sandogh.cli.app import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_a_staff_member_makes_a_key_and_the_hq_registers_it(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'centre.sqlite'}"
    sandogh("init", db=db)
    sandogh("load", str(EXAMPLE / "round2.yaml"), db=db)
    key_file = tmp_path / "head.key"

    made = _run("staff", "keygen", "--out", str(key_file))
    public = made.stdout.strip()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert read_key_file(key_file).public_key.text == public
    again = _run("staff", "keygen", "--out", str(key_file))
    assert again.returncode == 1
    assert "already exists" in again.stderr

    args = ("--election", ELECTION, "--role", "head", "--person", "مریم کرمانی", "--key", public)
    sandogh("staff", "add", "--station", "ST-0801-0001", *args, db=db)
    listed = json.loads(sandogh("staff", "list", "--election", ELECTION, "--json", db=db).stdout)
    assert listed == [
        {"station": "ST-0801-0001", "role": "head", "person": "مریم کرمانی", "key": public}
    ]
    refused = sandogh("staff", "add", "--station", "IR-08", *args, db=db, check=False)
    assert refused.returncode == 1
    assert "not a polling station" in refused.stderr
