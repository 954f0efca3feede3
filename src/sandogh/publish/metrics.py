"""The publisher's Prometheus metrics (docs/deployment.md, "Metrics"): how far behind the centre
the published snapshot is, and how many stations of each province it shows reported.

`sandogh publish --follow --metrics-port P` serves them (loopback by default, apart from the
site: the site is static files on another tier). After each pass of the publisher:

- `sandogh_publisher_lag_seconds`: for each station report the pass wrote out, the seconds from
  the centre's taking it (the event log's time) to the pass's end, its pages rendered — when
  the report is on the site. The two clocks are the centre's and the publisher's: keep them
  synchronised (NTP), or the lag is off by their difference;
- `sandogh_publisher_pass_seconds`: how long each pass took;
- `sandogh_publisher_last_pass_timestamp_seconds`: when the last pass ended (a publisher that
  stopped passing is stale: an alert's rule);
- `sandogh_publisher_store_refused`: 1 once a pass refused what the store holds (a sealed record,
  a report or a sheet that is not what the log and the signatures name): the follower stops at
  its last good state and waits, its metrics still served, so that the alert fires at once;
  0 while it publishes;
- `sandogh_published_stations_reported{election, province}` and
  `sandogh_published_stations{election, province}`: the stations with results on the site, and
  the voting stations in all — the site's "N of 58,640", by province, so that a province whose
  count stops moving while it has stations to report shows (the "stalled province" rule).
"""

from __future__ import annotations

import datetime
from collections import Counter as Tally
from collections.abc import Mapping

from prometheus_client import Gauge, Histogram

from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind
from sandogh.publish.snapshot import Publisher, Regeneration

#: Lag buckets, in seconds: the aim is a report on the site within 5 s at the 99th percentile.
LAG_BUCKETS = (0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0, 900.0)

LAG = Histogram(
    "sandogh_publisher_lag_seconds",
    "Seconds from the centre's taking a station report to the publisher's having written it.",
    buckets=LAG_BUCKETS,
)
PASS = Histogram(
    "sandogh_publisher_pass_seconds",
    "Seconds each pass of the publisher took (read the log, write, render).",
    buckets=LAG_BUCKETS,
)
LAST_PASS = Gauge(
    "sandogh_publisher_last_pass_timestamp_seconds",
    "When the publisher's last pass ended (Unix time).",
)
REFUSED = Gauge(
    "sandogh_publisher_store_refused",
    "1 once a pass refused what the store holds and the publisher stopped; 0 while it publishes.",
)
REPORTED = Gauge(
    "sandogh_published_stations_reported",
    "Voting stations whose results the snapshot shows, by election and province.",
    ("election", "province"),
)
STATIONS = Gauge(
    "sandogh_published_stations",
    "Voting stations in all, by election and province.",
    ("election", "province"),
)
#: The label of stations under no province (an election of a city, say).
NO_PROVINCE = "-"


def province_of(geography: Geography, stations: frozenset[str]) -> dict[str, str]:
    """The province of each of `stations`: the first unit above it of that kind."""
    found: dict[str, str] = {}
    for station in stations:
        above = (a for a in geography.ancestors(station) if geography.kind(a) is UnitKind.PROVINCE)
        found[station] = next(above, NO_PROVINCE)
    return found


class PublisherMetrics:
    """Takes each pass of `publisher` into the metrics above."""

    def __init__(self, publisher: Publisher) -> None:
        self._publisher = publisher
        self._provinces: dict[str, Mapping[str, str]] = {}

    def passed(self, done: Regeneration, seconds: float | None, now: datetime.datetime) -> None:
        """Take a pass that took `seconds` (None: the first, whole, not timed as a pass) and
        ended at `now`, having written `done`."""
        for arrived in done.arrived:
            LAG.observe(max((now - arrived).total_seconds(), 0.0))
        if seconds is not None:
            PASS.observe(seconds)
        LAST_PASS.set(now.timestamp())
        REFUSED.set(0)
        for election in done.units:
            self._count(election)

    @staticmethod
    def refused() -> None:
        """Take a pass refused by what the store holds: the follower stopped there."""
        REFUSED.set(1)

    def _count(self, election: str) -> None:
        state = self._publisher.published(election)
        provinces = self._provinces.get(election)
        if provinces is None:
            index = state.index
            provinces = province_of(index.geography, index.voting_stations)
            self._provinces[election] = provinces
            for province, stations in Tally(provinces.values()).items():
                STATIONS.labels(election, province).set(stations)
        reported = Tally(provinces[s] for s in state.reported if s in provinces)
        for province in set(provinces.values()):
            REPORTED.labels(election, province).set(reported[province])
