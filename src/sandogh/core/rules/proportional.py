"""Party-list proportional representation with alternates per list.

`reference/iran-election-rules.md` (city council by party lists, Tehran from 2026): seats are shared
in proportion to the lists' votes; voters may mix candidates of several lists, so a list's votes
are the sum of its candidates' votes; alternates are 52 % of each list's elected members and a
vacancy is filled from the same list. Here:
- the seats are shared among lists by the contest's method (`apportionment`);
- within a list the seats go to its candidates in order of their votes, then its alternates, in
  rank order; a tie that decides either is broken by lot (قرعه);
- a list's alternates are `alternates_share` × its elected, rounded UP, so that every list with a
  seat has at least one alternate to fill a vacancy from the same list (21 seats × 52 % = 10.92
  gives Tehran's 11); the constituency's own `alternates` figure is not used by this rule;
- a candidate without a list stands as a list of one, under its own code;
- a candidate who withdrew takes no seat, but the votes cast for them still count for their list.
"""

from __future__ import annotations

import math
from collections import defaultdict

from sandogh.core.definition.rule import ProportionalRule
from sandogh.core.rules import reasons
from sandogh.core.rules.apportionment import apportion
from sandogh.core.rules.contenders import Contenders
from sandogh.core.rules.lots import Lots, Stake
from sandogh.core.rules.outcome import ListResult, Outcome, Status
from sandogh.core.rules.ranking import Ranking, Region, rank


def decide_proportional(
    rule: ProportionalRule, contenders: Contenders, lot: Lots | None
) -> Outcome:
    """Share the seats among lists by `rule.method`, then fill each list's seats and alternates."""
    seats = contenders.constituency.seats
    standing = contenders.standing()
    members: defaultdict[str, list[str]] = defaultdict(list)
    for code, party_list in contenders.party_lists.items():
        members[party_list if party_list is not None else code].append(code)
    list_votes = {key: sum(contenders.votes[c] for c in codes) for key, codes in members.items()}
    capacity = {key: sum(c in standing for c in codes) for key, codes in members.items()}
    shares = apportion(rule.method, list_votes, capacity, seats, lot)
    results: list[ListResult] = []
    rankings: list[Ranking] = []
    for key in sorted(members, key=lambda k: (-list_votes[k], k)):
        won = shares.seats[key]
        # While the list seats wait for a lot, each list's alternates are not known yet.
        spare = 0 if shares.pending else math.ceil(rule.alternates_share * won)
        ranking = rank(
            {c: standing[c] for c in members[key] if c in standing},
            [Region(won, Stake.SEAT), Region(won + spare, Stake.ALTERNATE, ranked=True)],
            lot,
        )
        rankings.append(ranking)
        party_list = contenders.party_lists[members[key][0]]
        results.append(
            ListResult(
                party_list=party_list,
                candidates=tuple(sorted(members[key], key=lambda c: (-contenders.votes[c], c))),
                votes=list_votes[key],
                seats=won,
                elected=ranking.certain(0, won),
                alternates=ranking.order[won : won + spare],
            )
        )
    drawn = shares.drawn + tuple(d for r in rankings for d in r.drawn)
    # A tie inside a list is real only once the list's seats are known.
    pending = shares.pending or tuple(t for r in rankings for t in r.pending)
    if pending:
        results = [
            ListResult(r.party_list, r.candidates, r.votes, r.seats, r.elected, ()) for r in results
        ]
        status, after = Status.LOT_REQUIRED, tuple(reasons.lot_required(t) for t in pending)
    else:
        unfilled = seats - sum(r.seats for r in results)
        status, after = Status.DECIDED, ((reasons.seats_unfilled(unfilled),) if unfilled else ())
    return Outcome(
        constituency=contenders.constituency.id,
        rule=rule,
        status=status,
        seats=seats,
        elected=tuple(c for r in results for c in r.elected),
        alternates=tuple(c for r in results for c in r.alternates),
        party_lists=tuple(results),
        lots=drawn,
        lots_required=pending,
        reasons=(
            *(reasons.lot_drawn(d) for d in drawn),
            *after,
            *(
                reasons.list_seats(r.party_list, r.votes, r.seats)
                for r in results
                if r.party_list is not None and not pending
            ),
            *(reason for r in results for reason in _explain(r, standing, decided=not pending)),
            *(reasons.withdrawn(c, contenders.votes[c]) for c in sorted(contenders.withdrawn)),
        ),
    )


def _explain(
    result: ListResult, standing: dict[str, int], decided: bool
) -> tuple[reasons.Reason, ...]:
    """Each standing member's place in the list; the others' only once nothing waits for a lot."""
    party_list = result.party_list
    placed = {*result.elected, *result.alternates}
    return (
        *(reasons.elected(c, standing[c], i, party_list) for i, c in enumerate(result.elected, 1)),
        *(
            reasons.alternate(c, standing[c], i, party_list)
            for i, c in enumerate(result.alternates, 1)
        ),
        *(
            reasons.not_elected(c, standing[c], party_list)
            for c in result.candidates
            if decided and c in standing and c not in placed
        ),
    )
