"""The site reads the snapshot's files with orjson, and what orjson does not read (an integer
beyond 64 bits) as the standard library reads it; a file that is not there is None."""

from __future__ import annotations

import json
from pathlib import Path

from sandogh.publish.site.snapshot import SnapshotFiles


def test_files_read_as_the_standard_library_reads_them(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "e" / "results" / "president"
    folder.mkdir(parents=True)
    usual = {"unit": {"code": "IR", "name": {"fa": "ایران", "en": "Iran"}}, "votes": [1, 2]}
    huge = {"unit": {"code": "IR-08"}, "eligible_voters": 2**70}
    (folder / "IR.json").write_text(json.dumps(usual, ensure_ascii=False), encoding="utf-8")
    (folder / "IR-08.json").write_text(json.dumps(huge), encoding="utf-8")
    files = SnapshotFiles(tmp_path)
    assert files.result("e", "president", "IR") == usual
    assert files.result("e", "president", "IR-08") == huge
    assert files.result("e", "president", "IR-09") is None
    assert files.outcome("e", "president", "IR") is None
