"""Issue 11, F3: a wrong winner is no longer confirmed by records handed in at close. The
records are committed (hash, count, agreeing stations) in the plan before the seed; a board
reading every paper for the reported loser gets no confirmation whatever codes or records it
gives (F3b: one code on every paper; a code of another station); and F9/F10: readings no paper
can show are refused, naming the paper and the contest."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

import pytest

from sandogh.core.audit.cast_records import CastRecord
from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.plan import AuditKind
from sandogh.core.audit.reading import Reading
from sandogh.core.audit.rounds import Decision, PaperReading
from sandogh.core.audit.sampling import PaperAddress
from sandogh.services.audit_errors import ReadingRefusedError, RecordsNotCommittedError
from sandogh.services.audit_rounds import close_round, draw_round, record_readings
from sandogh.services.audits import record_seed, start_audit
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from tests.conftest import TEST_NOW
from tests.core.audit.audits import DICE
from tests.core.definition.kerman import PRESIDENT, with_contest

from .audit_build import FIVE_PERCENT, load, records_of, sheets_of

NOW = {"now": TEST_NOW}
SMALL = with_contest(PRESIDENT)
STATIONS = ("ST-0801-0001", "ST-0801-0002", "ST-0802-0001")
SHEETS = sheets_of(dict.fromkeys(STATIONS, (1600, 1400)), papers=3000)  # 21 wins, 53 % to 47 %
CAST = records_of(SHEETS).cast()  # "STATION#k": k ≤ 1600 a vote for 21, the rest for 25
LOSER = {"president": Reading.vote("25")}


def _store() -> Callable[[], MemoryUnitOfWork]:
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    load(uow, SMALL, SHEETS)
    return uow


def _drawn(uow: Callable[[], MemoryUnitOfWork]) -> list[PaperAddress]:
    record_seed(uow, SMALL.id, DICE, **NOW)
    return [p.paper for p in draw_round(uow, SMALL.id, **NOW).papers]


def test_without_records_the_boxes_are_polled_and_the_loser_on_every_paper_is_no_confirmation() -> (
    None
):
    uow = _store()
    audit = start_audit(uow, SMALL.id, ["president"], FIVE_PERCENT, **NOW)
    assert [c.kind for c in audit.plan.contests] == [AuditKind.POLLING]
    assert audit.plan.records is None
    drawn = _drawn(uow)
    # the F3 script: every paper read for 25, with a record of 25 invented for each code
    record_readings(
        uow, SMALL.id, [PaperReading(p, LOSER, f"C{i}") for i, p in enumerate(drawn)], **NOW
    )
    invented = {f"C{i}": CastRecord(p.station, LOSER) for i, p in enumerate(drawn)}
    with pytest.raises(RecordsNotCommittedError):  # no records were committed
        close_round(uow, SMALL.id, invented, **NOW)
    (risk,) = close_round(uow, SMALL.id, None, **NOW).contests
    assert risk.decision is not Decision.CONFIRMED


def test_the_plan_commits_the_records_and_a_file_made_at_close_is_refused() -> None:
    uow = _store()
    audit = start_audit(uow, SMALL.id, ["president"], FIVE_PERCENT, records=CAST, **NOW)
    assert [c.kind for c in audit.plan.contests] == [AuditKind.COMPARISON]
    assert audit.plan.records is not None
    assert (audit.plan.records.count, audit.plan.records.stations) == (9000, frozenset(STATIONS))
    published = json.loads(audit.stored.plan)["records"]
    assert published["sha256"] == audit.plan.records.sha256
    assert "ST-0801-0001#1" not in audit.stored.plan.decode()  # no code is stored or published
    drawn = _drawn(uow)
    codes = [f"{p.station}#{1600 + i % 1400 + 1}" for i, p in enumerate(drawn)]  # 25's records
    record_readings(
        uow, SMALL.id, [PaperReading(p, LOSER, c) for p, c in zip(drawn, codes, strict=True)], **NOW
    )
    fabricated = dict(CAST) | {
        codes[0]: CastRecord(drawn[0].station, {"president": Reading.vote("21")})
    }
    with pytest.raises(RecordsNotCommittedError):
        close_round(uow, SMALL.id, fabricated, **NOW)
    with pytest.raises(RecordsNotCommittedError):
        close_round(uow, SMALL.id, None, **NOW)


@pytest.mark.parametrize("how", ["another-station", "one-code"])
def test_a_board_pinning_papers_to_records_that_agree_with_it_gets_no_confirmation(
    how: str,
) -> None:
    """F3b: each paper read for 25 with the code of a 25-record of another station, or with
    one and the same code: every such paper counts as the worst case."""
    uow = _store()
    start_audit(uow, SMALL.id, ["president"], FIVE_PERCENT, records=CAST, **NOW)
    drawn = _drawn(uow)

    def code(i: int, paper: PaperAddress) -> str:
        if how == "one-code":
            return f"{paper.station}#2000"
        other = STATIONS[(STATIONS.index(paper.station) + 1) % 3]
        return f"{other}#{1601 + i}"

    readings = [PaperReading(p, LOSER, code(i, p)) for i, p in enumerate(drawn)]
    record_readings(uow, SMALL.id, readings, **NOW)
    result = close_round(uow, SMALL.id, CAST, **NOW)
    (risk,) = result.contests
    assert risk.decision is not Decision.CONFIRMED
    assert len(result.discrepancies) >= len(drawn) - 3  # at most one per station agreed


def test_records_that_do_not_add_up_to_a_sheet_name_their_station_and_are_not_compared() -> None:
    uow = _store()
    flipped = dict(CAST) | {"ST-0801-0002#1": CastRecord("ST-0801-0002", LOSER)}
    short = {k: v for k, v in flipped.items() if k != "ST-0802-0001#3000"}
    audit = start_audit(uow, SMALL.id, ["president"], FIVE_PERCENT, records=short, **NOW)
    assert audit.plan.records is not None
    assert dict(audit.plan.records.disagree) == {
        "ST-0801-0002": "tally:president",
        "ST-0802-0001": "papers",
    }
    assert [c.kind for c in audit.plan.contests] == [AuditKind.POLLING]
    stray = dict(CAST) | {"X#1": CastRecord("ST-9999-0001", LOSER)}
    with pytest.raises(AuditInputError, match="ST-9999-0001 is no station"):
        start_audit(_store(), SMALL.id, ["president"], FIVE_PERCENT, records=stray, **NOW)


@pytest.mark.parametrize(
    ("shows", "why"),
    [
        ({"presidnet": Reading.vote("21")}, "not-audited"),  # F9: a header typo
        ({"president": Reading.vote("99")}, "not-standing"),  # F10: no such candidate
        ({"president": Reading.vote("21", "25")}, "too-many-marks"),  # F10: an over-vote
    ],
)
def test_a_reading_no_paper_can_show_is_refused_naming_paper_and_contest(
    shows: dict[str, Reading], why: str
) -> None:
    uow = _store()
    start_audit(uow, SMALL.id, ["president"], FIVE_PERCENT, records=CAST, **NOW)
    drawn = _drawn(uow)
    good = [PaperReading(p, {"president": Reading.vote("21")}, f"{p.station}#1") for p in drawn]
    bad = replace(good[0], shows=shows)
    with pytest.raises(ReadingRefusedError) as refused:
        record_readings(uow, SMALL.id, [bad, *good[1:]], **NOW)
    (contest,) = shows
    assert refused.value.problems == ((f"{drawn[0]} {contest}", why),)
    assert record_readings(uow, SMALL.id, good, **NOW) == len(good)  # nothing was stored


def test_a_record_used_in_one_round_is_the_worst_case_in_the_next() -> None:
    """R3 of the S18 re-attack: codes are erased at close, so round 2 reused round 1's records
    and confirmed the reported loser's 94–0 reading; a record is now matched once in the
    audit, remembered by its place in the records' order, never by its code."""
    uow = _store()
    start_audit(uow, SMALL.id, ["president"], FIVE_PERCENT, records=CAST, **NOW)
    drawn = _drawn(uow)
    first = [
        PaperReading(p, LOSER, f"{p.station}#{1601 if i < 4 else 2000 + i}")
        for i, p in enumerate(drawn)
    ]
    record_readings(uow, SMALL.id, first, **NOW)
    assert close_round(uow, SMALL.id, CAST, **NOW).contests[0].decision is Decision.ANOTHER_ROUND
    papers = [p.paper for p in draw_round(uow, SMALL.id, **NOW).papers]
    given: dict[str, int] = {}
    second = []
    for p in papers:  # each station's first paper reuses #1601, the rest are unused 25-records
        k = given.get(p.station, 0)
        given[p.station] = k + 1
        second.append(PaperReading(p, LOSER, f"{p.station}#{1601 + k}"))
    record_readings(uow, SMALL.id, second, **NOW)
    closed = close_round(uow, SMALL.id, CAST, **NOW)
    assert closed.contests[0].decision is not Decision.CONFIRMED
    reused = {r.code for r in first} & {r.code for r in second}
    assert len(closed.discrepancies) >= len(reused) > 0
    for code in reused:  # only the place is kept, in the log, never the code
        assert all(code not in str(e.event.details) for e in uow().events.entries())
