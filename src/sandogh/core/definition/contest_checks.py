"""The checks of a definition's contests: rounds, rules, constituencies, party lists, candidates.

Sources: `reference/iran-election-rules.md` (the presidency is one national constituency with one
seat, Constitution Art. 117; a runoff continues a first round held on an earlier day; councils
fill seats and alternates, علی‌البدل; party lists only under proportional representation; a
Majlis by-election admits only the voters who voted in that constituency in the main election,
or did not vote, so a by-election names its main election);
`docs/formats.md` (candidate codes are unique within a constituency of a contest; which stations
a constituency covers is worked out by `core.definition.tree`). Decisions where those sources are
silent:

- A constituency needs at least as many candidates as seats. Exactly as many is allowed: seats can
  be uncontested, and a runoff whose other candidates withdrew keeps one per seat. Fewer would
  leave a seat empty whatever the votes, which the boards must decide by changing the seats.
  A contest with no candidates at all is the draft of issue 12, section 1: loaded before its
  candidacy so that its constituencies place every step, and given its candidates by the code
  draw. Its box is never enrolled (`services.devices` refuses a ballot with no candidates).
- Ballot codes are the ASCII digits typed on the box, unchanged by Persian-digit normalisation.
"""

from __future__ import annotations

from collections import Counter

from sandogh.core.definition.identifiers import CODE, ELECTION_ID, NO_NAME, bad_code, named
from sandogh.core.definition.model import Contest, Election, Office
from sandogh.core.definition.problems import Problem
from sandogh.core.definition.rule import MajorityRule, ProportionalRule, ThresholdRule
from sandogh.core.definition.tree import UnitTree, cover


def contest_problems(election: Election, tree: UnitTree) -> list[Problem]:
    """Every problem of the contests of `election`, whose units are indexed as `tree`."""
    found: list[Problem] = []
    first: dict[str, int] = {}
    for c, contest in enumerate(election.contests):
        found += _problems_of_contest(contest, f"contests[{c}]", election, tree)
        if contest.id in first:
            found.append(
                Problem(
                    f"contests[{c}].id",
                    f"duplicate contest id {contest.id}, also used by "
                    f"contests[{first[contest.id]}]",
                )
            )
        first.setdefault(contest.id, c)
    if not election.contests:
        found.append(Problem("contests", "an election day needs at least one contest"))
    return found


def _problems_of_contest(
    contest: Contest, at: str, election: Election, tree: UnitTree
) -> list[Problem]:
    found = [] if named(contest.name) else [Problem(f"{at}.name.fa", NO_NAME)]
    if not CODE.fullmatch(contest.id):
        found.append(bad_code(contest.id, f"{at}.id"))
    found += _round_problems(contest, at, election.id) + _rule_problems(contest, at)
    found += _main_election_problems(contest, at, election.id)
    seats: dict[str, int] = {}
    for k, constituency in enumerate(contest.constituencies):
        where = f"{at}.constituencies[{k}]"
        if not CODE.fullmatch(constituency.id):
            found.append(bad_code(constituency.id, f"{where}.id"))
        if not named(constituency.name):
            found.append(Problem(f"{where}.name.fa", NO_NAME))
        if constituency.id in seats:
            found.append(Problem(f"{where}.id", f"duplicate constituency id {constituency.id}"))
            continue
        seats[constituency.id] = k
        if constituency.seats < 1:
            found.append(Problem(f"{where}.seats", f"must be 1 or more, not {constituency.seats}"))
        if constituency.alternates < 0:
            found.append(
                Problem(f"{where}.alternates", f"must be 0 or more, not {constituency.alternates}")
            )
        if not constituency.units:
            found.append(Problem(f"{where}.units", "a constituency needs at least one unit"))
    if not contest.constituencies:
        found.append(Problem(f"{at}.constituencies", "a contest needs at least one constituency"))
    coverage = cover(contest, at, election.units, tree)
    found += coverage.problems
    if contest.office is Office.PRESIDENT:
        found += _presidential_problems(contest, at, coverage.uncovered(election.units, tree))
    return found + _party_list_problems(contest, at) + _candidate_problems(contest, at, seats)


def _round_problems(contest: Contest, at: str, election_id: str) -> list[Problem]:
    found = []
    if contest.round < 1:
        found.append(Problem(f"{at}.round", f"must be 1 or more, not {contest.round}"))
    link = contest.previous_round
    if link is None:
        if contest.round > 1:
            found.append(
                Problem(
                    f"{at}.previous_round",
                    f"required for round {contest.round}: the election and contest this runoff "
                    "continues",
                )
            )
        return found
    if contest.round <= 1:
        found.append(Problem(f"{at}.previous_round", "only a runoff (round 2 or later) has one"))
    if link.election == election_id:
        found.append(
            Problem(
                f"{at}.previous_round.election",
                f"{link.election} is this election day; a runoff continues a contest held on an "
                "earlier day",
            )
        )
    elif not ELECTION_ID.fullmatch(link.election):
        found.append(
            Problem(f"{at}.previous_round.election", f"{link.election!r} is not an election id")
        )
    if not CODE.fullmatch(link.contest):
        found.append(bad_code(link.contest, f"{at}.previous_round.contest"))
    return found


def _main_election_problems(contest: Contest, at: str, election_id: str) -> list[Problem]:
    """A by-election's link to its main election, which the where-to-vote rule reads
    (`core.voters.where_to_vote`); the presidency, voted anywhere, needs none."""
    link, where = contest.main_election, f"{at}.main_election"
    if link is None:
        needed = (
            contest.by_election and contest.round == 1 and contest.office is not Office.PRESIDENT
        )
        if not needed:
            return []
        return [
            Problem(
                where,
                "required for a by-election: the election and contest of the same body's main "
                "election, whose constituency decides where its voters may vote",
            )
        ]
    found = []
    if not contest.by_election:
        found.append(Problem(where, "only a by-election has a main election"))
    if link.election == election_id:
        found.append(
            Problem(
                f"{where}.election",
                f"{link.election} is this election day; the main election was held on an "
                "earlier day",
            )
        )
    elif not ELECTION_ID.fullmatch(link.election):
        found.append(Problem(f"{where}.election", f"{link.election!r} is not an election id"))
    if not CODE.fullmatch(link.contest):
        found.append(bad_code(link.contest, f"{where}.contest"))
    return found


def _rule_problems(contest: Contest, at: str) -> list[Problem]:
    rule, where = contest.rule, f"{at}.rule"
    found = []
    if isinstance(rule, MajorityRule) and not 0 < rule.share < 1:
        found.append(Problem(f"{where}.share", f"{rule.share} must be more than 0 and less than 1"))
    if isinstance(rule, MajorityRule) and rule.runoff_candidates < 2:
        found.append(
            Problem(
                f"{where}.runoff_candidates", f"must be 2 or more, not {rule.runoff_candidates}"
            )
        )
    if isinstance(rule, ThresholdRule) and not 0 < rule.share <= 1:
        found.append(Problem(f"{where}.share", f"{rule.share} must be more than 0 and at most 1"))
    if isinstance(rule, ThresholdRule) and rule.runoff_factor < 1:
        found.append(
            Problem(f"{where}.runoff_factor", f"must be 1 or more, not {rule.runoff_factor}")
        )
    if isinstance(rule, ProportionalRule) and rule.alternates_share < 0:
        found.append(
            Problem(f"{where}.alternates_share", f"must be 0 or more, not {rule.alternates_share}")
        )
    return found


def _party_list_problems(contest: Contest, at: str) -> list[Problem]:
    found = []
    proportional = isinstance(contest.rule, ProportionalRule)
    if proportional and not contest.party_lists:
        found.append(Problem(f"{at}.party_lists", "a proportional contest needs party lists"))
    if not proportional and contest.party_lists:
        found.append(Problem(f"{at}.party_lists", "party lists are only for proportional contests"))
    first: dict[str, int] = {}
    for p, party in enumerate(contest.party_lists):
        where = f"{at}.party_lists[{p}]"
        if not CODE.fullmatch(party.id):
            found.append(bad_code(party.id, f"{where}.id"))
        if not named(party.name):
            found.append(Problem(f"{where}.name.fa", NO_NAME))
        if party.id in first:
            found.append(
                Problem(
                    f"{where}.id",
                    f"duplicate party list id {party.id}, also used by "
                    f"{at}.party_lists[{first[party.id]}]",
                )
            )
        first.setdefault(party.id, p)
    return found


def _presidential_problems(contest: Contest, at: str, uncovered: list[str]) -> list[Problem]:
    if len(contest.constituencies) != 1:
        return [
            Problem(
                f"{at}.constituencies",
                "a presidential contest has exactly one constituency, the whole country, not "
                f"{len(contest.constituencies)}",
            )
        ]
    found = []
    only, where = contest.constituencies[0], f"{at}.constituencies[0]"
    if only.seats != 1:
        found.append(
            Problem(f"{where}.seats", f"a presidential contest fills 1 seat, not {only.seats}")
        )
    if only.alternates != 0:
        found.append(Problem(f"{where}.alternates", "a presidential contest has no alternates"))
    if uncovered:
        found.append(
            Problem(
                f"{where}.units",
                f"must cover every station; {len(uncovered)} are not covered, e.g. "
                + ", ".join(uncovered[:3]),
            )
        )
    return found


def _candidate_problems(contest: Contest, at: str, seats: dict[str, int]) -> list[Problem]:
    found = []
    proportional = isinstance(contest.rule, ProportionalRule)
    lists = {party.id for party in contest.party_lists}
    codes: dict[str, dict[str, int]] = {}  # constituency → ballot code → candidate index
    standing: Counter[str] = Counter()
    for i, candidate in enumerate(contest.candidates):
        code, constituency, party = candidate.code, candidate.constituency, candidate.party_list
        if not (code.isascii() and code.isdigit()):
            found.append(Problem(f"{at}.candidates[{i}].code", f"{code!r} must be ASCII digits"))
        if not named(candidate.name):
            found.append(Problem(f"{at}.candidates[{i}].name.fa", NO_NAME))
        if constituency not in seats:
            found.append(
                Problem(
                    f"{at}.candidates[{i}].constituency", f"unknown constituency {constituency}"
                )
            )
        standing[constituency] += 1
        taken = codes.setdefault(constituency, {})
        if code in taken:
            other = contest.candidates[taken[code]].name
            found.append(
                Problem(
                    f"{at}.candidates[{i}].code",
                    f"duplicate code {code} in constituency {constituency}, also used by "
                    f"{at}.candidates[{taken[code]}] ({other.en or other.fa})",
                )
            )
        taken.setdefault(code, i)
        if party is None and proportional:
            found.append(
                Problem(f"{at}.candidates[{i}].party_list", "required in a proportional contest")
            )
        elif party is not None and not proportional:
            found.append(
                Problem(
                    f"{at}.candidates[{i}].party_list",
                    "only candidates of a proportional contest stand on a party list",
                )
            )
        elif party is not None and party not in lists:
            found.append(Problem(f"{at}.candidates[{i}].party_list", f"unknown party list {party}"))
    for constituency, k in seats.items():
        need, have = contest.constituencies[k].seats, standing[constituency]
        if have < need and contest.candidates:  # none at all: a draft before its code draw
            found.append(
                Problem(
                    f"{at}.constituencies[{k}].seats",
                    f"{need} seats but {have} candidates stand in it: a seat would stay empty "
                    "whatever the votes",
                )
            )
    return found
