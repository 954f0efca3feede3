"""A box's pace of look-ups (`server.look_up_pace`): a run of `burst`, then one per `fastest`."""

from __future__ import annotations

import datetime

from sandogh.core.station.check_in_bounds import USUAL_LIMITS
from sandogh.server.look_up_pace import LookUpPace
from sandogh.services.check_in_look_up import Pace

AT = datetime.datetime(2024, 6, 28, 9, 0, tzinfo=datetime.UTC)


def test_a_box_looks_up_a_run_then_one_per_fastest_and_each_run_is_told_once() -> None:
    pace, limits = LookUpPace(), USUAL_LIMITS
    box, other = "a" * 64, "b" * 64
    assert [pace.take(box, AT, limits) for _ in range(limits.burst)] == [Pace.ALLOWED] * 10
    assert pace.take(box, AT, limits) is Pace.FIRST_REFUSED
    assert pace.take(box, AT, limits) is Pace.REFUSED
    assert pace.take(other, AT, limits) is Pace.ALLOWED  # each box its own credit
    later = AT + limits.fastest
    assert pace.take(box, later, limits) is Pace.ALLOWED
    assert pace.take(box, later, limits) is Pace.FIRST_REFUSED  # a new run, told again
    rested = later + limits.fastest * limits.burst * 2  # credit grows back to a run, no more
    assert [pace.take(box, rested, limits) for _ in range(limits.burst + 1)] == [
        *[Pace.ALLOWED] * limits.burst,
        Pace.FIRST_REFUSED,
    ]
