"""Why an audit cannot be planned or measured: inputs that do not fit, or a case it cannot audit.

DESIGN.md §2: a failure is a typed exception carrying every problem with its path.
"""

from __future__ import annotations

from collections.abc import Iterable

from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError


class AuditError(SandoghError):
    """A failure of the audit core; `problems` lists every one."""

    def __init__(self, summary: str, problems: Iterable[Problem]) -> None:
        self.summary = summary
        self.problems = tuple(problems)
        details = "; ".join(str(p) for p in self.problems[:3])
        more = "; …" if len(self.problems) > 3 else ""
        super().__init__(f"{summary}: {details}{more}")


class AuditInputError(AuditError):
    """Outcome, candidates, readings or parameters that disagree or are out of range."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__("cannot audit", problems)


class AuditUnsupportedError(AuditError):
    """An outcome no assertion set covers (docs/audit.md §2.2): it goes to a full hand count."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__("no assertions for this outcome; a full hand count decides it", problems)
