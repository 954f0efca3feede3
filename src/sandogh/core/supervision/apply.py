"""What voids do to the station sheets, and the account of what each took away.

`reference/iran-election-rules.md` (Ballots) lists the void ballots that are not counted as cast
(باطله غیرمأخوذه): among them a box without seal, forged ballots or minutes, ballots obtained by
threat, and vote buying. A voided box or a bought vote is such a ballot, so its figures move out of
the ballots cast into `void`, and every identity of DESIGN.md §3 (`core.counting.reconcile`) still
holds on the voided sheet. On one station's sheet of one contest:

- a voided box (a station void, or each box of a voided constituency): `void` gains the ballots
  cast; cast, valid, every invalid kind and every candidate's votes become 0. The paper accounts
  (received, used, unused, spoiled) stay as reported: the papers were used and the voters checked
  in, and DESIGN.md §3 holds check-ins = papers used. The station still counts as reported: its
  report came and what became of it is known, so complete results can be told from partial ones.
- a candidate's votes where one seat is filled: each vote was one ballot naming only that
  candidate, now void: votes[X], valid and cast fall by the same n, `void` rises by n.
- a candidate's votes where several seats are filled: a ballot names up to as many candidates as
  seats and still counts for its other names (the rules skip a name that cannot count and keep the
  rest), and the sheet does not tell how many ballots named X alone; so votes[X] falls to 0, valid
  and cast stay, and the account says no ballot was voided.

So valid + invalid = cast, votes = valid (or ≤ seats × valid), cast ≤ papers used ≤ received and
received = used + unused + spoiled hold after every void, and sums of voided sheets are the totals
the results show. Voids apply in the order given (the order they were decided); the sheets they
give do not depend on it, only each void's share of the account does. Nothing is mutated.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace

from sandogh.core.access.roles import covers
from sandogh.core.counting.tally import Counts, TallySheet
from sandogh.core.counting.turnout import NOTHING_VOIDED, Voided
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Constituency
from sandogh.core.definition.rule import Rule
from sandogh.core.rules import Outcome, Reason, Status
from sandogh.core.supervision.voids import (
    CandidateVoid,
    ConstituencyVoid,
    StationVoid,
    Void,
    require_voids,
)


@dataclass(frozen=True)
class Removal:
    """What one void took from one station's sheet of one contest."""

    station: str
    contest: str
    box: bool  # the whole box was voided
    ballots: int  # ballots moved from cast (آرای مأخوذه) into void (باطله غیرمأخوذه)
    votes: Mapping[str, int]  # candidate → votes taken away, for those that had any
    papers_used: int = 0  # a voided box's ballot papers used (they stay on its sheet)


@dataclass(frozen=True)
class Effect:
    """A void and what it took from each sheet it applied to ("N votes of X in K boxes")."""

    void: Void
    removals: tuple[Removal, ...]

    @property
    def boxes(self) -> int:
        return len({(r.station, r.contest) for r in self.removals})

    @property
    def ballots(self) -> int:
        return sum(r.ballots for r in self.removals)

    @property
    def votes(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for removal in self.removals:
            for code, n in removal.votes.items():
                total[code] = total.get(code, 0) + n
        return total

    def only(self, keep: Callable[[Removal], bool]) -> Effect:
        return Effect(self.void, tuple(r for r in self.removals if keep(r)))


def apply_voids(
    geography: Geography, sheets: Iterable[TallySheet], voids: Iterable[Void]
) -> tuple[tuple[TallySheet, ...], tuple[Effect, ...]]:
    """The sheets with `voids` applied (see the module docstring), in the same order, and each
    void's effect in the order of `voids`. A sheet no void touches is passed on as it is.
    Raises `VoidError` naming every void that does not fit the election."""
    decided = tuple(voids)
    require_voids(geography, decided)
    plan = _Plan.of(geography, decided)
    removals: list[list[Removal]] = [[] for _ in decided]
    result: list[TallySheet] = []
    for sheet in sheets:
        applying = plan.applying(sheet)
        if not applying:
            result.append(sheet)
            continue
        counts = sheet.counts
        for i in applying:
            counts, removal = plan.apply(decided[i], sheet, counts)
            removals[i].append(removal)
        result.append(TallySheet(sheet.station, sheet.contest, counts))
    return tuple(result), tuple(Effect(v, tuple(r)) for v, r in zip(decided, removals, strict=True))


def boxes_voided(effects: Iterable[Effect]) -> int:
    """How many sheets (station and contest) were voided whole, each counted once."""
    return len({(r.station, r.contest) for e in effects for r in e.removals if r.box})


def voided_by_unit(
    geography: Geography, effects: Iterable[Effect], contest: str
) -> dict[str, Voided]:
    """What the voids took from `contest` in each station and each unit above it; a unit left
    out had nothing taken. A box voided by two voids (its station's and its constituency's)
    counts once, and the later void took no ballot from it; its eligible voters and papers used
    are those of the station (`core.counting.turnout`'s rule)."""
    ballots: dict[str, int] = {}
    boxed: dict[str, int] = {}  # a station whose box was voided whole → its papers used
    for effect in effects:
        for removal in effect.removals:
            if removal.contest == contest:
                ballots[removal.station] = ballots.get(removal.station, 0) + removal.ballots
                if removal.box and removal.station not in boxed:
                    boxed[removal.station] = removal.papers_used
    sums: dict[str, Voided] = {}
    for station, n in ballots.items():
        box = station in boxed
        own = geography.unit(station).eligible_voters if box else 0
        for code in (station, *geography.ancestors(station)):
            was = sums.get(code, NOTHING_VOIDED)
            sums[code] = Voided(
                was.ballots + n,
                was.stations + box,
                None if was.eligible is None or own is None else was.eligible + own,
                was.papers_used + boxed.get(station, 0),
            )
    return sums


def reapply_voids(
    geography: Geography,
    effects: tuple[Effect, ...],
    stations: Mapping[str, Collection[TallySheet]],
) -> tuple[dict[str, tuple[TallySheet, ...]], tuple[Effect, ...]]:
    """The sheets of `stations` (new ones, or none: a report taken in after the voids of
    `effects` were decided) with those voids applied, and `effects` with the removals of those
    stations replaced by what the voids took from the new sheets: what `apply_voids` would give
    over every sheet again, a void's removals in another order. Where no void touches those
    stations, before or now, `effects` itself is given back: what each void took is unchanged."""
    voids = [effect.void for effect in effects]
    given = {station: tuple(sheets) for station, sheets in stations.items()}
    took = any(r.station in stations for old in effects for r in old.removals)
    if not took and not any(_may_touch(geography, void, stations) for void in voids):
        return given, effects  # the common case, checked without planning every void again
    applied, fresh = apply_voids(geography, [s for each in given.values() for s in each], voids)
    by_station: dict[str, list[TallySheet]] = {station: [] for station in stations}
    for sheet in applied:
        by_station[sheet.station].append(sheet)
    if not took and not any(new.removals for new in fresh):
        return {station: tuple(sheets) for station, sheets in by_station.items()}, effects
    merged = tuple(
        Effect(
            old.void,
            (*(r for r in old.removals if r.station not in stations), *new.removals),
        )
        for old, new in zip(effects, fresh, strict=True)
    )
    return {station: tuple(sheets) for station, sheets in by_station.items()}, merged


def _may_touch(geography: Geography, void: Void, stations: Collection[str]) -> bool:
    """Whether `void` names one of `stations`, or their constituency in its contest."""
    match void:
        case StationVoid(station=station):
            return station in stations
        case CandidateVoid(stations=named):
            return any(station in stations for station in named)
        case ConstituencyVoid(contest=contest, constituency=constituency):
            return any(geography.constituency_of(contest, s) == constituency for s in stations)


def effects_in_unit(
    geography: Geography, effects: Iterable[Effect], contest: str, code: str
) -> tuple[Effect, ...]:
    """The effects on `contest` in the stations at or below `code`, those that took anything."""
    return _nonempty(
        e.only(lambda r: r.contest == contest and covers(geography, code, r.station))
        for e in effects
    )


def effects_in_constituency(
    geography: Geography, effects: Iterable[Effect], contest: str, constituency: str
) -> tuple[Effect, ...]:
    """The effects on the stations voting in `constituency` of `contest`."""
    return _nonempty(
        e.only(
            lambda r: (
                r.contest == contest
                and geography.constituency_of(contest, r.station) == constituency
            )
        )
        for e in effects
    )


def constituency_voided(
    effects: Iterable[Effect], contest: str, constituency: str
) -> ConstituencyVoid | None:
    """The first void of the whole constituency among `effects`, if any."""
    for effect in effects:
        void = effect.void
        if isinstance(void, ConstituencyVoid) and (void.contest, void.constituency) == (
            contest,
            constituency,
        ):
            return void
    return None


def voided_outcome(rule: Rule, constituency: Constituency, void: ConstituencyVoid) -> Outcome:
    """The outcome of a constituency whose election was voided: nobody is elected from it, and
    its seats wait for a new election (not a runoff: no result of this one stands)."""
    decision = void.decision
    text = (
        f"The election in constituency {constituency.id} was voided by decision "
        f"{decision.reference} ({decision.reason}): nobody is elected from it, and its "
        f"{constituency.seats} seat(s) wait for a new election."
    )
    return Outcome(
        constituency=constituency.id,
        rule=rule,
        status=Status.DECIDED,
        seats=constituency.seats,
        elected=(),
        reasons=(Reason("constituency-voided", text, seats=constituency.seats),),
    )


def _nonempty(effects: Iterable[Effect]) -> tuple[Effect, ...]:
    return tuple(e for e in effects if e.removals)


@dataclass(frozen=True)
class _Plan:
    """Which voids touch which sheets, and the seats each candidate void's station fills."""

    geography: Geography
    voids: tuple[Void, ...]
    by_station: Mapping[str, tuple[int, ...]]
    by_constituency: Mapping[str, Mapping[str, tuple[int, ...]]]  # contest → constituency → …
    seats: Mapping[tuple[str, str], int]

    @classmethod
    def of(cls, geography: Geography, voids: tuple[Void, ...]) -> _Plan:
        by_station: dict[str, list[int]] = {}
        by_constituency: dict[str, dict[str, list[int]]] = {}
        for i, void in enumerate(voids):
            match void:
                case StationVoid():
                    by_station.setdefault(void.station, []).append(i)
                case CandidateVoid():
                    for station in void.stations:
                        by_station.setdefault(station, []).append(i)
                case ConstituencyVoid():
                    of_contest = by_constituency.setdefault(void.contest, {})
                    of_contest.setdefault(void.constituency, []).append(i)
        return cls(
            geography=geography,
            voids=voids,
            by_station={k: tuple(v) for k, v in by_station.items()},
            by_constituency={
                c: {k: tuple(v) for k, v in m.items()} for c, m in by_constituency.items()
            },
            seats={
                (contest.id, k.id): k.seats
                for contest in geography.election.contests
                for k in contest.constituencies
            },
        )

    def applying(self, sheet: TallySheet) -> list[int]:
        """The voids that touch `sheet`, in the order they were decided."""
        found = [
            i
            for i in self.by_station.get(sheet.station, ())
            if _concerns(self.voids[i], sheet.contest)
        ]
        of_contest = self.by_constituency.get(sheet.contest)
        if of_contest:
            constituency = self.geography.constituency_of(sheet.contest, sheet.station)
            found.extend(of_contest.get(constituency or "", ()))
        return sorted(found)

    def apply(self, void: Void, sheet: TallySheet, counts: Counts) -> tuple[Counts, Removal]:
        if not isinstance(void, CandidateVoid):
            return _void_box(counts), Removal(
                sheet.station,
                sheet.contest,
                box=True,
                ballots=counts.cast,
                votes={code: n for code, n in counts.votes.items() if n},
                papers_used=counts.papers_used,
            )
        n = counts.votes.get(void.candidate, 0)
        votes = {**counts.votes, void.candidate: 0} if void.candidate in counts.votes else None
        constituency = self.geography.constituency_of(sheet.contest, sheet.station) or ""
        one_seat = self.seats[sheet.contest, constituency] == 1
        ballots = n if one_seat else 0
        after = replace(
            counts,
            cast=counts.cast - ballots,
            valid=counts.valid - ballots,
            void=counts.void + ballots,
            votes=counts.votes if votes is None else votes,
        )
        taken = {void.candidate: n} if n else {}
        return after, Removal(sheet.station, sheet.contest, box=False, ballots=ballots, votes=taken)


def _concerns(void: Void, contest: str) -> bool:
    match void:
        case StationVoid():
            return void.contest in (None, contest)
        case CandidateVoid():
            return void.contest == contest
        case ConstituencyVoid():
            return False  # found by constituency, not by station


def _void_box(counts: Counts) -> Counts:
    return Counts(
        papers_received=counts.papers_received,
        papers_used=counts.papers_used,
        papers_unused=counts.papers_unused,
        papers_spoiled=counts.papers_spoiled,
        cast=0,
        valid=0,
        invalid=dict.fromkeys(counts.invalid, 0),
        void=counts.void + counts.cast,
        votes=dict.fromkeys(counts.votes, 0),
    )
