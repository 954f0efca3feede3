"""Ingest of signed station reports, on the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence

import pytest

from sandogh.core.anchor import COVERAGE_REASONS
from sandogh.core.counting.tally import InvalidKind, TallySheet
from sandogh.core.report import ReportKind, SigningKey, StaffRole, StationReport
from sandogh.core.report.digests import sha256_text
from sandogh.services.devices import enrol_device, revoke_device
from sandogh.services.ingest import Ingested, ReportRefusal, ReportRefusedError, ingest_report
from sandogh.services.ports import IncidentKind, UnitOfWork
from sandogh.services.refusals import minute_of
from sandogh.services.results import import_results, show_results

from .build import (
    DEVICE,
    DEVICE_3,
    LATER,
    NOW,
    ROUND_2,
    ROUND_2_DAY,
    RUNOFF_VOTES,
    ST_1,
    ST_2,
    ST_3,
    STRANGER,
    check_in_voter,
    event_types,
    final,
    load,
    national_code,
    register_station_staff,
    signed,
    station_staff,
    zero,
)

NewUnitOfWork = Callable[[], UnitOfWork]


@pytest.fixture
def uow(new_unit_of_work: NewUnitOfWork) -> NewUnitOfWork:
    load(new_unit_of_work, ROUND_2_DAY)
    for key, station in ((DEVICE, ST_1), (DEVICE_3, ST_3), (STRANGER, ST_2)):
        enrol_device(
            new_unit_of_work,
            election_id=ROUND_2,
            station=station,
            public_key_hex=key.public_key.raw.hex(),
            now=NOW,
        )
    register_station_staff(new_unit_of_work, ROUND_2, ST_1, ST_2, ST_3)
    ingest_report(new_unit_of_work, signed=signed(zero(ROUND_2_DAY, ST_1, DEVICE), DEVICE), now=NOW)
    # the voters of `RUNOFF_VOTES`, so that ST_1's check-ins are its ballot papers used
    for n in range(1, 5):
        check_in_voter(new_unit_of_work, national_code(n), ST_1)
    return new_unit_of_work


def _final(
    station: str = ST_1,
    key: SigningKey = DEVICE,
    votes: Mapping[str, Sequence[tuple[str, ...]]] = RUNOFF_VOTES,
) -> StationReport:
    return final(ROUND_2_DAY, station, key, votes)


def _refused(uow: NewUnitOfWork, data: bytes) -> ReportRefusedError:
    with pytest.raises(ReportRefusedError) as refused:
        ingest_report(uow, signed=data, now=LATER)
    return refused.value


def test_a_final_report_is_stored_with_its_sheets(uow: NewUnitOfWork) -> None:
    data = signed(_final(), DEVICE)

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
    report = _final(ST_3, DEVICE_3, {"president": [("25",)] * 4, "parliament": [("41",)] * 4})

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
    assert ingest_report(uow, signed=signed(_final(ST_3, DEVICE_3, votes), DEVICE_3), now=LATER)


def test_the_same_report_again_is_taken_once(uow: NewUnitOfWork) -> None:
    data = signed(_final(), DEVICE)
    first = ingest_report(uow, signed=data, now=LATER)
    before = event_types(uow)

    again = ingest_report(uow, signed=data, now=LATER)

    assert again == dataclasses.replace(first, sheets=0, duplicate=True)
    assert event_types(uow) == before
    with uow() as work:
        assert len(list(work.tallies.all(ROUND_2))) == 2
        assert work.incidents.all(ROUND_2) == []


def test_a_different_report_for_the_same_station_is_refused_as_an_incident(
    uow: NewUnitOfWork,
) -> None:
    ingest_report(uow, signed=signed(_final(), DEVICE), now=LATER)
    other = signed(_final(votes={"president": [("21",)], "parliament": [()]}), DEVICE)

    refused = _refused(uow, other)

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
            s.contest: s.counts for s in _final().sheets
        }


def test_a_final_report_for_a_station_with_imported_sheets_conflicts(uow: NewUnitOfWork) -> None:
    report = _final()
    import_results(uow, ROUND_2, [report.sheets[0]], now=NOW)

    assert _refused(uow, signed(report, DEVICE)).reason is ReportRefusal.CONFLICTING


def test_unreadable_bytes_are_refused_and_counted(uow: NewUnitOfWork) -> None:
    before = event_types(uow)
    refused = _refused(uow, b"{not json")
    assert _refused(uow, b"[]").reason is ReportRefusal.MALFORMED

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


def test_one_changed_byte_is_refused(uow: NewUnitOfWork) -> None:
    data = signed(_final(), DEVICE)
    changed = data.replace(b'"25":2', b'"25":3')
    assert changed != data

    refused = _refused(uow, changed)

    assert refused.reason is ReportRefusal.BAD_SIGNATURE
    with uow() as work:
        assert work.reports.get(ROUND_2, ST_1, "final") is None
        assert work.incidents.all(ROUND_2) == []  # anyone can send such bytes


def test_a_report_of_an_unenrolled_device_is_refused(uow: NewUnitOfWork) -> None:
    unknown = SigningKey.from_seed(b"u" * 32)
    refused = _refused(uow, signed(_final(ST_1, unknown), unknown))

    assert refused.reason is ReportRefusal.UNKNOWN_DEVICE
    assert refused.incident is None


def test_a_report_of_a_revoked_device_is_refused_as_an_incident(uow: NewUnitOfWork) -> None:
    revoke_device(uow, election_id=ROUND_2, public_key_hex=DEVICE.public_key.raw.hex(), now=NOW)

    refused = _refused(uow, signed(_final(), DEVICE))

    assert refused.reason is ReportRefusal.REVOKED_DEVICE
    with uow() as work:
        (incident,) = work.incidents.all(ROUND_2)
        assert (incident.kind, incident.stations) == (IncidentKind.REFUSED_REPORT, (ST_1,))


def test_a_report_for_another_station_names_both(uow: NewUnitOfWork) -> None:
    votes = {"president": [("25",)], "parliament": [("41",)]}
    refused = _refused(uow, signed(_final(ST_3, DEVICE, votes), DEVICE))

    assert refused.reason is ReportRefusal.WRONG_STATION
    with uow() as work:
        (incident,) = work.incidents.all(ROUND_2)
        assert incident.stations == (ST_1, ST_3)


def test_a_report_for_another_definition_is_refused(uow: NewUnitOfWork) -> None:
    report = dataclasses.replace(_final(), definition_hash="sha256:" + "00" * 32)

    assert _refused(uow, signed(report, DEVICE)).reason is ReportRefusal.DEFINITION_MISMATCH


def test_a_report_that_does_not_fit_the_definition_is_refused(uow: NewUnitOfWork) -> None:
    report = _final()
    parliament, president = report.sheets  # held sorted by contest
    other = TallySheet(
        ST_1, "parliament", dataclasses.replace(parliament.counts, votes={"41": 0, "31": 2})
    )
    missing = dataclasses.replace(report, sheets=(president,))
    stray = dataclasses.replace(report, sheets=(president, other))

    for bad, expected in (
        (missing, "missing: the station votes in this contest"),
        (stray, "unknown-candidate 41"),
    ):
        refused = _refused(uow, signed(bad, DEVICE))
        assert refused.reason is ReportRefusal.NONCONFORMING
        assert [str(p) for p in refused.problems] == [f"sheets[parliament]: {expected}"]


def test_a_report_whose_figures_do_not_reconcile_is_refused(uow: NewUnitOfWork) -> None:
    report = _final()
    parliament, president = report.sheets  # held sorted by contest
    more = president.counts.papers_received + 1
    counts = dataclasses.replace(president.counts, papers_received=more)
    bad = dataclasses.replace(report, sheets=(parliament, TallySheet(ST_1, "president", counts)))

    refused = _refused(uow, signed(bad, DEVICE))

    assert refused.reason is ReportRefusal.DOES_NOT_RECONCILE
    assert [p.path for p in refused.problems] == ["sheets[president].papers_received"]
    with uow() as work:
        assert list(work.tallies.all(ROUND_2)) == []
        (incident,) = work.incidents.all(ROUND_2)
        assert incident.kind is IncidentKind.REFUSED_REPORT


def test_a_zero_report_that_counts_anything_is_malformed(uow: NewUnitOfWork) -> None:
    report = zero(ROUND_2_DAY, ST_3, DEVICE_3)
    data = signed(report, DEVICE_3).replace(b'"cast":0', b'"cast":1', 1)

    assert _refused(uow, data).reason is ReportRefusal.MALFORMED


# ---- registered staff and the zero report (issue 9, section 2) ----------------------------------


def test_a_final_report_without_staff_signatures_is_refused(uow: NewUnitOfWork) -> None:
    head = station_staff(ST_1)[:1]
    for staff in ((), head):
        refused = _refused(uow, signed(_final(), DEVICE, staff))
        assert refused.reason is ReportRefusal.MISSING_STAFF
        assert refused.incident is not None  # the box did sign it
    secretaries = (*station_staff(ST_1)[1:], (StaffRole.SECRETARY, SigningKey.from_seed(b"2" * 32)))
    assert _refused(uow, signed(_final(), DEVICE, secretaries)).reason is (
        ReportRefusal.UNREGISTERED_STAFF
    )


def test_a_staff_key_of_another_station_is_refused(uow: NewUnitOfWork) -> None:
    (head, secretary) = station_staff(ST_1)
    borrowed = (head, station_staff(ST_2)[1])
    refused = _refused(uow, signed(_final(), DEVICE, borrowed))

    assert refused.reason is ReportRefusal.UNREGISTERED_STAFF
    assert "is not registered for ST-0801-0001" in str(refused.problems[0])
    made_up = (head, (StaffRole.SECRETARY, SigningKey.from_seed(b"y" * 32)))
    assert _refused(uow, signed(_final(), DEVICE, made_up)).reason is (
        ReportRefusal.UNREGISTERED_STAFF
    )
    assert secretary  # the real secretary did not sign


def test_a_staff_key_signing_under_another_role_is_refused(uow: NewUnitOfWork) -> None:
    (_, head), (_, secretary) = station_staff(ST_1)
    swapped = ((StaffRole.HEAD, secretary), (StaffRole.SECRETARY, head))

    refused = _refused(uow, signed(_final(), DEVICE, swapped))

    assert refused.reason is ReportRefusal.STAFF_ROLE_MISMATCH
    assert "registered as secretary, signs as head" in str(refused)


def test_a_final_report_of_a_box_that_sent_no_zero_report_is_refused(uow: NewUnitOfWork) -> None:
    votes = {"president": [("25",)], "parliament": [("41",)]}

    refused = _refused(uow, signed(_final(ST_3, DEVICE_3, votes), DEVICE_3))

    assert refused.reason is ReportRefusal.NO_ZERO_REPORT
    with uow() as work:
        assert work.reports.get(ROUND_2, ST_3, "final") is None
        assert [i.details["reason"] for i in work.incidents.all(ROUND_2)] == ["no-zero-report"]


def test_the_centre_names_every_reason_a_report_is_not_covered() -> None:
    names = {reason.value for reason in ReportRefusal}
    assert {reason.name.lower().replace("_", "-") for reason in COVERAGE_REASONS} <= names
