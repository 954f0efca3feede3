"""Each stored report held to the hash its log entry names (`services.logged_reports`)."""

from __future__ import annotations

import pytest

from sandogh.core.report.digests import sha256_text
from sandogh.services.logged_reports import ReportNotLoggedError, hold_to_log
from sandogh.services.ports import StoredReport
from tests.publish.build import final_report
from tests.services.build import NOW, ROUND_2_DAY, ST_1

DATA = final_report(ST_1)
HASH = sha256_text(DATA)


def _stored(data: bytes = DATA, report_hash: str = HASH, kind: str = "final") -> StoredReport:
    return StoredReport(ROUND_2_DAY.id, ST_1, kind, "00", report_hash, data, NOW)


def _refused(stored: StoredReport, logged: dict[tuple[str, str], str]) -> ReportNotLoggedError:
    with pytest.raises(ReportNotLoggedError) as refused:
        hold_to_log(ROUND_2_DAY, [stored], logged)
    return refused.value


def test_a_report_its_entry_names_holds() -> None:
    # its bytes' hash given back, for the sheets' hold after it (`signed_sheets.hold_stored`)
    assert hold_to_log(ROUND_2_DAY, [_stored()], {(ST_1, "final"): HASH}) == {(ST_1, "final"): HASH}


def test_a_report_no_entry_names_is_refused() -> None:
    # the final report's entry does not name the zero one, nor another station's
    refused = _refused(
        _stored(kind="zero"), {(ST_1, "final"): HASH, ("ST-0801-0002", "zero"): HASH}
    )
    assert (refused.station, refused.kind, refused.logged, refused.stored) == (
        ST_1,
        "zero",
        None,
        HASH,
    )
    assert "The stored zero report of" in refused.en
    assert f"(logged hash none, stored hash {HASH})" in refused.en
    assert "صورتجلسه آغاز رأی‌گیری ثبت‌شده" in refused.fa
    assert f"چکیده در دفتر رویدادها: هیچ؛ چکیده ثبت‌شده: \u2068{HASH}\u2069" in refused.fa


def test_bytes_that_are_not_the_logged_hash_are_refused_under_the_logged_column() -> None:
    # the column left as logged, the bytes rewritten: named by the hash of the bytes
    other = final_report(ST_1, votes={"president": [("21",)] * 4, "parliament": [()] * 4})
    refused = _refused(_stored(data=other), {(ST_1, "final"): HASH})
    assert (refused.logged, refused.stored) == (HASH, sha256_text(other))
