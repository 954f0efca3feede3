"""Why the rules cannot give an outcome: inputs that do not fit, or a lot still to be drawn.

DESIGN.md §2: a failure is a typed exception carrying every problem with its path.
"""

from __future__ import annotations

from collections.abc import Iterable

from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.rules.outcome import Outcome


class RulesError(SandoghError):
    """A failure of the rules; `problems` lists every one."""

    def __init__(self, summary: str, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        details = "; ".join(str(p) for p in self.problems[:3])
        more = "; …" if len(self.problems) > 3 else ""
        super().__init__(f"{summary}: {details}{more}")


class RulesInputError(RulesError):
    """The rule, constituency, candidates, counts and withdrawals given to `decide` disagree."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__("cannot decide the constituency", problems)


class RunoffInputError(RulesError):
    """The outcomes given to `runoff_election` do not match the round-1 election."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__("cannot build the runoff", problems)


class NoRunoffError(RulesError):
    """No constituency of the round-1 election needs a runoff."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__("no runoff is needed", problems)


class LotPendingError(RulesError):
    """Some constituencies still wait for a lot; `waiting` holds their outcomes."""

    def __init__(self, problems: Iterable[Problem], waiting: Iterable[Outcome]) -> None:
        self.waiting = tuple(waiting)
        super().__init__("a lot must be drawn first", problems)
