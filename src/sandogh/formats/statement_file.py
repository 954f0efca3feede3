"""The statement file (`sandogh/statement@1`): figures a report printed, to be checked.

See docs/formats.md. Percentages are read as decimal strings so that their printed precision is
kept ("55" is to a whole point, "49.8" to a tenth).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from sandogh.core.counting.statement import PrintedMargin, Statement
from sandogh.core.errors import SandoghError
from sandogh.locale.digits import to_ascii_digits


class StatementFileError(SandoghError):
    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: " + "; ".join(problems))
        self.problems = tuple(problems)


def _printed_decimal(value: object) -> Decimal:
    """Digits as printed (Persian digits and a Persian decimal point allowed)."""
    raw = to_ascii_digits(str(value)).replace("٫", ".").strip().rstrip("%٪").strip()
    try:
        parsed = Decimal(raw)
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    if not parsed.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return parsed


Printed = Annotated[Decimal, BeforeValidator(_printed_decimal)]
Count = Annotated[int, Field(ge=0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Percent(_Strict):
    printed: Printed
    places: int | None = Field(default=None, ge=0, le=6)

    def value(self) -> Decimal:
        """The printed figure at its printed precision (`places` overrides what the digits show)."""
        if self.places is None:
            return self.printed
        return self.printed.quantize(Decimal(1).scaleb(-self.places))


class _Change(_Percent):
    previous_election: str | None = None


class _Margin(_Strict):
    leader: str
    runner_up: str
    printed: Count


class _Figures(_Strict):
    cast: Count | None = None
    valid: Count | None = None
    invalid: Count | None = None
    votes: dict[str, Count] = Field(default_factory=dict)
    margin: _Margin | None = None
    turnout: _Percent | None = None
    previous_turnout: _Percent | None = None
    turnout_change_points: _Change | None = None


class _StatementFile(_Strict):
    format: Literal["sandogh/statement@1"]
    source: str = Field(min_length=1)
    election: str
    contest: str
    unit: str
    figures: _Figures


@dataclass(frozen=True)
class StatementFile:
    """A statement with where it came from and which stored election it speaks of."""

    source: str
    election: str
    statement: Statement
    previous_election: str | None  # for the turnout change; else the contest's previous round


def read_statement(path: Path) -> StatementFile:
    # a file not there or not readable is the system's refusal (OSError), which the command
    # says in its language; what is read and is no YAML is this file's problem
    text = path.read_bytes()
    try:
        data = yaml.safe_load(text.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise StatementFileError(str(path), [f"cannot read it as YAML: {error}"]) from None
    try:
        parsed = _StatementFile.model_validate(data)
    except ValidationError as error:
        problems = [".".join(str(p) for p in e["loc"]) + f": {e['msg']}" for e in error.errors()]
        raise StatementFileError(str(path), problems) from None
    f = parsed.figures
    statement = Statement(
        unit=parsed.unit,
        contest=parsed.contest,
        cast=f.cast,
        valid=f.valid,
        invalid=f.invalid,
        votes=dict(f.votes),
        margin=None
        if f.margin is None
        else PrintedMargin(f.margin.leader, f.margin.runner_up, f.margin.printed),
        turnout_percent=None if f.turnout is None else f.turnout.value(),
        previous_turnout_percent=None if f.previous_turnout is None else f.previous_turnout.value(),
        turnout_change_points=None
        if f.turnout_change_points is None
        else f.turnout_change_points.value(),
    )
    previous = (
        None if f.turnout_change_points is None else f.turnout_change_points.previous_election
    )
    return StatementFile(parsed.source, parsed.election, statement, previous)
