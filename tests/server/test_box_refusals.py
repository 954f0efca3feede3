"""The refusals issue 12 names, met by the box app (`station.box.Box`) over the centre's HTTP API
on loopback, where the tests beside the use cases meet them below it (tests/services): a voter of
a Majlis by-election at a station of another constituency than the one they voted in at the main
election, and a box whose build is not on the day's approved list, refused its enrolment. The box
whose voting mode lacks the competent body's approval is refused its enrolment in
tests/test_whole_election.py."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from sandogh.cli.enrolling import add_run_operator
from sandogh.core.access import Grant, Role
from sandogh.core.definition.model import Election, RoundLink
from sandogh.core.definition.rule import PluralityRule
from sandogh.services.acting import Actor
from sandogh.services.checkin import BallotCard, check_in
from sandogh.station.box_check_in import CheckInRefused
from sandogh.station.ports import CentreRefusedError
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.services.build import (
    NOW,
    ROUND_1,
    ROUND_1_DAY,
    ROUND_2,
    ROUND_2_DAY,
    SECRET,
    ST_1,
    ST_2,
    ST_3,
    day,
    enrolled_box,
    load,
    parliament,
    register_station_staff,
    tokens,
)
from tests.services.build_signing import decided
from tests.station.build import Clock, issued
from tests.whole_election_day import Boxes, session

from .live import server_key, voters
from .operators_live import LiveCentre, serving, settings

#: A Majlis by-election alone, whose main election is round one's Majlis election: it admits
#: only who voted in its constituency then, or did not vote (the 2021 day's rule).
BY_ELECTION = day(
    "kerman-1403-m",
    (
        dataclasses.replace(
            parliament(False),
            rule=PluralityRule(),
            by_election=True,
            main_election=RoundLink(ROUND_1, "parliament"),
        ),
    ),
    datetime.date(2024, 7, 5),
)
POLLING_NOON = datetime.datetime(2024, 7, 5, 12, tzinfo=NOW.tzinfo)
APPROVED = "sha256:" + "a1" * 32
ELSEWHERE = "sha256:" + "e5" * 32
NATIONAL = Actor("keshvari", Grant(Role.NATIONAL_HQ, "IR"))


def _load(store_url: str, *days: Election, build: str | None = None) -> None:
    """Load `days` with electronic voting approved, and `build` on their approved list."""
    engine = make_engine(store_url)

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, now=NOW)

    try:
        load(uow, *days)
        for each in days:
            if build is not None:
                decided(uow, NATIONAL, each.id, build, "۱۴۰۳-۲", now=NOW)
    finally:
        engine.dispose()


@contextmanager
def _voting(
    store_url: str, folder: Path, election: Election, builds: Mapping[str, str | None]
) -> Iterator[tuple[LiveCentre, Boxes]]:
    """The centre serving `store_url` on a clock at noon of polling day, and the box of each
    station of `builds`, naming that build (None: this code's), enrolled through its API in an
    operator's session, the station's staff registered; each opened and voting."""
    clock = Clock(POLLING_NOON)
    with ExitStack() as stack:
        live = stack.enter_context(serving(settings(store_url), clock=clock))
        register_station_staff(live.centre.uow, election.id, *builds)
        enroller = add_run_operator(live.centre.uow, election, by="cli:tests", key=server_key())
        operator = session(live.url, enroller, clock.now)
        boxes = Boxes(stack, folder, live.url, clock, election=election.id, stations=builds)
        for station, build in builds.items():
            boxes.enrol(station, operator, build=build)
            box = boxes[station]
            box.open(dict.fromkeys(box.status().setup.contests, 100))
            box.start_voting()
        yield live, boxes


def test_a_by_election_voter_is_refused_at_another_constituency(
    store_url: str, tmp_path: Path
) -> None:
    _load(store_url, ROUND_1_DAY, BY_ELECTION)
    voted, never = voters(2)
    with _voting(store_url, tmp_path, BY_ELECTION, {ST_1: None}) as (live, boxes):
        there = check_in(  # at the main election, in constituency P2
            live.centre.uow,
            election_id=ROUND_1,
            station=ST_3,
            device=enrolled_box(live.centre.uow, ROUND_1, ST_3),
            national_code=voted,
            registry=live.centre.registry,
            ledger_secret=SECRET,
            now=NOW - datetime.timedelta(days=7),
            new_token=tokens(),
        )
        assert isinstance(there, BallotCard)
        box = boxes[ST_1]  # of P1
        assert box.check_in(voted) == CheckInRefused("by-election-elsewhere", by_centre=True)
        issued(box.check_in(never))  # who did not vote in the main election votes anywhere
        with live.centre.uow() as work:
            assert work.ledger.count(BY_ELECTION.id) == 1


def test_a_box_of_a_build_not_approved_is_refused_its_enrolment(
    store_url: str, tmp_path: Path
) -> None:
    _load(store_url, ROUND_2_DAY, build=APPROVED)
    clock = Clock(POLLING_NOON)
    with ExitStack() as stack:
        live = stack.enter_context(serving(settings(store_url), clock=clock))
        register_station_staff(live.centre.uow, ROUND_2, ST_1, ST_2)
        enroller = add_run_operator(live.centre.uow, ROUND_2_DAY, by="cli:tests", key=server_key())
        operator = session(live.url, enroller, clock.now)
        boxes = Boxes(stack, tmp_path, live.url, clock, election=ROUND_2, stations=(ST_1, ST_2))
        with pytest.raises(CentreRefusedError) as refused:
            boxes.enrol(ST_1, operator, build=ELSEWHERE)
        boxes.enrol(ST_2, operator, build=APPROVED)
        box = boxes[ST_2]
        box.open(dict.fromkeys(box.status().setup.contests, 100))
        box.start_voting()
        taken = box.sync()
        with live.centre.uow() as work:
            devices = {s: len(work.devices.of_station(ROUND_2, s)) for s in (ST_1, ST_2)}
            stored = [(r.station, r.kind) for r in work.reports.all(ROUND_2)]
    assert refused.value.reason == "unapproved-build"
    assert ELSEWHERE in str(refused.value)
    assert ST_1 not in boxes  # the box was never enrolled: it holds no key the centre knows
    assert taken.delivered == 1
    assert devices == {ST_1: 0, ST_2: 1}
    assert stored == [(ST_2, "zero")]
