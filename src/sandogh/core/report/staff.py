"""The station staff registered to sign a station's reports, each with a key of their own.

DESIGN.md §3 and §6, and issue 9 section 2: a station report carries the signatures of the
station's staff beside the device's, and those signatures mean something only when each key was
registered, before polls open, for one person of one station in one role. A registered key is the
pre-election record's promise that this person, and no one else, signs for this station.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, TypeVar

from sandogh.core.definition.problems import Problem
from sandogh.core.report.keys import PublicKey
from sandogh.core.report.signatures import StaffRole

#: how long a person's name may be: a name, not a document
PERSON_CHARACTERS = 200
#: the zero-width non-joiner and joiner, which Persian spelling needs («علی‌اکبر») and Python
#: does not count printable
_JOINERS = str.maketrans("", "", "\u200c\u200d")


def printable(text: str) -> bool:
    """Whether `text` holds no control or other unprintable character but Persian's joiners."""
    return text.translate(_JOINERS).isprintable()


@dataclass(frozen=True)
class RegisteredStaff:
    """One member of a station's staff, the role they sign under and their Ed25519 key."""

    election: str
    station: str
    person: str
    role: StaffRole
    key: PublicKey


def person_problems(person: str) -> list[Problem]:
    """What is wrong with a staff member's name as given (every problem, with its path)."""
    name = person.strip()
    if not name:
        return [Problem("person", "the staff member's name is empty")]
    problems = []
    if name != person:
        problems.append(Problem("person", "the name begins or ends with spaces"))
    if len(person) > PERSON_CHARACTERS:
        problems.append(Problem("person", f"the name is longer than {PERSON_CHARACTERS}"))
    if not printable(person):
        problems.append(Problem("person", "the name holds a control character"))
    return problems


#: The roles a station has one person in (`core.readiness.roster.COMPLEMENT`: one head, one
#: secretary); members are several, and so may the board's observers be.
ONE_PER_STATION = frozenset({StaffRole.HEAD, StaffRole.SECRETARY})


class Conflict(StrEnum):
    OBSERVER_AND_STAFF = "observer-and-staff"  # the board's observer is never the station's staff
    PERSON_REGISTERED = "person-registered"  # the person holds another role at the station
    ROLE_FILLED = "role-filled"  # the station has its head (or secretary) already


class Member(Protocol):
    """A person of a station in a role: a registered key's (`RegisteredStaff`) or the roster's
    (`core.readiness.Worker`, whose roles share the values head and secretary)."""

    @property
    def person(self) -> str: ...

    @property
    def role(self) -> str: ...


M = TypeVar("M", bound=Member)


def staff_conflict(registered: Iterable[M], staff: M) -> tuple[Conflict, M] | None:
    """Why `staff` cannot join the station's `registered` staff, and who is in the way; None
    when they can. Every path that adds a person to a station asks (`staff add`, an amendment
    to the sealed record, and the roster's `staff assign`, review S20 F8)."""
    for held in registered:
        if held.person == staff.person and held.role != staff.role:
            observer = StaffRole.SUPERVISOR in (held.role, staff.role)
            return (Conflict.OBSERVER_AND_STAFF if observer else Conflict.PERSON_REGISTERED), held
        if staff.role in ONE_PER_STATION and held.role == staff.role:
            return Conflict.ROLE_FILLED, held
    return None
