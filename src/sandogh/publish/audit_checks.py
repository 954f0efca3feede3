"""What `audit verify` finds: each check passed, or the first file and field that fails.

A value that differs is named by its path in the file (`risk.president:IR.p_values.beats 21 25`,
`papers[3].shows`) with the value published and the one the published inputs give, both as JSON
text; a file that does not read by the first problem its reader names (docs/audit.md §7).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from sandogh.core.audit.rounds import ContestRisk, Decision
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.publish.differences import ABSENT

if TYPE_CHECKING:  # its reader brings pydantic, which `sandogh`'s start leaves unimported
    from sandogh.formats.audit_hand_counts import PublishedHandCount


class Step(StrEnum):
    """Each check, in the order it runs (named in Persian and English by the console)."""

    MANIFEST = "manifest"  # manifest.json reads, canonical
    DEFINITION = "definition"  # definition.json hashes to the manifest's definition_hash
    SEED = "seed"  # seed.json: its digits are the rolls', rolled for this manifest
    PLAN = "plan"  # plan.json names the manifest and is the plan the results give
    SAMPLES = "samples"  # every samples/K.json is the sample the seed and manifest give
    ROUNDS = "rounds"  # every rounds/R.json is its replay, chained from the plan and seed
    HAND_COUNTS = "hand-counts"  # hand-counts.json: only contests the replay sent, each decided
    FINAL = "final"  # what the audit ended in


@dataclass(frozen=True)
class AuditCheck:
    """One check: passed, or the first file and field (path in the file) that fails, and why:
    the value published and the one the published inputs give, or `detail` (the reader's or
    the replay's message). A check passed may say what it found in `detail`."""

    step: Step
    passed: bool
    file: str = ""
    field: str = ""
    detail: str = ""
    published: str = ""
    expected: str = ""

    @property
    def reason(self) -> str:
        """Why it failed, in English (the console says it in Persian)."""
        return self.detail or f"is {self.published}; the published inputs give {self.expected}"


@dataclass(frozen=True)
class AuditVerification:
    checks: tuple[AuditCheck, ...]
    rounds: int = 0
    contests: tuple[ContestRisk, ...] = ()  # each contest after the last round
    ended: bool = False  # no contest asks for another round
    # The last round's hash: nothing in the folder chains to it, so only the hash the services
    # logged when the round closed (docs/audit.md §7) binds it; a person compares the two.
    last_hash: str = ""
    election: str = ""  # the manifest's
    # hand-counts.json, when every check passed (`publish.audit_hand_counts`)
    hand_counts: tuple[PublishedHandCount, ...] = ()
    open_round: int = 0  # a round drawn (its sample published) and not closed, or 0

    @property
    def confirmed(self) -> bool:
        """Every check passed, the audit ended, and it confirmed every contest."""
        return (
            self.passed
            and self.ended
            and bool(self.contests)
            and all(c.decision is Decision.CONFIRMED for c in self.contests)
        )

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def first_failure(self) -> AuditCheck | None:
        return next((c for c in self.checks if not c.passed), None)


# a path as the readers name one: `papers[3].shows.president`, `risk.K.p_values.beats 21 25`
_PATH = re.compile(r"[\w-]+(\[[^\]]*\]|\.[^.\[]+)*")


def unreadable(step: Step, name: str, error: SandoghError) -> AuditCheck:
    """A file that does not read: the field of its first problem where the reader names one
    (a `Problem`'s path, or an audit file's "path: message")."""
    problems: Sequence[object] = getattr(error, "problems", ())
    if not problems:
        return AuditCheck(step, False, name, "", str(error))
    first = problems[0]
    if isinstance(first, Problem):
        return AuditCheck(step, False, name, first.path, first.message)
    field, _, detail = str(first).partition(": ")
    if not detail or not _PATH.fullmatch(field):  # a problem of the whole file
        field, detail = "", str(first)
    return AuditCheck(step, False, name, field, detail)


def fails(step: Step, name: str, field: str, published: str, expected: str) -> AuditCheck | None:
    if published == expected:
        return None
    return differs(step, name, field, published, expected)


def differs(step: Step, name: str, field: str, published: str, expected: str) -> AuditCheck:
    return AuditCheck(step, False, name, field, published=published, expected=expected)


def first_difference(
    step: Step, name: str, published: Mapping[str, object], expected: Mapping[str, object]
) -> AuditCheck:
    found = _first(dict(published), dict(expected), "")
    return AuditCheck(step, True, name) if found is None else differs(step, name, *found)


def _first(published: object, expected: object, path: str) -> tuple[str, str, str] | None:
    """The first place, in key order, where `published` differs from `expected` (a list item
    named by its position: the records' lists are sorted), with both values as JSON text."""
    if isinstance(published, dict) and isinstance(expected, dict):
        for key in sorted(published.keys() | expected.keys()):
            here = f"{path}.{key}" if path else key
            found = _first(published.get(key, ABSENT), expected.get(key, ABSENT), here)
            if found is not None:
                return found
        return None
    if isinstance(published, list) and isinstance(expected, list):
        longest = max(len(published), len(expected))
        for i in range(longest):
            one = published[i] if i < len(published) else ABSENT
            other = expected[i] if i < len(expected) else ABSENT
            found = _first(one, other, f"{path}[{i}]")
            if found is not None:
                return found
        return None
    if type(published) is type(expected) and published == expected:
        return None
    return path, _text(published), _text(expected)


def _text(value: object) -> str:
    return value if value is ABSENT else json.dumps(value, ensure_ascii=False)
