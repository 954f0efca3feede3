import dataclasses
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from sandogh.core.counting.tally import InvalidKind
from sandogh.core.report import (
    CastVoteRecord,
    Choice,
    CloseReconciliation,
    ReportError,
    ReportKind,
    SigningKey,
    StaffRole,
    StationReport,
    cvr_digest,
    decode_report,
    decode_signed,
    verify_signed,
)
from sandogh.core.station import ActionRefusedError, Phase
from sandogh.station.box import CLOSE_RECONCILIATION, Box
from sandogh.station.directory import StationDirectory
from sandogh.station.errors import (
    AlreadyEnrolledError,
    NotEnrolledError,
    PaperAccountError,
    StaffKeyError,
    StaffKeyRefusal,
    UnsignedMinutesError,
)
from sandogh.station.fake_centre import FakeCentre
from sandogh.station.printers import FilePrinter, PrintJob
from sandogh.station.qr import join_qr_parts
from sandogh.station.setup import OfflinePolicy

from .build import (
    BALLOT,
    COUNTERS,
    DEFINITION_HASH,
    ELECTION,
    STAFF_KEYS,
    STATION,
    Station,
    issued,
    national_code,
    new_station,
    voting_station,
)

# A hand-worked day of 30 ballots. President: Jalili (21) 12, Pezeshkian (25) 15, blank 3.
# Majlis, two seats: 31+32 ten times, 33 alone eight, 31+34 seven, blank five, so
# 31: 17, 32: 10, 33: 8, 34: 7, valid 25, blank 5.
PRESIDENT = [("21",)] * 12 + [("25",)] * 15 + [()] * 3
PARLIAMENT = [("31", "32")] * 10 + [("33",)] * 8 + [("34", "31")] * 7 + [()] * 5
PLAN = [
    (Choice("president", p), Choice("parliament", m))
    for p, m in zip(PRESIDENT, PARLIAMENT, strict=True)
]


def _vote(station: Station, voter: int, choices: tuple[Choice, ...]) -> None:
    card = issued(station.box.check_in(national_code(voter)))
    station.box.cast(card.token, choices)


def _printed_report(job: PrintJob, key: SigningKey) -> tuple[bytes, StationReport]:
    data = join_qr_parts(job.qr)
    return data, verify_signed(decode_signed(data), key.public_key)


def test_a_whole_day_at_one_station(tmp_path: Path) -> None:
    station = new_station(tmp_path)
    box = station.box
    zero = box.open({"president": 500, "parliament": 500})
    assert zero.kind is ReportKind.ZERO
    box.start_voting()
    for voter, choices in enumerate(PLAN):
        _vote(station, voter, choices)
    issued(box.check_in(national_code(99)))  # checked in, walks away without voting
    box.close()
    counted = box.count(spoiled={"president": 2}, staff=COUNTERS)
    signed = box.report(COUNTERS)
    assert box.status().phase is Phase.REPORTED

    jobs = station.printer.jobs()
    assert len(jobs) == 2  # the zero report, the final report: paper copies are not kept
    assert len(station.printer.copies) == len(PLAN)
    zero_bytes, printed_zero = _printed_report(jobs[0], box.key)
    assert printed_zero == zero
    assert all(s.counts.papers_unused == 500 and s.counts.cast == 0 for s in zero.sheets)
    final_bytes, final = _printed_report(jobs[-1], box.key)
    assert final == counted
    assert decode_signed(final_bytes) == signed

    sheets = {sheet.contest: sheet.counts for sheet in final.sheets}
    president, parliament = sheets["president"], sheets["parliament"]
    assert president.votes == {"21": 12, "25": 15}
    assert (president.cast, president.valid, president.invalid[InvalidKind.BLANK]) == (30, 27, 3)
    assert parliament.votes == {"31": 17, "32": 10, "33": 8, "34": 7}
    assert (parliament.cast, parliament.valid, parliament.invalid[InvalidKind.BLANK]) == (30, 25, 5)
    assert (president.papers_received, president.papers_used) == (500, 31)
    assert (president.papers_spoiled, president.papers_unused) == (2, 467)
    assert parliament.papers_unused == 500 - 31
    assert final.cvr_count == 30
    assert final.cvr_digest == cvr_digest(CastVoteRecord(choices) for choices in PLAN)
    assert (final.election, final.station, final.sequence) == (ELECTION, STATION, 2)

    outcome = box.sync()
    assert (outcome.delivered, outcome.outbox.pending) == (2, 0)
    assert station.centre.reports == [zero_bytes, final_bytes]


def test_each_phase_refuses_what_it_does_not_allow(tmp_path: Path) -> None:
    station = new_station(tmp_path)
    box = station.box
    with pytest.raises(ActionRefusedError):
        box.check_in(national_code(1))
    box.open({"president": 10, "parliament": 10})
    with pytest.raises(ActionRefusedError):
        box.open({"president": 10, "parliament": 10})
    with pytest.raises(ActionRefusedError):
        box.count(staff=COUNTERS)
    box.start_voting()
    card = issued(box.check_in(national_code(1)))
    box.close()
    with pytest.raises(ActionRefusedError):
        box.cast(card.token, PLAN[0])
    with pytest.raises(ActionRefusedError):
        box.report()
    assert box.status().records == 0


def test_ballot_papers_that_cannot_be_are_refused(tmp_path: Path) -> None:
    station = new_station(tmp_path)
    with pytest.raises(PaperAccountError) as opening:
        station.box.open({"president": -1, "council": 3})
    assert {p.path for p in opening.value.problems} == {
        "papers_received[council]",
        "papers_received[parliament]",
        "papers_received[president]",
    }
    station.box.open({"president": 2, "parliament": 2})
    station.box.start_voting()
    for voter in range(2):
        _vote(station, voter, PLAN[voter])
    station.box.close()
    with pytest.raises(PaperAccountError) as counting:
        station.box.count(spoiled={"president": 1}, staff=COUNTERS)
    assert [p.path for p in counting.value.problems] == ["papers[president]"]
    assert station.box.status().phase is Phase.CLOSED
    assert station.box.count(staff=COUNTERS).sheets[0].counts.papers_unused == 0


def test_the_report_carries_the_staff_signatures_and_can_be_printed_again(
    tmp_path: Path,
) -> None:
    station = voting_station(tmp_path)
    _vote(station, 1, PLAN[0])
    station.box.close()
    station.box.count(staff=COUNTERS)
    signed = station.box.report(staff=COUNTERS)
    assert Counter(s.role for s in signed.staff) == {StaffRole.HEAD: 1, StaffRole.SECRETARY: 1}
    verify_signed(signed, station.box.key.public_key)
    assert station.box.reprint(ReportKind.FINAL)
    first, again = station.printer.jobs()[-2:]
    assert first == again
    assert "امضاکنندگان: صندوق، رئیس شعبه، منشی" in first.lines


def test_minutes_signed_short_of_the_centres_rule_are_not_signed(tmp_path: Path) -> None:
    """Finding F9 of session 21: the head alone, or two members without the head, signed the
    final report, which the centre then refused; the box refuses it first, naming who is to sign."""
    station = voting_station(tmp_path)
    _vote(station, 1, PLAN[0])
    station.box.close()
    station.box.count(staff=COUNTERS)
    jobs, outbox = len(station.printer.jobs()), station.box.status().outbox
    for signers, waiting in (
        (STAFF_KEYS[:1], ("person-2", "person-3")),
        (STAFF_KEYS[1:], ("person-1",)),
    ):
        with pytest.raises(UnsignedMinutesError) as refused:
            station.box.report(signers)
        assert refused.value.waiting == waiting
    status = station.box.status()
    assert (status.phase, status.outbox, len(station.printer.jobs())) == (
        Phase.COUNTED,
        outbox,
        jobs,
    )
    station.box.report((STAFF_KEYS[0], STAFF_KEYS[2]))
    assert station.box.status().phase is Phase.REPORTED


def test_voting_can_be_extended(tmp_path: Path) -> None:
    station = voting_station(tmp_path)
    station.box.extend()
    station.box.extend()
    assert station.box.status().extended_by.total_seconds() == 4 * 3600


def test_a_box_is_enrolled_once(tmp_path: Path) -> None:
    station = new_station(tmp_path)
    with pytest.raises(AlreadyEnrolledError):
        station.box.enrol(election=ELECTION, station="ST-0801-0002", policy=OfflinePolicy.REFUSE)
    assert station.centre.enrolled == [STATION]


def test_a_box_that_is_not_enrolled_does_nothing(tmp_path: Path) -> None:
    station = new_station(tmp_path)
    other, key = type(station.directory)(tmp_path / "other").create()
    box = Box(other, key, station.centre, station.printer)
    with pytest.raises(NotEnrolledError):
        box.open({"president": 1})
    with pytest.raises(NotEnrolledError):
        box.status()


def test_a_box_whose_station_has_no_registered_staff_does_not_open(tmp_path: Path) -> None:
    """Its count key would have no one to hold it (issue 9 §1)."""
    store, key = StationDirectory(tmp_path / "station").create()
    centre = FakeCentre(election=ELECTION, definition_hash=DEFINITION_HASH, ballot=BALLOT)
    box = Box(store, key, centre, FilePrinter(tmp_path / "printer.jsonl"))
    box.enrol(election=ELECTION, station=STATION, policy=OfflinePolicy.REFUSE)
    with pytest.raises(StaffKeyError) as refused:
        box.open({"president": 10, "parliament": 10})
    assert refused.value.reason is StaffKeyRefusal.NO_STAFF
    assert box.status().phase is Phase.SET_UP


def test_counting_with_one_key_or_a_stranger_s_changes_nothing(tmp_path: Path) -> None:
    station = voting_station(tmp_path)
    _vote(station, 1, PLAN[0])
    station.box.close()
    stranger = (StaffRole.MEMBER, SigningKey.from_seed(b"x" * 32))
    for staff, reason in (
        (COUNTERS[:1], StaffKeyRefusal.TOO_FEW),
        ((COUNTERS[0], stranger), StaffKeyRefusal.UNREGISTERED),
    ):
        with pytest.raises(StaffKeyError) as refused:
            station.box.count(staff=staff)
        assert refused.value.reason is reason
    assert station.box.status().phase is Phase.CLOSED
    assert station.box.count(staff=COUNTERS).cvr_count == 1


def test_the_close_s_reconciliation_is_signed_in_the_final_report_and_keeps_no_card(
    tmp_path: Path,
) -> None:
    """Finding A1 of session 23: the staff's reconciliation stayed on the box, and its incident
    kept the unused card's token. The final report now signs the figures and the words; the
    box's file keeps counts (the card register aside), never the token."""
    station = voting_station(tmp_path)
    _vote(station, 1, PLAN[0])
    walked_away = issued(station.box.check_in(national_code(2)))
    words = "A voter took the card and left before voting."
    unexplained = CloseReconciliation(2, 1, 1, 1, 1, words)
    with pytest.raises(ReportError, match=r"reconciliation\.explanation"):  # for every caller
        station.box.close(dataclasses.replace(unexplained, explanation=" ok "))
    station.box.close(unexplained, ["person-1"])
    station.box.count(staff=COUNTERS)
    report = decode_report(station.box.report(COUNTERS).report)
    assert report.reconciliation == unexplained
    assert [i.kind for i in station.box.incidents()] == [CLOSE_RECONCILIATION]
    with sqlite3.connect(station.box.store.path) as db:
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        cells = [
            str(cell)
            for table in tables
            if table != "ballot_cards"  # the register of cards, which the booth reads
            for row in db.execute(f"SELECT * FROM {table}")
            for cell in row
        ]
    assert cells
    assert not [cell for cell in cells if walked_away.token in cell]
