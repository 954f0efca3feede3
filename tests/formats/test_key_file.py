"""A key file: made private and never overwritten; an unsafe or damaged one is refused."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from sandogh.cli.failures import refusal_line
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


def test_each_refusal_is_said_in_the_commands_language(tmp_path: Path) -> None:
    """Issue 13: `sandogh server-key keygen` on a file already there said "… already exists" on
    the Persian default."""
    path = tmp_path / "server.key"
    write_key_file(path)
    refusals = []
    for make, given in ((write_key_file, path), (read_key_file, tmp_path / "none.key")):
        with pytest.raises(KeyFileError) as refused:
            make(given)
        refusals.append(refused.value)
    path.chmod(0o644)
    with pytest.raises(KeyFileError) as unsafe:
        read_key_file(path)
    path.chmod(0o600)
    path.write_text("abc\n")
    with pytest.raises(KeyFileError) as short:
        read_key_file(path)
    for error in (*refusals, unsafe.value, short.value):
        persian = refusal_line(error, ["sandogh", "server-key", "keygen"])
        english = refusal_line(error, ["sandogh", "server-key", "keygen", "--lang", "en"])
        words = re.sub(rf"{re.escape(str(tmp_path))}/\S+|sandogh|chmod", "", persian)
        assert re.search("[A-Za-z]{3,}", words) is None, persian
        assert english == f"sandogh: {error}"
