"""Many check-ins in one transaction, every rule as for one (`services.checkin`).

Checking in a station's voters one transaction each (as the live demo's rest of the province would,
`cli.simulated_province`) reads the box, the day and the station's bounds again for each voter and
commits each (bench/province.py measures it). `check_in_many` takes a batch in one: the election's
day and calendar are read once per election of the batch; the boxes' rows, the stations' final
reports, their ballot papers and their check-ins so far in one query of each kind for the whole
batch (issue 14: one of each per check-in was most of a group's time), the check-ins then kept
as the batch adds to them; each station's hours and bounds judged once per station and box
(`check_in_rules.open_station`); and each voter judged by the registry, the round their contests
continue and the ledger's unique key exactly as alone (`checkin.admit_voter`, `checkin.card_of`),
the batch's ledger rows written in one statement that names those the key let in. A voter refused
is answered in their place, nothing written for them, as alone. A check-in that cannot happen
(`ImpossibleCheckInError`, `DeviceRefusedError`) rolls the batch back; each is then checked in
alone, in order, each in its own transaction, so that each is taken or refused, and its refusal is
what it would have been alone.

Secrecy (DESIGN.md §3): the batch writes what the single check-ins would, ledger rows holding the
voter's key, the station, the whole hour of Tehran's clock and the constituencies, and nothing
else: no order (the ledger's table keeps none), no moment, no token. A batch's voters share an
hour as a station's voters within the hour do.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from sandogh.core.candidacy.calendar import Calendar
from sandogh.core.report import ReportKind
from sandogh.core.station.check_in_bounds import StationDay
from sandogh.services.check_in_rules import (
    DeviceRefusedError,
    ImpossibleCheckInError,
    RefusalReason,
    Refused,
    StationReads,
    open_station,
)
from sandogh.services.checkin import (
    Admitted,
    Asked,
    Checker,
    CheckInResult,
    admit_voter,
    card_of,
    check_in,
)
from sandogh.services.days import Day
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.polling_calendar import polling_day
from sandogh.services.ports import LedgerEntry, UnitOfWork

#: what each check-in of a batch came to: an answer, or the error it raised alone
CheckInOutcome = CheckInResult | ImpossibleCheckInError | DeviceRefusedError
_Opened = tuple[Day, StationDay | None]


def check_in_many(
    uow: UnitOfWorkFactory, asked: Sequence[Asked], checker: Checker
) -> list[CheckInOutcome]:
    """`check_in` for each of `asked`, in order, every rule the same, in one transaction; what
    each came to, in order. See the module docstring for a check-in that cannot happen.
    `ElectionNotFoundError` as `check_in` raises it."""
    try:
        with uow() as work:
            answers = check_in_within(work, asked, checker)
            work.commit()
            return list(answers)
    except (ImpossibleCheckInError, DeviceRefusedError):
        pass
    return [_alone(uow, each, checker) for each in asked]


def check_in_within(
    work: UnitOfWork, asked: Sequence[Asked], checker: Checker
) -> list[CheckInResult]:
    """What each of `asked` came to, their ledger rows written in `work` (which the caller
    commits); a check-in that cannot happen raises, as `check_in` does."""
    opened: dict[tuple[str, str, str, datetime.datetime], _Opened] = {}
    polled: dict[str, tuple[Day, Calendar | None]] = {}  # read once per election of the batch
    reads, counted = _read_ahead(work, asked)
    judged: list[tuple[StationDay | None, Admitted | Refused]] = []
    for each in asked:
        key = (each.election, each.station, each.device, each.now)
        if key not in opened:
            if each.election not in polled:
                polled[each.election] = polling_day(work, each.election)
            opened[key] = open_station(
                work,
                each.election,
                station=each.station,
                device=each.device,
                now=each.now,
                limits=checker.limits,
                polled=polled[each.election],
                read=reads[each.election, each.station, each.device],
            )
        day, bounds = opened[key]
        judged.append((bounds, admit_voter(work, day, each, checker)))
    # the ledger's unique key decides, for the whole batch in one statement; of one voter
    # twice in it, the first is the one written, as one check-in after another would be
    first: dict[tuple[str, str], LedgerEntry] = {}
    for _, voter in judged:
        if isinstance(voter, Admitted):
            first.setdefault((voter.entry.election, voter.entry.voter_key), voter.entry)
    written = work.ledger.add_many(list(first.values()))
    held: dict[tuple[str, str], int] = {}
    answers: list[CheckInResult] = []
    for each, (bounds, voter) in zip(asked, judged, strict=True):
        if isinstance(voter, Refused):
            answers.append(voter)
            continue
        voted = (voter.entry.election, voter.entry.voter_key)
        if voted not in written or first.get(voted) is not voter.entry:
            answers.append(Refused(RefusalReason.ALREADY_VOTED))
            continue
        del first[voted]  # a second check-in of the voter in the batch finds it taken
        place = (each.election, each.station)
        held[place] = held.get(place, counted.get(place, 0)) + 1
        answers.append(card_of(work, bounds, each, checker, voter, held=held[place]))
    return answers


def _read_ahead(
    work: UnitOfWork, asked: Sequence[Asked]
) -> tuple[dict[tuple[str, str, str], StationReads], dict[tuple[str, str], int]]:
    """The rows of the batch's boxes and stations that `open_station` reads and its stations'
    check-ins so far, one read of each kind per election (four for a batch of one election,
    where one check-in at a time read four for each)."""
    reads: dict[tuple[str, str, str], StationReads] = {}
    counted: dict[tuple[str, str], int] = {}
    for election in dict.fromkeys(each.election for each in asked):
        mine = [each for each in asked if each.election == election]
        stations = sorted({each.station for each in mine})
        devices = work.devices.of_keys(election, sorted({each.device for each in mine}))
        finals = work.reports.received_at(election, stations, ReportKind.FINAL.value)
        papers = work.readiness.papers_of(election, stations)
        for station, count in work.ledger.counts_by_station(election, stations).items():
            counted[election, station] = count
        for each in mine:
            reads[election, each.station, each.device] = StationReads(
                devices.get(each.device), finals.get(each.station), papers.get(each.station)
            )
    return reads, counted


def _alone(uow: UnitOfWorkFactory, each: Asked, checker: Checker) -> CheckInOutcome:
    try:
        return check_in(
            uow,
            election_id=each.election,
            station=each.station,
            device=each.device,
            national_code=each.national_code,
            registry=checker.registry,
            ledger_secret=checker.ledger_secret,
            now=each.now,
            new_token=checker.new_token,
            limits=checker.limits,
        )
    except (ImpossibleCheckInError, DeviceRefusedError) as refused:
        return refused
