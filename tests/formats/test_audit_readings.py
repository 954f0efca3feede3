"""The boards' sheets and the boxes' records as files: read back exactly, every bad cell named
by its line and contest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sandogh.core.audit.reading import Reading
from sandogh.core.audit.sampling import PaperAddress
from sandogh.formats.audit_files import AuditFileError
from sandogh.formats.audit_readings import read_records, read_sheet, write_sheet

A = PaperAddress("ST-0801-0001", "1", 57)
B = PaperAddress("ST-0802-0001", "2", 3)


def test_a_blank_sheet_filled_in_reads_back(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    write_sheet(sheet, [A, B], ["city-council", "president"])
    lines = sheet.read_text(encoding="utf-8").splitlines()
    assert lines == [
        "paper,found,code,city-council,president",
        "ST-0801-0001/1/57,,,,",
        "ST-0802-0001/2/3,,,,",
    ]
    sheet.write_text(
        "\n".join([lines[0], "ST-0801-0001/1/57,yes,K-1,100 103,25", "ST-0802-0001/2/3,no,,,"]),
        encoding="utf-8",
    )
    papers, batches = read_sheet(sheet)
    assert batches == []
    assert [(p.paper, p.code) for p in papers] == [(A, "K-1"), (B, None)]
    assert papers[0].shows == {
        "city-council": Reading.vote("100", "103"),
        "president": Reading.vote("25"),
    }
    assert papers[1].shows is None


def test_every_bad_cell_is_named(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "paper,found,code,president\n"
        "ST-0801-0001/1/x,yes,,21\n"
        "ST-0801-0001/1/2,maybe,,21\n"
        "ST-0801-0001/1/3,yes,,\n",
        encoding="utf-8",
    )
    with pytest.raises(AuditFileError) as bad:
        read_sheet(sheet)
    said = " | ".join(bad.value.problems)
    for named in ("line 2", "line 3: found is 'maybe'", "line 4"):
        assert named in said


def test_records_and_a_json_sheet_read_back(tmp_path: Path) -> None:
    records = tmp_path / "records.json"
    records.write_text(json.dumps({"K-1": {"president": ["25"]}, "K-2": {"president": "absent"}}))
    assert read_records(records) == {
        "K-1": {"president": Reading.vote("25")},
        "K-2": {"president": Reading.absent()},
    }
    records.write_text(json.dumps({"K-1": None, "K-2": {"president": 7}}))
    with pytest.raises(AuditFileError, match="K-1: a record is never null"):
        read_records(records)
    sheet = tmp_path / "sheet.json"
    hand = {"cards": 9, "cast": 9, "valid": 8, "votes": {"21": 5, "25": 3}}
    sheet.write_text(
        json.dumps(
            {
                "papers": [{"paper": str(A), "code": None, "shows": {"president": "invalid"}}],
                "batches": [{"sample": "batch:president:IR", "station": "ST-1", "hand": hand}],
            }
        )
    )
    papers, batches = read_sheet(sheet)
    assert papers[0].shows == {"president": Reading.invalid()}
    assert batches[0].hand is not None
    assert batches[0].hand.votes == {"21": 5, "25": 3}
