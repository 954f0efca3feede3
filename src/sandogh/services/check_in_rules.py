"""The rules of a check-in, shared by one voter's (`services.checkin`) and a batch's
(`services.check_in_batches`), and in part by the look-up and the sync of offline check-ins.

Whether the box asking serves the station (`serving_device`), whether the station is open for
another voter (`open_station`, then `within_bounds` once the voter's ledger row is written), and
whether the person may vote there (`voter_of`: the national code and the registry on the day;
`admitted`: where a runoff or by-election voter may vote). DESIGN.md §3 and §6; issue 3 and
issue 9, section 4. The answers a station is given are here too: a refusal it shows the voter
(`Refused`, with a `RefusalReason`) and the errors of a check-in that cannot happen.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.candidacy.calendar import Calendar
from sandogh.core.definition.model import Contest
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.readiness import PaperStock
from sandogh.core.report import BallotContest
from sandogh.core.station.check_in_bounds import (
    CheckInLimits,
    Impossible,
    StationDay,
    over_capacity,
)
from sandogh.core.voters import (
    CodeFault,
    NationalCode,
    NationalCodeError,
    RegistryRecord,
    Scope,
    admit,
    earlier_round,
    eligibility,
    parse_national_code,
    scope_of,
)
from sandogh.core.voters.ledger_key import voter_key
from sandogh.services.check_in_bounds import bounds_of, implausible_check_ins, station_day
from sandogh.services.days import Day
from sandogh.services.errors import ElectionNotFoundError
from sandogh.services.polling_calendar import polling_day, polling_refusal
from sandogh.services.ports import Device, LedgerEntry, Registry, UnitOfWork


class RefusalReason(StrEnum):
    """Why a voter gets no ballot card at this station; the station shows it to the voter."""

    UNKNOWN_STATION = "unknown-station"  # no polling station of the election has this code
    STATION_NOT_IN_CONTEST = "station-not-in-contest"  # the station votes in no contest
    INVALID_CODE = "invalid-code"  # not a national code (`Refused.code_fault` says why)
    NOT_IN_REGISTRY = "not-in-registry"
    UNDER_AGE = "under-age"  # `Refused.of_age_on` is the first day the voter may vote
    DEAD = "dead"
    NOT_CITIZEN = "not-citizen"
    # voted in the round this one continues in another constituency; which one is not told
    RUNOFF_ELSEWHERE = "runoff-elsewhere"
    # voted in the main election in another constituency; which one is not told
    BY_ELECTION_ELSEWHERE = "by-election-elsewhere"
    ALREADY_VOTED = "already-voted"  # in this round; where and when are not told


@dataclass(frozen=True)
class Withheld:
    """A contest of the station left off the voter's card: they must vote in it elsewhere."""

    contest: str
    reason: RefusalReason


@dataclass(frozen=True)
class Refused:
    """No ballot card, for `reason`; `also` holds the registry's further reasons, if any."""

    reason: RefusalReason
    also: tuple[RefusalReason, ...] = ()
    code_fault: CodeFault | None = None
    of_age_on: datetime.date | None = None


class DeviceRefusal(StrEnum):
    """Why a ballot box may not act for a station: it learns nothing of the voter it asked for."""

    UNKNOWN_DEVICE = "unknown-device"  # no box of this key is enrolled for the election
    REVOKED_DEVICE = "revoked-device"
    WRONG_STATION = "wrong-station"  # enrolled for another station


class ImpossibleCheckInError(SandoghError):
    """A check-in that cannot happen at this station (issue 9, section 4;
    `core.station.check_in_bounds`): its final report is in, or it has no ballot paper left for
    another voter. A box asking for one is broken or hostile; nothing is written."""

    def __init__(self, reason: Impossible, problem: Problem) -> None:
        self.reason = reason
        self.problem = problem
        super().__init__(f"check-in refused ({reason}): {problem}")


class DeviceRefusedError(SandoghError):
    def __init__(self, reason: DeviceRefusal, message: str, problem: Problem) -> None:
        self.reason = reason
        self.message = message
        self.problem = problem
        super().__init__(f"device refused ({reason}): {message}")


def serving_device(
    work: UnitOfWork, election_id: str, key: str, station: str, read: StationReads | None = None
) -> Device:
    """The enrolled, unrevoked device of `key` (64 hex digits) for `station` of `election_id`,
    read in `work`'s transaction (or given in `read`); `ElectionNotFoundError` or
    `DeviceRefusedError` if none."""
    device = work.devices.get(election_id, key) if read is None else read.device
    if device is None:
        if work.elections.hash_of(election_id) is None:
            raise ElectionNotFoundError(election_id, work.elections.ids())
        raise DeviceRefusedError(
            DeviceRefusal.UNKNOWN_DEVICE,
            f"ed25519:{key} is not enrolled for {election_id}",
            Problem("device", "not enrolled"),
        )
    if device.revoked_at is not None:
        raise DeviceRefusedError(
            DeviceRefusal.REVOKED_DEVICE,
            f"this device was revoked at {device.revoked_at.isoformat()}",
            Problem("device", "revoked"),
        )
    if device.station != station:
        raise DeviceRefusedError(
            DeviceRefusal.WRONG_STATION,
            f"this device is enrolled for station {device.station}, not {station}",
            Problem("station", f"the device serves {device.station}"),
        )
    return device


@dataclass(frozen=True)
class StationReads:
    """What `open_station` reads of a box and its station, when a caller read it for many at
    once in the same transaction (`services.check_in_batches`): the box's row (None: not
    enrolled), when the station's final report came (None: not yet), its papers' row."""

    device: Device | None
    final_report: datetime.datetime | None
    papers: PaperStock | None


def open_station(
    work: UnitOfWork,
    election_id: str,
    *,
    station: str,
    device: str,
    now: datetime.datetime,
    limits: CheckInLimits,
    polled: tuple[Day, Calendar | None] | None = None,
    read: StationReads | None = None,
) -> tuple[Day, StationDay | None]:
    """The day and the station's bounds, once the box of `device` is shown to serve `station`
    and the station to be open at `now` with its final report not in (or raise why not).
    `polled` is the election's `polling_day`, and `read` the box's and station's rows, if the
    caller has read them in `work` already."""
    day, calendar = polled or polling_day(work, election_id)
    serving_device(work, election_id, device, station, read)
    bounds = None
    if day.is_station(station):
        bounds = (
            station_day(work, day, station, limits)
            if read is None
            else bounds_of(day, station, limits, read.final_report, read.papers)
        )
    outside = polling_refusal(calendar, day, station, now)
    if outside is not None:
        raise ImpossibleCheckInError(
            Impossible.AFTER_CLOSING, Problem("at", str(outside))
        ) from outside
    if bounds is not None and bounds.final_report is not None:
        at = bounds.final_report.isoformat()
        raise ImpossibleCheckInError(
            Impossible.AFTER_FINAL_REPORT,
            Problem("station", f"the final report of {station} was received at {at}"),
        )
    return day, bounds


def within_bounds(
    work: UnitOfWork,
    bounds: StationDay,
    entry: LedgerEntry,
    *,
    held: int,
    limits: CheckInLimits,
    device: str,
) -> None:
    """Refuse the check-in `entry`, just added, which brought the station's check-ins to
    `held`, past the station's ballot papers; raise the incident of a turnout past
    `limits.high_turnout` with it. One box checks its voters in one at a time; check-ins at
    once at one station (a copied key) may each miss the others not yet committed, which the
    final report's comparison of papers used still shows."""
    beyond = over_capacity(held, bounds)
    if beyond is not None:
        raise ImpossibleCheckInError(Impossible.OVER_CAPACITY, Problem("station", beyond))
    implausible_check_ins(
        work,
        election_id=entry.election,
        station=entry.station,
        bounds=bounds,
        times=(),  # the centre's own clock: neither outside the hours nor a burst to judge here
        held=(held - 1, held),
        limits=limits,
        now=entry.at,
        actor=f"ed25519:{device}",
    )


def voter_of(
    day: Day, station: str, national_code: str, registry: Registry, secret: bytes
) -> tuple[str, RegistryRecord] | Refused:
    """The voter's ledger key and registry record, if they may vote on the day at a station of
    the election."""
    if not day.is_station(station):
        return Refused(RefusalReason.UNKNOWN_STATION)
    if not day.ballot(station):
        return Refused(RefusalReason.STATION_NOT_IN_CONTEST)
    try:
        code = parse_national_code(national_code)
    except NationalCodeError as error:
        return Refused(RefusalReason.INVALID_CODE, code_fault=error.fault)
    record = registry.lookup(code)
    refused = judged(record, day.election.date)
    if refused is not None or record is None:
        return refused or Refused(RefusalReason.NOT_IN_REGISTRY)
    return voter_key(secret, code), record


def ineligible(registry: Registry, code: NationalCode, day: datetime.date) -> Refused | None:
    return judged(registry.lookup(code), day)


def judged(record: RegistryRecord | None, day: datetime.date) -> Refused | None:
    """Why the person of the registry's `record` (None: not in it) may not vote on `day`."""
    if record is None:
        return Refused(RefusalReason.NOT_IN_REGISTRY)
    found = eligibility(record, day)
    if found.eligible:
        return None
    # core.voters.Ineligibility and RefusalReason share their values on purpose
    reasons = [RefusalReason(reason.value) for reason in found.reasons]
    of_age_on = found.of_age_on if RefusalReason.UNDER_AGE in reasons else None
    return Refused(reasons[0], tuple(reasons[1:]), of_age_on=of_age_on)


def admitted(
    work: UnitOfWork, day: Day, station: str, ballot: Sequence[BallotContest], key: str
) -> tuple[tuple[BallotContest, ...], tuple[Withheld, ...]]:
    """The station's contests the voter may vote in here, and those they must vote in elsewhere."""
    contests = {contest.id: contest for contest in day.election.contests}
    earlier: dict[str, LedgerEntry | None] = {}
    allowed: list[BallotContest] = []
    withheld: list[Withheld] = []
    for item in ballot:
        contest = contests[item.contest]
        here = day.geography.constituency_map(contest.id)[station]
        admission = admit(contest, here, _voted_in(work, contest, key, earlier))
        if admission.refusal is None:
            allowed.append(item)
        else:
            # core.voters.Refusal and RefusalReason share their values on purpose
            reason = RefusalReason(admission.refusal.value)
            withheld.append(Withheld(item.contest, reason))
    return tuple(allowed), tuple(withheld)


def _voted_in(
    work: UnitOfWork, contest: Contest, key: str, earlier: dict[str, LedgerEntry | None]
) -> str | None:
    """The constituency the voter voted in, in the round `contest` is tied to, if any.

    A contest tied to an earlier round that names no link admits everyone. A by-election whose
    earlier round (its main election, years before) is not stored at this centre fails closed
    (review S19, F11): had it admitted everyone, the where-to-vote rule would again never apply,
    silently. (A runoff's first round is held a week before at the same centre; one not stored
    still admits everyone.) The check-in is refused (`ImpossibleCheckInError`,
    `earlier-round-missing`) naming the round, so the box shows it and the headquarters load the
    earlier round (its definition and voted ledger) before the polls open; a centre holding an
    earlier round's ledger under another ledger secret is not told apart by this check.
    """
    link = earlier_round(contest)
    if scope_of(contest) is Scope.ANYWHERE or link is None:
        return None
    if link.election not in earlier:
        if contest.by_election:  # whether the round is stored comes with the voter's row
            held, found = work.ledger.find_held(link.election, key)
            if not held:
                said = (
                    f"{contest.id} is tied to {link.election}, whose voted ledger this centre "
                    "does not hold: where a voter may vote cannot be checked; load it first"
                )
                problem = Problem("contest", said)
                raise ImpossibleCheckInError(Impossible.EARLIER_ROUND_MISSING, problem)
        else:
            found = work.ledger.find(link.election, key)
        earlier[link.election] = found
    entry = earlier[link.election]
    return None if entry is None else entry.constituencies.get(link.contest)


def constituencies_at(day: Day, station: str, contests: Sequence[BallotContest]) -> dict[str, str]:
    """The constituency `station` votes in, for each of `contests` (all on its ballot)."""
    return {
        item.contest: day.geography.constituency_map(item.contest)[station] for item in contests
    }
