"""An election day as the election-day use cases read it: its definition and its geography.

Check-in, enrolment and report ingest each need the stored definition and its `Geography`. A
national definition takes a noticeable moment to decode and index, far longer than a check-in may
take (issue 3 aims at thousands of check-ins per second), so the index is kept per definition
hash: a hash names one definition forever (`load_election` refuses another definition under a
stored id), so a kept index can never be stale, whichever unit of work asks. The key is the
election id with its hash, so the kept index is right as long as the stored hash is the hash of the
definition, which `formats.definition_file` computes and `sandogh load` stores.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from threading import Lock

from sandogh.core.counting.conformity import Standing
from sandogh.core.counting.reconcile import SeatBound, seat_bounds
from sandogh.core.counting.turnout import eligible_voters
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Candidate, Election, UnitKind
from sandogh.core.errors import SandoghError
from sandogh.core.report import BallotContest, station_ballot
from sandogh.core.report.ballot import Ballots
from sandogh.locale.code_draw import CATALOGUE
from sandogh.locale.messages import text_in
from sandogh.services.elections import UnitOfWorkFactory, get_election
from sandogh.services.errors import ElectionNotFoundError
from sandogh.services.ports import UnitOfWork

_KEPT = 8  # election days held at once; a centre serves one or two (a round and its runoff)


@dataclass(frozen=True, eq=False)
class Day:
    """A stored election day: its definition, the hash it is stored under, its geography."""

    election: Election
    definition_hash: str
    geography: Geography
    _ballots: dict[str, tuple[BallotContest, ...]] = field(default_factory=dict, repr=False)
    _eligible: list[Mapping[str, int | None]] = field(default_factory=list, repr=False)
    _bounds: list[Mapping[str, SeatBound]] = field(default_factory=list, repr=False)
    _ballots_kept: list[Ballots] = field(default_factory=list, repr=False)
    _standing: list[Standing] = field(default_factory=list, repr=False)
    _candidates: list[Mapping[tuple[str, str], tuple[Candidate, ...]]] = field(
        default_factory=list, repr=False
    )

    def is_station(self, code: str) -> bool:
        return code in self.geography and self.geography.kind(code) is UnitKind.STATION

    def ballot(self, station: str) -> tuple[BallotContest, ...]:
        """The contests `station` votes in (empty for a unit that is no station)."""
        if not self.is_station(station):
            return ()
        ballot = self._ballots.get(station)
        if ballot is None:
            # every check-in at the station asks; two threads may both build it, to one value
            if not self._ballots_kept:
                self._ballots_kept.append(Ballots.of_geography(self.geography))
            kept = self._ballots_kept[0]
            ballot = self._ballots[station] = station_ballot(self.geography, station, kept)
        return ballot

    def candidates_in(self, contest: str, constituency: str) -> tuple[Candidate, ...]:
        """The candidates of `contest` standing in `constituency`, in the definition's order:
        indexed once, as a box's enrolment asks for its station's (~100,000 candidates
        nationally)."""
        if not self._candidates:
            found: dict[tuple[str, str], list[Candidate]] = {}
            for each in self.election.contests:
                for candidate in each.candidates:
                    found.setdefault((each.id, candidate.constituency), []).append(candidate)
            self._candidates.append({key: tuple(them) for key, them in found.items()})
        return self._candidates[0].get((contest, constituency), ())

    @property
    def standing(self) -> Standing:
        """Who stands where, and the stations (`core.counting.conformity.Standing`), made once:
        every report's sheets are checked against it."""
        if not self._standing:
            self._standing.append(Standing.of(self.geography))  # two threads: one value
        return self._standing[0]

    def constituencies(self, station: str) -> tuple[tuple[str, str], ...]:
        """(contest, constituency) of each contest `station` votes in, in the definition's
        order."""
        return tuple(
            (contest.id, constituency)
            for contest in self.election.contests
            if (constituency := self.geography.constituency_of(contest.id, station)) is not None
        )

    @property
    def eligible(self) -> Mapping[str, int | None]:
        """Every unit's eligible voters (`core.counting.turnout.eligible_voters`), made once:
        a read of one unit's results should not walk a national geography."""
        if not self._eligible:
            self._eligible.append(eligible_voters(self.geography))  # two threads: one value
        return self._eligible[0]

    @property
    def seat_bounds(self) -> Mapping[str, SeatBound]:
        """Each contest's seat bounds (`core.counting.reconcile.seat_bounds`), made once."""
        if not self._bounds:
            self._bounds.append(seat_bounds(self.geography))
        return self._bounds[0]


class CodesNotDrawnError(SandoghError):
    """`election` is a draft: `contests` have no candidates until their code draw (issue 12)."""

    def __init__(self, election: str, contests: tuple[str, ...]) -> None:
        self.election, self.contests = election, contests
        named = {"election": election, "contests": ", ".join(contests)}
        self.fa, self.en = (
            text_in(CATALOGUE, "codes_not_drawn", lang, **named) for lang in ("fa", "en")
        )
        super().__init__(f"{self.fa}\n{self.en}")  # a command line shows both, Persian first


def require_drawn(day: Day) -> None:
    """Refuse a draft day, one with a contest no code draw gave candidates: the one check of
    it, asked by a box's enrolment and by every import of results."""
    undrawn = tuple(c.id for c in day.election.contests if not c.candidates)
    if undrawn:
        raise CodesNotDrawnError(day.election.id, undrawn)


class _Kept:
    def __init__(self) -> None:
        self._days: OrderedDict[tuple[str, str], Day] = OrderedDict()
        self._lock = Lock()

    def get(self, key: tuple[str, str]) -> Day | None:
        with self._lock:
            day = self._days.get(key)
            if day is not None:
                self._days.move_to_end(key)
            return day

    def keep(self, day: Day) -> None:
        with self._lock:
            self._days[day.election.id, day.definition_hash] = day
            while len(self._days) > _KEPT:
                self._days.popitem(last=False)


_kept = _Kept()


def day_of(work: UnitOfWork, election_id: str) -> Day:
    """The stored election day `election_id`; `ElectionNotFoundError` if there is none."""
    definition_hash = work.elections.hash_of(election_id)
    if definition_hash is None:
        raise ElectionNotFoundError(election_id, work.elections.ids())
    return day_at(work, election_id, definition_hash)


def day_at(work: UnitOfWork, election_id: str, definition_hash: str) -> Day:
    """The stored election day `election_id` whose definition hash, just read in `work`, is
    `definition_hash`: decoded only when no day of that hash is kept."""
    day = _kept.get((election_id, definition_hash))
    if day is None:
        stored = get_election(work, election_id)
        day = Day(stored.election, stored.definition_hash, Geography.of(stored.election))
        _kept.keep(day)
    return day


def definition_of(uow: UnitOfWorkFactory, election: str) -> Election | None:
    """`election`'s stored definition, to name its contests and places; None when none is."""
    with uow() as work:
        if work.elections.hash_of(election) is None:
            return None
        return day_of(work, election).election
