"""Check-ins a station made while the centre was unreachable, put into the ledger on sync.

DESIGN.md §3 ("Offline") and issue 3: a station whose policy allows it checks voters in
provisionally when the link is down and sends them when it returns; the centre keys them, stores
them marked provisional, and turns every voter it already held into an incident naming both
stations, so that nothing is lost and every duplicate is reported.

Offline, a station can check neither the civil registry nor an earlier round, so the centre checks
each entry on sync by the rules of an online check-in (`services.checkin`: in the registry, 18 on
the day, alive, a citizen; a runoff voter in the constituency of their first round). The ballot
was cast all the same, so the entry is stored as it came, and each one the rules refuse becomes
an incident naming the station and the reason, for the supervisors to weigh.

What cannot have happened is refused (issue 9, section 4; `core.station.check_in_bounds`): a time
before the polls open or after the latest they can close, after the station's final report, or a
check-in past the station's ballot papers. The batch is then refused whole, naming each such
entry and why (`ImpossibleCheckInsError`), and nothing of it is taken: the box keeps it, marked
refused with the reason. What is only implausible — outside the usual hours, a burst faster than
a box serves voters, a turnout past the share set — is taken and raised as incidents.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from sandogh.core.candidacy.calendar import OutsideWindowError
from sandogh.core.canonical_json import JSONValue
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.log import Disposition, Event, EventType
from sandogh.core.report import BallotContest
from sandogh.core.station.check_in_bounds import (
    USUAL_LIMITS,
    CheckInLimits,
    Impossible,
    StationDay,
    impossible_time,
    over_capacity,
)
from sandogh.core.voters import NationalCode, NationalCodeError, parse_national_code
from sandogh.core.voters.ledger_key import voter_key
from sandogh.core.voters.ledger_time import check_in_hour, offline_tag
from sandogh.services.check_in_bounds import implausible_check_ins, station_day
from sandogh.services.check_in_rules import admitted, constituencies_at, ineligible
from sandogh.services.days import Day
from sandogh.services.elections import SYSTEM, UnitOfWorkFactory
from sandogh.services.polling_calendar import polling_day, polling_refusal
from sandogh.services.ports import Incident, IncidentKind, LedgerEntry, Registry, UnitOfWork


@dataclass(frozen=True)
class OfflineCheckIn:
    """A voter a station checked in while the centre was unreachable (its policy allowing it)."""

    national_code: str
    at: datetime.datetime


@dataclass(frozen=True)
class Synced:
    """What a sync did: entries now in the ledger, entries it already held from an earlier try
    of the same sync, an incident for every voter the centre had from another check-in
    (`incidents`), one for every entry the rules of check-in refuse (`ineligible`), and one for
    each implausible thing about the check-ins taken (`implausible`)."""

    recorded: int
    already: int
    incidents: tuple[Incident, ...]
    ineligible: tuple[Incident, ...] = ()
    implausible: tuple[Incident, ...] = ()


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


class ImpossibleCheckInsError(OfflineCheckInError):
    """Offline check-ins that cannot have happened; `impossible` pairs each entry's index with
    why, and `problems` says it in words. None of the batch is taken."""

    def __init__(
        self,
        station: str,
        impossible: Sequence[tuple[int, Impossible]],
        problems: Sequence[Problem],
    ) -> None:
        self.impossible = tuple(impossible)
        super().__init__(station, problems)


class UnknownStationError(SandoghError):
    def __init__(self, election_id: str, station: str) -> None:
        super().__init__(f"election '{election_id}' has no polling station '{station}'")


def sync_provisional(
    uow: UnitOfWorkFactory,
    *,
    election_id: str,
    station: str,
    entries: Sequence[OfflineCheckIn],
    registry: Registry,
    ledger_secret: bytes,
    now: datetime.datetime,
    actor: str = SYSTEM,
    limits: CheckInLimits = USUAL_LIMITS,
) -> Synced:
    """Put a station's offline check-ins into the ledger, marked provisional, in one transaction.

    Each voter the ledger already holds from another check-in (at another station, or at this
    one at another time) becomes a `DUPLICATE_CHECK_IN` incident naming both stations, with an
    event; the same entry sent again (a retried sync) is counted as `already` and changes
    nothing. The station holds no ledger secret, so it sends national codes and the centre keys
    them; a code that is not one, or a time without a zone, refuses the batch naming each.

    Every entry that is not a retry is checked against `registry` on the election's day and against
    the round its contests continue; each one refused is stored all the same, with the
    constituency of every contest of the station (the voter was given them all), and becomes an
    `INELIGIBLE_CHECK_IN` incident, with an event, naming the station and the reason.

    The bounds of `limits` refuse the impossible and raise the implausible (see the module
    docstring).
    """
    keyed = _keyed(station, entries, ledger_secret)
    with uow() as work:
        day, calendar = polling_day(work, election_id)
        ballot = day.ballot(station)
        if not ballot:
            raise UnknownStationError(election_id, station)
        bounds = station_day(work, day, station, limits)
        impossible = [
            (i, found[0], Problem(f"entries[{i}].at", found[1]))
            for i, (_, _, at) in enumerate(keyed)
            if (
                found := _impossible_at(
                    at, bounds, limits, polling_refusal(calendar, day, station, at)
                )
            )
        ]
        before = work.ledger.count(election_id, station)
        constituencies = constituencies_at(day, station, ballot)
        recorded = already = 0
        taken: list[datetime.datetime] = []
        duplicates: list[Incident] = []
        refused: list[Incident] = []
        for i, (code, key, at) in enumerate(keyed):
            # all the ledger keeps of the time: its hour, and a tag of it (core.voters.ledger_time)
            tag = offline_tag(ledger_secret, key, at)
            entry = LedgerEntry(
                election_id, key, station, check_in_hour(at), constituencies, True, tag
            )
            if work.ledger.add(entry):
                recorded += 1
                taken.append(at)
                beyond = over_capacity(before + recorded, bounds)
                if beyond is not None:
                    problem = Problem(f"entries[{i}]", beyond)
                    impossible.append((i, Impossible.OVER_CAPACITY, problem))
            else:
                held = work.ledger.find(election_id, key)
                if held is None:  # the ledger refused the key, so it holds it
                    raise AssertionError(f"the ledger refused {key} but does not hold it")
                if held.station == station and held.offline_tag == tag and held.provisional:
                    already += 1
                    continue
                incident = _duplicate(election_id, held, station, at, now)
                shown: dict[str, JSONValue] = {"stations": list(incident.stations)}
                _raise(work, incident, EventType.DUPLICATE_CHECK_IN, shown, actor)
                duplicates.append(incident)
            fault = _fault(work, day, station, ballot=ballot, registry=registry, code=code, key=key)
            if fault is not None:
                incident = _ineligible_check_in(election_id, station, key, at, now, fault=fault)
                shown = {"reason": fault["reason"]}
                _raise(work, incident, EventType.INELIGIBLE_CHECK_IN, shown, actor)
                refused.append(incident)
        if impossible:
            impossible.sort(key=lambda found: found[0])
            raise ImpossibleCheckInsError(
                station, [(i, why) for i, why, _ in impossible], [p for _, _, p in impossible]
            )
        implausible = implausible_check_ins(
            work,
            election_id=election_id,
            station=station,
            bounds=bounds,
            times=taken,
            held=(before, before + recorded),
            limits=limits,
            now=now,
            actor=actor,
        )
        work.commit()
    return Synced(recorded, already, tuple(duplicates), tuple(refused), tuple(implausible))


def _raise(
    work: UnitOfWork,
    incident: Incident,
    event_type: EventType,
    shown: dict[str, JSONValue],
    actor: str,
) -> None:
    """Store `incident` with its event at the offline station; the event holds only `shown`,
    never the voter, whom the incident alone names (by key)."""
    work.incidents.add(incident)
    work.events.record(
        Event(
            time=incident.at,
            actor=actor,
            role=SYSTEM,
            place=incident.details["offline_station"],
            type=event_type,
            disposition=Disposition.DONE,
            details=shown,
        )
    )


def _fault(
    work: UnitOfWork,
    day: Day,
    station: str,
    *,
    ballot: Sequence[BallotContest],
    registry: Registry,
    code: NationalCode,
    key: str,
) -> dict[str, str] | None:
    """Why an online check-in would have refused the voter at `station`, in an incident's words
    (`reason`, with `also`, `of_age_on`, or the `contests` withheld; never where the voter voted
    in an earlier round), or None if it would have admitted them."""
    refused = ineligible(registry, code, day.election.date)
    if refused is not None:
        fault = {"reason": refused.reason.value}
        if refused.also:
            fault["also"] = ",".join(reason.value for reason in refused.also)
        if refused.of_age_on is not None:
            fault["of_age_on"] = refused.of_age_on.isoformat()
        return fault
    _, withheld = admitted(work, day, station, ballot, key)
    if not withheld:
        return None
    return {
        "reason": withheld[0].reason.value,
        "contests": ",".join(item.contest for item in withheld),
    }


def _keyed(
    station: str, entries: Sequence[OfflineCheckIn], secret: bytes
) -> list[tuple[NationalCode, str, datetime.datetime]]:
    problems: list[Problem] = []
    keyed: list[tuple[NationalCode, str, datetime.datetime]] = []
    for i, entry in enumerate(entries):
        if entry.at.utcoffset() is None:
            problems.append(Problem(f"entries[{i}].at", f"{entry.at.isoformat()} has no zone"))
        try:
            code = parse_national_code(entry.national_code)
        except NationalCodeError as error:
            problems.append(Problem(f"entries[{i}].national_code", str(error.fault)))
            continue
        keyed.append((code, voter_key(secret, code), entry.at))
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


def _ineligible_check_in(
    election_id: str,
    station: str,
    key: str,
    at: datetime.datetime,
    now: datetime.datetime,
    *,
    fault: dict[str, str],
) -> Incident:
    """The incident of a voter checked in offline whom the rules refuse, named by key."""
    return Incident(
        election=election_id,
        kind=IncidentKind.INELIGIBLE_CHECK_IN,
        stations=(station,),
        at=now,
        details={"voter_key": key, "offline_station": station, "offline_at": _utc(at), **fault},
    )


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat()


def _impossible_at(
    at: datetime.datetime,
    bounds: StationDay,
    limits: CheckInLimits,
    outside: OutsideWindowError | None,
) -> tuple[Impossible, str] | None:
    """Why a check-in at `at` cannot be: the usual bounds, else the stored calendar's polling
    day and hours (`services.polling_calendar`)."""
    found = impossible_time(at, bounds, limits)
    if found is None and outside is not None:
        return Impossible.AFTER_CLOSING, str(outside)
    return found
