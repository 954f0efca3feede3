"""The readiness registers: the ballot-box fleet, ballot papers per station, staff per station.

Issue 4, item 5, and `reference/seed-facts.md`: more than 33,000 electronic ballot boxes, of
which 25,000 had their software update at one report ("the rest were being prepared"); devices
are shipped to provinces and distributed by governorates to counties; ballot papers (تعرفه) are
sent to every polling station and shortages are a known failure; 60,000 election workers were
trained in Kerman. A box is at a place: its assigned station, or, while unassigned, the unit
(province, county) that holds it. The registers' keys are a box's serial, a station (papers) and
a station with a role (staff). `register_problems` returns every problem with its path
(`fleet[3].place`, `papers[0].used`), the row being the index in its register.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind
from sandogh.core.definition.problems import DefinitionError, Problem

_KEY = re.compile(r"[0-9a-f]{64}")  # an Ed25519 public key, lower-case hex, as enrolled


class Register(StrEnum):
    FLEET = "fleet"
    PAPERS = "papers"
    STAFF = "staff"


class UpdateStatus(StrEnum):
    """Whether a box runs an approved build: derived from the build it last attested in a signed
    report (`core.fleet.builds.update_of`), never typed in."""

    CURRENT = "current"  # its last attested build is approved
    PENDING = "pending"  # it has attested no build yet
    FAILED = "failed"  # its last attested build is not approved, or was revoked


class StaffRole(StrEnum):
    """Who works at a station, as the election laws name them (`core.readiness.roster`). The
    supervisory board's observers (ناظر) are not the station's staff, and are not here."""

    HEAD = "head"  # رئیس شعبه
    SECRETARY = "secretary"  # منشی
    MEMBER = "member"  # عضو شعبه
    GOVERNOR_REP = "governor-rep"  # نماینده فرماندار (یا بخشدار)
    SYSTEM_USER = "system-user"  # کاربر سامانه: runs the authentication terminal


@dataclass(frozen=True)
class Box:
    """An electronic ballot box (صندوق الکترونیک) of the fleet."""

    serial: str
    model: str
    software: str  # the version as the headquarters name it; the build is what the box attests
    update: UpdateStatus  # derived (`core.fleet.builds.attested`); PENDING as read from a file
    place: str  # the assigned station, or the unit that holds the box unassigned
    public_key: str | None = None  # Ed25519, hex, once the box has a key to enrol with
    last_seen: datetime.datetime | None = None
    build: str | None = None  # the build it last attested in a signed report


@dataclass(frozen=True)
class PaperStock:
    """Ballot papers (تعرفه) of one station: sent to it, received there, used so far."""

    station: str
    sent: int
    received: int
    used: int

    @property
    def left(self) -> int:
        return self.received - self.used


@dataclass(frozen=True)
class Staffing:
    """Election workers of one role at one station: assigned, and trained of those."""

    station: str
    role: StaffRole
    assigned: int
    trained: int


Row = Box | PaperStock | Staffing
_TYPE: dict[Register, type[Box] | type[PaperStock] | type[Staffing]] = {
    Register.FLEET: Box,
    Register.PAPERS: PaperStock,
    Register.STAFF: Staffing,
}


@dataclass(frozen=True)
class Registers:
    """Rows of the three registers (of one election day)."""

    fleet: tuple[Box, ...] = ()
    papers: tuple[PaperStock, ...] = ()
    staff: tuple[Staffing, ...] = ()

    @classmethod
    def of(cls, register: Register, rows: Sequence[Row]) -> Registers:
        """`rows` as the rows of `register`; a row of another register is a `TypeError`."""
        wrong = [row for row in rows if not isinstance(row, _TYPE[register])]
        if wrong:
            raise TypeError(f"not rows of the {register} register: {wrong[:3]!r}")
        return cls(
            fleet=tuple(r for r in rows if isinstance(r, Box)),
            papers=tuple(r for r in rows if isinstance(r, PaperStock)),
            staff=tuple(r for r in rows if isinstance(r, Staffing)),
        )

    def rows(self, register: Register) -> tuple[Row, ...]:
        rows: tuple[Row, ...] = getattr(self, register.value)
        return rows

    def __bool__(self) -> bool:
        return bool(self.fleet or self.papers or self.staff)


def key_of(row: Row) -> tuple[str, ...]:
    """A row's key in its register."""
    match row:
        case Box():
            return (row.serial,)
        case PaperStock():
            return (row.station,)
        case Staffing():
            return (row.station, row.role.value)


def place_of(row: Row) -> str:
    """The unit a row is about: the box's place, the station of papers and staff."""
    return row.place if isinstance(row, Box) else row.station


def register_of(row: Row) -> Register:
    return next(register for register, kind in _TYPE.items() if isinstance(row, kind))


class RegisterError(DefinitionError):
    """Register rows that break the rules; `problems` names every one with its path."""

    def _summary(self) -> str:
        return f"the register is refused: {super()._summary()}"


def register_problems(geography: Geography, registers: Registers) -> tuple[Problem, ...]:
    """Every problem of `registers` against the election's geography."""
    return (
        *_fleet_problems(geography, registers.fleet),
        *_count_problems(geography, Register.PAPERS, registers.papers),
        *_count_problems(geography, Register.STAFF, registers.staff),
    )


def _fleet_problems(geography: Geography, fleet: Sequence[Box]) -> Iterator[Problem]:
    serials: dict[str, int] = {}
    keys: dict[str, int] = {}
    for i, box in enumerate(fleet):
        at = f"{Register.FLEET}[{i}]"
        for name in ("serial", "model", "software"):
            if not getattr(box, name).strip():
                yield Problem(f"{at}.{name}", "is empty")
        if box.serial in serials:
            yield Problem(f"{at}.serial", f"{box.serial} is also in row {serials[box.serial]}")
        serials.setdefault(box.serial, i)
        if box.place not in geography:
            yield Problem(f"{at}.place", f"{box.place} is not a unit of {geography.election.id}")
        key = box.public_key
        if key is not None:
            if not _KEY.fullmatch(key):
                yield Problem(f"{at}.public_key", "is not 64 lower-case hex digits (Ed25519)")
            elif key in keys:
                yield Problem(f"{at}.public_key", f"is also the key of row {keys[key]}")
            keys.setdefault(key, i)
        if box.last_seen is not None and box.last_seen.utcoffset() is None:
            yield Problem(f"{at}.last_seen", "has no time zone")


def _count_problems(
    geography: Geography, register: Register, rows: Sequence[PaperStock | Staffing]
) -> Iterator[Problem]:
    seen: dict[tuple[str, ...], int] = {}
    for i, row in enumerate(rows):
        at = f"{register}[{i}]"
        if row.station not in geography or geography.kind(row.station) is not UnitKind.STATION:
            yield Problem(f"{at}.station", f"{row.station} is not a polling station")
        key = key_of(row)
        if key in seen:
            yield Problem(at, f"{' '.join(key)} is also in row {seen[key]}")
        seen.setdefault(key, i)
        if isinstance(row, PaperStock):
            figures = {"sent": row.sent, "received": row.received, "used": row.used}
        else:
            figures = {"assigned": row.assigned, "trained": row.trained}
        for name, value in figures.items():
            if value < 0:
                yield Problem(f"{at}.{name}", f"is negative: {value}")
        if isinstance(row, PaperStock) and row.used > row.received:
            yield Problem(f"{at}.used", f"{row.used} used of {row.received} received")
        if isinstance(row, Staffing) and row.trained > row.assigned:
            yield Problem(f"{at}.trained", f"{row.trained} trained of {row.assigned} assigned")


def within(geography: Geography, registers: Registers, unit: str) -> Registers:
    """The rows about `unit` or a unit below it."""

    def inside(row: Row) -> bool:
        place = place_of(row)
        return place == unit or (place in geography and unit in geography.ancestors(place))

    return Registers(
        fleet=tuple(filter(inside, registers.fleet)),
        papers=tuple(filter(inside, registers.papers)),
        staff=tuple(filter(inside, registers.staff)),
    )


def sighted(fleet: Iterable[Box], sightings: Mapping[str, datetime.datetime]) -> tuple[Box, ...]:
    """The boxes with `last_seen` moved to the latest sighting of their key (the time the centre
    last accepted something the key signed), when that is later than the register's."""

    def latest(box: Box) -> Box:
        seen = sightings.get(box.public_key) if box.public_key is not None else None
        if seen is None or (box.last_seen is not None and seen <= box.last_seen):
            return box
        return replace(box, last_seen=seen)

    return tuple(map(latest, fleet))
