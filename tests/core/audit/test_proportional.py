"""Party-list assertions (docs/audit.md §2.2): D'Hondt and Sainte-Laguë as Stark and Teague
(2014) and Blom et al. (2021) have them, largest remainder as Blom et al.'s Hamiltonian
assertions, and the invariant that makes them assertions."""

from fractions import Fraction

import pytest
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from sandogh.core.audit import AuditUnsupportedError, Kind, assertions_for
from sandogh.core.counting.tally import Counts
from sandogh.core.definition.rule import Apportionment, ProportionalRule
from sandogh.core.rules import Status, decide
from tests.core.rules.build import candidates, constituency, counts

from .build import holds, totals

DHONDT = ProportionalRule(Apportionment.DHONDT)
SAINTE_LAGUE = ProportionalRule(Apportionment.SAINTE_LAGUE)
HARE = ProportionalRule(Apportionment.LARGEST_REMAINDER)
VOTES = {"a1": 60, "a2": 40, "b1": 50, "b2": 30, "c1": 30}
LISTS = {"a1": "A", "a2": "A", "b1": "B", "b2": "B", "c1": "C"}


def test_dhondt_each_lists_last_quotient_beats_every_other_lists_next() -> None:
    # A 100, B 80, C 30 for 3 seats: A 100, B 80, A 50 (B's next is 40, C's 30)
    outcome = decide(DHONDT, constituency(3), candidates(VOTES, LISTS), counts(VOTES))
    assert [(r.party_list, r.seats) for r in outcome.party_lists] == [("A", 2), ("B", 1), ("C", 0)]
    found = assertions_for(outcome, VOTES)
    lists = {a.key: a for a in found if a.kind is Kind.LIST_BEATS}
    # A is full (2 of 2): no list's next quotient is A's
    assert sorted(lists) == ["list-beats A B", "list-beats A C", "list-beats B C"]
    # 50 > 40: 2·T_A − 2·T_B > 0; the assorter margin is Σg/(ℓ·N), ℓ = 4 (both B candidates
    # marked on one ballot of up to 3 marks), N = 210 ballots
    a_b = lists["list-beats A B"].assorter
    assert a_b.marks == {"a1": 2, "a2": 2, "b1": -2, "b2": -2}
    assert a_b.margin(totals(counts(VOTES))) == Fraction(2 * 100 - 2 * 80, 4 * 210)
    # A elected both its candidates; B elected b1, b2 is its alternate
    assert [a.key for a in found if a.kind is Kind.BEATS] == ["beats b1 b2"]
    assert holds(found, counts(VOTES))


def test_sainte_lague_uses_the_odd_divisors() -> None:
    outcome = decide(SAINTE_LAGUE, constituency(3), candidates(VOTES, LISTS), counts(VOTES))
    # A 100, B 80, then A 33.3 vs B 26.7 vs C 30: A takes the third seat
    assert [(r.party_list, r.seats) for r in outcome.party_lists] == [("A", 2), ("B", 1), ("C", 0)]
    found = assertions_for(outcome, VOTES)
    b_c = next(a for a in found if a.key == "list-beats B C")
    assert b_c.assorter.marks == {"b1": 1, "b2": 1, "c1": -1}  # 80/1 > 30/1
    assert next(a for a in found if a.key == "list-beats A C").assorter.marks == {
        "a1": 1,
        "a2": 1,
        "c1": -3,  # 100/3 > 30/1
    }
    assert holds(found, counts(VOTES))


def test_largest_remainder_the_hamiltonian_assertions() -> None:
    votes = {"a1": 47, "a2": 1, "b1": 30, "b2": 1, "c1": 21, "c2": 1}
    lists = {c: c[0].upper() for c in votes}
    reported = counts(votes)
    outcome = decide(HARE, constituency(3), candidates(votes, lists), reported)
    # quotas 3·48/101 = 1.43, 0.92, 0.65: A 1 + B 1 (0.92) + C 1 (0.65) over A's 0.43
    assert [(r.party_list, r.seats) for r in outcome.party_lists] == [("A", 1), ("B", 1), ("C", 1)]
    found = assertions_for(outcome, votes)
    c_a = next(a for a in found if a.key == "list-remainder C A")
    # q_C − 0 > q_A − 1  ⇔  3·(T_C − T_A) + 1·T > 0
    assert c_a.assorter.marks == {"a1": -2, "a2": -2, "c1": 4, "c2": 4, "b1": 1, "b2": 1}
    assert holds(found, reported)


def test_largest_remainder_with_a_list_set_aside_goes_to_a_hand_count() -> None:
    votes = {"a1": 90, "b1": 5, "b2": 4, "b3": 1}
    lists = {c: c[0].upper() for c in votes}
    outcome = decide(HARE, constituency(3), candidates(votes, lists), counts(votes))
    with pytest.raises(AuditUnsupportedError, match="capacity"):
        assertions_for(outcome, votes)


MEMBERS = {"A": ("a1", "a2", "a3"), "B": ("b1", "b2"), "C": ("c1",), "D": ("d1", "d2")}
CODES = tuple(c for group in MEMBERS.values() for c in group)
PARTY = {c: key for key, group in MEMBERS.items() for c in group}


def _counts(votes: dict[str, int]) -> Counts:
    total = sum(votes.values())
    return Counts(cast=total + 1, valid=total, votes=votes)


@settings(max_examples=150)
@given(
    st.sampled_from([DHONDT, SAINTE_LAGUE, HARE]),
    st.integers(1, 4),
    st.lists(st.integers(0, 30), min_size=len(CODES), max_size=len(CODES)),
    st.lists(st.integers(-3, 3), min_size=len(CODES), max_size=len(CODES)),
)
def test_whenever_the_list_assertions_hold_on_paper_the_seats_and_orders_are_the_reported(
    rule: ProportionalRule, seats: int, reported_votes: list[int], changes: list[int]
) -> None:
    where, standing = constituency(seats), candidates(CODES, PARTY)
    reported = _counts(dict(zip(CODES, reported_votes, strict=True)))
    outcome = decide(rule, where, standing, reported)
    assume(outcome.status is Status.DECIDED and not outcome.lots)
    try:
        found = assertions_for(outcome, CODES)
    except AuditUnsupportedError:
        return
    margins = [a.assorter.margin(totals(reported)) for a in found]
    assert all(m >= 0 for m in margins)
    assume(all(m > 0 for m in margins))
    # paper a few ballots away from the count, where the assertions' edges are
    paper_votes = [max(0, n + k) for n, k in zip(reported_votes, changes, strict=True)]
    paper = _counts(dict(zip(CODES, paper_votes, strict=True)))
    agrees = holds(found, paper)
    event(f"the assertions hold on the paper: {agrees}")
    if agrees:
        again = decide(rule, where, standing, paper)
        assert sorted((str(r.party_list), r.seats) for r in again.party_lists) == sorted(
            (str(r.party_list), r.seats) for r in outcome.party_lists
        )
        assert set(again.elected) == set(outcome.elected)
        assert sorted((str(r.party_list), r.alternates) for r in again.party_lists) == sorted(
            (str(r.party_list), r.alternates) for r in outcome.party_lists
        )
