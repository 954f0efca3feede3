"""A box opens only on polling day as the centre's calendar gave it at enrolment (issue 12,
section 1; `station.polling_days`): by its own clock, with no link to the centre, it refuses to
open the day before or after the latest close, saying which stage and window in Persian and
English; it opens within the window, and opens as before when no calendar was given. The days
are read again from the kept enrolment when the box restarts."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from sandogh.locale.candidacy import outside_window_text
from sandogh.station.box import Box
from sandogh.station.directory import StationDirectory
from sandogh.station.fake_centre import FakeCentre
from sandogh.station.polling_days import OutsidePollingError
from sandogh.station.printers import FilePrinter
from sandogh.station.setup import OfflinePolicy

from .build import BALLOT, DEFINITION_HASH, ELECTION, IRST, PAPERS, STAFF, STATION, Clock

POLLING = [  # 15 Tir 1403, the polls extended to 22:00
    {"contest": c.contest, "first": "2024-07-05", "last": "2024-07-05", "closes": "22:00"}
    for c in BALLOT
]


def _enrolled(folder: Path, clock: Clock, polling: list[dict[str, str | None]] | None) -> Box:
    store, key = StationDirectory(folder).create()
    centre = FakeCentre(
        election=ELECTION, definition_hash=DEFINITION_HASH, ballot=BALLOT, staff=STAFF
    )
    centre.polling = polling
    box = Box(store, key, centre, FilePrinter(folder / "printer.jsonl"), clock=clock)
    box.enrol(election=ELECTION, station=STATION, policy=OfflinePolicy.PROVISIONAL)
    centre.down = True  # what follows needs no link
    return box


def _at(day: int, hour: int) -> Clock:
    return Clock(datetime.datetime(2024, 7, day, hour, tzinfo=IRST))


@pytest.mark.parametrize(("day", "hour"), [(4, 8), (5, 22), (6, 8)])
def test_a_box_does_not_open_outside_polling_day(tmp_path: Path, day: int, hour: int) -> None:
    box = _enrolled(tmp_path, _at(day, hour), POLLING)
    with pytest.raises(OutsidePollingError) as refused:
        box.open(PAPERS)
    assert box.status().phase.value == "set-up"
    fa = outside_window_text(refused.value.refused, "fa")
    en = outside_window_text(refused.value.refused, "en")
    assert "رأی‌گیری" in fa
    assert "۲۲:۰۰" in fa
    assert en.startswith("polling for president is refused on")
    assert "to 22:00 on 15 Tir 1403" in en


def test_a_box_opens_on_polling_day_and_without_a_calendar(tmp_path: Path) -> None:
    _enrolled(tmp_path / "a", _at(5, 7), POLLING).open(PAPERS)
    _enrolled(tmp_path / "b", _at(4, 7), None).open(PAPERS)  # no calendar stored: as before


def test_the_days_are_read_again_from_the_kept_enrolment(tmp_path: Path) -> None:
    clock = _at(4, 8)
    given = _enrolled(tmp_path, clock, POLLING).status().setup.polling
    assert [contest for contest, _ in given] == [c.contest for c in BALLOT]
    store, key = StationDirectory(tmp_path).open()
    centre = FakeCentre(
        election=ELECTION, definition_hash=DEFINITION_HASH, ballot=BALLOT, staff=STAFF
    )
    again = Box(store, key, centre, FilePrinter(tmp_path / "printer.jsonl"), clock=clock)
    assert again.status().setup.polling == given
    with pytest.raises(OutsidePollingError):
        again.open(PAPERS)
