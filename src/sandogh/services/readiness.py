"""Use cases of the readiness registers: import, export, record one update, and the readiness
of a unit with what is missing where (issue 4, item 5; `core.readiness`).

Each use case is one transaction and acts under a grant (`services.acting.Actor`):
MANAGE_READINESS at every place it changes, READ at the unit it shows. A change is one event of
the hash-chained log (READINESS_IMPORTED, READINESS_UPDATED); a refusal for want of a right is
recorded as ACCESS_DENIED. An import replaces the register's rows at and below one unit, all or
nothing: a file with any bad row changes nothing, and the error names every bad row.

A box's update is derived from the build it last attested in a signed report, approved or not
(`core.fleet.attested`), never from the register's file. A box's "last seen" is the later of the
register's and the time the centre last received a station report signed with its key; a
station's state comes from its zero and final reports and the day's hours
(`core.readiness.stations`), 08:00–18:00 Iran time unless given, a hard-to-reach station's plan
giving it a longer grace to report. A station whose staff are
named (`services.preparation`) is counted by its roster, and the readiness lists its untrained
people, the hard-to-reach stations' plans and gaps, and past problems (`core.readiness.prepared`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sandogh.core.access import Action
from sandogh.core.canonical_json import JSONValue
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.problems import Problem
from sandogh.core.fleet import approved, attested
from sandogh.core.log import EventType
from sandogh.core.readiness import (
    Box,
    DayHours,
    Preparation,
    Readiness,
    ReadinessRules,
    Register,
    RegisterError,
    Registers,
    Row,
    assess,
    key_of,
    place_of,
    prepared,
    register_of,
    register_problems,
    report_graces,
    sighted,
    station_statuses,
    with_roster,
    within,
)
from sandogh.core.report import ReportKind
from sandogh.services.acting import Actor, acted, election_day, guarded, require
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.fleet import link_enrolled
from sandogh.services.ports import UnitOfWork


@dataclass(frozen=True)
class Imported:
    """What an import did: the register, the unit whose rows it replaced, how many rows each."""

    election: str
    register: Register
    unit: str
    rows: int
    replaced: int


def readiness(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    unit: str | None = None,
    *,
    now: datetime.datetime,
    hours: DayHours | None = None,
    rules: ReadinessRules | None = None,
) -> Readiness:
    """The readiness of `unit` (the actor's place by default) at `now`: its summary, its
    children's, and what is missing where. Needs READ at the unit."""

    def use_case(work: UnitOfWork) -> Readiness:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        place = _unit(geography, unit or actor.grant.place)
        require(geography, actor, Action.READ, [place], election)
        preparation = Preparation(
            tuple(work.preparation.workers(election)),
            tuple(work.preparation.sessions(election)),
            tuple(work.preparation.plans(election)),
            tuple(work.preparation.past(set(geography.stations_under(place)))),
        )
        stored = work.readiness.registers(election)
        registers = _attested(
            work,
            election,
            within(
                geography, with_roster(stored, preparation.workers, preparation.sessions), place
            ),
        )
        reports = list(work.reports.all(election))
        received = {
            kind: {r.station: r.received_at for r in reports if r.kind == kind.value}
            for kind in ReportKind
        }
        enrolled = {}
        for box in registers.fleet:
            device = None if box.public_key is None else work.devices.get(election, box.public_key)
            if device is not None and device.revoked_at is None:
                enrolled[device.public_key] = device.station
        day_hours = hours or DayHours.of(day.election.date)
        statuses = station_statuses(
            geography.stations_under(place),
            received[ReportKind.ZERO],
            received[ReportKind.FINAL],
            day_hours,
            now,
            report_graces=report_graces(preparation.plans, day_hours.report_grace),
        )
        found = assess(
            geography,
            registers,
            place,
            enrolled=enrolled,
            statuses=statuses,
            rules=rules or ReadinessRules(),
        )
        return prepared(geography, found, preparation, day.election.date)

    return guarded(uow, actor, now, use_case)


def export_registers(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    unit: str | None = None,
    *,
    now: datetime.datetime,
) -> Registers:
    """The rows of every register at and below `unit` (the actor's place by default), each box
    with its last sighting. Needs READ at the unit."""

    def use_case(work: UnitOfWork) -> Registers:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        place = _unit(geography, unit or actor.grant.place)
        require(geography, actor, Action.READ, [place], election)
        registers = within(geography, work.readiness.registers(election), place)
        sightings: dict[str, datetime.datetime] = {}
        for report in work.reports.all(election):
            latest = sightings.get(report.device)
            if latest is None or report.received_at > latest:
                sightings[report.device] = report.received_at
        registers = _attested(work, election, registers)
        return Registers(sighted(registers.fleet, sightings), registers.papers, registers.staff)

    return guarded(uow, actor, now, use_case)


def import_register(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    register: Register,
    rows: Sequence[Row],
    *,
    unit: str | None = None,
    now: datetime.datetime,
) -> Imported:
    """Replace the rows of `register` at and below `unit` (the actor's place by default) with
    `rows`, every one of which must lie there. Needs MANAGE_READINESS at the unit;
    `RegisterError` names every bad row by its index (`fleet[3].place`)."""
    new = Registers.of(register, rows)

    def use_case(work: UnitOfWork) -> Imported:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        place = _unit(geography, unit or actor.grant.place)
        require(geography, actor, Action.MANAGE_READINESS, [place], election)
        stored = work.readiness.registers(election)
        old = within(geography, stored, place)
        replacing = set(old.rows(register))
        elsewhere = [r for r in stored.rows(register) if r not in replacing]
        outside = list(_outside(geography, register, rows, place))
        flagged = {p.path.split(".")[0] for p in outside}
        problems = [
            *register_problems(geography, new),
            *outside,
            *(p for p in _taken(register, rows, elsewhere) if p.path.split(".")[0] not in flagged),
        ]
        if problems:
            raise RegisterError(problems)
        replaced = Registers.of(register, old.rows(register))
        work.readiness.write(election, remove=replaced, add=new)
        tied = _tie_enrolled(work, election, new.fleet)
        details: dict[str, JSONValue] = {
            "election": election,
            "register": register.value,
            "rows": len(rows),
            "replaced": len(replaced.rows(register)),
        } | ({"tied": list(tied)} if tied else {})
        work.events.record(acted(actor, now, EventType.READINESS_IMPORTED, place, details))
        work.commit()
        return Imported(election, register, place, len(rows), len(replaced.rows(register)))

    return guarded(uow, actor, now, use_case)


def record_update(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    row: Row,
    *,
    now: datetime.datetime,
) -> Row | None:
    """Store one row, in place of the stored row of its key (a box may move: both places must
    allow MANAGE_READINESS); returns the row it replaced."""
    register = register_of(row)

    def use_case(work: UnitOfWork) -> Row | None:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        problems = register_problems(geography, Registers.of(register, [row]))
        if problems:
            raise RegisterError(problems)
        stored = work.readiness.registers(election).rows(register)
        old = next((r for r in stored if key_of(r) == key_of(row)), None)
        others = [r for r in stored if key_of(r) != key_of(row)]
        taken = list(_taken(register, [row], others))
        if taken:
            raise RegisterError(taken)
        places = [place_of(row)] + ([] if old is None else [place_of(old)])
        require(geography, actor, Action.MANAGE_READINESS, places, election)
        remove = Registers.of(register, [] if old is None else [old])
        work.readiness.write(election, remove=remove, add=Registers.of(register, [row]))
        details: dict[str, JSONValue] = {
            "election": election,
            "register": register.value,
            "key": list(key_of(row)),
            "row": _row_json(row),
            "was": None if old is None else _row_json(old),
        }
        work.events.record(acted(actor, now, EventType.READINESS_UPDATED, place_of(row), details))
        work.commit()
        return old

    return guarded(uow, actor, now, use_case)


def _tie_enrolled(work: UnitOfWork, election: str, boxes: Sequence[Box]) -> tuple[str, ...]:
    """Boxes imported with no key for a station whose one box in use enrolled before the
    register named it are tied to that box's key (`services.fleet.link_enrolled`), as an
    enrolment after the import ties them; the serials tied."""
    tied = []
    for station in sorted({b.place for b in boxes if b.public_key is None}):
        keys = [
            d.public_key for d in work.devices.of_station(election, station) if not d.revoked_at
        ]
        if len(keys) == 1:
            tied.append(link_enrolled(work, election, station, keys[0]))
    return tuple(serial for serial in tied if serial is not None)


def _attested(work: UnitOfWork, election: str, registers: Registers) -> Registers:
    """`registers` with each box's update derived from the build it last attested."""
    in_force = approved(work.fleet.decisions(election))
    fleet = attested(registers.fleet, work.fleet.attested(election), in_force)
    return Registers(fleet, registers.papers, registers.staff)


def _unit(geography: Geography, code: str) -> str:
    if code not in geography:
        raise RegisterError([Problem("unit", f"{code} is not a unit of {geography.election.id}")])
    return code


def _outside(
    geography: Geography, register: Register, rows: Sequence[Row], unit: str
) -> Iterable[Problem]:
    for i, row in enumerate(rows):
        place = place_of(row)
        if place in geography and place != unit and unit not in geography.ancestors(place):
            field = "place" if isinstance(row, Box) else "station"
            yield Problem(f"{register}[{i}].{field}", f"{place} is not in {unit}")


def _taken(register: Register, rows: Sequence[Row], others: Sequence[Row]) -> Iterable[Problem]:
    """Keys and box keys of `rows` that rows not being replaced hold."""
    held = {key_of(r): place_of(r) for r in others}
    keys = {r.public_key: r.serial for r in others if isinstance(r, Box) and r.public_key}
    for i, row in enumerate(rows):
        at = f"{register}[{i}]"
        if key_of(row) in held:
            yield Problem(at, f"{' '.join(key_of(row))} is registered at {held[key_of(row)]}")
        if isinstance(row, Box) and row.public_key in keys:
            yield Problem(f"{at}.public_key", f"is the key of box {keys[row.public_key]}")


def _row_json(row: Row) -> dict[str, JSONValue]:
    fields: dict[str, JSONValue] = {}
    for name, value in vars(row).items():
        if isinstance(value, datetime.datetime):
            fields[name] = value.isoformat()
        elif isinstance(value, str):
            fields[name] = str(value)  # an enumeration's value, as written in the register
        elif isinstance(value, int) or value is None:
            fields[name] = value
    return fields
