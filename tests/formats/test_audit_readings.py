"""The boards' sheets and the boxes' records as files: read back exactly, every bad cell named
by its line and contest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sandogh.core.audit.cast_records import CastRecord
from sandogh.core.audit.reading import Reading
from sandogh.core.audit.sampling import PaperAddress
from sandogh.formats.audit_files import MOST_BYTES, AuditFileError
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
    records.write_text(
        json.dumps(
            {
                "K-1": {"station": "S-1", "reads": {"president": ["25"]}},
                "K-2": {"station": "S-2", "reads": {"president": "absent"}},
            }
        )
    )
    assert read_records(records) == {
        "K-1": CastRecord("S-1", {"president": Reading.vote("25")}),
        "K-2": CastRecord("S-2", {"president": Reading.absent()}),
    }
    records.write_text(json.dumps({"K-1": {"station": "S-1", "reads": None}, "K-2": {"p": 7}}))
    with pytest.raises(AuditFileError, match=r"K-1\.reads: a record is never null"):
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


def _refused(path: Path) -> tuple[str, ...]:
    with pytest.raises(AuditFileError) as bad:
        read_sheet(path) if "records" not in path.name else read_records(path)
    assert bad.value.source == str(path)
    return bad.value.problems


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.csv", b"", "the header must be paper,found,code,CONTEST…"),
        ("empty.json", b"", "not JSON: line 1 column 1: Expecting value"),
        ("cp1256.csv", "paper,found,code,انتخاب\n".encode("cp1256"), "not UTF-8: byte 17 is not"),
        ("utf16.json", '{"papers": []}'.encode("utf-16"), "not UTF-8: byte 0 is not"),
        # a second column of one contest would silently replace the first's readings
        ("twice.csv", b"paper,found,code,president,president\n", "column 5: the header names"),
        ("blank.csv", b"paper,found,code,\n", "column 4: the header names no contest"),
        ("number.json", b'{"papers": 5}', "papers: must be a list"),
        (
            "code.json",
            b'{"papers": [{"paper": "S/1/1", "code": 7, "shows": null}]}',
            "papers[0].code: must be text or null",
        ),
        (
            "negative.json",
            b'{"batches": [{"sample": "b", "station": "S", "hand": '
            b'{"cards": 9, "cast": 9, "valid": 9, "votes": {"21": -1, "25": 10}}}]}',
            "batches[0]: batches[0].hand: must be {cards, cast, valid, votes} of whole numbers",
        ),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "not JSON: nested too deep"),
        ("long.json", b'{"papers": [' + b"9" * 5_000 + b"]}", "not JSON: a number is too long"),
        ("records.json", b'{"K-1": null}', 'K-1: must be {"station": S, "reads": READS}'),
        # a record without its station could describe a paper of any box (issue 11, F3)
        (
            "stationless-records.json",
            b'{"K-1": {"reads": {"president": ["21"]}}}',
            'K-1: must be {"station": S, "reads": READS}',
        ),
        # the marks of a paper not found would be dropped unseen (issue 11, F10)
        (
            "lost.csv",
            b"paper,found,code,president\nST-1/1/1,no,K-1,25\n",
            "line 2: found is no, yet president is filled in",
        ),
        # JSON keeps the last of a key given twice: the first reading would vanish unseen
        (
            "twice-records.json",
            b'{"K-1": {"station": "S", "reads": {"president": ["21"]}}, '
            b'"K-1": {"station": "S", "reads": {"president": ["25"]}}}',
            "not JSON: the key K-1 comes twice in one object",
        ),
    ],
)
def test_a_bad_file_is_refused_naming_what_is_wrong(
    tmp_path: Path, name: str, data: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert any(p.startswith(problem) for p in _refused(path)), _refused(path)


def test_a_byte_order_mark_and_a_blank_line_are_read_past(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.json"
    shows = {"president": ["25"]}
    data = json.dumps({"papers": [{"paper": str(A), "code": "K-1", "shows": shows}]})
    sheet.write_bytes(b"\xef\xbb\xbf" + data.encode())
    assert read_sheet(sheet)[0][0].shows == {"president": Reading.vote("25")}
    records = tmp_path / "records.json"
    record = {"K-1": {"station": "S", "reads": shows}}
    records.write_bytes(b"\xef\xbb\xbf" + json.dumps(record).encode())
    assert read_records(records) == {"K-1": CastRecord("S", {"president": Reading.vote("25")})}
    csv_sheet = tmp_path / "sheet.csv"
    csv_sheet.write_bytes(
        b"\xef\xbb\xbfpaper,found,code,president\n\nST-0801-0001/1/57,yes,K-1,25\n"
    )
    (paper,) = read_sheet(csv_sheet)[0]
    assert paper.paper == A


def test_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    with sheet.open("wb") as out:
        out.truncate(MOST_BYTES + 1)  # sparse: nothing is written
    (problem,) = _refused(sheet)
    assert problem == f"larger than {MOST_BYTES:,} bytes, the most it may be"
