"""The assertions that, all true, make a reported outcome the outcome of a full hand count.

docs/audit.md §2.2, for each rule of `core.rules` (after `reference/iran-election-rules.md`):
the presidential majority of all ballots cast and the Majlis threshold of valid ballots
(`core.rules.share`: elected above the share, every seat filled ⇒ the elected beat the rest,
a runoff ⇒ nobody else reached the share and the advancing beat the rest), plurality with
ranked alternates, and party lists (`proportional`). SHANGRLA (Stark 2020) gives the
pairwise and super-majority assertions; Blom et al. (E-Vote-ID 2021) the party-list ones.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sandogh.core.audit.assertion import Assertion, Kind, make, ranked_chain
from sandogh.core.audit.assorter import above_share, below_share
from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.proportional import list_assertions
from sandogh.core.definition.problems import Problem
from sandogh.core.definition.rule import (
    MajorityRule,
    PluralityRule,
    ProportionalRule,
    ThresholdRule,
)
from sandogh.core.rules.outcome import Outcome, Status


def assertions_for(
    outcome: Outcome, candidates: Iterable[str], withdrawn: Collection[str] = frozenset()
) -> tuple[Assertion, ...]:
    """The assertions of `outcome`, for the `candidates` (codes) standing in its constituency.

    `withdrawn` are the codes who withdrew: they hold no place and are in no assertion. Raises
    `AuditInputError` for an outcome waiting for a lot or naming a code that is not standing,
    and `AuditUnsupportedError` (from `proportional`) for an outcome no assertion set covers.
    """
    standing = sorted(set(candidates) - set(withdrawn))
    problems = _problems(outcome, set(candidates), set(withdrawn))
    if problems:
        raise AuditInputError(problems)
    max_marks = outcome.seats
    match outcome.rule:
        case MajorityRule() | ThresholdRule():
            return _by_share(outcome, outcome.rule, standing, max_marks)
        case PluralityRule():
            placed = {*outcome.elected, *outcome.alternates}
            rest = [c for c in standing if c not in placed]
            groups = [outcome.elected, *((a,) for a in outcome.alternates), rest]
            return ranked_chain(groups, max_marks)
        case ProportionalRule():
            return list_assertions(outcome, outcome.rule, frozenset(withdrawn), max_marks)


def _by_share(
    outcome: Outcome, rule: MajorityRule | ThresholdRule, standing: list[str], max_marks: int
) -> tuple[Assertion, ...]:
    elected, advancing = outcome.elected, outcome.advancing
    others = [c for c in standing if c not in elected and c not in advancing]
    found: list[Assertion] = [
        make(Kind.ABOVE, (e,), above_share(e, rule.share, rule.base, max_marks)) for e in elected
    ]
    if len(elected) == outcome.seats:
        found.extend(ranked_chain([elected, others], max_marks))
    else:
        found.extend(
            make(Kind.BELOW, (c,), below_share(c, rule.share, rule.base, max_marks))
            for c in sorted((*advancing, *others))
        )
        found.extend(ranked_chain([advancing, others], max_marks))
    return tuple(found)


def _problems(outcome: Outcome, candidates: set[str], withdrawn: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    if outcome.status is Status.LOT_REQUIRED:
        problems.append(Problem("outcome.status", "a lot is still to be drawn: no outcome yet"))
    problems.extend(
        Problem("withdrawn", f"{code} is no candidate standing here")
        for code in sorted(withdrawn - candidates)
    )
    placed = (*outcome.elected, *outcome.alternates, *outcome.advancing)
    problems.extend(
        Problem("outcome", f"{code} holds a place but is not a candidate standing here")
        for code in sorted(set(placed) - (candidates - withdrawn))
    )
    return problems
