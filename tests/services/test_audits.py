"""The audit use cases on every store: the Kerman runoff audited from start to confirmation,
each refusal named, and a close margin sent to a full hand count pending certification."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from sandogh.core.access import Grant, Role
from sandogh.core.audit.audit_record import totals_json
from sandogh.core.audit.manifest import ManifestError, Roll
from sandogh.core.audit.plan import Escalation
from sandogh.core.audit.reading import Reading, Totals
from sandogh.core.audit.rounds import BatchReading, Decision, PaperReading
from sandogh.core.audit.sampling import PaperAddress
from sandogh.core.counting.tally import Counts
from sandogh.core.definition.model import Mobility, Setting, StationInfo, UnitKind, VotingMode
from sandogh.core.log import verify
from sandogh.core.supervision import Decision as VoidDecision
from sandogh.core.supervision import StationVoid
from sandogh.formats.tally_csv import load_tally_csv
from sandogh.services.acting import Actor
from sandogh.services.audit_errors import (
    AuditAlreadyStartedError,
    AuditEndedError,
    HandCountNotDueError,
    HandCountRecordedError,
    NoAuditError,
    NoOpenRoundError,
    NoSeedError,
    NotAllReadError,
    ReadingRefusedError,
    RecordsDifferFromLogError,
    ResultsChangedError,
    RoundOpenError,
    SeedAlreadyRecordedError,
)
from sandogh.services.audit_rounds import close_round, draw_round, record_readings
from sandogh.services.audit_status import audit_publication, audit_status, record_hand_count
from sandogh.services.audits import record_seed, start_audit
from sandogh.services.elections import root_of
from sandogh.services.ingest import ingest_report
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from sandogh.services.results import import_results
from sandogh.services.voids import void
from tests.conftest import TEST_NOW
from tests.core.audit.audits import EXAMPLE, Records, kerman
from tests.core.definition.kerman import PRESIDENT, with_contest

from . import build as building
from .audit_build import (
    FIVE_PERCENT,
    KERMAN_R2,
    NewUnitOfWork,
    faithful,
    load,
    load_kerman,
    records_of,
    sheets_of,
    showing,
)

DICE = (Roll("ستاد انتخابات", "3071945268"), Roll("ناظر", "5812093746"), Roll("نماینده 25", "4409"))
NOW = {"now": TEST_NOW}
SMALL = with_contest(PRESIDENT)
STATIONS = ("ST-0801-0001", "ST-0801-0002", "ST-0802-0001")
SHEETS = sheets_of(dict.fromkeys(STATIONS, (1600, 1400)), papers=3000)  # 53 % to 47 %
RECORDS = records_of(SHEETS)
CAST = RECORDS.cast()
read = faithful(RECORDS)


def _events(uow: NewUnitOfWork) -> list[tuple[str, dict[str, object]]]:
    with uow() as work:
        return [(e.event.type.value, dict(e.event.details)) for e in work.events.entries()]


def _started(uow: NewUnitOfWork, *, seed: bool = True) -> str:
    load(uow, SMALL, SHEETS)
    start_audit(uow, SMALL.id, ["president"], FIVE_PERCENT, records=CAST, **NOW)
    if seed:
        record_seed(uow, SMALL.id, DICE, **NOW)
    return SMALL.id


def test_an_audit_runs_to_confirmation_with_every_round_hash_logged(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    uow = new_unit_of_work
    election = _started(uow, seed=False)
    with pytest.raises(NoSeedError):
        draw_round(uow, election, **NOW)
    record_seed(uow, election, DICE, **NOW)
    first = draw_round(uow, election, **NOW)
    drawn = [p.paper for p in first.papers]
    # a blank paper whose record holds a vote, and a paper not found
    wrong = {drawn[3]: showing(drawn[3], Reading.invalid()), drawn[0]: showing(drawn[0], None)}
    readings = [wrong.get(p) or read(p) for p in drawn]
    assert record_readings(uow, election, readings[:10], **NOW) == 10
    with pytest.raises(NotAllReadError):
        close_round(uow, election, CAST, **NOW)
    record_readings(uow, election, readings[10:], **NOW)
    with pytest.raises(RoundOpenError):
        draw_round(uow, election, **NOW)
    one = close_round(uow, election, CAST, **NOW)
    assert one.contests[0].decision is Decision.ANOTHER_ROUND
    assert {d.unit for d in one.discrepancies} >= {str(drawn[0])}
    with pytest.raises(NoOpenRoundError):  # a reading after its round closed
        record_readings(uow, election, [read(drawn[1])], **NOW)
    rounds = [one]
    while rounds[-1].next_sizes:
        drawn_now = draw_round(uow, election, **NOW)
        record_readings(uow, election, [read(p.paper) for p in drawn_now.papers], **NOW)
        rounds.append(close_round(uow, election, CAST, **NOW))
    assert rounds[-1].contests[0].decision is Decision.CONFIRMED
    with pytest.raises(AuditEndedError):
        draw_round(uow, election, **NOW)
    status = audit_status(uow, election)
    assert [r.hash for r in status.results] == [r.hash for r in rounds]
    assert status.decisions[0].decision is Decision.CONFIRMED
    # every round's hash is in the hash-chained log, which still verifies
    closed = [d["hash"] for t, d in _events(uow) if t == "audit-round-closed"]
    assert closed == [r.hash for r in rounds]
    with uow() as work:
        assert verify(work.events.entries()).ok
    published = audit_publication(uow, election)
    records = [json.loads(r) for r in published.rounds]
    assert [r["number"] for r in records] == list(range(1, len(rounds) + 1))
    assert records[1]["previous"] == rounds[0].hash
    # the codes (the voters' receipts) are erased once compared, and never published
    with uow() as work:
        assert all(r.code is None for r in work.audits.readings(election))
    assert b"#" not in b"".join(published.rounds)


def test_the_kerman_runoff_is_confirmed_at_five_percent() -> None:
    store = MemoryStore()
    uow: NewUnitOfWork = lambda: MemoryUnitOfWork(store)  # noqa: E731
    load_kerman(uow)
    cast = KERMAN_RECORDS.cast()  # 1.3 M records: made once, handed in at the start and close
    audit = start_audit(uow, KERMAN_R2, ["president"], FIVE_PERCENT, records=cast, **NOW)
    assert audit.manifest.papers == 1_276_092
    record_seed(uow, KERMAN_R2, DICE, **NOW)
    drawn = draw_round(uow, KERMAN_R2, **NOW)
    # Kerman city's boxes and the paper stations in one constituency: polled whole (docs/audit.md)
    assert list(drawn.sizes.values()) == [114]
    kerman_read = faithful(KERMAN_RECORDS)
    record_readings(uow, KERMAN_R2, [kerman_read(p.paper) for p in drawn.papers], **NOW)
    (risk,) = close_round(uow, KERMAN_R2, cast, **NOW).contests
    assert risk.decision is Decision.CONFIRMED


def test_each_refusal_is_named(new_unit_of_work: NewUnitOfWork) -> None:
    uow = new_unit_of_work
    load(uow, SMALL, SHEETS)
    with pytest.raises(NoAuditError):
        record_seed(uow, SMALL.id, DICE, **NOW)
    start_audit(uow, SMALL.id, ["president"], FIVE_PERCENT, **NOW)
    with pytest.raises(AuditAlreadyStartedError):
        start_audit(uow, SMALL.id, ["president"], FIVE_PERCENT, **NOW)
    with pytest.raises(ManifestError, match="at least 20"):
        record_seed(uow, SMALL.id, [Roll("HQ", "12345")], **NOW)
    with pytest.raises(NoOpenRoundError):
        record_readings(uow, SMALL.id, [], **NOW)
    record_seed(uow, SMALL.id, DICE, **NOW)
    with pytest.raises(SeedAlreadyRecordedError):
        record_seed(uow, SMALL.id, [Roll("HQ", "0" * 24)], **NOW)
    drawn = [p.paper for p in draw_round(uow, SMALL.id, **NOW).papers]
    elsewhere = PaperAddress(drawn[0].station, "1", drawn[0].position + 1)
    if elsewhere in drawn:
        elsewhere = replace(elsewhere, position=elsewhere.position + 1)
    with pytest.raises(ReadingRefusedError) as refused:
        record_readings(uow, SMALL.id, [read(drawn[0]), read(elsewhere)], **NOW)
    assert refused.value.problems == ((str(elsewhere), "not-drawn"),)
    with pytest.raises(ReadingRefusedError) as twice:
        record_readings(uow, SMALL.id, [read(drawn[1]), read(drawn[1])], **NOW)
    assert twice.value.problems == ((str(drawn[1]), "read-twice"),)
    record_readings(uow, SMALL.id, [read(drawn[1])], **NOW)
    with pytest.raises(ReadingRefusedError, match="read-twice"):
        record_readings(uow, SMALL.id, [read(drawn[1])], **NOW)
    with pytest.raises(ReadingRefusedError, match="not-drawn"):
        record_readings(uow, SMALL.id, (), [BatchReading("x", drawn[0].station, None)], **NOW)
    with pytest.raises(HandCountNotDueError):
        record_hand_count(uow, SMALL.id, "president:IR", Counts(cast=1), **NOW)
    # nothing of a refused batch was stored
    assert audit_status(uow, SMALL.id).read == 1


def test_a_close_margin_goes_to_a_full_hand_count_pending_certification(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    uow = new_unit_of_work
    election = SMALL
    load(uow, election, sheets_of(dict.fromkeys(STATIONS, (151, 149))))
    start_audit(uow, election.id, ["president"], FIVE_PERCENT, **NOW)
    record_seed(uow, election.id, DICE, **NOW)
    (before,) = audit_status(uow, election.id).decisions
    assert before.decision is Decision.HAND_COUNT
    assert before.reason in (Escalation.NO_SAMPLE, Escalation.WHOLE_FRAME)
    with pytest.raises(AuditEndedError):
        draw_round(uow, election.id, **NOW)
    hand = Counts(cast=900, valid=900, votes={"21": 440, "25": 460})
    counted = record_hand_count(uow, election.id, "president:IR", hand, **NOW)
    assert (counted.changed, counted.outcome.elected) == (True, ("25",))
    with pytest.raises(HandCountRecordedError):
        record_hand_count(uow, election.id, "president:IR", hand, **NOW)
    (kept,) = audit_status(uow, election.id).hand_counts
    assert kept.outcome.elected == ("25",)
    (logged,) = [d for t, d in _events(uow) if t == "audit-hand-counted"]
    assert (logged["status"], logged["elected"]) == ("pending-certification", "25")


def test_a_paper_reading_is_stored_before_any_record_is_looked_at(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """The readings are stored blind: no record is needed to enter them, and a record that
    would contradict the board changes nothing stored until the round closes."""
    uow = new_unit_of_work
    _started(uow)
    paper = draw_round(uow, SMALL.id, **NOW).papers[0].paper
    record_readings(
        uow, SMALL.id, [PaperReading(paper, {"president": Reading.vote("25")}, "c")], **NOW
    )
    with uow() as work:
        (stored,) = work.audits.readings(SMALL.id)
    assert (stored.shows, stored.code, stored.record) == ({"president": ["25"]}, "c", None)


KERMAN_RECORDS = Records(kerman().sheets)


def test_a_void_after_the_plan_was_published_stops_the_audit(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """The audit is of the results as announced: a box voided afterwards changes the plan's
    reported totals, and no round is drawn on a plan that no longer describes the results."""
    uow = new_unit_of_work
    election = _started(uow)
    supervisor = Actor("hoseini", Grant(Role.SUPERVISOR, root_of(SMALL)))
    decided = StationVoid(STATIONS[2], "president", VoidDecision("no seal", "هیات ۷"))
    void(uow, supervisor, election, decided, now=TEST_NOW)
    with pytest.raises(ResultsChangedError):
        draw_round(uow, election, **NOW)


def test_a_reading_rewritten_after_its_round_closed_is_caught_by_the_logged_hash(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    uow = new_unit_of_work
    election = _started(uow)
    drawn = [p.paper for p in draw_round(uow, election, **NOW).papers]
    record_readings(uow, election, [read(p) for p in drawn], **NOW)
    close_round(uow, election, CAST, **NOW)
    with uow() as work:  # someone with the database erases a discrepancy's cause, or adds one
        work.audits.compared(election, "", str(drawn[0]), {"president": "invalid"})
        work.commit()
    with pytest.raises(RecordsDifferFromLogError, match="no longer give the hash logged") as found:
        audit_status(uow, election)
    assert found.value.subject == "round 1"  # the readings changed, not the results


def test_a_box_holds_one_paper_per_cast_vote_record_of_its_final_report(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """ST-0801-0001 reports by its box: four records, one voter voting only for parliament, so
    its final report's `cvr_count` (4), not its president sheet's cast (3), is its papers; the
    other stations' imported sheets hold their cast."""
    uow = new_unit_of_work
    building.runoff_with_box(uow)
    key = building.DEVICE
    station = building.ST_1
    zero = building.zero(building.ROUND_2_DAY, station, key)
    ingest_report(uow, signed=building.signed(zero, key), now=building.NOW)
    for n in range(1, 5):
        building.check_in_voter(uow, building.national_code(n), station)
    votes = {"president": [("21",), ("25",), ("25",)], "parliament": [("31",)] * 4}
    report = building.final(building.ROUND_2_DAY, station, key, votes)
    ingest_report(uow, signed=building.signed(report, key), now=building.LATER)
    others = sheets_of({building.ST_2: (5, 4), building.ST_3: (3, 6)}, papers=9)
    import_results(uow, building.ROUND_2, others, now=TEST_NOW)
    audit = start_audit(uow, building.ROUND_2, ["president"], FIVE_PERCENT, **NOW)
    papers = {s.code: s.papers for s in audit.manifest.stations}
    assert papers == {building.ST_1: 4, building.ST_2: 9, building.ST_3: 9}


def test_the_store_keeps_one_seed_and_closes_a_round_once(new_unit_of_work: NewUnitOfWork) -> None:
    """Two meetings racing to record a seed, or two closings of one round, are decided by the
    store: the second finds the seed stored, or the round closed, and changes nothing."""
    uow = new_unit_of_work
    election = _started(uow)
    draw_round(uow, election, **NOW)
    with uow() as work:
        assert not work.audits.set_seed(election, b"{}")
        assert work.audits.close_round(election, 1, b"{}", "sha256:" + "0" * 64)
        assert not work.audits.close_round(election, 1, b"[]", "sha256:" + "1" * 64)
        (stored,) = work.audits.rounds(election)
        assert stored.record == b"{}"


def test_paper_stations_are_audited_by_batches_each_recounted_once(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """The Kerman runoff as if every station voted on paper: a station drawn is recounted by
    hand; its totals are stored blind like a paper's reading and replayed (§4.3)."""
    uow = new_unit_of_work
    example = kerman()
    paper = StationInfo(Mobility.FIXED, Setting.URBAN, VotingMode.PAPER, False, None)
    units = tuple(
        replace(u, station=paper) if u.kind is UnitKind.STATION else u
        for u in example.election.units
    )
    election = replace(example.election, units=units)
    load(uow, election, list(load_tally_csv(EXAMPLE / "round2-results.csv")))
    start_audit(uow, election.id, ["president"], FIVE_PERCENT, **NOW)
    record_seed(uow, election.id, DICE, **NOW)
    drawn = draw_round(uow, election.id, **NOW)
    assert drawn.papers == ()
    sheets = example.sheets["president"]
    batches = [
        BatchReading(name, pull.station, Totals.of_counts(sheets[pull.station]))
        for name, pull in drawn.stations
    ]
    with pytest.raises(ReadingRefusedError, match="read-twice"):
        record_readings(uow, election.id, (), [*batches, batches[0]], **NOW)
    record_readings(uow, election.id, (), batches, **NOW)
    (risk,) = close_round(uow, election.id, None, **NOW).contests
    assert risk.decision is Decision.CONFIRMED
    (rounds,) = audit_publication(uow, election.id).rounds
    first = json.loads(rounds)["batches"][0]
    assert first["hand"] == totals_json(batches[0].hand)
