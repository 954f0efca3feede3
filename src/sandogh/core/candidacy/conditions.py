"""The statutory conditions of candidacy that software can check at registration.

`reference/iran-candidacy.md`: age in full years at registration, from the original birth date
(Majlis: 30 to 75, Art. 28 and its Note 4 of 1395, §2.3; presidency: 40 to 75, Constitution Art. 115
and law Art. 35, §3; Experts: 40 or more, Art. 12 of the Experts law and the regulation, §4;
councils: 25 or more, §5 [S63]); education (Majlis and presidency: a master's degree or equivalent;
councils: from literacy to a bachelor's degree by the size of the place, §5); residence in the
place (councils, a setting: the reference gives no article for it) and the documents each kind asks
for (Experts: the seminary level-4 certificate, §4; councils: a criminal-record certificate, Note 3
of Art. 30, §5). Like the windows these change with the law, so they are data of a schedule
(`formats.calendar_file`), each with the article it comes from; the check names every unmet one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.definition.model import Name


class Education(StrEnum):
    """Levels in rising order (a seminary degree counts as its recognised university level)."""

    LITERACY = "literacy"  # سواد خواندن و نوشتن
    DIPLOMA = "diploma"  # دیپلم
    ASSOCIATE = "associate"  # کاردانی
    BACHELOR = "bachelor"  # کارشناسی
    MASTER = "master"  # کارشناسی ارشد
    DOCTORATE = "doctorate"  # دکتری


_RANK = {level: i for i, level in enumerate(Education)}


@dataclass(frozen=True)
class Conditions:
    """What a schedule's applicants must meet; `article` is where the law says so, in both
    languages because a refusal quotes it on a Persian screen as on an English one."""

    article: Name
    min_age: int | None = None
    max_age: int | None = None
    education: Education | None = None
    residence_months: int | None = None  # in the constituency, up to the registration day
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Applicant:
    """What an applicant (داوطلب) declares, with the documents handed in (kind → SHA-256)."""

    national_code: str
    name_fa: str
    name_en: str
    birth_date: datetime.date  # the original date of the birth certificate (Art. 28 Note 4)
    education: Education
    resident_since: datetime.date | None = None  # in the constituency
    documents: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Unmet:
    """A condition the applicant does not meet: which, the article, what was found against what
    was needed (`over`: found above a most, as an age over the upper limit)."""

    condition: str  # "age" (full years), "education", "residence" (months), "document"
    article: Name
    found: str
    needed: str
    over: bool = False

    @property
    def detail(self) -> str:
        if self.condition == "document":
            return f"{self.needed} not handed in"
        unit = {"age": " full years", "residence": " months in the constituency"}
        return (
            f"{self.found}{unit.get(self.condition, '')}, "
            f"{'over' if self.over else 'under'} {self.needed}"
        )


def full_years(born: datetime.date, on: datetime.date) -> int:
    """Full years of age on `on`; someone born on 29 February turns a year older on 1 March."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def full_months(since: datetime.date, on: datetime.date) -> int:
    return (on.year - since.year) * 12 + on.month - since.month - (on.day < since.day)


def unmet(applicant: Applicant, conditions: Conditions, on: datetime.date) -> tuple[Unmet, ...]:
    """Every condition `applicant` does not meet on the registration day `on`."""
    found: list[Unmet] = []
    article = conditions.article
    age = full_years(applicant.birth_date, on)
    if conditions.min_age is not None and age < conditions.min_age:
        found.append(Unmet("age", article, str(age), str(conditions.min_age)))
    if conditions.max_age is not None and age > conditions.max_age:
        found.append(Unmet("age", article, str(age), str(conditions.max_age), over=True))
    needed = conditions.education
    if needed is not None and _RANK[applicant.education] < _RANK[needed]:
        found.append(Unmet("education", article, applicant.education.value, needed.value))
    if conditions.residence_months is not None:
        since = applicant.resident_since
        months = 0 if since is None or since > on else full_months(since, on)
        if months < conditions.residence_months:
            found.append(Unmet("residence", article, str(months), str(conditions.residence_months)))
    handed = {kind for kind, _ in applicant.documents}
    found.extend(
        Unmet("document", article, "", kind) for kind in conditions.documents if kind not in handed
    )
    return tuple(found)
