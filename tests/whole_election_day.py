"""Polling day of the whole election (tests/test_whole_election.py) at its stations: each box the
box app (`station.box.Box`) speaking to the centre over HTTP on the test's clock, enrolled in an
operator's session; the electronic station's day on its box, and the paper station's, whose sheet
is agreed by blind double entry (`station.double_entry`)."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pyotp

from sandogh.cli.enrolling import RunOperator
from sandogh.cli.simulate import SYNC_PASSES
from sandogh.core.counting.tally import Counts
from sandogh.core.report import Choice
from sandogh.station.box import Box
from sandogh.station.box_check_in import CheckInRefused
from sandogh.station.centre_http import (
    HttpCentreClient,
    OperatorLogin,
    OperatorPass,
    log_in_operator,
)
from sandogh.station.courier import Backoff
from sandogh.station.directory import StationDirectory
from sandogh.station.double_entry import DoubleEntry, Mismatch, Operator
from sandogh.station.printers import FilePrinter
from sandogh.station.setup import OfflinePolicy

from .services.build import station_staff
from .station.build import Clock, issued

CONTEST = "majlis"
PAPERS = 10  # each station's ballot papers


class Boxes(dict[str, Box]):
    """The ballot boxes of `election`'s `stations`, by station once enrolled: the box app, each in
    a folder of its own with its own device key, speaking to the centre at `url` over HTTP on the
    test's clock; the stores close with `stack`."""

    def __init__(
        self,
        stack: ExitStack,
        folder: Path,
        url: str,
        clock: Clock,
        *,
        election: str,
        stations: Iterable[str],
    ) -> None:
        super().__init__()
        self._stack, self._url, self._clock, self._election = stack, url, clock, election
        self._made = {s: StationDirectory(folder / s).create() for s in stations}
        for store, _ in self._made.values():
            stack.callback(store.close)
        self._printers = {s: FilePrinter(folder / f"{s}.printer.jsonl") for s in self._made}

    def enrol(self, station: str, operator: OperatorPass, *, build: str | None = None) -> None:
        """Enrol `station`'s box in `operator`'s session; a box refused may be enrolled later.
        It names `build` in its reports if given, else the build of the code this process runs."""
        store, key = self._made[station]
        client = HttpCentreClient(
            self._url, key, timeout=30.0, operator=operator, clock=self._clock
        )
        box = Box(
            store,
            key,
            self._stack.enter_context(client),
            self._printers[station],
            clock=self._clock,
            build=build,
        )
        box.enrol(election=self._election, station=station, policy=OfflinePolicy.REFUSE)
        self[station] = box


def session(url: str, enroller: RunOperator, at: datetime.datetime) -> OperatorPass:
    """The enrolling operator's session, logged in at `at` (the centre's clock) with the code of
    their authenticator then."""
    code = pyotp.TOTP(enroller.totp_secret).at(at)
    login = OperatorLogin(enroller.username, enroller.password, code)
    return log_in_operator(url, login, timeout=30.0)


def electronic_day(
    box: Box, chosen: list[tuple[str, ...]], people: Iterator[str], clock: Clock
) -> None:
    """The electronic station's day on its box: opened with `PAPERS` ballot papers, one voter
    checked in and casting per ballot of `chosen`, closed, counted and its report signed by the
    registered staff. A check-in the day after is refused by the calendar the centre holds."""
    box.open({CONTEST: PAPERS})
    box.start_voting()
    crowd = [next(people) for _ in chosen]
    polling = clock.now
    clock.now = polling + datetime.timedelta(days=1)
    late = box.check_in(crowd[0])
    assert isinstance(late, CheckInRefused), late
    assert (late.reason, late.by_centre) == ("after-closing", True)
    clock.now = polling
    for person, codes in zip(crowd, chosen, strict=True):
        card = issued(box.check_in(person))
        box.cast(card.token, [Choice(CONTEST, codes)])
    box.close()
    staff = station_staff(box.status().setup.station)
    box.count({CONTEST: 0}, staff=staff)
    box.report(staff)


def paper_day(box: Box, votes: dict[str, int], people: Iterator[str]) -> None:
    """The paper station's day on its box: opened with `PAPERS` ballot papers, one voter checked in
    per paper ballot; once closed, the sheet counted by hand is entered blind by two operators,
    the second slipping on one figure, which is read again off the paper; the agreed sheet
    counted and its report signed by the registered staff."""
    box.open({CONTEST: PAPERS})
    box.start_voting()
    cast = sum(votes.values())
    for _ in range(cast):
        issued(box.check_in(next(people)))
    box.close()
    sheet = Counts(
        papers_received=PAPERS,
        papers_used=cast,
        papers_unused=PAPERS - cast,
        papers_spoiled=0,
        cast=cast,
        valid=cast,
        invalid={},
        votes=votes,
    )
    first = min(votes)
    entry = DoubleEntry(box.store)
    entry.enter(CONTEST, Operator.FIRST, sheet)
    slip = dataclasses.replace(sheet, votes={**votes, first: votes[first] + 1})
    entry.enter(CONTEST, Operator.SECOND, slip)
    field = f"votes[{first}]"
    assert entry.mismatches(CONTEST) == (Mismatch(field, votes[first], votes[first] + 1),)
    entry.resolve(CONTEST, field, votes[first])
    box.count_paper()
    box.report(station_staff(box.status().setup.station))


def synced(box: Box, clock: Clock) -> None:
    """Sync until the box's outbox is empty: the centre took its zero and final reports. An item
    postponed (an answer too slow on a loaded machine) is sent again once its wait is over, as
    the box would minutes later."""
    for _ in range(SYNC_PASSES):
        if box.sync().outbox.pending == 0:
            break
        clock.advance(Backoff().cap.total_seconds())
    status = box.status()
    assert (status.outbox.pending, status.outbox.refused, status.incidents) == (0, 0, 0), status
