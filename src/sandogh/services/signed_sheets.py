"""Each station's stored sheets held to the signed final report they were taken from.

A final report's sheets are stored beside its bytes (`services.ingest`), and the publisher
publishes both: the sheets as the results of the station and of every unit above it, the bytes
as the station's report file. A sheet rewritten in the database afterwards would be published
beside the report that contradicts it, and only an observer running `verify-results` would see it
(the session-26 outsider's F3): in an uncertified round nothing else holds a sheet. So what the
publisher reads whole (`services.results.tally`, `signed=True`) is held here, in the same read,
to every final report the store holds: for each, the report must be the one its stored hash
names, read as the final report of that station, and its station's stored sheets must be the
report's, contest for contest (none missing, none added, every figure equal). A report's bytes
are read fast when they are canonical and its sheets written as the stored ones would be (the
common case: 5–10 µs); else whole, every field checked, naming the first figure that differs.

Its signatures are not verified here. Whose keys they must be (the station's box and staff, on
the sealed record) is `verify-results`'s check of the published files
(`publish.signed_reports`), which the publisher could not make stronger without the record's
coverage: a signature by any key proves nothing. The publisher's part is that every figure it
publishes is the figure of the report it publishes beside it, so that an observer's check of
that report checks the figure.

Each report is held to the hash its `report-accepted` log entry names first (`hold_stored`,
`services.logged_reports`): a report rewritten with its hash column and its sheets agrees with
everything else the store holds (the session-27 outsider's N1).

Stations whose sheets came by `results import` have no report and are held to none here: the
import's log entry records the batch (`services.results.import_results`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import orjson

from sandogh.core.canonical_json import NotCanonicalError, canonical_json
from sandogh.core.counting.tally import FIGURES, Counts, TallySheet
from sandogh.core.definition.model import Election
from sandogh.core.errors import SandoghError
from sandogh.core.report import (
    ReportError,
    ReportKind,
    SignatureError,
    decode_report,
    decode_signed,
)
from sandogh.core.report.digests import sha256_text
from sandogh.core.report.report import sheet_document
from sandogh.core.report.signatures import SIGNED_FORMAT
from sandogh.locale.signed_sheet_words import unsigned_words
from sandogh.services.logged_reports import election_logged, hold_to_log
from sandogh.services.ports import StoredReport, UnitOfWork

_FINAL = ReportKind.FINAL.value


class SheetNotSignedError(SandoghError):
    """A station's stored sheet is not the one its signed final report holds (or the report is
    not one its station signed): the store was changed outside sandogh. Said in Persian (`fa`)
    and English (`en`), naming the station, the contest and the figure."""

    def __init__(
        self,
        election: Election,
        station: str,
        contest: str | None = None,
        difference: tuple[str, int | None, int | None] = ("", None, None),
    ) -> None:
        figure, stored, signed = difference
        self.station, self.contest, self.figure = station, contest, figure
        self.fa, self.en = unsigned_words(
            election, station, contest, figure=figure, stored=stored, signed=signed
        )
        super().__init__(self.en)


def hold_stored(work: UnitOfWork, election: Election, sheets: Iterable[TallySheet]) -> None:
    """Every stored report of `election` held to the hash its log entry names
    (`services.logged_reports`), then `sheets` to the final reports (`hold_to_reports`)."""
    reports = tuple(work.reports.all(election.id))
    hashed = hold_to_log(election, reports, election_logged(work, election.id))
    hold_to_reports(election, sheets, reports, hashed)  # the same reports' bytes: hashed once


def hold_to_reports(
    election: Election,
    sheets: Iterable[TallySheet],
    reports: Iterable[StoredReport],
    hashed: Mapping[tuple[str, str], str] | None = None,
) -> None:
    """Refuse (`SheetNotSignedError`) unless each final report of `reports` is a signed report
    of its station, under its stored hash, whose sheets are `sheets`' of that station. `hashed`
    gives the hash of these reports' bytes by station and kind where it was just computed
    (`logged_reports.hold_to_log`); a report it does not name is hashed here."""
    stored: dict[str, dict[str, Counts]] = {}
    for sheet in sheets:
        stored.setdefault(sheet.station, {})[sheet.contest] = sheet.counts
    for each in reports:
        if each.kind == _FINAL:
            found = None if hashed is None else hashed.get((each.station, _FINAL))
            _hold(election, each, stored.get(each.station, {}), found)


def _hold(
    election: Election, stored: StoredReport, sheets: dict[str, Counts], hashed: str | None
) -> None:
    station = stored.station
    if (hashed or sha256_text(stored.signed)) != stored.report_hash:
        raise SheetNotSignedError(election, station)
    written = _written(stored.signed)
    if written is not None and written == {
        "station": station,
        "kind": _FINAL,
        "election": election.id,
        "sheets": {contest: sheet_document(counts) for contest, counts in sheets.items()},
    }:
        return  # the report's own words, as the stored sheets would be written
    # else read whole, every field checked, to name what differs (or find the same figures
    # written otherwise: a zero left out)
    try:
        report = decode_report(decode_signed(stored.signed).report)
    except (SignatureError, ReportError) as error:
        raise SheetNotSignedError(election, station) from error
    if (report.station, report.kind, report.election) != (station, ReportKind.FINAL, election.id):
        raise SheetNotSignedError(election, station)
    said = {sheet.contest: sheet.counts for sheet in report.sheets}
    for contest in sorted(said.keys() | sheets.keys()):
        kept = sheets.get(contest)
        if kept != said.get(contest):
            difference = _first_difference(kept, said.get(contest))
            if difference is not None:
                raise SheetNotSignedError(election, station, contest, difference)


def _written(data: bytes) -> dict[str, object] | None:
    """The station, kind, election and sheets a signed report's bytes hold, read fast (the
    checked read costs ~0.7 ms a report); None unless they are the canonical JSON of a signed
    report, so that nothing (a member twice, say) reads otherwise to the checked reader."""
    try:
        document = orjson.loads(data)
        canonical = canonical_json(document) == data
    except (orjson.JSONDecodeError, NotCanonicalError):
        return None
    report = document.get("report") if canonical and isinstance(document, dict) else None
    if not isinstance(report, dict) or document.get("format") != SIGNED_FORMAT:
        return None
    return {name: report.get(name) for name in ("station", "kind", "election", "sheets")}


def _first_difference(
    stored: Counts | None, signed: Counts | None
) -> tuple[str, int | None, int | None] | None:
    """The first figure that differs, and its value stored and signed (None: no sheet); None
    when every figure is the same."""
    if stored is None or signed is None:
        return "sheet", None if stored is None else 0, None if signed is None else 0
    figures = [(name, getattr(stored, name), getattr(signed, name)) for name in FIGURES]
    figures += [
        (
            f"invalid_{kind.replace('-', '_')}",
            stored.invalid.get(kind, 0),
            signed.invalid.get(kind, 0),
        )
        for kind in sorted(stored.invalid.keys() | signed.invalid.keys())
    ]
    figures += [
        (f"votes[{code}]", stored.votes.get(code, 0), signed.votes.get(code, 0))
        for code in sorted(stored.votes.keys() | signed.votes.keys())
    ]
    return next((each for each in figures if each[1] != each[2]), None)
