"""The tally-sheet CSV of `docs/formats.md`, on the docs' Kerman station and the Kerman 1403
runoff figures of `reference/seed-facts.md` (1,276,092 cast, 1,252,840 valid, 23,252 invalid;
Jalili 773,591, Pezeshkian 479,249)."""

from __future__ import annotations

import csv
import io
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.counting.tally import Counts, InvalidKind, TallySheet
from sandogh.formats.tally_csv import (
    COLUMNS,
    LISTED,
    TallyCsvError,
    load_tally_csv,
    read_tally_csv,
    write_tally_csv,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats.md"
EXAMPLE = re.search(r"```\n(station,contest.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
assert EXAMPLE is not None
# The header of files written before crossed-out ballots had a column: they still read.
HEADER = ",".join(column for column in COLUMNS if column != "invalid_crossed_out")
DOCS_SHEET = TallySheet(
    "ST-0801-0001",
    "president",
    Counts(
        papers_received=1050,
        papers_used=640,
        papers_unused=405,
        papers_spoiled=5,
        cast=635,
        valid=623,
        invalid={
            InvalidKind.BLANK: 9,
            InvalidKind.ILLEGIBLE: 1,
            InvalidKind.NON_CANDIDATE: 2,
            InvalidKind.MULTIPLE_NAMES: 0,
            InvalidKind.CROSSED_OUT: 0,
        },
        void=0,
        votes={"21": 385, "25": 238},
    ),
)
# The whole of Kerman's runoff as one sheet: the province-level figures of the reports.
KERMAN_ROW = "KERMAN,president,1400000,1276092,123908,0,1276092,1252840,23252,0,0,0,0"


def read(text: str) -> tuple[TallySheet, ...]:
    return read_tally_csv(io.StringIO(text), source_name="results.csv")


def problems(text: str) -> list[str]:
    with pytest.raises(TallyCsvError) as raised:
        read(text)
    assert raised.value.source_name == "results.csv"
    return [str(p) for p in raised.value.problems]


def test_the_docs_example_reads_as_one_sheet() -> None:
    assert read(EXAMPLE.group(1)) == (DOCS_SHEET,)


def test_the_writer_writes_the_docs_example_byte_for_byte() -> None:
    out = io.StringIO()
    assert write_tally_csv([DOCS_SHEET], out) == 2
    assert out.getvalue() == EXAMPLE.group(1)


def test_the_kerman_runoff_figures() -> None:
    (sheet,) = read(f"{HEADER}\n{KERMAN_ROW},21,773591\n{KERMAN_ROW},25,479249\n")
    assert sheet.counts.cast == 1_276_092
    assert sheet.counts.valid + sheet.counts.invalid_total == sheet.counts.cast
    assert sum(sheet.counts.votes.values()) == sheet.counts.valid
    assert sheet.counts.votes["21"] - sheet.counts.votes["25"] == 294_342


def test_persian_and_arabic_indic_digits_are_normalised() -> None:
    persian = "ST-۰۸۰۱-۰۰۰۱,president,۱۰۵۰,۶۴۰,۴۰۵,۵,۶۳۵,۶۲۳,۹,۱,۲,۰,۰,۰,۲۱,۳۸۵"
    arabic = "ST-0801-0001,president,١٠٥٠,640,405,5,635,623,9,1,2,0,٠,0,٢٥,٢٣٨"
    assert read(f"{','.join(COLUMNS)}\n{persian}\n{arabic}\n") == (DOCS_SHEET,)


def test_crossed_out_ballots_have_a_column_that_older_files_leave_out() -> None:
    # The seeds' invalid ballots at Kerman's paper stations: blank, crossed out (مخدوش), names
    # not among the candidates. A file with the column carries them; one without lists no such
    # kind, as before the kind existed, and counts 0 of them.
    crossed = "ST-0801-0001,president,1050,643,402,5,638,623,9,1,2,0,3,0"
    (sheet,) = read(f"{','.join(COLUMNS)}\n{crossed},21,385\n{crossed},25,238\n")
    assert sheet.counts.invalid[InvalidKind.CROSSED_OUT] == 3
    assert sheet.counts.invalid_total == 15
    out = io.StringIO()
    write_tally_csv([sheet], out)
    assert read(out.getvalue()) == (sheet,)
    old = EXAMPLE.group(1).replace("invalid_crossed_out,", "").replace(",0,0,0,", ",0,0,")
    (before,) = read(old)
    assert InvalidKind.CROSSED_OUT not in before.counts.invalid
    assert before.counts.invalid_total == DOCS_SHEET.counts.invalid_total


def test_rows_may_come_in_any_order_and_columns_too() -> None:
    lines = EXAMPLE.group(1).splitlines()
    other = [line.replace("president", "parliament") for line in lines[1:]]
    text = "\n".join([lines[0], lines[1], other[0], other[1], lines[2]]) + "\n"
    sheets = read(text)
    assert [(s.station, s.contest) for s in sheets] == [
        ("ST-0801-0001", "president"),
        ("ST-0801-0001", "parliament"),
    ]
    assert sheets[0] == DOCS_SHEET
    columns = list(reversed(COLUMNS))
    rows = [",".join(reversed(line.split(","))) for line in lines[1:]]
    assert read("\n".join([",".join(columns), *rows]) + "\n") == (DOCS_SHEET,)


def test_a_byte_order_mark_white_space_and_blank_lines_are_harmless() -> None:
    lines = EXAMPLE.group(1).splitlines()
    spaced = lines[2].replace(",", " , ")
    assert read("\ufeff" + "\n".join([lines[0], "", lines[1], spaced, ""]) + "\n") == (DOCS_SHEET,)


def test_header_problems() -> None:
    header = HEADER.replace("void,", "").replace("votes", "votes,votes,remarks")
    assert problems(f"{header}\n") == [
        "line 1, column remarks: unknown column; the columns are " + ", ".join(COLUMNS),
        "line 1, column votes: the column is named twice",
        "line 1, column void: a required column is missing",
    ]
    assert problems("") == ["line 1: the file is empty; the first line must name the columns"]
    assert read(f"{HEADER}\n") == ()


def test_every_row_is_checked_and_named_by_line_and_column() -> None:
    sheet = "ST-1,president,1050,640,405,5,635,623,9,1,2,0,0"
    text = "\n".join(
        [
            HEADER,
            f"{sheet},21,385",
            f"{sheet},21,1",
            f"{sheet.replace('640', '641')},22,0",
            f"{sheet},x2,-3",
            "ST-1,president,1050",
            f",president,{sheet.split(',', 2)[2]},23,1",
            f"{sheet.replace('1050', '1o50')},24,1",
            f"ST-2,president,{sheet.split(',', 2)[2].replace('405', '')},25,9999999999",
        ]
    )
    assert problems(text + "\n") == [
        "line 3, column candidate: candidate 21 is named twice in the sheet of station ST-1, "
        "contest president",
        "line 4, column papers_used: 641 differs from 640 on line 2 for the same sheet",
        "line 5, column candidate: must be a ballot code (got 'x2')",
        "line 5, column votes: must be a whole number from 0 to 2147483647 (got '-3')",
        "line 6: 3 fields, but the header names 15 columns",
        "line 7, column station: required",
        "line 8, column papers_received: must be a whole number from 0 to 2147483647 (got '1o50')",
        "line 9, column papers_unused: must be a whole number from 0 to 2147483647 (got '')",
        "line 9, column votes: must be a whole number from 0 to 2147483647 (got '9999999999')",
    ]


def test_problems_past_the_first_fifty_are_counted() -> None:
    rows = [f"ST-{i},president,1,1,0,0,1,1,0,0,0,0,0,21,x" for i in range(LISTED + 25)]
    with pytest.raises(TallyCsvError) as raised:
        read("\n".join([HEADER, *rows]) + "\n")
    assert len(raised.value.problems) == LISTED
    assert raised.value.more == 25
    assert str(raised.value).startswith(
        "results.csv: 75 problems: line 2, column votes: must be a whole number"
    )


def test_a_broken_csv_line_and_a_missing_file(tmp_path: Path) -> None:
    assert problems(f'{HEADER}\n"ST-1,president\n') == [
        "line 3: not a readable UTF-8 CSV line: unexpected end of data"
    ]
    with pytest.raises(TallyCsvError, match="cannot read: No such file or directory"):
        load_tally_csv(tmp_path / "missing.csv")


def test_load_reads_a_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    path.write_text(EXAMPLE.group(1), encoding="utf-8-sig")
    assert load_tally_csv(path) == (DOCS_SHEET,)
    path.write_bytes(b"\xff\xfe" + EXAMPLE.group(1).encode())
    with pytest.raises(TallyCsvError, match="line 1: not a readable UTF-8 CSV line"):
        load_tally_csv(path)


def test_the_writer_sorts_and_refuses_what_it_cannot_write() -> None:
    low = TallySheet("ST-1", "president", Counts(votes={"10": 1, "9": 2, "100": 3}))
    high = TallySheet("ST-2", "experts", Counts(votes={"1": 1}))
    out = io.StringIO()
    write_tally_csv([high, low], out)
    rows = [line.split(",") for line in out.getvalue().splitlines()[1:]]
    assert [(r[0], r[14]) for r in rows] == [
        ("ST-1", "9"),
        ("ST-1", "10"),
        ("ST-1", "100"),
        ("ST-2", "1"),
    ]
    with pytest.raises(ValueError, match="two sheets for station ST-1, contest president"):
        write_tally_csv([low, low], io.StringIO())
    empty = TallySheet("ST-3", "president", Counts())
    with pytest.raises(ValueError, match="no candidate rows in the sheet of station ST-3"):
        write_tally_csv([empty], io.StringIO())


counts = st.integers(0, 2**31 - 1)
codes = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,8}", fullmatch=True)
sheets = st.builds(
    TallySheet,
    codes,
    codes,
    st.builds(
        Counts,
        counts,
        counts,
        counts,
        counts,
        counts,
        counts,
        st.fixed_dictionaries(dict.fromkeys(InvalidKind, counts)),
        counts,
        st.dictionaries(st.from_regex(r"[0-9]{1,5}", fullmatch=True), counts, min_size=1),
    ),
)


def sheet_key(sheet: TallySheet) -> tuple[str, str]:
    return sheet.station, sheet.contest


@settings(max_examples=100, deadline=None)
@given(st.lists(sheets, max_size=6, unique_by=lambda s: (s.station, s.contest)), st.randoms())
def test_what_is_written_reads_back_in_any_row_order(
    written: list[TallySheet], rng: random.Random
) -> None:
    out = io.StringIO()
    rows = write_tally_csv(written, out)
    header, *lines = out.getvalue().splitlines()
    assert rows == len(lines) == sum(len(s.counts.votes) for s in written)
    shuffled = lines[:]
    rng.shuffle(shuffled)
    back = read("\n".join([header, *shuffled]) + "\n")
    assert sorted(back, key=sheet_key) == sorted(written, key=sheet_key)
    again = io.StringIO()
    write_tally_csv(back, again)
    assert again.getvalue() == out.getvalue()


fields = st.text(alphabet='0123456789۰۱۲٣ -x,"\n', max_size=6)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(fields, min_size=13, max_size=16), max_size=5))
def test_any_rows_give_sheets_or_problems_never_a_crash(rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv_writer = csv.writer(out, lineterminator="\n")
    csv_writer.writerow(COLUMNS)
    csv_writer.writerows(rows)
    try:
        sheets = read(out.getvalue())
    except TallyCsvError as error:
        sheets, listed = (), len(error.problems) + error.more
    else:
        listed = 0
    assert listed > 0 or all(sheet.counts.votes for sheet in sheets)


# A leading CR is in `test_csv_cells`: the csv module of Python 3.11 writes a CR unquoted.
@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t"])
def test_a_code_a_spreadsheet_would_run_is_written_as_text_and_read_back(first: str) -> None:
    # No definition has such a code (core.definition.identifiers), but the writer does not rely
    # on it: a sheet's codes never reach a spreadsheet as a formula (OWASP CSV injection).
    sheet = TallySheet(f"{first}HYPERLINK(1)", f"{first}cmd|' /C calc'!A0", DOCS_SHEET.counts)
    out = io.StringIO()
    write_tally_csv([sheet], out)
    cells = [cell for row in csv.reader(io.StringIO(out.getvalue())) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert read(out.getvalue()) == (sheet,)
