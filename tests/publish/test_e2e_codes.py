"""The code index of "Was my ballot counted?": its shards, and the readable form of a code."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sandogh.publish.e2e_codes import CodeEntry, Name, readable, shard_width, write_codes
from sandogh.publish.writer import Writer

STATION = Name("شعبه ۱", "Station 1")


def test_the_readable_form_is_the_first_eight_bytes_in_twenty_digits() -> None:
    assert readable(bytes(32)) == "0000-0000-0000-0000-0000"
    assert readable(b"\xff" * 8 + bytes(24)) == "1844-6744-0737-0955-1615"  # 2^64 − 1


def test_shards_stay_small_however_many_codes() -> None:
    assert shard_width(0) == shard_width(8_000) == 1
    assert shard_width(8_193) == 2
    assert shard_width(62_000_000) == 4


def test_every_shard_is_written_and_each_code_is_in_its_own(tmp_path: Path) -> None:
    codes = [hashlib.sha256(bytes([n])).digest() for n in range(50)]
    entries = [CodeEntry(code, "S1", STATION, challenged=n == 0) for n, code in enumerate(codes)]
    assert write_codes(Writer(tmp_path), "codes", entries) == 50
    index = json.loads((tmp_path / "codes" / "index.json").read_bytes())
    assert index == {"format": "sandogh/e2e-codes@1", "prefix": 1, "codes": 50}
    shards = {p.stem: json.loads(p.read_bytes()) for p in (tmp_path / "codes").glob("?.json")}
    assert sorted(shards) == list("0123456789abcdef")
    found = {e["code"]: (prefix, e) for prefix, s in shards.items() for e in s["codes"]}
    assert sorted(found) == sorted(code.hex() for code in codes)
    assert all(code.startswith(prefix) for code, (prefix, _) in found.items())
    first = found[codes[0].hex()][1]
    assert first == {
        "code": codes[0].hex(),
        "station": "S1",
        "name": {"fa": "شعبه ۱", "en": "Station 1"},
        "state": "challenged",
        "opened": [],
    }
    assert found[codes[1].hex()][1]["state"] == "cast"
