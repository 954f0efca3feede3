"""Files written whole, and only when their bytes change."""

from __future__ import annotations

import os
from pathlib import Path

from sandogh.publish.writer import Writer, json_bytes


def test_a_file_is_rewritten_only_when_it_changes(tmp_path: Path) -> None:
    writer = Writer(tmp_path)
    assert writer.write("data/a.json", b"{}")
    path = tmp_path / "data/a.json"
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))

    assert not writer.write("data/a.json", b"{}")
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert writer.write("data/a.json", b"[]")
    assert (writer.written, writer.unchanged) == (["data/a.json", "data/a.json"], 1)
    assert [p.name for p in path.parent.iterdir()] == ["a.json"]  # no temporary file left


def test_a_large_file_is_written_from_its_chunks(tmp_path: Path) -> None:
    writer = Writer(tmp_path)
    assert writer.write_chunks("big.csv", iter([b"a,b\n", b"1,2\n"]))
    assert not writer.write_chunks("big.csv", iter([b"a,b\n1,", b"2\n"]))
    assert (tmp_path / "big.csv").read_bytes() == b"a,b\n1,2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv"]


def test_documents_are_compact_utf8() -> None:
    assert json_bytes({"نام": "کرمان", "n": [1, 2]}) == '{"نام":"کرمان","n":[1,2]}'.encode()
