"""A certified hand-count correction: a full hand count that replaces a constituency's figures.

Issue 11 and docs/audit.md §6.3: a risk-limiting audit that cannot confirm a reported outcome
escalates to a full hand count of the constituency's papers, and the hand count becomes the
result "through the supervision path: a certified hand-count correction, logged". Lindeman &
Stark, "A Gentle Introduction to Risk-Limiting Audits" (2012): a full hand count's outcome
replaces the reported one. The supervisory board certifies it (`reference/iran-election-rules.md`,
Who approves) under a grant; the correction names the audit it came from by the hash of the
audit's last closed round record (or of its plan, when no round was drawn), so anyone can tie it
to the published audit (docs/audit.md §7).

Applying it (`correct_totals`): the constituency's figures for the contest are the hand count's
cast, valid, invalid by kind and votes; the paper accounts (received, used, unused, spoiled) and
`void` stay as reported, the hand count counting ballots, not papers. Every unit that holds the
constituency whole (a county that is one, the province and the nation above it) has the hand
count's figures in place of the reported sheets' sum of that constituency, so its total is still
a sum of whole constituencies; a unit inside the constituency (a county of a multi-county one, a
station) keeps its reported sheets, which the hand count supersedes (`superseding`). The outcome
is then decided from the corrected constituency total under the contest's rule
(`core.rules.decide`), as for any total; nothing else changes.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from sandogh.core.access.roles import Grant
from sandogh.core.canonical_json import JSONValue
from sandogh.core.counting.aggregate import Aggregate, Total
from sandogh.core.counting.tally import Counts, InvalidKind
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.problems import DefinitionError, Problem
from sandogh.core.supervision.voids import contest_of


class CorrectionError(DefinitionError):
    """Hand-count corrections that do not fit the election; every problem with its path."""


@dataclass(frozen=True)
class HandCountCorrection:
    """The totals of a full hand count of `contest` in `constituency`, certified by `by` under
    `grant` at `at`; `audit` is the `sha256:` hash of the audit record it came from."""

    contest: str
    constituency: str
    cast: int
    valid: int
    invalid: Mapping[InvalidKind, int]
    votes: Mapping[str, int]
    audit: str
    by: str
    grant: Grant
    at: datetime.datetime
    reason: str

    @property
    def key(self) -> str:
        """`CONTEST:CONSTITUENCY`, as the audit names the contest it sent to a hand count."""
        return f"{self.contest}:{self.constituency}"

    def counts(self, reported: Counts) -> Counts:
        """`reported` with the hand count's ballots in place of the reported ones."""
        return replace(
            reported,
            cast=self.cast,
            valid=self.valid,
            invalid=dict(self.invalid),
            votes={**dict.fromkeys(reported.votes, 0), **self.votes},
        )


def correction_problems(
    geography: Geography, correction: HandCountCorrection, path: str = ""
) -> tuple[Problem, ...]:
    """Everything that keeps `correction` from fitting the election of `geography`."""
    at = f"{path}." if path else ""
    return tuple(Problem(at + where, said) for where, said in _problems(geography, correction))


def require_corrections(geography: Geography, corrections: Iterable[HandCountCorrection]) -> None:
    """Raise `CorrectionError` with every problem of every correction (`corrections[i].…`), and
    for a constituency corrected twice."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, c in enumerate(corrections):
        problems.extend(correction_problems(geography, c, f"corrections[{i}]"))
        if c.key in seen:
            problems.append(Problem(f"corrections[{i}]", f"{c.key} is corrected twice"))
        seen.add(c.key)
    if problems:
        raise CorrectionError(problems)


def _problems(geography: Geography, c: HandCountCorrection) -> Iterator[tuple[str, str]]:
    for name in ("reason", "audit"):
        if not getattr(c, name).strip():
            yield name, "must be given: a correction names why and the audit it came from"
    counted = Counts(cast=c.cast, valid=c.valid, invalid=c.invalid, votes=c.votes)
    yield from count_problems(geography, c.contest, c.constituency, counted)


def count_problems(
    geography: Geography, contest: str, constituency: str, counts: Counts
) -> Iterator[tuple[str, str]]:
    """Why a hand count's `counts` of `contest` in `constituency` cannot be, as (path, problem):
    a figure below zero, valid and invalid not adding up to cast, the votes not fitting the
    valid ballots and seats, a candidate not standing there."""
    defined = contest_of(geography, contest)
    if defined is None:
        yield "contest", f"the election has no contest {contest!r}"
        return
    held = next((k for k in defined.constituencies if k.id == constituency), None)
    if held is None:
        yield "constituency", f"contest {contest} has no constituency {constituency!r}"
        return
    standing = {x.code for x in defined.candidates if x.constituency == constituency}
    for code in counts.votes:
        if code not in standing:
            yield f"votes.{code}", f"no candidate {code!r} stands in {contest}:{constituency}"
    figures = {"cast": counts.cast, "valid": counts.valid}
    figures |= {f"invalid.{k.value}": n for k, n in counts.invalid.items()}
    figures |= {f"votes.{code}": n for code, n in counts.votes.items()}
    for where, n in figures.items():
        if n < 0:
            yield where, f"{n} is negative"
    invalid = sum(counts.invalid.values())
    if counts.valid + invalid != counts.cast:
        yield "cast", f"{counts.cast} is not valid {counts.valid} + invalid {invalid}"
    votes, seats = sum(counts.votes.values()), held.seats
    if seats == 1 and votes != counts.valid:
        yield "votes", f"the votes add up to {votes}, not the {counts.valid} valid ballots"
    if seats > 1 and votes > seats * counts.valid:
        yield "votes", f"the votes add up to {votes}, above {seats} seats × {counts.valid} valid"


def holding_whole(geography: Geography, contest: str, constituency: str) -> frozenset[str]:
    """The units that hold `constituency` of `contest` whole: at or above each of its parts."""
    parts = geography.constituency_parts(contest, constituency)
    held = [{part, *geography.ancestors(part)} for part in parts]
    return frozenset(set.intersection(*held)) if held else frozenset()


def correct_totals(
    geography: Geography, totals: Aggregate, corrections: Iterable[HandCountCorrection]
) -> Aggregate:
    """`totals` with each correction applied (see the module docstring); `totals` as they are
    when there is none. Raises `CorrectionError` for corrections that do not fit."""
    decided = tuple(corrections)
    if not decided:
        return totals
    require_corrections(geography, decided)
    units = {contest: dict(by_unit) for contest, by_unit in totals.units.items()}
    constituencies = {contest: dict(by_k) for contest, by_k in totals.constituencies.items()}
    for c in decided:
        reported = constituencies[c.contest][c.constituency]
        hand = c.counts(reported.counts)
        constituencies[c.contest][c.constituency] = replace(reported, counts=hand)
        of_contest = units[c.contest]
        for code in holding_whole(geography, c.contest, c.constituency):
            if code in of_contest:
                of_contest[code] = _shifted(of_contest[code], reported.counts, hand)
    return Aggregate(
        units={k: MappingProxyType(v) for k, v in units.items()},
        constituencies={k: MappingProxyType(v) for k, v in constituencies.items()},
    )


def _shifted(total: Total, before: Counts, after: Counts) -> Total:
    """`total` with the ballots of `before` (a part of it) replaced by those of `after`."""
    c = total.counts
    kinds = {*c.invalid, *after.invalid}
    codes = {*c.votes, *after.votes}
    return replace(
        total,
        counts=replace(
            c,
            cast=c.cast - before.cast + after.cast,
            valid=c.valid - before.valid + after.valid,
            invalid={
                k: c.invalid.get(k, 0) - before.invalid.get(k, 0) + after.invalid.get(k, 0)
                for k in kinds
            },
            votes={
                x: c.votes.get(x, 0) - before.votes.get(x, 0) + after.votes.get(x, 0) for x in codes
            },
        ),
    )


def correction_in(
    geography: Geography, corrections: Iterable[HandCountCorrection], contest: str, code: str
) -> HandCountCorrection | None:
    """The correction whose figures `code`'s total of `contest` counts, or whose constituency
    `code` lies in (its reported sheets are then superseded), if any."""
    inside = geography.constituency_of(contest, code) if code in geography else None
    for c in corrections:
        if c.contest != contest:
            continue
        if inside == c.constituency or code in holding_whole(geography, contest, c.constituency):
            return c
    return None


def superseding(
    geography: Geography, corrections: Iterable[HandCountCorrection], contest: str, code: str
) -> HandCountCorrection | None:
    """The correction that supersedes the reported sheets of `code` (a unit strictly inside a
    corrected constituency, whose own total stays as reported)."""
    c = correction_in(geography, corrections, contest, code)
    if c is None or code in holding_whole(geography, contest, c.constituency):
        return None
    return c


def correction_json(c: HandCountCorrection) -> dict[str, JSONValue]:
    """What identifies a correction and its totals: in the certification digest and the log."""
    return {
        "contest": c.contest,
        "constituency": c.constituency,
        "cast": c.cast,
        "valid": c.valid,
        "invalid": {k.value: n for k, n in sorted(c.invalid.items())},
        "votes": dict(sorted(c.votes.items())),
        "audit": c.audit,
        "reason": c.reason,
    }
