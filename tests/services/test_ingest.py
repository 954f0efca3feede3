"""Ingest of signed station reports, on the in-memory fake, SQLite and PostgreSQL: what the use
case stores, records and counts, and the refusals it makes itself (unreadable bytes, a clash
with what the centre holds, figures that do not reconcile)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from sandogh.core.counting.tally import InvalidKind, TallySheet
from sandogh.core.report import CloseReconciliation, ReportKind
from sandogh.core.report.digests import sha256_text
from sandogh.core.report.signatures import decode_signed, encode_signed
from sandogh.services.ingest import Ingested, ingest_report
from sandogh.services.ports import IncidentKind, UnitOfWork
from sandogh.services.refusals import minute_of
from sandogh.services.report_refusal import ReportRefusal
from sandogh.services.results import import_results, show_results

from .build import (
    DEVICE,
    DEVICE_3,
    LATER,
    NOW,
    ROUND_2,
    ROUND_2_DAY,
    ST_1,
    ST_3,
    check_in_voter,
    event_types,
    national_code,
    signed,
    zero,
)
from .report_build import ready_for_reports, refusal_of, runoff_final

NewUnitOfWork = Callable[[], UnitOfWork]


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    return ready_for_reports(new_unit_of_work)


def test_a_final_report_is_stored_with_its_sheets(uow: NewUnitOfWork) -> None:
    data = signed(runoff_final(), DEVICE)

    ingested = ingest_report(uow, signed=data, now=LATER)

    assert ingested == Ingested(
        ROUND_2, ST_1, ReportKind.FINAL, sha256_text(data), sheets=2, duplicate=False
    )
    with uow() as work:
        stored = work.reports.get(ROUND_2, ST_1, "final")
        assert stored is not None
        assert (stored.signed, stored.device, stored.received_at) == (
            data,
            DEVICE.public_key.raw.hex(),
            LATER,
        )
        sheets = {s.contest: s.counts for s in work.tallies.all(ROUND_2)}
        *_, entry = [e for e in work.events.entries() if e.event.type == "report-accepted"]
        assert entry.event.details["kind"] == "final"
        assert (entry.event.actor, entry.event.role, entry.event.place) == (
            DEVICE.public_key.text,
            "device",
            ST_1,
        )
        assert entry.event.details["report_hash"] == sha256_text(data)
    assert sheets["president"].votes == {"21": 1, "25": 2}
    assert sheets["president"].invalid[InvalidKind.BLANK] == 1
    assert sheets["parliament"].votes == {"31": 2, "32": 1, "33": 1, "34": 0}
    # and the results see them
    view = show_results(uow, ROUND_2, unit=ST_1, contest="president")
    assert view.results[0].total.counts.votes == {"21": 1, "25": 2}


def test_papers_used_that_are_not_the_check_ins_raise_an_incident_naming_both(
    uow: NewUnitOfWork,
) -> None:
    # DESIGN.md §3: check-ins = ballot papers used. ST_3 checked in one voter, and its box
    # reports four papers used in each contest.
    check_in_voter(uow, national_code(9), ST_3)
    ingest_report(uow, signed=signed(zero(ROUND_2_DAY, ST_3, DEVICE_3), DEVICE_3), now=NOW)
    report = runoff_final(ST_3, DEVICE_3, {"president": [("25",)] * 4, "parliament": [("41",)] * 4})

    ingested = ingest_report(uow, signed=signed(report, DEVICE_3), now=LATER)

    expected = [
        ("president", {"contest": "president", "check_ins": "1", "papers_used": "4"}),
        ("parliament", {"contest": "parliament", "check_ins": "1", "papers_used": "4"}),
    ]
    assert sorted((i.details["contest"], dict(i.details)) for i in ingested.incidents) == sorted(
        expected
    )
    with uow() as work:
        stored = work.incidents.all(ROUND_2)
        assert [i.kind for i in stored] == [IncidentKind.CHECK_INS_NOT_PAPERS_USED] * 2
        assert all(i.stations == (ST_3,) for i in stored)
        opened = [e.event for e in work.events.entries() if e.event.type == "incident-opened"]
        assert [e.details["kind"] for e in opened] == ["check-ins-not-papers-used"] * 2
        assert opened[0].actor == DEVICE_3.public_key.text
    # the report is taken all the same: the finding is for the supervisors
    assert ingested.sheets == 2


def test_a_zero_report_is_stored_without_sheets(uow: NewUnitOfWork) -> None:
    data = signed(zero(ROUND_2_DAY, ST_3, DEVICE_3), DEVICE_3)

    ingested = ingest_report(uow, signed=data, now=NOW)

    assert (ingested.kind, ingested.sheets, ingested.duplicate) == (ReportKind.ZERO, 0, False)
    with uow() as work:
        assert work.reports.get(ROUND_2, ST_3, "zero") is not None
        assert list(work.tallies.all(ROUND_2)) == []
    # the final report of the same station is another kind, taken beside it
    votes = {"president": [("25",)], "parliament": [("41",)]}
    assert ingest_report(
        uow, signed=signed(runoff_final(ST_3, DEVICE_3, votes), DEVICE_3), now=LATER
    )


def test_the_same_report_again_is_taken_once(uow: NewUnitOfWork) -> None:
    data = signed(runoff_final(), DEVICE)
    first = ingest_report(uow, signed=data, now=LATER)
    before = event_types(uow)

    again = ingest_report(uow, signed=data, now=LATER)

    assert again == dataclasses.replace(first, sheets=0, duplicate=True)
    assert event_types(uow) == before
    with uow() as work:
        assert len(list(work.tallies.all(ROUND_2))) == 2
        assert work.incidents.all(ROUND_2) == []


@pytest.mark.parametrize("swapped", ["device_signature", "staff"])
def test_the_same_report_under_another_s_signatures_is_refused_not_a_duplicate(
    uow: NewUnitOfWork, swapped: str
) -> None:
    """The S26 outsider's F8: the centre looked the report up before checking its signatures, and
    answered "duplicate" to a held report under another box's or another station's staff's."""
    data = signed(runoff_final(), DEVICE)
    ingest_report(uow, signed=data, now=LATER)
    votes = {"president": [("25",)], "parliament": [("41",)]}
    other = decode_signed(signed(runoff_final(ST_3, DEVICE_3, votes), DEVICE_3))
    forged = encode_signed(
        dataclasses.replace(decode_signed(data), **{swapped: getattr(other, swapped)})
    )

    assert refusal_of(uow, forged).reason is ReportRefusal.BAD_SIGNATURE
    with uow() as work:
        held = work.reports.get(ROUND_2, ST_1, "final")
        assert held is not None
        assert held.signed == data
    # the replay of the bytes the centre holds is still a duplicate
    assert ingest_report(uow, signed=data, now=LATER).duplicate


def test_a_different_report_for_the_same_station_is_refused_as_an_incident(
    uow: NewUnitOfWork,
) -> None:
    ingest_report(uow, signed=signed(runoff_final(), DEVICE), now=LATER)
    other = signed(runoff_final(votes={"president": [("21",)], "parliament": [()]}), DEVICE)

    refused = refusal_of(uow, other)

    assert refused.reason is ReportRefusal.CONFLICTING
    with uow() as work:
        (incident,) = work.incidents.all(ROUND_2)
        assert incident.kind is IncidentKind.CONFLICTING_REPORT
        assert incident.stations == (ST_1,)
        assert incident.details["report_hash"] == sha256_text(other)
        (entry,) = [e for e in work.events.entries() if e.event.type == "report-refused"]
        assert entry.event.disposition == "refused"
        assert entry.event.details["reason"] == "conflicting"
        # the first report's sheets stay
        assert {s.contest: s.counts for s in work.tallies.all(ROUND_2)} == {
            s.contest: s.counts for s in runoff_final().sheets
        }


def test_a_final_report_for_a_station_with_imported_sheets_conflicts(uow: NewUnitOfWork) -> None:
    report = runoff_final()
    import_results(uow, ROUND_2, [report.sheets[0]], now=NOW)

    assert refusal_of(uow, signed(report, DEVICE)).reason is ReportRefusal.CONFLICTING


def test_unreadable_bytes_are_refused_and_counted(uow: NewUnitOfWork) -> None:
    before = event_types(uow)
    refused = refusal_of(uow, b"{not json")
    assert refusal_of(uow, b"[]").reason is ReportRefusal.MALFORMED

    assert refused.reason is ReportRefusal.MALFORMED
    assert refused.claim is None
    with uow() as work:
        # the first from its source this minute is recorded; both are counted
        (entry,) = [e for e in work.events.entries() if e.event.type == "refusals-counted"]
        assert (entry.event.actor, entry.event.place) == ("unverified", "")
        assert entry.event.details["received"] == sha256_text(b"{not json")
        assert entry.event.details["source"] == "local"
        (counted,) = work.refusals.counts(minute_of(LATER), 10)
        assert work.incidents.all(ROUND_2) == []
    assert (counted.source, counted.reason, counted.count) == ("local", "malformed", 2)
    assert event_types(uow) == [*before, "refusals-counted"]


def test_a_report_whose_figures_do_not_reconcile_is_refused(uow: NewUnitOfWork) -> None:
    report = runoff_final()
    parliament, president = report.sheets  # held sorted by contest
    more = president.counts.papers_received + 1
    counts = dataclasses.replace(president.counts, papers_received=more)
    bad = dataclasses.replace(report, sheets=(parliament, TallySheet(ST_1, "president", counts)))

    refused = refusal_of(uow, signed(bad, DEVICE))

    assert refused.reason is ReportRefusal.DOES_NOT_RECONCILE
    assert [p.path for p in refused.problems] == ["sheets[president].papers_received"]
    with uow() as work:
        assert list(work.tallies.all(ROUND_2)) == []
        (incident,) = work.incidents.all(ROUND_2)
        assert incident.kind is IncidentKind.REFUSED_REPORT


def test_a_zero_report_that_counts_anything_is_malformed(uow: NewUnitOfWork) -> None:
    report = zero(ROUND_2_DAY, ST_3, DEVICE_3)
    data = signed(report, DEVICE_3).replace(b'"cast":0', b'"cast":1', 1)

    assert refusal_of(uow, data).reason is ReportRefusal.MALFORMED


def test_a_close_that_did_not_reconcile_becomes_an_incident_with_its_counts_and_words(
    uow: NewUnitOfWork,
) -> None:
    """Finding A1 of session 23: the staff's explanation of a mismatch stayed on the box; the
    signed final report now carries it, and the centre lists it for the supervisors."""
    final = runoff_final()
    words = "یک رأی‌دهنده کارت گرفت و پیش از رأی دادن رفت."
    closed = CloseReconciliation(
        final.cvr_count + 1, final.cvr_count, 1, final.cvr_count, final.cvr_count, words
    )
    ingested = ingest_report(
        uow, signed=signed(dataclasses.replace(final, reconciliation=closed), DEVICE), now=LATER
    )
    n = str(final.cvr_count)
    expected = {
        "cards_charged": str(final.cvr_count + 1),
        "cards_used": n,
        "cards_unused": "1",
        "cards_cancelled": "0",
        "cast": n,
        "papers_counted": n,
        "mismatches": "cards-unused",
        "explanation": words,
    }
    raised = [i for i in ingested.incidents if i.kind is IncidentKind.CLOSE_RECONCILIATION]
    assert [dict(i.details) for i in raised] == [expected]
    with uow() as work:
        stored = [
            i for i in work.incidents.all(ROUND_2) if i.kind is IncidentKind.CLOSE_RECONCILIATION
        ]
        assert [(i.stations, dict(i.details)) for i in stored] == [((ST_1,), expected)]
    assert ingested.sheets == 2  # taken all the same: explained, it is for the supervisors


def test_a_close_that_reconciled_raises_no_incident(uow: NewUnitOfWork) -> None:
    final = runoff_final()
    n = final.cvr_count
    agreed = dataclasses.replace(final, reconciliation=CloseReconciliation(n, n, 0, n, n))
    ingested = ingest_report(uow, signed=signed(agreed, DEVICE), now=LATER)
    assert IncidentKind.CLOSE_RECONCILIATION not in {i.kind for i in ingested.incidents}
