"""Who works at each polling station, by name, and the training sessions and briefings they
attended.

The complement of a station (`COMPLEMENT`) is the laws': Majlis Elections Law art. 40 and its
executive regulations art. 59 (Presidential Elections Law art. 38 alike) have the executive board
choose five trusted locals (معتمدین محل) who can read and write for each station, among whom a
head (رئیس شعبه) and a secretary (منشی) and the rest members (عضو شعبه); beside them the governor
or district governor sends a representative (نماینده فرماندار یا بخشدار), and a station that
authenticates voters electronically needs a system user (کاربر سامانه) at the terminal. The seeds
name the same people at one briefing in Karaj: «عوامل اجرایی، کاربران و نمایندگان فرماندار». The
supervisory board's observers (ناظر) are appointed by that board and are not staff.

A person is trained once they attended a training session (آموزش); a briefing (نشست توجیهی) is
recorded per person too, but does not train. The seeds: 60,000 workers trained in Kerman, over
2,000 at one briefing in Karaj. A station's roster gives the staff register's counts of it
(`staffing_of`), so the readiness summary checks the complement against who is named.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind
from sandogh.core.definition.problems import Problem
from sandogh.core.readiness.registers import Staffing, StaffRole
from sandogh.core.report.staff import person_problems, printable

#: The least a station needs of each role (the laws above); a paper station needs no system user.
COMPLEMENT: Mapping[StaffRole, int] = MappingProxyType(
    {
        StaffRole.HEAD: 1,
        StaffRole.SECRETARY: 1,
        StaffRole.MEMBER: 3,
        StaffRole.GOVERNOR_REP: 1,
        StaffRole.SYSTEM_USER: 1,
    }
)

#: a person's code as the executive board gives it (a national code, a staff number)
_PERSON = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,39}")
#: how long a session's place or topic may be
TEXT_CHARACTERS = 200


class SessionKind(StrEnum):
    TRAINING = "training"  # آموزش
    BRIEFING = "briefing"  # نشست توجیهی


@dataclass(frozen=True)
class Worker:
    """One person working at one station in one role, for one election."""

    station: str
    person: str  # their code, unique in the election
    name: str
    role: StaffRole


@dataclass(frozen=True)
class Session:
    """A training session or briefing: when, where, on what, and who attended (by code)."""

    number: int
    kind: SessionKind
    held: datetime.date
    place: str
    topic: str
    attendees: tuple[str, ...]


def worker_problems(geography: Geography, worker: Worker) -> list[Problem]:
    """What is wrong with `worker` against the election's geography (every problem, by path)."""
    problems = []
    station = worker.station
    if station not in geography or geography.kind(station) is not UnitKind.STATION:
        problems.append(Problem("station", f"{station} is not a polling station"))
    if not _PERSON.fullmatch(worker.person):
        problems.append(
            Problem("person", f"{worker.person!r} is not a code of 1–40 letters and digits")
        )
    problems += [Problem("name", p.message) for p in person_problems(worker.name)]
    return problems


def session_problems(session: Session, known: Iterable[str]) -> list[Problem]:
    """What is wrong with `session`; every attendee must be a person of the roster (`known`)."""
    problems = []
    if session.number < 1:
        problems.append(Problem("number", f"is not positive: {session.number}"))
    for name in ("place", "topic"):
        text: str = getattr(session, name)
        if not text.strip():
            problems.append(Problem(name, "is empty"))
        elif len(text) > TEXT_CHARACTERS or not printable(text):
            problems.append(Problem(name, f"is not one line of at most {TEXT_CHARACTERS}"))
    if not session.attendees:
        problems.append(Problem("attendees", "no one attended"))
    roster = set(known)
    seen: set[str] = set()
    for i, person in enumerate(session.attendees):
        if person not in roster:
            problems.append(Problem(f"attendees[{i}]", f"{person} is not on any station's roster"))
        elif person in seen:
            problems.append(Problem(f"attendees[{i}]", f"{person} is named twice"))
        seen.add(person)
    return problems


def trained(sessions: Iterable[Session]) -> frozenset[str]:
    """The people who attended a training session."""
    return frozenset(
        person for s in sessions if s.kind is SessionKind.TRAINING for person in s.attendees
    )


def untrained(workers: Iterable[Worker], sessions: Iterable[Session]) -> tuple[Worker, ...]:
    """The workers who attended no training session, by station, role and code."""
    done = trained(sessions)
    left = (w for w in workers if w.person not in done)
    return tuple(sorted(left, key=lambda w: (w.station, w.role.value, w.person)))


def staffing_of(workers: Sequence[Worker], sessions: Iterable[Session]) -> tuple[Staffing, ...]:
    """The staff register's rows of the stations that have a roster: per station and role,
    the people named and those of them trained."""
    done = trained(sessions)
    counts: dict[tuple[str, StaffRole], tuple[int, int]] = {}
    for w in workers:
        assigned, taught = counts.get((w.station, w.role), (0, 0))
        counts[w.station, w.role] = (assigned + 1, taught + int(w.person in done))
    return tuple(
        Staffing(station, role, assigned, taught)
        for (station, role), (assigned, taught) in sorted(counts.items())
    )


def attended(person: str, sessions: Iterable[Session]) -> Iterator[Session]:
    """The sessions `person` attended, in the order given."""
    return (s for s in sessions if person in s.attendees)
