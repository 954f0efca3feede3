"""A station's stored sheets held to its signed final report (`services.signed_sheets`)."""

from __future__ import annotations

import dataclasses

import pytest

from sandogh.core.counting.tally import TallySheet
from sandogh.core.report import decode_report, decode_signed
from sandogh.core.report.digests import sha256_text
from sandogh.services.ports import StoredReport
from sandogh.services.signed_sheets import SheetNotSignedError, hold_to_reports
from tests.publish.build import final_report
from tests.services.build import NOW, ROUND_2_DAY, ST_1

DATA = final_report(ST_1)
SHEETS = decode_report(decode_signed(DATA).report).sheets


def _stored(data: bytes = DATA, report_hash: str | None = None) -> StoredReport:
    hashed = report_hash or sha256_text(data)
    return StoredReport(ROUND_2_DAY.id, ST_1, "final", "00", hashed, data, NOW)


def _refused(sheets: tuple[TallySheet, ...], stored: StoredReport) -> SheetNotSignedError:
    with pytest.raises(SheetNotSignedError) as refused:
        hold_to_reports(ROUND_2_DAY, sheets, [stored])
    return refused.value


def test_the_sheets_as_signed_hold() -> None:
    hold_to_reports(ROUND_2_DAY, SHEETS, [_stored()])
    # the same figures held otherwise (an invalid kind at zero left out) are the same sheet
    first = SHEETS[0]
    fewer = {kind: n for kind, n in first.counts.invalid.items() if n}
    counts = dataclasses.replace(first.counts, invalid=fewer)
    hold_to_reports(
        ROUND_2_DAY, (dataclasses.replace(first, counts=counts), *SHEETS[1:]), [_stored()]
    )


def test_a_figure_rewritten_is_named_with_both_values() -> None:
    president = next(s for s in SHEETS if s.contest == "president")
    votes = {**president.counts.votes, "21": president.counts.votes["21"] + 5}
    moved = dataclasses.replace(
        president, counts=dataclasses.replace(president.counts, votes=votes)
    )
    others = tuple(s for s in SHEETS if s is not president)
    refused = _refused((*others, moved), _stored())
    assert (refused.station, refused.contest, refused.figure) == (ST_1, "president", "votes[21]")
    assert "آرای کد ۲۱: ثبت‌شده ۶، امضاشده ۱" in refused.fa
    assert "\u2068ST-0801-0001\u2069" in refused.fa  # a Latin code isolated on a Persian line
    assert "(votes of ballot code 21: stored 6, signed 1)" in refused.en


def test_a_sheet_deleted_or_added_is_refused() -> None:
    parliament = tuple(s for s in SHEETS if s.contest == "parliament")
    refused = _refused(parliament, _stored())
    assert (refused.contest, refused.figure) == ("president", "sheet")
    assert "signed a tally sheet of President that the database does not hold" in refused.en


def test_a_report_whose_bytes_are_not_its_hash_or_not_its_station_s_is_refused() -> None:
    assert _refused(SHEETS, _stored(report_hash="sha256:" + "0" * 64)).contest is None
    other = StoredReport(
        ROUND_2_DAY.id, "ST-0801-0002", "final", "00", sha256_text(DATA), DATA, NOW
    )
    refused = _refused(SHEETS, other)
    assert (refused.station, refused.contest) == ("ST-0801-0002", None)
    assert "is not the one the station sent" in refused.en


def test_the_bytes_hash_given_by_the_log_s_hold_stands_for_hashing_them_again() -> None:
    """`hold_stored` passes on what `logged_reports.hold_to_log` hashed: held to the column the
    same, and a report it does not name is hashed here."""
    hashed = {(ST_1, "final"): sha256_text(DATA)}
    hold_to_reports(ROUND_2_DAY, SHEETS, [_stored()], hashed)
    with pytest.raises(SheetNotSignedError):
        hold_to_reports(ROUND_2_DAY, SHEETS, [_stored(report_hash="sha256:" + "0" * 64)], hashed)
    with pytest.raises(SheetNotSignedError):
        hold_to_reports(ROUND_2_DAY, SHEETS, [_stored(report_hash="sha256:" + "0" * 64)], {})
