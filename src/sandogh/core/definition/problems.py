"""A problem found in an election definition, and the failure that carries every one of them.

DESIGN.md §2 and §6: validation collects every problem with its path and never stops at the
first; a failure is a typed exception that carries them all. A path names the place in the
definition file, with the file's field names and list indices (`units[3].parent`,
`contests[2].candidates[5].code`), because the tuples of `Election` keep the file's order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sandogh.core.errors import SandoghError


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where: `path` is empty when the problem concerns the whole definition;
    `fa` says the message in Persian where it has been worded so (the command line shows it)."""

    path: str
    message: str
    fa: str = field(default="", compare=False)
    # what the problem is and its values (ids, ISO days), for a catalogue to say it in words
    key: str = field(default="", compare=False)
    values: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class DefinitionError(SandoghError):
    """An election definition that breaks one or more rules; `problems` lists every one."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        return (
            f"{len(self.problems)} problems: "
            + "; ".join(str(p) for p in self.problems[:3])
            + ("; …" if len(self.problems) > 3 else "")
        )
