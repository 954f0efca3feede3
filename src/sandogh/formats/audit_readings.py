"""The audit boards' sheets and the boxes' cast-vote records, as files (docs/audit.md §6.2).

A board's sheet is CSV or JSON. The CSV (what `sandogh audit sample --sheet` writes, filled in
by the board) has one row per paper: `paper` (STATION/CONTAINER/POSITION), `found` (`yes` or
`no`), `code` (the confirmation code printed on the paper) and a column per contest, each
cell the codes of the candidates marked (space between), `invalid`, or `absent`. The JSON is
`{"papers": [{"paper", "code", "shows": READS|null}], "batches": [{"sample", "station",
"hand": TOTALS|null}]}` with READS and TOTALS as in the round record (docs/audit.md §7).

The records file is JSON `{CODE: READS, …}`: what each box recorded, by the code printed on
its copy; it is read only when a round closes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path

from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.reading import Reading
from sandogh.core.audit.record_reading import (
    paper_from_text,
    reading_from_json,
    shows_from_json,
    totals_from_json,
)
from sandogh.core.audit.rounds import BatchReading, PaperReading
from sandogh.core.audit.sampling import PaperAddress
from sandogh.core.canonical_json import JSONValue
from sandogh.formats.audit_files import AuditFileError

SHEET_COLUMNS = ("paper", "found", "code")


def write_sheet(path: Path, papers: list[PaperAddress], contests: list[str]) -> None:
    """The board's blank sheet: one row per paper to pull, in pull-list order."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([*SHEET_COLUMNS, *contests])
        for paper in papers:
            writer.writerow([str(paper), "", "", *([""] * len(contests))])


def read_sheet(path: Path) -> tuple[list[PaperReading], list[BatchReading]]:
    data = _read(path)
    if path.suffix.lower() == ".json":
        return _json_sheet(data, str(path))
    return _csv_sheet(data, str(path)), []


def read_records(path: Path) -> dict[str, Mapping[str, Reading]]:
    return records_of(_read(path), str(path))


def records_of(data: bytes, source: str) -> dict[str, Mapping[str, Reading]]:
    """The records file's content (the console's upload); `source` names it in problems."""
    document = _json(data, source)
    if not isinstance(document, dict):
        raise AuditFileError(source, ["must be an object {CODE: READS}"])
    found: dict[str, Mapping[str, Reading]] = {}
    problems: list[str] = []
    for code, value in document.items():
        try:
            shown = shows_from_json(value, code)
        except AuditInputError as error:
            problems.extend(str(p) for p in error.problems)
            continue
        if shown is None:
            problems.append(f"{code}: a record is never null")
        else:
            found[code] = shown
    if problems:
        raise AuditFileError(source, problems)
    return found


def _csv_sheet(data: bytes, source: str) -> list[PaperReading]:
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    except (UnicodeDecodeError, csv.Error) as error:
        raise AuditFileError(source, [f"not CSV in UTF-8: {error}"]) from None
    if not rows or tuple(rows[0][:3]) != SHEET_COLUMNS or len(rows[0]) < 4:
        raise AuditFileError(source, ["the header must be paper,found,code,CONTEST…"])
    contests = rows[0][3:]
    problems: list[str] = []
    papers: list[PaperReading] = []
    for line, row in enumerate(rows[1:], 2):
        if len(row) != len(rows[0]):
            problems.append(f"line {line}: {len(row)} cells, the header has {len(rows[0])}")
            continue
        try:
            paper = paper_from_text(row[0])
            found = row[1].strip().lower()
            if found not in ("yes", "no"):
                problems.append(f"line {line}: found is {row[1]!r}, not yes or no")
                continue
            code = row[2].strip() or None
            shows = None
            if found == "yes":
                cells = zip(contests, row[3:], strict=True)
                shows = {c: reading_from_json(_cell(v), c) for c, v in cells}
            papers.append(PaperReading(paper, shows, code))
        except AuditInputError as error:
            problems.extend(f"line {line}: {p}" for p in error.problems)
    if problems:
        raise AuditFileError(source, problems)
    return papers


def _cell(text: str) -> JSONValue:
    text = text.strip()
    return text if text in ("invalid", "absent") else list[JSONValue](text.split())


def _json_sheet(data: bytes, source: str) -> tuple[list[PaperReading], list[BatchReading]]:
    document = _json(data, source)
    if not isinstance(document, dict) or not set(document) <= {"papers", "batches"}:
        raise AuditFileError(source, ['must be {"papers": […], "batches": […]}'])
    papers: list[PaperReading] = []
    batches: list[BatchReading] = []
    problems: list[str] = []
    for i, item in enumerate(document.get("papers", [])):
        try:
            code = item.get("code")
            shown = shows_from_json(item["shows"], f"papers[{i}].shows")
            paper = paper_from_text(item["paper"], f"papers[{i}].paper")
            papers.append(PaperReading(paper, shown, code))
        except (AuditInputError, KeyError, TypeError, AttributeError) as error:
            problems.append(f"papers[{i}]: {_said(error)}")
    for i, item in enumerate(document.get("batches", [])):
        try:
            hand = totals_from_json(item["hand"], f"batches[{i}].hand")
            batches.append(BatchReading(str(item["sample"]), str(item["station"]), hand))
        except (AuditInputError, KeyError, TypeError, AttributeError) as error:
            problems.append(f"batches[{i}]: {_said(error)}")
    if problems:
        raise AuditFileError(source, problems)
    return papers, batches


def _said(error: Exception) -> str:
    if isinstance(error, AuditInputError):
        return "; ".join(str(p) for p in error.problems)
    if isinstance(error, KeyError):
        return f"{error.args[0]} is missing"
    return "must be an object"


def _json(data: bytes, source: str) -> object:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise AuditFileError(source, [f"not JSON in UTF-8: {error}"]) from None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise AuditFileError(str(path), [f"cannot read it: {error.strerror}"]) from None
