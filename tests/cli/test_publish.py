"""`sandogh publish --follow`'s passes (`cli.publish.follow_once`): a pass refused by what the
store holds stops the follower at its last good state, and its metrics say so."""

from __future__ import annotations

from pathlib import Path

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import update

from sandogh.cli.publish import follow_once
from sandogh.publish.metrics import PublisherMetrics
from sandogh.publish.snapshot import Publisher
from sandogh.store.engine import make_engine
from sandogh.store.tables import StationReportRow
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.publish.build import at, report, set_up
from tests.publish.test_snapshot import tree
from tests.services.build import LATER, ST_1, ST_3


def _refused() -> float | None:
    return REGISTRY.get_sample_value("sandogh_publisher_store_refused")


def test_a_pass_over_a_rewritten_report_stops_the_follower_where_the_metrics_show_it(
    sqlite_store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = make_engine(sqlite_store_url)

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=LATER)

    set_up(uow)
    report(uow, ST_3, 2)
    publisher = Publisher(uow, tmp_path, render=False)
    metrics = PublisherMetrics(publisher)
    metrics.passed(publisher.regenerate(), None, at(0))
    assert follow_once(publisher, metrics, "en")
    assert _refused() == 0
    before = tree(tmp_path)
    report(uow, ST_1, 3)
    with engine.begin() as connection:  # its hash column no longer the one its entry names
        connection.execute(
            update(StationReportRow)
            .where(StationReportRow.station == ST_1, StationReportRow.kind == "final")
            .values(report_hash="0" * 64)
        )

    assert not follow_once(publisher, metrics, "en")
    assert _refused() == 1
    said = capsys.readouterr().err
    assert ST_1 in said
    assert "logged hash" in said
    assert tree(tmp_path) == before  # at its last good state
    engine.dispose()
