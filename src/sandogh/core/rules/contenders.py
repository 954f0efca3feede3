"""The figures one constituency is decided on, checked to fit together.

A constituency (حوزه انتخابیه) of a contest is decided on the votes of the candidates standing in
it, the ballots cast (آرای مأخوذه) and the valid ballots (آرای صحیح) of
`core.counting.tally.Counts`, and the candidates who withdrew (`reference/iran-election-rules.md`:
"if a leading candidate withdraws, the next by votes moves up").
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from sandogh.core.counting.tally import Counts
from sandogh.core.definition.model import Candidate, Constituency
from sandogh.core.definition.problems import Problem
from sandogh.core.definition.rule import Base, ProportionalRule, Rule
from sandogh.core.rules.errors import RulesInputError


@dataclass(frozen=True)
class Contenders:
    """`votes` has every candidate standing (0 when none were counted), withdrawn ones included."""

    constituency: Constituency
    votes: Mapping[str, int]
    party_lists: Mapping[str, str | None]
    withdrawn: frozenset[str]
    cast: int
    valid: int

    def standing(self) -> dict[str, int]:
        """The votes of the candidates who did not withdraw."""
        return {code: n for code, n in self.votes.items() if code not in self.withdrawn}

    def base(self, kind: Base) -> int:
        return self.cast if kind is Base.CAST else self.valid


def contenders_of(
    rule: Rule,
    constituency: Constituency,
    candidates: Iterable[Candidate],
    counts: Counts,
    withdrawn: Collection[str],
) -> Contenders:
    """Check the inputs of one constituency against each other; raise with every problem."""
    party_lists, problems = _standing(constituency, candidates)
    problems.extend(_count_problems(counts, party_lists))
    problems.extend(
        Problem("withdrawn", f"{code} is no candidate standing here")
        for code in sorted(set(withdrawn) - party_lists.keys())
    )
    if isinstance(rule, ProportionalRule):
        # A candidate without a list stands as a list of one under its own code (see proportional).
        list_ids = {pl for pl in party_lists.values() if pl is not None}
        problems.extend(
            Problem("candidates", f"{code} is both a party list and a candidate without a list")
            for code, pl in sorted(party_lists.items())
            if pl is None and code in list_ids
        )
    if problems:
        raise RulesInputError(problems)
    return Contenders(
        constituency=constituency,
        votes={code: counts.votes.get(code, 0) for code in sorted(party_lists)},
        party_lists={code: party_lists[code] for code in sorted(party_lists)},
        withdrawn=frozenset(withdrawn),
        cast=counts.cast,
        valid=counts.valid,
    )


def _standing(
    constituency: Constituency, candidates: Iterable[Candidate]
) -> tuple[dict[str, str | None], list[Problem]]:
    """The party list of each candidate code, and what is wrong with the seats and candidates."""
    problems: list[Problem] = []
    if constituency.seats < 1:
        problems.append(
            Problem("constituency.seats", f"{constituency.seats} seats: need 1 or more")
        )
    if constituency.alternates < 0:
        problems.append(
            Problem("constituency.alternates", f"{constituency.alternates} alternates: negative")
        )
    party_lists: dict[str, str | None] = {}
    for i, candidate in enumerate(candidates):
        if candidate.constituency != constituency.id:
            problems.append(
                Problem(
                    f"candidates[{i}].constituency",
                    f"candidate {candidate.code} stands in {candidate.constituency}, "
                    f"not in {constituency.id}",
                )
            )
        elif candidate.code in party_lists:
            problems.append(
                Problem(f"candidates[{i}].code", f"candidate code {candidate.code} is repeated")
            )
        else:
            party_lists[candidate.code] = candidate.party_list
    return party_lists, problems


def _count_problems(counts: Counts, party_lists: Mapping[str, str | None]) -> list[Problem]:
    problems = [
        Problem(f"counts.{figure}", f"{value} is negative")
        for figure, value in (("cast", counts.cast), ("valid", counts.valid))
        if value < 0
    ]
    for code, n in sorted(counts.votes.items()):
        if code not in party_lists:
            problems.append(
                Problem(f"counts.votes[{code}]", f"{code} is no candidate standing here")
            )
        elif n < 0:
            problems.append(Problem(f"counts.votes[{code}]", f"{n} votes is negative"))
    return problems
