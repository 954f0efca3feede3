"""The runoff round (دور دوم) that follows a first round, as a new election day.

`reference/iran-election-rules.md`: the presidential runoff is held between the top two on the
Friday of the following week; the Majlis runoff fills the seats left in each constituency that
needs one, between twice as many candidates, by plurality (2024: 90 candidates for 45 seats in 22
constituencies). Its voters are those of the same constituencies, so the geography keeps the units
of those constituencies, everything below them, and their ancestors up to the root.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import replace

from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Contest, Election, Name, ReportingUnit, RoundLink
from sandogh.core.definition.problems import Problem
from sandogh.core.definition.rule import MajorityRule, PluralityRule, ThresholdRule
from sandogh.core.rules.errors import LotPendingError, NoRunoffError, RunoffInputError
from sandogh.core.rules.outcome import Outcome, Status


def runoff_election(
    election: Election,
    outcomes: Mapping[str, Iterable[Outcome]],
    *,
    election_id: str,
    name: Name,
    date: datetime.date,
) -> Election:
    """The runoff of `election` from its `outcomes` (contest id → its constituencies' outcomes).

    Every constituency of a majority or threshold contest needs an outcome; other contests may be
    left out. The runoff keeps the contests and constituencies that need one, with the seats left,
    the advancing candidates unchanged, `PluralityRule`, the next round number and a link back.
    Raises `RunoffInputError` when the outcomes do not match the election, `LotPendingError` when
    some still wait for a lot and `NoRunoffError` when nothing needs a runoff.
    """
    by_contest, problems = _match(election, outcomes)
    if problems:
        raise RunoffInputError(problems)
    waiting = [
        (contest, outcome)
        for contest, of_contest in sorted(by_contest.items())
        for outcome in sorted(of_contest.values(), key=lambda o: o.constituency)
        if outcome.status is Status.LOT_REQUIRED
    ]
    if waiting:
        raise LotPendingError(
            (
                Problem(
                    f"outcomes[{contest}][{outcome.constituency}]",
                    "; ".join(
                        f"{', '.join(tie.tied)} tied for {tie.places} {tie.stake} place(s)"
                        for tie in outcome.lots_required
                    ),
                )
                for contest, outcome in waiting
            ),
            (outcome for _, outcome in waiting),
        )
    contests = tuple(
        runoff
        for contest in election.contests
        if (runoff := _runoff_contest(election.id, contest, by_contest.get(contest.id, {})))
    )
    if not contests:
        raise NoRunoffError([Problem("outcomes", "no constituency needs a runoff")])
    return Election(
        id=election_id,
        name=name,
        date=date,
        units=_units_of(election, contests),
        contests=contests,
    )


def _match(
    election: Election, outcomes: Mapping[str, Iterable[Outcome]]
) -> tuple[dict[str, dict[str, Outcome]], list[Problem]]:
    """The outcomes by contest and constituency, and every way they do not fit the election."""
    contests = {contest.id: contest for contest in election.contests}
    problems: list[Problem] = []
    by_contest: dict[str, dict[str, Outcome]] = {}
    for contest_id, of_contest in sorted(outcomes.items()):
        contest = contests.get(contest_id)
        if contest is None:
            problems.append(Problem(f"outcomes[{contest_id}]", f"no contest {contest_id}"))
            continue
        standing = {k.id: set[str]() for k in contest.constituencies}
        for candidate in contest.candidates:
            standing.setdefault(candidate.constituency, set()).add(candidate.code)
        found = by_contest.setdefault(contest_id, {})
        for outcome in of_contest:
            path = f"outcomes[{contest_id}][{outcome.constituency}]"
            if outcome.constituency not in standing:
                problems.append(Problem(path, f"no constituency {outcome.constituency}"))
            elif outcome.constituency in found:
                problems.append(Problem(path, "a second outcome for the same constituency"))
            elif outcome.rule != contest.rule:
                problems.append(Problem(path, "decided under another rule than the contest's"))
            else:
                found[outcome.constituency] = outcome
                problems.extend(
                    Problem(path, f"{code} advances but does not stand there")
                    for code in sorted(set(outcome.advancing) - standing[outcome.constituency])
                )
    for contest in election.contests:
        if isinstance(contest.rule, MajorityRule | ThresholdRule):
            problems.extend(
                Problem(f"outcomes[{contest.id}][{k.id}]", "no outcome for this constituency")
                for k in contest.constituencies
                if k.id not in by_contest.get(contest.id, {})
            )
    return by_contest, problems


def _runoff_contest(
    election_id: str, contest: Contest, outcomes: Mapping[str, Outcome]
) -> Contest | None:
    going = {k: o for k, o in outcomes.items() if o.status is Status.RUNOFF}
    if not going:
        return None
    candidates = tuple(
        c
        for c in contest.candidates
        if c.constituency in going and c.code in going[c.constituency].advancing
    )
    lists = {c.party_list for c in candidates}
    return replace(
        contest,
        rule=PluralityRule(),
        constituencies=tuple(
            replace(k, seats=going[k.id].runoff_seats, alternates=0)
            for k in contest.constituencies
            if k.id in going
        ),
        candidates=candidates,
        party_lists=tuple(pl for pl in contest.party_lists if pl.id in lists),
        round=contest.round + 1,
        previous_round=RoundLink(election_id, contest.id),
    )


def _units_of(election: Election, contests: Iterable[Contest]) -> tuple[ReportingUnit, ...]:
    """The units of the constituencies, everything below them and their ancestors, in order."""
    geography = Geography.of(election)
    keep: set[str] = set()
    below = [code for contest in contests for k in contest.constituencies for code in k.units]
    for code in below:
        keep.update(geography.ancestors(code))
    while below:
        keep.update(below)
        below = [child for code in below for child in geography.children(code)]
    return tuple(unit for unit in election.units if unit.code in keep)
