"""The publisher holds each stored report to the hash its `report-accepted` log entry names
(`services.logged_reports`), in a regeneration and in a pass: the session-27 outsider's N1."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, update

from sandogh.core.report import decode_report, decode_signed
from sandogh.core.report.digests import sha256_text
from sandogh.publish.snapshot import Publisher
from sandogh.services.logged_reports import ReportNotLoggedError
from sandogh.services.outcomes import decide_contests
from sandogh.services.totals import check_totals
from sandogh.store.engine import make_engine
from sandogh.store.tables import (
    ResultsTotalRow,
    ResultsTotalVoteRow,
    StationReportRow,
    TallySheetRow,
    TotalsFilledRow,
)
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.services.build import LATER, ROUND_2, RUNOFF_VOTES, ST_1, ST_3

from .build import NewUnitOfWork, final_report, report, set_up
from .test_snapshot import read, tree

#: ST_1's president votes as the forger would have them: 21 ×3 and the blank (signed by its own
#: box and staff: the signatures hold, and only the log's entry names the true report)
FORGED = final_report(ST_1, votes={**RUNOFF_VOTES, "president": [("21",)] * 3 + [()]})


def _sql(url: str) -> tuple[NewUnitOfWork, Engine]:
    engine = make_engine(url)
    return (lambda: SqlUnitOfWork(engine, now=LATER)), engine


def _forge(engine: Engine, data: bytes) -> None:
    """What the outsider did: ST_1's stored final report, its `report_hash`, its sheets and the
    kept totals above them rewritten in SQL to agree (the totals dropped, to be counted again
    from the rewritten sheets by the next read)."""
    final = (StationReportRow.station == ST_1, StationReportRow.kind == "final")
    with engine.begin() as connection:
        connection.execute(
            update(StationReportRow)
            .where(*final)
            .values(signed=data, report_hash=sha256_text(data))
        )
        for sheet in decode_report(decode_signed(data).report).sheets:
            connection.execute(
                update(TallySheetRow)
                .where(TallySheetRow.station == ST_1, TallySheetRow.contest == sheet.contest)
                .values(votes=dict(sheet.counts.votes))
            )
        for table in (ResultsTotalVoteRow, ResultsTotalRow, TotalsFilledRow):
            connection.execute(delete(table).where(table.election_id == ROUND_2))


def test_a_report_rewritten_with_its_hash_sheets_and_totals_is_published_by_no_regeneration(
    sqlite_store_url: str, tmp_path: Path
) -> None:
    """The outsider's N1 (session 27): every figure the store holds agrees with the forged
    report, but the log's entry names the true one. A regeneration refuses it, naming the
    station and both hashes, and writes nothing; so do `check-totals` and `outcome`."""
    uow, engine = _sql(sqlite_store_url)
    set_up(uow)
    report(uow, ST_1, 1)
    report(uow, ST_3, 2)
    true = sha256_text(final_report(ST_1))
    _forge(engine, FORGED)
    for reading in (check_totals, decide_contests):
        with pytest.raises(ReportNotLoggedError):
            reading(uow, ROUND_2)

    with pytest.raises(ReportNotLoggedError) as refused:
        Publisher(uow, tmp_path / "site", render=False).regenerate()
    forged = sha256_text(FORGED)
    assert (refused.value.station, refused.value.logged, refused.value.stored) == (
        ST_1,
        true,
        forged,
    )
    assert f"logged hash {true}, stored hash {forged}" in refused.value.en
    assert "The stored final report of" in refused.value.en
    assert f"چکیده در دفتر رویدادها: \u2068{true}\u2069" in refused.value.fa
    assert "صورتجلسه پایانی ثبت‌شده" in refused.value.fa
    assert not (tmp_path / "site" / "data").exists()

    _forge(engine, final_report(ST_1))  # put right, it publishes
    assert check_totals(uow, ROUND_2).differences == ()
    Publisher(uow, tmp_path / "site", render=False).regenerate()
    assert read(tmp_path / "site", f"results/president/{ST_1}.json")["counts"]["cast"] == 4


def test_a_follower_refuses_a_report_its_entry_does_not_name(
    sqlite_store_url: str, tmp_path: Path
) -> None:
    """A publisher following the log copies the reports its entries name: one rewritten before
    the pass reads it is refused there, and none of the pass's files is written."""
    uow, engine = _sql(sqlite_store_url)
    set_up(uow)
    report(uow, ST_3, 2)
    followed = Publisher(uow, tmp_path / "followed", render=False)
    followed.regenerate()
    before = tree(tmp_path / "followed")
    report(uow, ST_1, 3)
    _forge(engine, FORGED)

    with pytest.raises(ReportNotLoggedError) as refused:
        followed.poll()
    assert (refused.value.station, refused.value.kind) == (ST_1, "final")
    assert tree(tmp_path / "followed") == before
