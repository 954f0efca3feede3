"""A key file: made private and never overwritten; an unsafe or damaged one is refused."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from sandogh.formats.key_file import KeyFileError, read_key_file, write_key_file


def test_a_key_file_is_private_and_reads_back_as_its_key(tmp_path: Path) -> None:
    path = tmp_path / "log.key"
    key = write_key_file(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_key_file(path).public_key == key.public_key
    with pytest.raises(KeyFileError, match="already exists"):
        write_key_file(path)
    assert read_key_file(path).public_key == key.public_key


def test_a_key_file_others_may_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "log.key"
    write_key_file(path)
    path.chmod(0o640)
    with pytest.raises(KeyFileError, match="chmod 600"):
        read_key_file(path)
    with pytest.raises(KeyFileError, match="no such key file"):
        read_key_file(tmp_path / "none.key")
