"""The code index of "Was my ballot counted?": its shards, each code in its own."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sandogh.core.definition.model import Name
from sandogh.publish.e2e_codes import CodeEntry, shard_width, write_codes
from sandogh.publish.writer import Writer

STATION = Name("شعبه ۱", "Station 1")


def test_shards_stay_small_however_many_codes() -> None:
    assert shard_width(0) == shard_width(8_000) == 1
    assert shard_width(8_193) == 2
    assert shard_width(62_000_000) == 4


def test_every_shard_is_written_and_each_code_is_in_its_own(tmp_path: Path) -> None:
    codes = [hashlib.sha256(bytes([n])).digest() for n in range(50)]
    entries = [CodeEntry(code, "S1", STATION, challenged=n == 0) for n, code in enumerate(codes)]
    written = write_codes(Writer(tmp_path), "codes", entries)
    assert len(written) == 17  # the index and 16 shards
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
