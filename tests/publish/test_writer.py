"""Files written whole, and only when their bytes change."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.publish.writer import Writer, file_stamp, json_bytes, json_text


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


def test_a_document_given_is_kept_with_its_files_stamp_where_documents_are_kept(
    tmp_path: Path,
) -> None:
    writer = Writer(tmp_path, documents={})
    assert writer.write("data/a.json", b'{"a":1}', {"a": 1})
    writer.write("data/b.json", b"{}")  # none given
    assert not writer.write("data/a.json", b'{"a":1}', {"a": 2})  # unchanged: not kept again
    stamp = file_stamp((tmp_path / "data/a.json").stat())
    assert writer.documents == {"data/a.json": (stamp, {"a": 1})}
    plain = Writer(tmp_path)
    assert plain.write("data/c.json", b"[]", [])
    assert plain.documents is None
    assert not plain.keeps_documents()


def test_a_large_file_is_written_from_its_chunks(tmp_path: Path) -> None:
    writer = Writer(tmp_path)
    assert writer.write_chunks("big.csv", iter([b"a,b\n", b"1,2\n"]))
    assert not writer.write_chunks("big.csv", iter([b"a,b\n1,", b"2\n"]))
    assert (tmp_path / "big.csv").read_bytes() == b"a,b\n1,2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv"]


def test_documents_are_compact_utf8() -> None:
    assert json_bytes({"نام": "کرمان", "n": [1, 2]}) == '{"نام":"کرمان","n":[1,2]}'.encode()


# JSON as the snapshot's documents hold it: text of any code point (lone surrogates too), whole
# numbers of any size, true, false, null, and lists and objects of them (no float: shares are text)
_DOCUMENTS = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(_DOCUMENTS)
def test_documents_are_written_as_the_standard_library_writes_them(document: object) -> None:
    """orjson writes the snapshot's documents (`writer._ORJSON`); where it refuses one, the
    standard library does: either way the text is the standard library's, and so the bytes,
    or the same refusal (a lone surrogate has no UTF-8)."""
    standard = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    assert json_text(document) == standard
    try:
        expected: bytes | None = standard.encode("utf-8")
    except UnicodeEncodeError:
        expected = None
    try:
        written: bytes | None = json_bytes(document)
    except UnicodeEncodeError:
        written = None
    assert written == expected


def test_what_the_standard_library_refuses_is_refused() -> None:
    for refused in (datetime.date(2024, 7, 5), {1: "a", (1,): "b"}):
        with pytest.raises(TypeError):
            json_bytes(refused)
