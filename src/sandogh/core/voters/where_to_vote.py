"""Where a voter may vote in a contest, given what they did in the round it continues.

`reference/iran-election-rules.md` (Voters): presidential voters may vote at any polling station
in Iran or abroad; in a Majlis first round, in any one constituency; in a Majlis runoff, only in
the constituency where they voted in round 1, while anyone who did not vote then may vote
anywhere; in a Majlis by-election, only voters who voted in that constituency in the main
election, or did not vote. DESIGN.md §3 checks this in the same transaction as the voted-ledger.

Once-per-round is the ledger's business, not this module's. The tie to an earlier round is the
law's for the Majlis; it is applied to every office but the presidency (whose single nationwide
constituency would make it moot anyway), so an Assembly of Experts or council runoff or
by-election follows the Majlis rule. The councils' one-year residence rule is not decided here:
the registry record carries no residence.

The earlier round is a runoff's `previous_round`, and a by-election's `main_election` (the same
body's main election, on an earlier day: the 2021 Majlis by-election's is the 1398 Majlis
election). A refusal names no constituency, a runoff's no more than a by-election's: it would
tell whoever typed the national code at any box where that person voted in the earlier round
(DESIGN.md §3, secrecy; the ledger says neither where nor when a voter voted in this round
either). The voter knows where they voted.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.definition.model import Contest, Office, RoundLink


class Scope(StrEnum):
    """Where the voters of a contest may vote."""

    ANYWHERE = "anywhere"  # any station of the contest
    # the constituency where the voter voted in the linked earlier round, or anywhere if they did
    # not vote in it
    EARLIER_CONSTITUENCY = "earlier-constituency"


class Refusal(StrEnum):
    """Why a voter may not vote at a station of a contest they are otherwise allowed in."""

    RUNOFF_ELSEWHERE = "runoff-elsewhere"  # voted in round 1 in another constituency
    BY_ELECTION_ELSEWHERE = "by-election-elsewhere"  # voted in the main election elsewhere


@dataclass(frozen=True)
class Admission:
    """The answer for one voter at one station: allowed, or refused for `refusal` (which never
    names the constituency of the earlier round: see the module docstring)."""

    refusal: Refusal | None = None

    @property
    def allowed(self) -> bool:
        return self.refusal is None


ADMITTED = Admission()


def scope_of(contest: Contest) -> Scope:
    """Where the contest's voters may vote; for `EARLIER_CONSTITUENCY` look the earlier round up.

    The earlier round is `earlier_round(contest)`.
    """
    tied = contest.round > 1 or contest.by_election
    return (
        Scope.EARLIER_CONSTITUENCY
        if tied and contest.office != Office.PRESIDENT
        else Scope.ANYWHERE
    )


def earlier_round(contest: Contest) -> RoundLink | None:
    """The round whose constituency holds the voter: a runoff's previous round (a by-election's
    runoff too), a by-election's main election; None where the definition names none."""
    if contest.round > 1:
        return contest.previous_round
    return contest.main_election if contest.by_election else None


def admit(contest: Contest, station_constituency: str, voted_in: str | None) -> Admission:
    """Whether a voter may vote in `contest` at a station of `station_constituency`.

    `voted_in` is the constituency where the voter voted in the linked earlier round (see
    `scope_of`), or None if they did not vote in it; it is ignored when the scope is `ANYWHERE`.
    """
    if scope_of(contest) == Scope.ANYWHERE or voted_in is None or voted_in == station_constituency:
        return ADMITTED
    if contest.round > 1:
        return Admission(Refusal.RUNOFF_ELSEWHERE)
    return Admission(Refusal.BY_ELECTION_ELSEWHERE)
