import dataclasses
import datetime

import pytest

from sandogh.core.log.chain import event_record
from sandogh.core.log.events import Disposition, Event, EventError, EventType

from .build import TEHRAN_TIME, event


def test_the_catalogue_holds_the_events_of_the_design() -> None:
    named = {
        "definition-loaded",
        "results-imported",
        "station-opened",
        "station-closed",
        "report-accepted",
        "report-refused",
        "station-voided",
        "result-certified",
        "login-failed",
        "account-locked",
    }
    assert named <= {kind.value for kind in EventType}


def test_an_event_is_recorded_at_its_utc_instant() -> None:
    opened = event()
    same_instant = dataclasses.replace(opened, time=opened.time.astimezone(datetime.UTC))
    assert event_record(opened)["time"] == "2024-07-05T04:30:00.000000Z"
    assert event_record(same_instant) == event_record(opened)


def test_every_problem_of_an_event_is_named() -> None:
    with pytest.raises(EventError) as refused:
        Event(
            datetime.datetime(2024, 7, 5, 8, 0),  # noqa: DTZ001 (the naive time under test)
            "head\ud800",
            "station-head",
            "ST-0801-0001",
            EventType.LOGIN_FAILED,
            Disposition.DENIED,
            {"attempts": 3, "rate": 0.5},  # type: ignore[dict-item]
        )
    assert [p.path for p in refused.value.problems] == ["time", "actor", "details.rate"]
    assert str(refused.value).startswith("cannot record the event: time: 2024-07-05T08:00:00 has")


def test_details_must_be_an_object() -> None:
    with pytest.raises(EventError, match="details: must be a JSON object"):
        dataclasses.replace(event(), details=["not", "an", "object"])  # type: ignore[arg-type]


def test_a_record_holds_every_field() -> None:
    assert event_record(event(EventType.REPORT_REFUSED, 5, Disposition.REFUSED, why="bad")) == {
        "time": "2024-07-05T04:35:00.000000Z",
        "actor": "head-0801-0001",
        "role": "station-head",
        "place": "ST-0801-0001",
        "type": "report-refused",
        "disposition": "refused",
        "details": {"why": "bad"},
    }
    assert TEHRAN_TIME.utcoffset(None) == datetime.timedelta(hours=3, minutes=30)
