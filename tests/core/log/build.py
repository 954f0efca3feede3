"""Events for the log tests: a hand-made day at a Kerman station, and a strategy for any event."""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

from sandogh.core.canonical_json import SAFE_INTEGER, JSONValue
from sandogh.core.log.chain import Entry, chain
from sandogh.core.log.events import Disposition, Event, EventType

TEHRAN_TIME = datetime.timezone(datetime.timedelta(hours=3, minutes=30))
STATION = "ST-0801-0001"


def event(
    kind: EventType = EventType.STATION_OPENED,
    minute: int = 0,
    disposition: Disposition = Disposition.DONE,
    **details: JSONValue,
) -> Event:
    time = datetime.datetime(2024, 7, 5, 8, minute, tzinfo=TEHRAN_TIME)
    return Event(time, "head-0801-0001", "station-head", STATION, kind, disposition, details)


def record(events: list[Event]) -> list[Entry]:
    entries: list[Entry] = []
    for each in events:
        entries.append(chain(entries[-1] if entries else None, each))
    return entries


json_scalars = (
    st.none() | st.booleans() | st.integers(-SAFE_INTEGER, SAFE_INTEGER) | st.text(max_size=8)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
events = st.builds(
    Event,
    time=st.datetimes(
        min_value=datetime.datetime(2000, 1, 1),  # noqa: DTZ001 (hypothesis takes naive bounds)
        max_value=datetime.datetime(2100, 1, 1),  # noqa: DTZ001 (`timezones` makes times aware)
        timezones=st.sampled_from([datetime.UTC, TEHRAN_TIME]),
    ),
    actor=st.text(max_size=8),
    role=st.text(max_size=8),
    place=st.text(max_size=8),
    type=st.sampled_from(EventType),
    disposition=st.sampled_from(Disposition),
    details=st.dictionaries(st.text(max_size=5), json_values, max_size=3),
)
