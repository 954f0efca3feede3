"""Check-in: whether a voter may vote in this round at this station, decided once, nationwide.

DESIGN.md §3 ("Exactly once, nationwide"; "Secrecy by construction") and issue 3. The rules of
who may vote (`core.voters`: the national code, the registry record on election day, where a
runoff or by-election voter may vote) are checked in the same transaction as the voted-ledger's
insert, and the ledger's unique key on (election, voter key) alone decides between concurrent
check-ins of one voter. The ledger holds the keyed hash of the national code, never the code; the
same ledger secret must serve a round and its runoff, since the runoff looks the voter up in the
first round's ledger by that key.

Check-ins are deliberately not events of the hash-chained record: the ledger is their record,
and a log line per voter would both join voters to stations and times in a second place and
swamp the record (tens of millions of lines on a national day). Only what needs a supervisor —
a duplicate found when offline check-ins are synced, a station whose turnout passes the share set
(`services.check_in_bounds`) — is recorded as an incident and an event.

The ballot box asking is checked in the same transaction (DESIGN.md §6: a request from an unknown
or revoked box, or for another station, is refused): its device row is read where the ledger row is
written, so a revocation holds for every check-in that begins after it commits, whichever server
process or machine takes the request, and a check-in costs one transaction. A cache of devices
could not promise that without asking the store anyway, so there is none.

The ballot card's token is drawn by the caller and not stored here: kept beside the ledger entry
it would be the key that joins a voter to the ballot cast with it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.definition.model import Contest
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.report import BallotContest
from sandogh.core.station.check_in_bounds import (
    USUAL_LIMITS,
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
from sandogh.core.voters.ledger_time import check_in_hour
from sandogh.services.check_in_bounds import implausible_check_ins, station_day
from sandogh.services.days import Day
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.errors import ElectionNotFoundError
from sandogh.services.polling_calendar import polling_day, polling_refusal
from sandogh.services.ports import (
    Device,
    LedgerEntry,
    Registry,
    UnitOfWork,
)


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
class BallotCard:
    """Leave to vote once: `contests` are exactly those the voter may vote in at this station.

    `withheld` names the station's other contests, each with why the voter must vote in it
    elsewhere (never where), so the station can tell the voter before they vote.
    """

    token: str
    election: str
    station: str
    contests: tuple[BallotContest, ...]
    withheld: tuple[Withheld, ...] = ()
    # the registry's name and photo of the voter, if it has them, for the station's staff to
    # compare with the person in front of them (issue 13); said only with a card, never a refusal
    name: str | None = None
    photo: bytes | None = None


@dataclass(frozen=True)
class Refused:
    """No ballot card, for `reason`; `also` holds the registry's further reasons, if any."""

    reason: RefusalReason
    also: tuple[RefusalReason, ...] = ()
    code_fault: CodeFault | None = None
    of_age_on: datetime.date | None = None


CheckInResult = BallotCard | Refused


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


def serving_device(work: UnitOfWork, election_id: str, key: str, station: str) -> Device:
    """The enrolled, unrevoked device of `key` (64 hex digits) for `station` of `election_id`,
    read in `work`'s transaction; `ElectionNotFoundError` or `DeviceRefusedError` if none."""
    device = work.devices.get(election_id, key)
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


def check_in(
    uow: UnitOfWorkFactory,
    *,
    election_id: str,
    station: str,
    device: str,
    national_code: str,
    registry: Registry,
    ledger_secret: bytes,
    now: datetime.datetime,
    new_token: Callable[[], str],
    limits: CheckInLimits = USUAL_LIMITS,
) -> CheckInResult:
    """A ballot card for the voter of `national_code` at `station`, asked for by the ballot box
    of the public key `device` (64 hex digits, its signature already checked), or why not.

    The box must be enrolled for `station` and unrevoked (`DeviceRefusedError`, before anything
    of the voter is told). The station's final report must not be in, and the voter must not be
    one more than the station's ballot papers (`ImpossibleCheckInError`); the voter who takes the
    station past `limits.high_turnout` of its eligible voters raises an incident. Nothing is
    written unless a card is given: then the ledger records the voter (by key) with the station,
    the hour of `now` (never the moment: `core.voters.ledger_time`) and the constituency of each
    contest on the card, in the same transaction.
    """
    with uow() as work:
        day, bounds = open_station(
            work, election_id, station=station, device=device, now=now, limits=limits
        )
        voter = admission(
            work, day, station, national_code, registry=registry, secret=ledger_secret
        )
        if isinstance(voter, Refused):
            return voter
        entry = LedgerEntry(
            election=election_id,
            voter_key=voter.key,
            station=station,
            at=check_in_hour(now),
            constituencies=constituencies_at(day, station, voter.allowed),
        )
        if not work.ledger.add(entry):
            return Refused(RefusalReason.ALREADY_VOTED)
        if bounds is not None:
            _within_bounds(work, bounds, entry, limits, device)
        name, photo = voter.record.name, voter.record.photo
        card = BallotCard(
            new_token(), election_id, station, voter.allowed, voter.withheld, name, photo
        )
        work.commit()
    return card


def open_station(
    work: UnitOfWork,
    election_id: str,
    *,
    station: str,
    device: str,
    now: datetime.datetime,
    limits: CheckInLimits,
) -> tuple[Day, StationDay | None]:
    """The day and the station's bounds, once the box of `device` is shown to serve `station`
    and the station to be open at `now` with its final report not in (or raise why not)."""
    day, calendar = polling_day(work, election_id)
    serving_device(work, election_id, device, station)
    bounds = station_day(work, day, station, limits) if day.is_station(station) else None
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


def _within_bounds(
    work: UnitOfWork, bounds: StationDay, entry: LedgerEntry, limits: CheckInLimits, device: str
) -> None:
    """Refuse the check-in `entry`, just added, past the station's ballot papers; raise the
    incident of a turnout past `limits.high_turnout` with it. One box checks its voters in one
    at a time; check-ins at once at one station (a copied key) may each miss the others not yet
    committed, which the final report's comparison of papers used still shows."""
    held = work.ledger.count(entry.election, entry.station)
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


@dataclass(frozen=True)
class Admitted:
    """A voter who may vote at the station: their ledger key and registry record, the station's
    contests they may vote in there (never none) and those they must vote in elsewhere."""

    key: str
    record: RegistryRecord
    allowed: tuple[BallotContest, ...]
    withheld: tuple[Withheld, ...]


def admission(
    work: UnitOfWork,
    day: Day,
    station: str,
    national_code: str,
    *,
    registry: Registry,
    secret: bytes,
    ledger_first: bool = False,
) -> Admitted | Refused:
    """What a check-in and a look-up (`services.check_in_look_up`) both decide of the voter of
    `national_code` at `station` of the open day, or why not. `ledger_first`, the look-up's: a
    voter the ledger holds is refused as already voted before their contests are judged (the
    check-in learns it from the ledger's insert, after them)."""
    voter = voter_of(day, station, national_code, registry, secret)
    if isinstance(voter, Refused):
        return voter
    key, record = voter
    if ledger_first and work.ledger.find(day.election.id, key) is not None:
        return Refused(RefusalReason.ALREADY_VOTED)
    allowed, withheld = admitted(work, day, station, day.ballot(station), key)
    if not allowed:
        return Refused(withheld[0].reason)
    return Admitted(key, record, allowed, withheld)


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
