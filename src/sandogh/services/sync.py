"""Check-ins a station made while the centre was unreachable, put into the ledger on sync.

DESIGN.md §3 ("Offline") and issue 3: a station whose policy allows it checks voters in
provisionally when the link is down and sends them when it returns; the centre keys them, stores
them marked provisional, and turns every voter it already held into an incident naming both
stations, so that nothing is lost and every duplicate is reported.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.log import Disposition, Event, EventType
from sandogh.core.voters import NationalCodeError, parse_national_code
from sandogh.core.voters.ledger_key import voter_key
from sandogh.services.checkin import constituencies_at
from sandogh.services.days import day_of
from sandogh.services.elections import SYSTEM, UnitOfWorkFactory
from sandogh.services.ports import Incident, IncidentKind, LedgerEntry


@dataclass(frozen=True)
class OfflineCheckIn:
    """A voter a station checked in while the centre was unreachable (its policy allowing it)."""

    national_code: str
    at: datetime.datetime


@dataclass(frozen=True)
class Synced:
    """What a sync did: entries now in the ledger, entries it already held from an earlier try
    of the same sync, and an incident for every voter the centre had from another check-in."""

    recorded: int
    already: int
    incidents: tuple[Incident, ...]


class OfflineCheckInError(SandoghError):
    """Offline check-ins that cannot be taken; none of the batch is."""

    def __init__(self, station: str, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        shown = "; ".join(str(p) for p in self.problems[:3])
        more = "; …" if len(self.problems) > 3 else ""
        super().__init__(
            f"{len(self.problems)} offline check-in(s) of station {station} refused, "
            f"none was taken: {shown}{more}"
        )


class UnknownStationError(SandoghError):
    def __init__(self, election_id: str, station: str) -> None:
        super().__init__(f"election '{election_id}' has no polling station '{station}'")


def sync_provisional(
    uow: UnitOfWorkFactory,
    *,
    election_id: str,
    station: str,
    entries: Sequence[OfflineCheckIn],
    ledger_secret: bytes,
    now: datetime.datetime,
    actor: str = SYSTEM,
) -> Synced:
    """Put a station's offline check-ins into the ledger, marked provisional, in one transaction.

    Each voter the ledger already holds from another check-in (at another station, or at this
    one at another time) becomes a `DUPLICATE_CHECK_IN` incident naming both stations, with an
    event; the same entry sent again (a retried sync) is counted as `already` and changes
    nothing. The station holds no ledger secret, so it sends national codes and the centre keys
    them; a code that is not one, or a time without a zone, refuses the batch naming each.
    Offline, a station cannot check the registry or an earlier round, so these entries carry the
    constituency of every contest of the station.
    """
    keyed = _keyed(station, entries, ledger_secret)
    with uow() as work:
        day = day_of(work, election_id)
        ballot = day.ballot(station)
        if not ballot:
            raise UnknownStationError(election_id, station)
        constituencies = constituencies_at(day, station, ballot)
        recorded = already = 0
        incidents: list[Incident] = []
        for key, at in keyed:
            entry = LedgerEntry(election_id, key, station, at, constituencies, provisional=True)
            if work.ledger.add(entry):
                recorded += 1
                continue
            held = work.ledger.find(election_id, key)
            if held is None:  # the ledger refused the key, so it holds it
                raise AssertionError(f"the ledger refused {key} but does not hold it")
            if held.station == station and held.at == at and held.provisional:
                already += 1
                continue
            incident = _duplicate(election_id, held, station, at, now)
            work.incidents.add(incident)
            work.events.record(
                Event(
                    time=now,
                    actor=actor,
                    role=SYSTEM,
                    place=station,
                    type=EventType.DUPLICATE_CHECK_IN,
                    disposition=Disposition.DONE,
                    details={"stations": list(incident.stations)},
                )
            )
            incidents.append(incident)
        work.commit()
    return Synced(recorded, already, tuple(incidents))


def _keyed(
    station: str, entries: Sequence[OfflineCheckIn], secret: bytes
) -> list[tuple[str, datetime.datetime]]:
    problems: list[Problem] = []
    keyed: list[tuple[str, datetime.datetime]] = []
    for i, entry in enumerate(entries):
        if entry.at.utcoffset() is None:
            problems.append(Problem(f"entries[{i}].at", f"{entry.at.isoformat()} has no zone"))
        try:
            code = parse_national_code(entry.national_code)
        except NationalCodeError as error:
            problems.append(Problem(f"entries[{i}].national_code", str(error.fault)))
            continue
        keyed.append((voter_key(secret, code), entry.at))
    if problems:
        raise OfflineCheckInError(station, problems)
    return keyed


def _duplicate(
    election_id: str, held: LedgerEntry, station: str, at: datetime.datetime, now: datetime.datetime
) -> Incident:
    """The incident of a voter checked in twice; the voter is named by key, as in the ledger,
    and the times are written in UTC, as the event record writes them."""
    return Incident(
        election=election_id,
        kind=IncidentKind.DUPLICATE_CHECK_IN,
        stations=(held.station, station),
        at=now,
        details={
            "voter_key": held.voter_key,
            "first_station": held.station,
            "first_at": _utc(held.at),
            "first_provisional": str(held.provisional).lower(),
            "offline_station": station,
            "offline_at": _utc(at),
        },
    )


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat()
