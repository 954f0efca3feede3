"""Who may vote on an election day, from a civil-registry record.

`reference/iran-election-rules.md` (Voters): Iranian citizens who are 18 full years old on
election day vote, and the national code is the key; ballots cast in the name of a dead or foreign
person are void (Ballots, باطله غیرمأخوذه). Ages are counted on the Gregorian dates the registry
gives. A person is N full years old from the N-th anniversary of their birth; someone born on
29 February reaches it on 29 February in a leap year and on 1 March otherwise, because on
28 February of a common year the N-th year since birth has not yet run out. Choosing 1 March
never lets anyone vote before they have lived N full years.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.voters.national_code import NationalCode

VOTING_AGE = 18  # Presidential Election Law and Majlis Election Law: 18 full years on election day


@dataclass(frozen=True)
class RegistryRecord:
    """What the civil registry (ثبت احوال) says of one person; `name` and `photo` (a JPEG or PNG,
    `core.voters.photo`) where the registry has them, for the station's staff to compare with the
    person in front of them at check-in (issue 13)."""

    national_code: NationalCode
    birth_date: datetime.date
    alive: bool
    citizen: bool
    name: str | None = None
    photo: bytes | None = None


class Ineligibility(StrEnum):
    """Why a person in the registry may not vote on a given day."""

    UNDER_AGE = "under-age"
    DEAD = "dead"
    NOT_CITIZEN = "not-citizen"


@dataclass(frozen=True)
class Eligibility:
    """Whether a person may vote on `election_day`: `reasons` holds every reason they may not.

    `of_age_on` is the first day they are old enough, so a refusal for age can say when.
    """

    national_code: NationalCode
    election_day: datetime.date
    of_age_on: datetime.date
    reasons: tuple[Ineligibility, ...]

    @property
    def eligible(self) -> bool:
        return not self.reasons


def of_age_on(birth_date: datetime.date, years: int) -> datetime.date:
    """The first day on which someone born on `birth_date` is `years` full years old."""
    year = birth_date.year + years
    try:
        return birth_date.replace(year=year)
    except ValueError:  # 29 February, and `year` is not a leap year
        return datetime.date(year, 3, 1)


def eligibility(
    record: RegistryRecord, election_day: datetime.date, *, voting_age: int = VOTING_AGE
) -> Eligibility:
    """Whether the person of `record` may vote on `election_day`, with every reason if not."""
    adult = of_age_on(record.birth_date, voting_age)
    reasons = (
        *((Ineligibility.UNDER_AGE,) if election_day < adult else ()),
        *(() if record.alive else (Ineligibility.DEAD,)),
        *(() if record.citizen else (Ineligibility.NOT_CITIZEN,)),
    )
    return Eligibility(record.national_code, election_day, adult, reasons)
