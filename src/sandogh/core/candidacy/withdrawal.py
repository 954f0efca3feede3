"""A candidate's withdrawal (انصراف), before or after the ballots are printed.

Issue 12, section 1: withdrawals are stored decisions, shown on the ballot and in outcomes. Before
printing, the candidate is left off the ballot; after printing, the candidate stays on it, marked
as withdrawn. Either way the candidate can win nothing: `reference/iran-election-rules.md`
(President): "If a leading candidate withdraws, the next by votes moves up" — so votes cast for a
withdrawn candidate stay in the ballots cast (the base of the majority and threshold rules) but
give no seat, runoff place or alternate place (`core.rules.contenders`). The rules say nothing
else about votes for a withdrawn candidate; counting them as valid votes for nobody, rather than as
invalid ballots, keeps the ballots cast the same whichever day the candidate withdrew.

Before printing the definition itself is rewritten (`without`): the contest's candidates lose the
one who withdrew, one version on, as the code draw gives the drawn list (`core.candidacy.draw`);
the other candidates keep the codes they were drawn.

A withdrawal is a step before polling (issue 12, section 1: "withdrawals before polling day"):
once polling has begun, votes are being cast for the candidate, and a withdrawal then would change
the outcome with neither vote nor lot (review S19, F2). `polling_began` reads the calendar's
polling stage for that: from its first day on, no withdrawal is recorded.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from sandogh.core.candidacy.calendar import Schedule, Stage
from sandogh.core.canonical_json import JSONValue
from sandogh.core.definition.model import Election


class Printing(StrEnum):
    BEFORE = "before-printing"  # left off the ballot
    AFTER = "after-printing"  # on the ballot, marked withdrawn


@dataclass(frozen=True)
class Withdrawal:
    """`candidate` of `contest` withdrew, `printing` before or after the ballots were printed;
    `by` recorded it at `at`."""

    contest: str
    candidate: str
    printing: Printing
    by: str
    at: datetime.datetime

    @property
    def key(self) -> str:
        """A candidate withdraws once."""
        return f"{self.contest}|{self.candidate}"


def withdrawn_in(withdrawals: Iterable[Withdrawal], contest: str) -> frozenset[str]:
    return frozenset(w.candidate for w in withdrawals if w.contest == contest)


def without(election: Election, made: Withdrawal) -> Election:
    """`election` with `made.candidate` off the candidates of `made.contest`, one version on."""
    contests = tuple(
        replace(c, candidates=tuple(k for k in c.candidates if k.code != made.candidate))
        if c.id == made.contest
        else c
        for c in election.contests
    )
    return replace(election, contests=contests, version=election.version + 1)


def withdrawal_json(made: Withdrawal) -> dict[str, JSONValue]:
    return {
        "contest": made.contest,
        "candidate": made.candidate,
        "printing": made.printing.value,
        "by": made.by,
        "at": made.at.isoformat(),
    }


def withdrawal_of(data: Mapping[str, Any]) -> Withdrawal:
    """The withdrawal `withdrawal_json` wrote; raises KeyError or ValueError on anything else."""
    return Withdrawal(
        str(data["contest"]),
        str(data["candidate"]),
        Printing(data["printing"]),
        str(data["by"]),
        datetime.datetime.fromisoformat(str(data["at"])),
    )


def polling_began(schedule: Schedule, today: datetime.date) -> datetime.date | None:
    """The first polling day of `schedule` once `today` is on or after it; None before it, or
    when the schedule has no polling stage."""
    window = schedule.window(Stage.POLLING)
    if window is None or today < window.first:
        return None
    return window.first
