"""The snapshot's CSV files: each county's station tally sheets, and every unit's totals.

`csv/stations/<county>.csv` is the tally-sheet CSV of docs/formats.md (`formats.tally_csv`), so
`sandogh results import` reads it back; a sheet naming no candidate has no row to carry its
figures in that format and is left out of it (its figures are in the station's JSON).
`csv/totals.csv` has the columns `contest,unit,kind,figure,candidate,value`: for each contest, each
unit above the stations that votes in it (parents first), one row per figure of the tally sheet,
then `stations_reported`, `stations_total` and, where known, `eligible_voters`, then one `votes`
row per candidate standing in the unit, in ballot-code order. Where a board voided anything in the
unit, `voided` follows `void` (the ballots of `void` the boards voided, a figure of its own, as the
results files' `counts.voided`), `stations_voided` follows `stations_total`, and, where a station's
box was voided, `turnout_eligible_voters` (where known) and `turnout_papers_used` follow: the base
and papers of turnout by `core.counting.turnout`'s rule, the voided stations left out, as the
results files' `turnout`. Its codes are written as the
tally-sheet CSV writes them, never as a formula to a spreadsheet (`formats.csv_cells`).

Crossed-out ballots (`invalid_crossed_out`) have a row in `totals.csv` only where there are some,
and a snapshot published before the kind existed has station CSVs without its column
(`counting.tally.LATER_KINDS`): `in_layout` writes the expected lines as such a file has them, so
`verify-results` still reads it, and a crossed-out ballot it cannot carry is still a difference.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping

from sandogh.core.counting.tally import INVALID_FIGURES, LATER_KINDS, TallySheet
from sandogh.core.counting.turnout import turnout
from sandogh.core.definition.model import UnitKind
from sandogh.formats.csv_cells import neutralised
from sandogh.formats.tally_csv import COLUMNS, FIGURES, write_tally_csv
from sandogh.publish.index import ElectionIndex
from sandogh.services.tallied import Tallied

TOTALS_COLUMNS = ("contest", "unit", "kind", "figure", "candidate", "value")
_INVALID = {figure: kind for kind, figure in INVALID_FIGURES.items()}
_HEADER = (",".join(COLUMNS) + "\n").encode("ascii")
_LATER = frozenset(INVALID_FIGURES[kind] for kind in LATER_KINDS)


def station_sheets(tallied: Tallied, station: str) -> list[TallySheet]:
    """The sheets `station` reported, every contest, as the results hold them."""
    sheets = []
    for contest in tallied.stored.election.contests:
        totals = tallied.totals.units[contest.id]
        if station in totals:
            total = totals[station]
            if total.stations_reported:
                sheets.append(TallySheet(station, contest.id, total.counts))
    return sheets


def sheet_rows(sheets: Iterable[TallySheet]) -> bytes:
    """The lines of the tally-sheet CSV that carry one station's `sheets`, without the header.

    `write_tally_csv` orders its rows by station first, so a county's CSV is its header and then
    each of its stations' lines in order of station code: a station's lines are made once and
    kept until its sheets change, and a county of 3,500 stations is not written out again row by
    row for each report.
    """
    stream = io.StringIO()
    write_tally_csv([sheet for sheet in sheets if sheet.counts.votes], stream)
    text = stream.getvalue()
    return text[text.index("\n") + 1 :].encode("utf-8")


def stations_csv(rows: Mapping[str, bytes]) -> bytes:
    """A station CSV from the lines of each of its stations (`sheet_rows`), by station code."""
    return b"".join([_HEADER, *(rows[station] for station in sorted(rows))])


def in_layout(expected: bytes, published: bytes) -> bytes:
    """`expected` (a station CSV as `stations_csv` writes it) in the columns of `published`'s
    header, when that header is this one without some `_LATER` columns and those are 0 on every
    line of `expected`; otherwise `expected` as it is."""
    header = published.split(b"\n", 1)[0].decode("utf-8", errors="replace").split(",")
    left_out = [i for i, name in enumerate(COLUMNS) if name not in header]
    if header != [n for n in COLUMNS if n not in _LATER or n in header] or not left_out:
        return expected
    rows = list(csv.reader(io.StringIO(expected.decode("utf-8"))))
    if any(row[i] != "0" for row in rows[1:] for i in left_out):
        return expected
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\n").writerows(
        [value for i, value in enumerate(row) if i not in left_out] for row in rows
    )
    return stream.getvalue().encode("utf-8")


def totals_csv(index: ElectionIndex, tallied: Tallied) -> Iterator[bytes]:
    """`csv/totals.csv`, in chunks of one contest and unit each (a national one is large)."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(TOTALS_COLUMNS)
    geography = index.geography
    for contest in tallied.stored.election.contests:
        voided = tallied.voided_by_unit(contest.id) if tallied.voided else {}
        for code, total in tallied.totals.units[contest.id].items():
            kind = geography.kind(code)
            if kind is UnitKind.STATION:
                continue
            c = total.counts
            head = (neutralised(contest.id), neutralised(code), kind.value)
            taken = voided.get(code)
            for figure in FIGURES:
                invalid = _INVALID.get(figure)
                value = getattr(c, figure) if invalid is None else c.invalid.get(invalid, 0)
                if value or figure not in _LATER:
                    writer.writerow((*head, figure, "", value))
            if taken is not None:
                writer.writerow((*head, "voided", "", taken.ballots))
            writer.writerow((*head, "stations_reported", "", total.stations_reported))
            writer.writerow((*head, "stations_total", "", total.stations_total))
            if taken is not None:
                writer.writerow((*head, "stations_voided", "", taken.stations))
            eligible = tallied.eligible[code]
            if eligible is not None:
                writer.writerow((*head, "eligible_voters", "", eligible))
            if taken is not None and taken.stations:
                shown = turnout(c, eligible, taken)
                if shown.base is not None:
                    writer.writerow((*head, "turnout_eligible_voters", "", shown.base))
                writer.writerow((*head, "turnout_papers_used", "", shown.papers_counted))
            codes = index.candidate_codes(contest.id, code)
            writer.writerows(
                (*head, "votes", neutralised(cand), c.votes.get(cand, 0)) for cand in codes
            )
            yield stream.getvalue().encode("utf-8")
            stream.seek(0)
            stream.truncate()
    yield stream.getvalue().encode("utf-8")
