"""The election calendar file (`sandogh/calendar@1`, JSON) and its canonical form.

The calendar is a file of its own beside the definition, stored under the election's id, because
it is not part of what the definition hash seals: it starts months before the definition can be
written (the candidates are known only at the final list, `core.candidacy`), and it changes on
polling day itself when polls are extended, while the definition hash is printed on every report
and receipt and must not move then. Its own hash is logged each time it is stored.

Read strictly (`formats.documents.read_json`: no duplicate keys), structure checked by the pydantic
models here with every problem's path, then the rules by `core.candidacy.calendar`.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Strict, ValidationError

from sandogh.core.candidacy import calendar as core
from sandogh.core.candidacy.conditions import Conditions, Education
from sandogh.core.definition.model import Name
from sandogh.core.definition.problems import DefinitionError, Problem
from sandogh.formats.documents import DocumentError, read_json
from sandogh.formats.scalars import IsoDate
from sandogh.locale.calendar_problems import in_persian

FORMAT = "sandogh/calendar@1"
MOST_BYTES = 1024 * 1024  # a calendar is a few kilobytes; anything near this is a mistake

_Text = Annotated[str, Strict()]


class CalendarFileError(DefinitionError):
    """A calendar file that cannot be read or breaks a rule; `problems` lists every one."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WindowModel(_Strict):
    stage: core.Stage
    first: IsoDate
    last: IsoDate
    closes: datetime.time | None = None


class ArticleModel(_Strict):
    fa: _Text
    en: _Text


class ConditionsModel(_Strict):
    article: ArticleModel
    min_age: Annotated[int, Strict()] | None = None
    max_age: Annotated[int, Strict()] | None = None
    education: Education | None = None
    residence_months: Annotated[int, Strict()] | None = None
    documents: Annotated[list[_Text], Strict()] = []

    def to_core(self) -> Conditions:
        return Conditions(
            Name(self.article.fa, self.article.en),
            self.min_age,
            self.max_age,
            self.education,
            self.residence_months,
            tuple(self.documents),
        )


class ScheduleModel(_Strict):
    kind: core.Kind
    round: Annotated[int, Strict()] = 1
    contests: Annotated[list[_Text], Strict()]
    stages: Annotated[list[WindowModel], Strict()]
    polls_close: datetime.time | None = None
    extensions: Annotated[list[datetime.time], Strict()] = []
    conditions: ConditionsModel | None = None

    def to_core(self) -> core.Schedule:
        return core.Schedule(
            self.kind,
            self.round,
            tuple(self.contests),
            tuple(core.Window(w.stage, w.first, w.last, w.closes) for w in self.stages),
            self.polls_close,
            tuple(self.extensions),
            None if self.conditions is None else self.conditions.to_core(),
        )


class CalendarModel(_Strict):
    model_config = ConfigDict(title="sandogh election calendar (sandogh/calendar@1)")

    format: Literal["sandogh/calendar@1"]
    election: _Text
    schedules: Annotated[list[ScheduleModel], Strict()]

    def to_core(self) -> core.Calendar:
        return core.Calendar(self.election, tuple(s.to_core() for s in self.schedules))


@dataclass(frozen=True)
class LoadedCalendar:
    calendar: core.Calendar
    calendar_hash: str
    canonical: bytes


def parse_calendar(data: bytes, *, source_name: str) -> LoadedCalendar:
    """Read and check a calendar; `CalendarFileError` names every problem with its path."""
    if len(data) > MOST_BYTES:
        raise CalendarFileError([Problem("", f"{source_name}: larger than {MOST_BYTES:,} bytes")])
    try:
        document = read_json(data, source_name)
    except DocumentError as error:
        raise CalendarFileError([Problem("", p) for p in error.problems]) from None
    try:
        model = CalendarModel.model_validate(document)
    except ValidationError as error:
        raise CalendarFileError(
            [
                Problem(_path(e["loc"]), e["msg"][:1].lower() + e["msg"][1:])
                for e in error.errors(include_url=False)
            ]
        ) from None
    calendar = model.to_core()
    found = core.calendar_problems(calendar)
    if found:
        raise CalendarFileError(in_persian(p) for p in found)
    canonical = canonical_calendar(calendar)
    return LoadedCalendar(calendar, hashlib.sha256(canonical).hexdigest(), canonical)


def decode_calendar(canonical: bytes) -> core.Calendar:
    """The calendar of bytes `parse_calendar` made canonical (stored, so checked already)."""
    return CalendarModel.model_validate(json.loads(canonical)).to_core()


def canonical_calendar(calendar: core.Calendar) -> bytes:
    """The calendar as JSON: UTF-8, keys sorted, no white space, every default written out."""
    document = {
        "format": FORMAT,
        "election": calendar.election,
        "schedules": [
            {
                "kind": s.kind.value,
                "round": s.round,
                "contests": list(s.contests),
                "stages": [
                    {
                        "stage": w.stage.value,
                        "first": w.first.isoformat(),
                        "last": w.last.isoformat(),
                        "closes": None if w.closes is None else w.closes.isoformat(),
                    }
                    for w in s.windows
                ],
                "polls_close": None if s.polls_close is None else s.polls_close.isoformat(),
                "extensions": [e.isoformat() for e in s.extensions],
                "conditions": None if s.conditions is None else _conditions_json(s.conditions),
            }
            for s in calendar.schedules
        ],
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _conditions_json(conditions: Conditions) -> dict[str, object]:
    return {
        "article": {"fa": conditions.article.fa, "en": conditions.article.en},
        "min_age": conditions.min_age,
        "max_age": conditions.max_age,
        "education": None if conditions.education is None else conditions.education.value,
        "residence_months": conditions.residence_months,
        "documents": list(conditions.documents),
    }


def _path(loc: tuple[int | str, ...]) -> str:
    parts = [f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc]
    return "".join(parts).lstrip(".")
