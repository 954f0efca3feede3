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

The rules themselves are in `services.check_in_rules`, which a batch of check-ins in one
transaction (`services.check_in_batches`) shares with this one voter's.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from sandogh.core.report import BallotContest
from sandogh.core.station.check_in_bounds import USUAL_LIMITS, CheckInLimits, StationDay
from sandogh.core.voters.eligibility import RegistryRecord
from sandogh.core.voters.ledger_time import check_in_hour
from sandogh.services.check_in_rules import (
    RefusalReason,
    Refused,
    Withheld,
    admitted,
    constituencies_at,
    open_station,
    voter_of,
    within_bounds,
)
from sandogh.services.days import Day
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ports import LedgerEntry, Registry, UnitOfWork


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


CheckInResult = BallotCard | Refused


@dataclass(frozen=True)
class Checker:
    """What the centre checks voters with: the registry, the ledger's secret, the bounds, and
    where a card's token comes from."""

    registry: Registry
    ledger_secret: bytes
    new_token: Callable[[], str]
    limits: CheckInLimits = USUAL_LIMITS


@dataclass(frozen=True)
class Asked:
    """Who asks for whose card, where and when: what a check-in is given besides the store."""

    election: str
    station: str
    device: str  # the box's public key, 64 hex digits, its signature already checked
    national_code: str
    now: datetime.datetime


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
    asked = Asked(election_id, station, device, national_code, now)
    with uow() as work:
        day, bounds = open_station(
            work, election_id, station=station, device=device, now=now, limits=limits
        )
        checker = Checker(registry, ledger_secret, new_token, limits)
        card = card_for(work, day, bounds, asked, checker)
        if isinstance(card, BallotCard):
            work.commit()
    return card


def card_for(
    work: UnitOfWork, day: Day, bounds: StationDay | None, asked: Asked, checker: Checker
) -> CheckInResult:
    """The voter's card at the station `open_station` found open, their ledger row written in
    `work` (which the caller commits), or why not."""
    voter = admit_voter(work, day, asked, checker)
    if isinstance(voter, Refused):
        return voter
    if not work.ledger.add(voter.entry):
        return Refused(RefusalReason.ALREADY_VOTED)
    return card_of(work, bounds, asked, checker, voter, held=None)


@dataclass(frozen=True)
class Admitted:
    """A voter who may vote here, unless the ledger holds them already: the row that would
    record them, their registry record, and their card's contests and those withheld."""

    entry: LedgerEntry
    record: RegistryRecord
    allowed: tuple[BallotContest, ...]
    withheld: tuple[Withheld, ...]


def admit_voter(work: UnitOfWork, day: Day, asked: Asked, checker: Checker) -> Admitted | Refused:
    """Whether the voter of `asked` may vote at its station, by the registry and the round
    their contests continue; nothing is written."""
    voter = voter_of(
        day, asked.station, asked.national_code, checker.registry, checker.ledger_secret
    )
    if isinstance(voter, Refused):
        return voter
    key, record = voter
    allowed, withheld = admitted(work, day, asked.station, day.ballot(asked.station), key)
    if not allowed:
        return Refused(withheld[0].reason)
    entry = LedgerEntry(
        election=asked.election,
        voter_key=key,
        station=asked.station,
        at=check_in_hour(asked.now),
        constituencies=constituencies_at(day, asked.station, allowed),
    )
    return Admitted(entry, record, allowed, withheld)


def card_of(
    work: UnitOfWork,
    bounds: StationDay | None,
    asked: Asked,
    checker: Checker,
    voter: Admitted,
    *,
    held: int | None,
) -> BallotCard:
    """The card of `voter`, whose ledger row was just written in `work`, once the station's
    bounds allow it (or raise). `held` is the station's check-ins with it, as the caller counted
    them in `work`; None: counted now."""
    entry = voter.entry
    if bounds is not None:
        held = work.ledger.count(entry.election, entry.station) if held is None else held
        within_bounds(work, bounds, entry, held=held, limits=checker.limits, device=asked.device)
    return BallotCard(
        checker.new_token(),
        asked.election,
        asked.station,
        voter.allowed,
        voter.withheld,
        voter.record.name,
        voter.record.photo,
    )
