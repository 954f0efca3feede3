"""Assertions for party lists: the seats of each list, then the order within each list.

docs/audit.md §2.2. Highest averages (D'Hondt d(k) = k, Sainte-Laguë d(k) = 2k − 1): Stark and
Teague, "Verifiable European Elections: Risk-limiting Audits for D'Hondt and its relatives"
(USENIX JETS 2014), in the linear form of Blom et al., "Assertion-based approaches to auditing
complex elections, with application to party-list proportional elections" (E-Vote-ID 2021):
every list A with a seat has its last quotient above every other list B's next, T_A/d(s_A) >
T_B/d(s_B + 1), B skipped when full. Largest remainder (Hare quota), Blom et al.'s Hamiltonian
assertions: q_A − (s_A − 1) > q_B − s_B with q_L = S·T_L/T, plus q_L < cap_L for every list so
that no list is set aside (`core.rules.apportionment`) on paper either. Within a list, the
elected beat the alternates, who are ranked, who beat the rest, as in plurality.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction

from sandogh.core.audit.assertion import Assertion, Kind, make, ranked_chain
from sandogh.core.audit.assorter import Assorter, tests_something
from sandogh.core.audit.errors import AuditUnsupportedError
from sandogh.core.definition.problems import Problem
from sandogh.core.definition.rule import Apportionment, ProportionalRule
from sandogh.core.rules.outcome import ListResult, Outcome


def list_assertions(
    outcome: Outcome, rule: ProportionalRule, withdrawn: frozenset[str], max_marks: int
) -> tuple[Assertion, ...]:
    lists = {_key(r): r for r in outcome.party_lists}
    members = {key: r.candidates for key, r in lists.items()}
    seats = {key: r.seats for key, r in lists.items()}
    capacity = {key: sum(c not in withdrawn for c in r.candidates) for key, r in lists.items()}
    if rule.method is Apportionment.LARGEST_REMAINDER:
        found = _largest_remainder(
            outcome,
            lists=lists,
            members=members,
            seats=seats,
            capacity=capacity,
            max_marks=max_marks,
        )
    else:
        step = 1 if rule.method is Apportionment.DHONDT else 2
        found = _highest_averages(lambda k: step * (k - 1) + 1, members, seats, capacity, max_marks)
    for r in outcome.party_lists:
        standing = [c for c in r.candidates if c not in withdrawn]
        rest = [c for c in standing if c not in r.elected and c not in r.alternates]
        found += ranked_chain([r.elected, *((a,) for a in r.alternates), rest], max_marks)
    return found


def _key(result: ListResult) -> str:
    return result.party_list if result.party_list is not None else result.candidates[0]


def _weights(
    terms: Mapping[str, Fraction], members: Mapping[str, tuple[str, ...]]
) -> dict[str, Fraction]:
    """Candidate weights from list weights: a mark for a member counts for its list."""
    return {c: w for key, w in terms.items() for c in members[key] if w}


def _highest_averages(
    divisor: Callable[[int], int],
    members: Mapping[str, tuple[str, ...]],
    seats: Mapping[str, int],
    capacity: Mapping[str, int],
    max_marks: int,
) -> tuple[Assertion, ...]:
    found: list[Assertion] = []
    for a in sorted(members):
        if seats[a] < 1:
            continue
        for b in sorted(members):
            if b == a or seats[b] >= capacity[b]:
                continue
            # T_A/d(s_A) > T_B/d(s_B+1)  ⇔  d(s_B+1)·T_A − d(s_A)·T_B > 0, integer weights
            terms = {a: Fraction(divisor(seats[b] + 1)), b: Fraction(-divisor(seats[a]))}
            _add(
                found,
                kind=Kind.LIST_BEATS,
                subjects=(a, b),
                terms=terms,
                members=members,
                max_marks=max_marks,
            )
    return tuple(found)


def _largest_remainder(
    outcome: Outcome,
    *,
    lists: Mapping[str, ListResult],
    members: Mapping[str, tuple[str, ...]],
    seats: Mapping[str, int],
    capacity: Mapping[str, int],
    max_marks: int,
) -> tuple[Assertion, ...]:
    total_seats = outcome.seats
    total = sum(r.votes for r in lists.values())
    aside = sorted(
        key
        for key, r in lists.items()
        if total and math.floor(Fraction(total_seats * r.votes, total)) >= capacity[key]
    )
    if aside or not total:
        raise AuditUnsupportedError(
            [Problem(f"party_lists[{k}]", "set aside at its capacity") for k in aside]
            or [Problem("party_lists", "no votes for any list")]
        )
    found: list[Assertion] = []
    everyone = {key: Fraction(1) for key in members}
    for a in sorted(members):
        # q_L < cap_L  ⇔  cap_L·T − S·T_L > 0
        terms = {k: Fraction(capacity[a]) - (total_seats if k == a else 0) for k in everyone}
        _add(
            found,
            kind=Kind.LIST_QUOTA,
            subjects=(a,),
            terms=terms,
            members=members,
            max_marks=max_marks,
        )
    for a in sorted(members):
        if seats[a] < 1:
            continue
        for b in sorted(members):
            if b == a:
                continue
            # q_A − (s_A − 1) > q_B − s_B  ⇔  S·(T_A − T_B) − (s_A − 1 − s_B)·T > 0
            shift = seats[a] - 1 - seats[b]
            terms = {k: Fraction(total_seats * ((k == a) - (k == b)) - shift) for k in everyone}
            _add(
                found,
                kind=Kind.LIST_REMAINDER,
                subjects=(a, b),
                terms=terms,
                members=members,
                max_marks=max_marks,
            )
    return tuple(found)


def _add(
    found: list[Assertion],
    *,
    kind: Kind,
    subjects: tuple[str, ...],
    terms: Mapping[str, Fraction],
    members: Mapping[str, tuple[str, ...]],
    max_marks: int,
) -> None:
    """Add the assertion unless no ballot can make it fail (e.g. a list with room to spare)."""
    weights = _weights(terms, members)
    if tests_something(weights, Fraction(0), Fraction(0), max_marks):
        found.append(make(kind, subjects, Assorter(weights, Fraction(0), Fraction(0), max_marks)))
