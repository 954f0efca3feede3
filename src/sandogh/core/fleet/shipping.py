"""Shipping the boxes: the hand-over chain from the national headquarters to the station.

Issue 12 and seed-facts.md ("devices are shipped to provinces and distributed by governorates to
counties"): a box is prepared at the country's election headquarters (ستاد انتخابات کشور), sent
to a province's (ستاد انتخابات استان), handed on to a county's governorate (فرمانداری), then to
its polling station (شعبه اخذ رأی), where it is installed. Each step is one hand-over, recorded
by whom and when; the steps come in this order only, each leg sent before it is received, and
each destination lies within the unit that sent it. `check_handover` names the box and the step
expected when a hand-over comes out of order.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import UnitKind
from sandogh.core.definition.problems import DefinitionError, Problem


class Step(StrEnum):
    """The hand-over states, in their order (the headquarters' words in `locale.fleet`)."""

    PREPARED = "prepared"  # آماده‌سازی‌شده در ستاد انتخابات کشور
    SENT_TO_PROVINCE = "sent-to-province"  # ارسال به ستاد انتخابات استان
    RECEIVED_BY_PROVINCE = "received-by-province"  # تحویل ستاد انتخابات استان
    SENT_TO_COUNTY = "sent-to-county"  # ارسال به فرمانداری
    RECEIVED_BY_COUNTY = "received-by-county"  # تحویل فرمانداری
    SENT_TO_STATION = "sent-to-station"  # ارسال به شعبه
    RECEIVED_AT_STATION = "received-at-station"  # تحویل شعبه
    INSTALLED = "installed"  # نصب و راه‌اندازی در شعبه


STEPS = tuple(Step)
#: the kind of unit a step happens at, or sends to
_KIND = {
    Step.PREPARED: UnitKind.NATION,
    Step.SENT_TO_PROVINCE: UnitKind.PROVINCE,
    Step.RECEIVED_BY_PROVINCE: UnitKind.PROVINCE,
    Step.SENT_TO_COUNTY: UnitKind.COUNTY,
    Step.RECEIVED_BY_COUNTY: UnitKind.COUNTY,
    Step.SENT_TO_STATION: UnitKind.STATION,
    Step.RECEIVED_AT_STATION: UnitKind.STATION,
    Step.INSTALLED: UnitKind.STATION,
}
SENDS = frozenset({Step.SENT_TO_PROVINCE, Step.SENT_TO_COUNTY, Step.SENT_TO_STATION})


@dataclass(frozen=True)
class Handover:
    """One step of one box: where it happened (or where the box was sent), by whom, when."""

    serial: str
    step: Step
    place: str
    by: str
    at: datetime.datetime


class ShippingError(DefinitionError):
    """A hand-over refused: out of order, or to a place the chain does not lead to."""

    def __init__(self, serial: str, expected: Step | None, problems: Sequence[Problem]) -> None:
        self.serial = serial
        self.expected = expected
        super().__init__(problems)

    def _summary(self) -> str:
        expected = "none: it is installed" if self.expected is None else self.expected.value
        return f"box {self.serial}: hand-over refused (next step {expected}): {super()._summary()}"


def expected_step(done: Sequence[Handover]) -> Step | None:
    """The step that comes next after `done` (in order), None once the box is installed."""
    return STEPS[len(done)] if len(done) < len(STEPS) else None


def leg_to(geography: Geography, station: str, step: Step) -> str | None:
    """The unit a box for `station` goes to by the sending `step`: the one of the step's kind on
    the station's path down (country, its province, its county, the station; review S20 F13),
    None when the path has none."""
    path = (station, *geography.ancestors(station))
    return next((unit for unit in path if geography.kind(unit) is _KIND[step]), None)


def check_handover(geography: Geography, done: Sequence[Handover], new: Handover) -> None:
    """Raise `ShippingError` unless `new` is the next step of its box after `done`, at a unit of
    the step's kind: the one it was sent to, or one within the unit that holds it."""
    expected = expected_step(done)
    if new.step is not expected:
        shown = "none" if expected is None else expected.value
        raise ShippingError(
            new.serial, expected, [Problem("step", f"{new.step.value} comes out of order: {shown}")]
        )
    problems = []
    if new.place not in geography:
        problems.append(Problem("place", f"{new.place} is not a unit of {geography.election.id}"))
    elif geography.kind(new.place) is not _KIND[new.step]:
        problems.append(Problem("place", f"{new.place} is not a {_KIND[new.step].value}"))
    elif done:
        held = done[-1].place
        if new.step in SENDS and held not in geography.ancestors(new.place):
            problems.append(Problem("place", f"{new.place} is not within {held}"))
        if new.step not in SENDS and new.place != held:
            problems.append(Problem("place", f"the box was sent to {held}, not {new.place}"))
    if new.at.utcoffset() is None:
        problems.append(Problem("at", "has no time zone"))
    if problems:
        raise ShippingError(new.serial, expected, problems)
