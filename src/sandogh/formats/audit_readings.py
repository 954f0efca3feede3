"""The audit boards' sheets and the boxes' cast-vote records, as files (docs/audit.md §6.2).

A board's sheet is CSV or JSON. The CSV (what `sandogh audit sample --sheet` writes, filled in
by the board) has one row per paper: `paper` (STATION/CONTAINER/POSITION), `found` (`yes` or
`no`), `code` (the confirmation code printed on the paper) and a column per contest, each
cell the codes of the candidates marked (space between), `invalid`, or `absent`. The JSON is
`{"papers": [{"paper", "code", "shows": READS|null}], "batches": [{"sample", "station",
"hand": TOTALS|null}]}` with READS and TOTALS as in the round record (docs/audit.md §7).

The records file is JSON `{CODE: {"station": S, "reads": READS}, …}`: what each box recorded,
by the code printed on its copy, with the station whose box it is. It is given when the audit
starts (its hash is committed in the plan) and again when a round closes, never stored; a code
twice is refused (JSON would keep the last).

Each file is read up to `MOST_BYTES` (refused unread beyond), a byte-order mark before it is
skipped, and every problem is named by its line and column or JSON path; a file with any
problem gives nothing (the command stores nothing of it).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sandogh.core.audit.cast_records import CastRecord
from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.record_reading import (
    paper_from_text,
    reading_from_json,
    shows_from_json,
    totals_from_json,
)
from sandogh.core.audit.rounds import BatchReading, PaperReading
from sandogh.core.audit.sampling import PaperAddress
from sandogh.core.canonical_json import JSONValue
from sandogh.formats.audit_files import AuditFileError, read_bounded

SHEET_COLUMNS = ("paper", "found", "code")


def write_sheet(path: Path, papers: list[PaperAddress], contests: list[str]) -> None:
    """The board's blank sheet: one row per paper to pull, in pull-list order."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([*SHEET_COLUMNS, *contests])
        for paper in papers:
            writer.writerow([str(paper), "", "", *([""] * len(contests))])


def read_sheet(path: Path) -> tuple[list[PaperReading], list[BatchReading]]:
    data = read_bounded(path)
    if path.suffix.lower() == ".json":
        return _json_sheet(data, str(path))
    return _csv_sheet(data, str(path)), []


def read_records(path: Path) -> dict[str, CastRecord]:
    return records_of(read_bounded(path), str(path))


def records_of(data: bytes, source: str) -> dict[str, CastRecord]:
    """The records file's content (the console's upload); `source` names it in problems."""
    document = _json(data, source)
    if not isinstance(document, dict):
        raise AuditFileError(source, ['must be an object {CODE: {"station": S, "reads": READS}}'])
    found: dict[str, CastRecord] = {}
    problems: list[str] = []
    for code, value in document.items():
        if not isinstance(value, dict) or set(value) != {"station", "reads"}:
            problems.append(f'{code}: must be {{"station": S, "reads": READS}}')
            continue
        station = value["station"]
        if not isinstance(station, str) or not station:
            problems.append(f"{code}.station: must be a station's code")
            continue
        try:
            shown = shows_from_json(value["reads"], f"{code}.reads")
        except AuditInputError as error:
            problems.extend(str(p) for p in error.problems)
            continue
        if shown is None:
            problems.append(f"{code}.reads: a record is never null")
        else:
            found[code] = CastRecord(station, shown)
    if problems:
        raise AuditFileError(source, problems)
    return found


def _csv_sheet(data: bytes, source: str) -> list[PaperReading]:
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    except UnicodeDecodeError as error:
        raise AuditFileError(source, [f"not UTF-8: byte {error.start} is not"]) from None
    except csv.Error as error:
        raise AuditFileError(source, [f"not CSV: {error}"]) from None
    if not rows or tuple(rows[0][:3]) != SHEET_COLUMNS or len(rows[0]) < 4:
        raise AuditFileError(source, ["the header must be paper,found,code,CONTEST…"])
    contests = rows[0][3:]
    heads = [
        f"column {k}: the header names no contest"
        if not name.strip()
        else f"column {k}: the header names {name} again"
        for k, name in enumerate(contests, 4)
        if not name.strip() or name in contests[: k - 4]
    ]
    if heads:  # a second column of a contest would silently replace the first's readings
        raise AuditFileError(source, heads)
    problems: list[str] = []
    papers: list[PaperReading] = []
    for line, row in enumerate(rows[1:], 2):
        if not row:  # a blank line
            continue
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
            marked = [c for c, v in zip(contests, row[3:], strict=True) if v.strip()]
            if found == "no" and marked:  # the marks would be dropped unseen
                problems.append(f"line {line}: found is no, yet {marked[0]} is filled in")
                continue
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
    lists = [f"{k}: must be a list" for k, v in document.items() if not isinstance(v, list)]
    if lists:
        raise AuditFileError(source, lists)
    papers: list[PaperReading] = []
    batches: list[BatchReading] = []
    problems: list[str] = []
    for i, item in enumerate(document.get("papers", [])):
        try:
            code = item.get("code")
            if code is not None and not isinstance(code, str):
                problems.append(f"papers[{i}].code: must be text or null")
                continue
            shown = shows_from_json(item["shows"], f"papers[{i}].shows")
            paper = paper_from_text(item["paper"], f"papers[{i}].paper")
            papers.append(PaperReading(paper, shown, code))
        except (AuditInputError, KeyError, TypeError, AttributeError) as error:
            problems.append(f"papers[{i}]: {_said(error)}")
    for i, item in enumerate(document.get("batches", [])):
        try:
            hand = totals_from_json(item["hand"], f"batches[{i}].hand")
            sample, station = item["sample"], item["station"]
            if not isinstance(sample, str) or not isinstance(station, str):
                problems.append(f"batches[{i}]: sample and station must be text")
                continue
            batches.append(BatchReading(sample, station, hand))
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


class _TwiceError(ValueError):
    """A key twice in one object: JSON would keep the last, and drop a reading unseen."""


def _once(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found: dict[str, object] = {}
    for key, value in pairs:
        if key in found:
            raise _TwiceError(key)
        found[key] = value
    return found


def _json(data: bytes, source: str) -> object:
    try:
        return json.loads(data.decode("utf-8-sig"), object_pairs_hook=_once)
    except _TwiceError as twice:
        said = f"not JSON: the key {twice.args[0]} comes twice in one object"
        raise AuditFileError(source, [said]) from None
    except UnicodeDecodeError as error:
        raise AuditFileError(source, [f"not UTF-8: byte {error.start} is not"]) from None
    except json.JSONDecodeError as error:
        said = f"not JSON: line {error.lineno} column {error.colno}: {error.msg}"
        raise AuditFileError(source, [said]) from None
    except ValueError:  # a number of more digits than Python reads
        raise AuditFileError(source, ["not JSON: a number is too long"]) from None
    except RecursionError:
        raise AuditFileError(source, ["not JSON: nested too deep"]) from None
