"""An uncertified round's kept totals held to the roots the log last recorded
(`services.running_trees`; the session-26 outsider's F2): a rewrite by SQL of the totals of a
county, its province and the nation (their case `r2tot`), of a sheet with every total above it
(`r2both`), and a store rolled back whole to an older consistent state are refused by every
read of the rows they changed, paged or not, and by the next change of the totals; on SQLite
and PostgreSQL. The rows kept a change at a time are the whole trees', their roots logged."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Connection, Engine, delete, insert, select, text, update

from sandogh.core.counting.running import Scope
from sandogh.core.log import Disposition, Event, EventType, JSONValue
from sandogh.core.supervision import CandidateVoid, ConstituencyVoid, StationVoid
from sandogh.core.supervision.running_tree import whole_tree
from sandogh.services.days import day_of
from sandogh.services.devices import enrol_device
from sandogh.services.elections import SYSTEM
from sandogh.services.ingest import ingest_report
from sandogh.services.logged_reports import ReportNotLoggedError
from sandogh.services.ports import UnitOfWork
from sandogh.services.results import show_results
from sandogh.services.running_trees import (
    ROOT_TYPES,
    RootsNotRecordedError,
    TotalsNotLoggedError,
    logged_roots,
)
from sandogh.services.voids import void
from sandogh.store.tables import (
    CertifiedNodeRow,
    ResultsTotalRow,
    ResultsTotalVoteRow,
    StationReportRow,
    TallySheetRow,
)
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.conftest import TEST_NOW

from .build import (
    DEVICE,
    DEVICE_3,
    LATER,
    NOW,
    ROUND_2,
    ROUND_2_DAY,
    ST_1,
    ST_2,
    ST_3,
    final,
    load,
    open_station,
)
from .build import signed as signed_report
from .test_supervision import BOUGHT, SUPERVISOR, VOTES, NewUnitOfWork
from .test_totals import _import, _report

#: what a store rolled back whole holds again (the log, hash-chained and published, is not)
_ROLLED_BACK = (
    ResultsTotalRow,
    ResultsTotalVoteRow,
    CertifiedNodeRow,
    TallySheetRow,
    StationReportRow,
)
_MOVE = text(
    "UPDATE results_total_votes SET votes = votes + :moved WHERE scope = 'unit' "
    "AND code IN ('IR-08-0801', 'IR-08', 'IR') AND contest = 'president' "
    "AND candidate = :candidate"
)


def _store(engine: Engine) -> Callable[[], UnitOfWork]:
    def uow() -> UnitOfWork:
        return SqlUnitOfWork(engine, now=TEST_NOW)

    return uow


def _move_a_vote(connection: Connection, to: str, away: str) -> None:
    """A vote of the president's moved from `away` to `to` in the rows of ST_1's county, its
    province and the nation, alike."""
    for candidate, moved in ((to, 1), (away, -1)):
        connection.execute(_MOVE, {"moved": moved, "candidate": candidate})


def _refused(
    uow: Callable[[], UnitOfWork], unit: str, contest: str | None = None, **paged: int
) -> TotalsNotLoggedError:
    with pytest.raises(TotalsNotLoggedError) as refused:
        show_results(uow, ROUND_2, unit=unit, contest=contest, **paged)
    return refused.value


def test_totals_rewritten_above_a_county_are_refused_by_every_read_and_change(
    engine: Engine,
) -> None:
    uow = _store(engine)
    load(uow, ROUND_2_DAY)
    _import(uow, ST_1, ST_2)
    before = show_results(uow, ROUND_2, unit="IR")
    with engine.begin() as attack:  # r2tot
        _move_a_vote(attack, "21", "25")
    refused = _refused(uow, "IR")
    assert (refused.unit, refused.contest) == ("IR", "president")
    assert "sandogh results check-totals" in refused.fa
    assert "(IR)" in refused.en
    assert _refused(uow, "IR-08").unit == "IR-08"
    _refused(uow, "IR-08", "president")
    # the county a page at a time (the sum over every unit below is not on the page), and a
    # station of it: their paths hold the rewritten rows
    _refused(uow, "IR-08-0801", "president", page=2, page_size=1)
    _refused(uow, ST_1)
    # what the rewrite left alone still reads: another contest
    show_results(uow, ROUND_2, unit="IR", contest="parliament")
    # nor is a change of the totals made on top of it (or it would be logged)
    with pytest.raises(TotalsNotLoggedError):
        _import(uow, ST_3)
    with pytest.raises(TotalsNotLoggedError):
        void(uow, SUPERVISOR, ROUND_2, StationVoid(ST_1, None, BOUGHT), now=LATER)
    with engine.begin() as mended:  # put back: the same store reads as before
        _move_a_vote(mended, "25", "21")
    assert show_results(uow, ROUND_2, unit="IR") == before


def test_a_sheet_rewritten_with_every_total_above_it_is_refused(engine: Engine) -> None:
    """r2both: the station's sheet and every unit above it agree with each other and with the
    sums (ST_1's president: 3 votes for 21 and 1 for 25, made 2 and 2)."""
    uow = _store(engine)
    load(uow, ROUND_2_DAY)
    _import(uow, ST_1, ST_2)
    with engine.begin() as attack:
        attack.execute(
            update(TallySheetRow)
            .where(TallySheetRow.station == ST_1, TallySheetRow.contest == "president")
            .values(votes={"21": 2, "25": 2})
        )
        _move_a_vote(attack, "25", "21")
    for unit in (ST_1, "IR-08-0801", "IR"):
        _refused(uow, unit, "president")


def test_a_store_rolled_back_whole_to_an_older_consistent_state_is_refused(
    engine: Engine,
) -> None:
    uow = _store(engine)
    load(uow, ROUND_2_DAY)
    _import(uow, ST_1)
    with engine.connect() as reading:
        kept = {
            row: [dict(r._mapping) for r in reading.execute(select(row))] for row in _ROLLED_BACK
        }
    _report(uow, ST_3)
    with engine.begin() as attack:  # every row as it was after the first import
        for row in reversed(_ROLLED_BACK):
            attack.execute(delete(row))
        for row, rows in kept.items():
            if rows:
                attack.execute(insert(row), rows)
    # the rows agree with each other, with the sums and with the roots an entry of the log
    # records, but not with its newest's
    with uow() as work:
        assert logged_roots(work, day_of(work, ROUND_2)) is not None
    for unit in ("IR", "IR-08", "IR-08-0801", ST_1, "IR-08-0802"):
        _refused(uow, unit)
    with pytest.raises(TotalsNotLoggedError):
        _import(uow, ST_2)


def test_the_rows_kept_a_change_at_a_time_are_the_whole_trees_and_logged(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    """After each import, void and report (its zero report too), every contest's rows are
    those of its tree made whole, and the newest entry changing the totals records its root; a
    full recount (another definition) logs them in an entry of its own."""
    uow = new_unit_of_work
    load(uow, ROUND_2_DAY)
    steps: list[Callable[[], object]] = [
        lambda: _import(uow, ST_1),
        lambda: void(uow, SUPERVISOR, ROUND_2, StationVoid(ST_2, None, BOUGHT), now=LATER),
        lambda: _import(uow, ST_2),
        lambda: _report(uow, ST_3),  # its zero report, then its final one
        lambda: void(
            uow, SUPERVISOR, ROUND_2, CandidateVoid("president", "21", (ST_1,), BOUGHT), now=LATER
        ),
        lambda: void(
            uow, SUPERVISOR, ROUND_2, ConstituencyVoid("parliament", "P2", BOUGHT), now=LATER
        ),
    ]
    for step in steps:
        step()
        _rows_are_the_whole_trees(uow)
    with uow() as work:
        zero, final = work.events.of_type(EventType.REPORT_ACCEPTED, ROUND_2)
    assert zero.event.details["kind"] == "zero"
    assert zero.event.details["totals_roots"] != final.event.details["totals_roots"]
    with uow() as work:
        assert work.totals.claim(ROUND_2, "sha256:an-older-definition")
        work.commit()
    show_results(uow, ROUND_2, unit="IR")  # counted again, and its trees made whole
    with uow() as work:
        newest = work.events.last_of_types(ROOT_TYPES, ROUND_2)
    assert newest is not None
    assert newest.event.type is EventType.TOTALS_RECOUNTED
    _rows_are_the_whole_trees(uow)


def _rows_are_the_whole_trees(uow: NewUnitOfWork) -> None:
    with uow() as work:
        day = day_of(work, ROUND_2)
        roots = logged_roots(work, day)
        assert roots is not None
        sheets = list(work.tallies.all(ROUND_2))
        kept = work.totals.all(ROUND_2)
        for contest in ROUND_2_DAY.contests:
            root, rows = whole_tree(
                day.geography,
                contest.id,
                kept={
                    p.code: r
                    for p, r in kept.items()
                    if p.contest == contest.id and p.scope is Scope.UNIT
                },
                sheets={s.station: s for s in sheets if s.contest == contest.id},
            )
            assert roots[contest.id] == root
            stored = work.trees.rows(ROUND_2, contest.id, day.geography.top_down)
            assert stored == {code: row for code, row in rows.items() if row is not None}


def test_reports_taken_at_once_keep_the_trees_whole(new_unit_of_work: NewUnitOfWork) -> None:
    """Two stations' final reports at once: each change takes the log's head before it reads
    the last roots, so the second's paths are made over the first's, and its entry's roots are
    the whole trees'."""
    uow = new_unit_of_work
    load(uow, ROUND_2_DAY)
    reports = []
    for station, key in ((ST_1, DEVICE), (ST_3, DEVICE_3)):
        enrol_device(
            uow,
            election_id=ROUND_2,
            station=station,
            public_key_hex=key.public_key.raw.hex(),
            now=NOW,
        )
        open_station(uow, ROUND_2_DAY, station, key)
        reports.append(signed_report(final(ROUND_2_DAY, station, key, VOTES[station]), key))
    with ThreadPoolExecutor(2) as pool:
        taken = list(pool.map(lambda data: ingest_report(uow, signed=data, now=LATER), reports))
    assert [each.sheets for each in taken] == [2, 2]
    _rows_are_the_whole_trees(uow)
    show_results(uow, ROUND_2, unit="IR")


def _append(uow: Callable[[], UnitOfWork], details: dict[str, JSONValue]) -> None:
    """An entry chained after the log's head as anyone who writes the store can (the chain is
    keyed by nothing)."""
    with uow() as work:
        head = work.events.head()
        assert head is not None
        work.events.record(
            Event(
                time=head.event.time,
                actor=SYSTEM,
                role=SYSTEM,
                place="IR",
                type=EventType.TOTALS_RECOUNTED,
                disposition=Disposition.DONE,
                details={"election": ROUND_2, **details},
            )
        )
        work.commit()


def test_an_entry_appended_without_roots_launders_no_rewritten_totals(engine: Engine) -> None:
    """The session-29 outsider's A1: r2tot, then one entry appended that records no roots. A
    read made the trees again from the rewritten store and logged their roots; now the log's
    newest change recording none after changes that did is refused by every read and change."""
    uow = _store(engine)
    load(uow, ROUND_2_DAY)
    _import(uow, ST_1, ST_2)
    with engine.begin() as attack:
        _move_a_vote(attack, "21", "25")
    _append(uow, {})
    for unit in ("IR", "IR-08", ST_1):
        refused = _refused(uow, unit)
        assert isinstance(refused, RootsNotRecordedError)
        assert "sandogh log verify --against" in refused.en
        assert "رویداد" in refused.fa
    with pytest.raises(RootsNotRecordedError):
        _import(uow, ST_3)
    with uow() as work:  # nothing logged by the reads
        newest = work.events.last_of_types(ROOT_TYPES, ROUND_2)
    assert newest is not None
    assert "totals_roots" not in newest.event.details


def test_sheets_rewritten_with_the_totals_claim_cleared_are_not_counted_by_a_read(
    engine: Engine,
) -> None:
    """A1's other way in: a sheet rewritten by SQL and the kept totals' claim cleared, so that
    the next read counts every sheet again and logs the roots; a count under the same
    definition must give the roots the log last recorded."""
    uow = _store(engine)
    load(uow, ROUND_2_DAY)
    _import(uow, ST_1, ST_2)
    sheet = (TallySheetRow.station == ST_1) & (TallySheetRow.contest == "president")
    with engine.begin() as attack:
        votes = dict(attack.execute(select(TallySheetRow.votes).where(sheet)).scalar_one())
        votes["21"], votes["25"] = votes["21"] + 1, votes["25"] - 1
        attack.execute(update(TallySheetRow).where(sheet).values(votes=votes))
    with uow() as work:  # the claim cleared, as the store's writer can
        assert work.totals.claim(ROUND_2, "sha256:an-older-definition")
        work.commit()
    refused = _refused(uow, "IR")
    assert isinstance(refused, RootsNotRecordedError)
    assert "check-totals" in refused.en


def test_a_final_report_deleted_from_the_store_is_not_taken_again(engine: Engine) -> None:
    """A1's second part: ST_1's final report and its sheets deleted by SQL, then the same
    report sent again. The log records it accepted: taken again, it was counted twice."""
    uow = _store(engine)
    load(uow, ROUND_2_DAY)
    key = DEVICE.public_key.raw.hex()
    enrol_device(uow, election_id=ROUND_2, station=ST_1, public_key_hex=key, now=NOW)
    open_station(uow, ROUND_2_DAY, ST_1, DEVICE)
    data = signed_report(final(ROUND_2_DAY, ST_1, DEVICE, VOTES[ST_1]), DEVICE)
    ingest_report(uow, signed=data, now=LATER)
    with engine.begin() as attack:
        attack.execute(delete(TallySheetRow).where(TallySheetRow.station == ST_1))
        attack.execute(
            delete(StationReportRow).where(
                (StationReportRow.station == ST_1) & (StationReportRow.kind == "final")
            )
        )
    with pytest.raises(ReportNotLoggedError) as refused:
        ingest_report(uow, signed=data, now=LATER)
    assert (refused.value.station, refused.value.kind) == (ST_1, "final")
    assert refused.value.stored is None
    assert "stored hash none" in refused.value.en
