"""The publisher's metrics (`publish.metrics`): the lag of each report it writes out, and the
stations of each province the snapshot shows reported."""

from __future__ import annotations

import datetime
from pathlib import Path

from prometheus_client import REGISTRY

from sandogh.publish.metrics import PublisherMetrics
from sandogh.publish.snapshot import Publisher
from tests.services.build import ROUND_2, ST_1, ST_3

from .build import NewUnitOfWork, at, report


def _value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_each_report_s_lag_and_each_province_s_count(uow: NewUnitOfWork, tmp_path: Path) -> None:
    publisher = Publisher(uow, tmp_path, render=False)
    metrics = PublisherMetrics(publisher)
    metrics.passed(publisher.regenerate(), None, at(0))
    kerman = {"election": ROUND_2, "province": "IR-08"}
    assert _value("sandogh_published_stations", **kerman) == 3
    assert _value("sandogh_published_stations_reported", **kerman) == 0
    lags = _value("sandogh_publisher_lag_seconds_count")
    late = _value("sandogh_publisher_lag_seconds_bucket", le="3.0")
    report(uow, ST_1, 1)
    report(uow, ST_3, 2)

    done = publisher.poll()
    assert done.arrived == [at(1), at(2)]  # when the centre took each, as its log says
    metrics.passed(done, 0.5, at(2) + datetime.timedelta(seconds=2))

    assert _value("sandogh_published_stations_reported", **kerman) == 2
    assert _value("sandogh_publisher_lag_seconds_count") == lags + 2
    assert _value("sandogh_publisher_lag_seconds_bucket", le="3.0") == late + 1  # 2 s; 62 s
    assert _value("sandogh_publisher_last_pass_timestamp_seconds") == at(2).timestamp() + 2
