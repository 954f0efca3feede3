"""Readiness per unit, by hand on a slice of Kerman, and its roll-up as invariants."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.definition.geography import Geography
from sandogh.core.readiness import (
    Gap,
    Missing,
    ReadinessRules,
    Registers,
    Staffing,
    StaffRole,
    StationState,
    StationStatus,
    Summary,
    UpdateStatus,
    assess,
)

from .kerman import (
    BARDSIR,
    BARDSIR_STATIONS,
    ELECTION_DAY,
    FAILED_BOX,
    KERMAN,
    PROVINCE,
    STATIONS,
    key,
    registers,
)

GEOGRAPHY = Geography.of(ELECTION_DAY)
ENROLLED = {key(s): s for s in STATIONS}
SENT_600_RECEIVED_550 = (("sent", 600), ("received", 550))
READY = {s: StationStatus(StationState.NOT_OPEN) for s in STATIONS}


def test_a_county_shows_its_failed_box_and_its_two_stations_short_of_papers() -> None:
    bardsir = assess(GEOGRAPHY, registers(), BARDSIR, enrolled=ENROLLED, statuses=READY)
    assert bardsir.missing == (
        Missing(
            BARDSIR_STATIONS[0], Gap.PAPERS_NOT_RECEIVED, "", (("sent", 600), ("received", 550))
        ),
        Missing(BARDSIR_STATIONS[1], Gap.UPDATE_FAILED, FAILED_BOX),
        Missing(BARDSIR_STATIONS[1], Gap.PAPERS_SHORT, "", (("left", 300), ("needed", 350))),
    )
    assert bardsir.summary == Summary(
        BARDSIR,
        stations=2,
        boxes=2,
        boxes_current=1,
        boxes_failed=1,
        stations_short_of_papers=2,
        stations_not_open=2,
    )
    assert [p.unit for p in bardsir.parts] == list(BARDSIR_STATIONS)


def test_the_province_rolls_up_its_counties() -> None:
    kerman = assess(GEOGRAPHY, registers(), PROVINCE, enrolled=ENROLLED, statuses=READY)
    bardsir = assess(GEOGRAPHY, registers(), BARDSIR, enrolled=ENROLLED, statuses=READY)
    assert kerman.missing == bardsir.missing
    assert kerman.summary == Summary(
        PROVINCE,
        stations=5,
        boxes=5,
        boxes_current=4,
        boxes_failed=1,
        stations_short_of_papers=2,
        stations_not_open=5,
    )
    county = {p.unit: p for p in kerman.parts}
    assert county[BARDSIR] == dataclasses.replace(bardsir.summary)
    assert county[KERMAN].boxes_failed == county[KERMAN].stations_short_of_papers == 0


def test_staff_enrolment_and_lateness_are_missing_where_they_are() -> None:
    station = STATIONS[0]
    short = Registers(
        registers().fleet[1:],
        registers().papers,
        tuple(
            Staffing(s.station, s.role, s.assigned, 2)
            if (s.station, s.role) == (station, StaffRole.MEMBER)
            else s
            for s in registers().staff
        ),
    )
    late = {**READY, STATIONS[1]: StationStatus(StationState.CLOSED, late=True)}
    unenrolled = {k: s for k, s in ENROLLED.items() if s not in (station, STATIONS[2])}
    found = assess(GEOGRAPHY, short, KERMAN, enrolled=unenrolled, statuses=late)
    assert set(found.missing) == {
        Missing(station, Gap.NO_BOX),
        Missing(station, Gap.STAFF_SHORT, "member", (("trained", 2), ("needed", 3))),
        Missing(STATIONS[1], Gap.LATE_TO_REPORT),
        Missing(STATIONS[2], Gap.NOT_ENROLLED, "SB-0801-0003"),
    }
    s = found.summary
    assert (s.stations_without_box, s.stations_short_of_staff, s.stations_late) == (1, 1, 1)
    assert (s.boxes_not_enrolled, s.stations_closed, s.stations_not_open) == (1, 1, 2)


def test_a_station_with_its_box_enrolled_or_open_is_not_without_a_box() -> None:
    unlisted = Registers(registers().fleet[2:], registers().papers, registers().staff)
    opened = {**READY, STATIONS[1]: StationStatus(StationState.OPEN)}
    keyless = {k: s for k, s in ENROLLED.items() if s != STATIONS[1]}
    found = assess(GEOGRAPHY, unlisted, KERMAN, enrolled=keyless, statuses=opened)
    assert {m for m in found.missing if m.place in STATIONS[:2]} == {
        Missing(STATIONS[0], Gap.BOX_UNREGISTERED),  # its box's key is enrolled
        Missing(STATIONS[1], Gap.BOX_UNREGISTERED),  # it is open: a box is in use there
    }
    assert found.summary.stations_without_box == 0


def test_a_box_held_unassigned_by_a_county_counts_there_and_above() -> None:
    spare = dataclasses.replace(registers().fleet[0], serial="SPARE-1", place=BARDSIR)
    with_spare = dataclasses.replace(registers(), fleet=(*registers().fleet, spare))
    province = assess(GEOGRAPHY, with_spare, PROVINCE, enrolled=ENROLLED, statuses=READY)
    assert province.summary.boxes_unassigned == 1
    assert {p.unit: p.boxes_unassigned for p in province.parts} == {KERMAN: 0, BARDSIR: 1}


@settings(max_examples=60, deadline=None)
@given(
    updates=st.lists(st.sampled_from(UpdateStatus), min_size=5, max_size=5),
    used=st.lists(st.integers(0, 600), min_size=5, max_size=5),
    reserve=st.fractions(0, 1),
)
def test_every_count_of_a_unit_is_the_sum_of_its_parts(
    updates: list[UpdateStatus], used: list[int], reserve: Fraction
) -> None:
    base = registers()
    drawn = Registers(
        tuple(dataclasses.replace(b, update=u) for b, u in zip(base.fleet, updates, strict=True)),
        tuple(dataclasses.replace(p, used=n) for p, n in zip(base.papers, used, strict=True)),
        base.staff,
    )
    rules = ReadinessRules(paper_reserve=reserve)
    for unit in ("IR", PROVINCE):
        found = assess(GEOGRAPHY, drawn, unit, enrolled=ENROLLED, statuses=READY, rules=rules)
        total = Summary(unit)
        for part in found.parts:
            total = total.plus(part)
        assert total == found.summary
        assert found.summary.boxes_failed == updates.count(UpdateStatus.FAILED)
