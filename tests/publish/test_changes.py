"""The event log read as changes of the published results, with their times."""

from __future__ import annotations

import datetime

from sandogh.core.definition.geography import Geography
from sandogh.core.log import Disposition, Event, EventType
from sandogh.core.log.chain import Entry, chain
from sandogh.publish.changes import ChangeKind, Timeline, changes_in
from tests.services.build import ROUND_2, ROUND_2_DAY, ST_1, ST_3

UTC = datetime.UTC


def entries(*events: tuple[int, EventType, str, dict[str, str], Disposition]) -> list[Entry]:
    found: list[Entry] = []
    previous = None
    for minute, kind, place, details, disposition in events:
        event = Event(
            time=datetime.datetime(2024, 7, 5, 18, minute, tzinfo=UTC),
            actor="test",
            role="test",
            place=place,
            type=kind,
            disposition=disposition,
            details=details,
        )
        previous = chain(previous, event)
        found.append(previous)
    return found


DONE, REFUSED = Disposition.DONE, Disposition.REFUSED
LOG = entries(
    (0, EventType.DEFINITION_LOADED, "IR", {"election": ROUND_2}, DONE),
    (1, EventType.LOGIN_FAILED, "IR", {"election": ROUND_2}, Disposition.DENIED),
    (2, EventType.REPORT_ACCEPTED, ST_1, {"election": ROUND_2, "kind": "zero"}, DONE),
    (3, EventType.REPORT_REFUSED, ST_3, {"election": ROUND_2, "kind": "final"}, REFUSED),
    (4, EventType.REPORT_ACCEPTED, ST_1, {"election": ROUND_2, "kind": "final"}, DONE),
    (5, EventType.DEVICE_REVOKED, ST_3, {"election": ROUND_2}, DONE),
    (6, EventType.RESULTS_IMPORTED, "IR", {"election": "another"}, DONE),
)


def test_only_what_changes_the_published_results_is_a_change() -> None:
    changes = list(changes_in(LOG))

    assert [(c.log_sequence, c.kind, c.station, c.figures) for c in changes] == [
        (1, ChangeKind.LOADED, None, False),
        (3, ChangeKind.REPORT, ST_1, False),
        (5, ChangeKind.REPORT, ST_1, True),
        (6, ChangeKind.DEVICES, ST_3, False),
        (7, ChangeKind.EVERYTHING, None, False),
    ]
    assert changes[-1].election == "another"


def test_each_unit_changed_when_a_station_below_it_last_reported() -> None:
    timeline = Timeline()
    for change in changes_in(LOG):
        if change.election == ROUND_2:
            timeline.record(change)
    times = timeline.unit_times(Geography.of(ROUND_2_DAY))

    at = {code: t.minute if t else None for code, t in times.items()}
    assert at == {
        "IR": 4,
        "IR-08": 4,
        "IR-08-0801": 4,
        ST_1: 4,
        "ST-0801-0002": 0,
        "IR-08-0802": 0,
        ST_3: 0,
    }
    assert timeline.updated is not None
    assert (timeline.sequence, timeline.log_sequence, timeline.updated.minute) == (4, 6, 5)
