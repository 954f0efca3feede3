"""`sandogh registry import` as a person runs it: a real process, real files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sandogh.core.voters.national_code import parse_national_code
from sandogh.registry.file import FileRegistry

from ..registry.people import code

HEADER = "national_code,birth_date,alive,citizen\n"


def _sandogh(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from sandogh.cli.app import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_csv_export_becomes_a_registry_file(tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text(HEADER + f"{code(1)},1980-03-21,1,1\n{code(2)},2010-01-01,1,1\n")
    target = tmp_path / "registry.sqlite"

    done = _sandogh("registry", "import", str(source), "--out", str(target))

    assert done.returncode == 0, done.stderr
    assert "2 people" in done.stdout
    with FileRegistry(target) as registry:
        assert registry.lookup(parse_national_code(code(1))) is not None


def test_a_bad_row_is_named_and_nothing_is_kept(tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text(HEADER + f"{code(1)},1980-03-21,1,1\n1234567890,1980-03-21,1,1\n")
    target = tmp_path / "registry.sqlite"

    done = _sandogh("registry", "import", str(source), "--out", str(target))

    assert done.returncode == 1
    assert "line 3" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not target.exists()
