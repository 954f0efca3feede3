"""The guardians' files on disk (outside review, issue 10): a private folder its group or others
may enter is refused, named with its fix, in Persian and English, before anything is written; a
private folder not there yet is made 0700; under a umask of 000 the public files are 0644 and
the private ones 0600."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.cli.test_guardians import _guardians, _run


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mode", [0o777, 0o750, 0o701])
def test_a_private_folder_others_may_enter_is_refused(tmp_path: Path, mode: int) -> None:
    exchange, people = _guardians(tmp_path)
    key, home = people[1]
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, mode)
    common = ("guardians", "init", "--key", str(key), "--dir", str(exchange))
    done = _run(*common, "--private", str(shared), "--lang", "en", ok=False)
    said = str(done.exception)
    assert f"has mode {mode:o}: only its owner may read, write or enter it" in said
    assert f"chmod 700 {shared}" in said
    done = _run(*common, "--private", str(shared), ok=False)  # Persian first
    assert str(done.exception).startswith(f"پرونده {shared} به کار نمی‌آید: پوشه خصوصی با دسترسی")
    assert "chmod 700" in str(done.exception)
    os.chmod(home, 0o755)  # the default, the key file's folder, is held to it too
    _run(*common, "--lang", "en", ok=False)
    assert list(shared.iterdir()) == []
    assert list(home.iterdir()) == [key]
    assert not list(exchange.glob("guardian-*"))  # nothing published either


def test_under_umask_000_public_files_are_0644_and_private_ones_0600(tmp_path: Path) -> None:
    exchange, people = _guardians(tmp_path)
    before = os.umask(0)
    try:
        private = {i: tmp_path / f"private{i}" / "ceremony" for i in people}
        for step in ("init", "share", "check"):
            for i, (key, _) in people.items():
                _run("guardians", step, "--key", str(key), "--dir", str(exchange),
                     "--private", str(private[i]))  # fmt: skip
        record = tmp_path / "election.json"
        _run("guardians", "finish", "--dir", str(exchange), "--out", str(record))
    finally:
        os.umask(before)
    for i, folder in private.items():
        assert _mode(folder) == 0o700  # made by init
        assert {p.name: _mode(p) for p in folder.iterdir()} == {
            f"guardian-{i}.secret.json": 0o600,
            f"guardian-{i}.key.json": 0o600,
        }
    published = sorted(exchange.iterdir())
    assert len(published) == 1 + 3 * 3  # the plan; each guardian's public, shares, check
    assert {_mode(p) for p in [*published, record]} == {0o644}
