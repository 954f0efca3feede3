"""Running totals of results, kept in the transaction that changes what the results count.

Issue 14: reading a unit should be reading its row and its children's, not re-adding every
sheet. What the totals hold is what `services.results.tally` adds up before the hand-count
corrections: every stored sheet with the voids applied (`core.supervision.apply`), summed into
each unit above the stations and each constituency (`core.counting.running`). So:

- a stored sheet (a final station report, `services.ingest`; an import, `services.results`) adds
  its voided sheet (`count_sheets`, called before the sheets are stored, in their transaction);
- a void adds, for each sheet it touches, what it took (`count_void`, before the void is stored);
- a certified hand-count correction replaces a constituency's figures rather than adding to them:
  it is applied when read, as the full tally applies it, from the few corrections the log holds;
  a certification (or its undoing) changes no figure.

An election whose totals were never counted (stored before they were kept, revision 0024) or
were counted under another definition is counted in full by the first unit of work that reads or
changes them (`ensure_totals`), which names it as counted in the same transaction; its contests'
running trees (`services.running_trees`) are then made whole and their roots logged in an entry
of their own (`totals-recounted`), as they are once for an election whose totals changed before
the trees were kept (revision 0027: `ensure_trees`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sandogh.core.counting.running import (
    Difference,
    difference,
    differences,
    spread,
    totals_of,
)
from sandogh.core.counting.tally import TallySheet
from sandogh.core.log import Disposition, Event, EventType
from sandogh.core.supervision import Effect, Void, apply_voids, void_stations
from sandogh.services.certified_inputs import check_certified, in_force
from sandogh.services.days import Day, day_of
from sandogh.services.elections import SYSTEM, UnitOfWorkFactory, resolve_election_id, root_of
from sandogh.services.ports import UnitOfWork
from sandogh.services.recorded_decisions import recorded_decisions
from sandogh.services.running_trees import (
    ROOT_TYPES,
    Roots,
    RootsNotRecordedError,
    logged_roots,
    remake_whole,
)
from sandogh.services.signed_sheets import hold_stored
from sandogh.services.trees_check import TreeFinding, check_trees

#: Above this many sheets, their totals are made bottom-up over the whole geography
#: (`totals_of`) rather than sheet by sheet up the tree (`spread`).
_BULK = 200


#: the entries after which a full count may give other roots than those last logged
_DEFINED = (EventType.DEFINITION_LOADED, EventType.DEFINITION_REWRITTEN)


def ensure_totals(work: UnitOfWork, day: Day) -> bool:
    """Count the election's totals in full unless they are counted under its definition; True
    when this unit of work counted them (a reader then commits, so that it is done once)."""
    election = day.election.id
    if work.totals.filled(election) == day.definition_hash:
        return False
    if not work.totals.claim(election, day.definition_hash):
        return False  # another unit of work counted them while this one waited
    work.totals.clear(election)
    sheets = counted_sheets(work, day)
    if sheets:  # none before a first import: nothing to count, and no walk of the geography
        work.totals.add(election, totals_of(day.geography, sheets))
        _recount_trees(work, day)
    return True


def ensure_trees(work: UnitOfWork, day: Day, *, changing: bool = False) -> tuple[Roots, bool]:
    """`ensure_totals`, then the roots of every contest's tree the log last recorded: made
    whole and logged once where the log's newest entry changing the totals records none (an
    election whose totals changed before revision 0027). True when this unit of work counted
    or logged something (a reader then commits, so that it is done once). `changing`: for a
    unit of work that records roots, the log's head taken first, so that the roots it reads stay
    the last until its own entry (two reports at once on PostgreSQL would otherwise both make
    their paths over the same roots, and the second's entry would miss the first's change)."""
    if changing:
        work.events.take_head()
    counted = ensure_totals(work, day)
    roots = logged_roots(work, day)
    if roots is None:
        return _recount_trees(work, day), True
    return roots, counted


def _recount_trees(work: UnitOfWork, day: Day) -> Roots:
    """Every contest's tree made whole from the kept totals and the stored sheets and its root
    logged (`totals-recounted`), at the time of the log's last entry: a reader that counts has
    no time of its own. Where the log already records roots and the definition has not changed
    since, the count must give those same roots (`RootsNotRecordedError`, `recount_differs`):
    else sheets rewritten by SQL, the totals' claim cleared, would be counted by the next read
    and their roots logged."""
    election = day.election.id
    before = work.events.last_of_types(ROOT_TYPES, election)
    roots = remake_whole(work, day, [contest.id for contest in day.election.contests])
    logged = None if before is None else before.event.details.get("totals_roots")
    if before is not None and isinstance(logged, Mapping) and dict(logged) != roots:
        redefined = work.events.last_of_types(_DEFINED, election)
        if redefined is None or redefined.sequence < before.sequence:
            raise RootsNotRecordedError(day.election, before.sequence, "recount_differs")
    head = work.events.head()
    assert head is not None  # the definition's load is logged
    work.events.record(
        Event(
            time=head.event.time,
            actor=SYSTEM,
            role=SYSTEM,
            place=root_of(day.election),
            type=EventType.TOTALS_RECOUNTED,
            disposition=Disposition.DONE,
            details={
                "election": day.election.id,
                "definition_hash": day.definition_hash,
                "totals_roots": dict(roots),
            },
        )
    )
    return roots


def counted_sheets(work: UnitOfWork, day: Day) -> tuple[TallySheet, ...]:
    """Every stored sheet of the election as the results count it: with the voids applied."""
    election = day.election.id
    voids = [record.void for record in work.voids.all(election)]
    sheets, _ = applied(day, work.tallies.all(election), voids)
    return sheets


def count_sheets(work: UnitOfWork, day: Day, sheets: Sequence[TallySheet]) -> None:
    """Add sheets about to be stored into the totals, as the voids already decided leave them
    (a void of a constituency applies to a report that comes after it)."""
    ensure_totals(work, day)
    election = day.election.id
    voids = [record.void for record in work.voids.all(election)]
    counted, _ = applied(day, sheets, voids)
    if len(counted) > _BULK:
        deltas = totals_of(day.geography, counted)
    else:
        deltas = spread(day.geography, ((s, difference(None, s.counts)) for s in counted))
    work.totals.add(election, deltas)


def applied(
    day: Day, sheets: Iterable[TallySheet], voids: Sequence[Void]
) -> tuple[tuple[TallySheet, ...], tuple[Effect, ...]]:
    """`apply_voids`, skipped where there is no void: planning none walks every constituency
    of the day, a tenth of a second at national scale (measured), for every report."""
    if not voids:
        return tuple(sheets), ()
    return apply_voids(day.geography, sheets, voids)


def count_void(work: UnitOfWork, day: Day, decided: Void) -> Effect:
    """Add into the totals what `decided` takes from the stored sheets, over the voids decided
    before it (call it before the void is stored); what it took, as `apply_voids` says over
    every stored sheet."""
    ensure_totals(work, day)
    geography, election = day.geography, day.election.id
    before = [record.void for record in work.voids.all(election)]
    touched = tuple(work.tallies.of_stations(election, void_stations(geography, decided)))
    was, _ = apply_voids(geography, touched, before)
    now, effects = apply_voids(geography, touched, [*before, decided])
    changes = (
        (old, difference(old.counts, new.counts))
        for old, new in zip(was, now, strict=True)
        if old.counts != new.counts
    )
    work.totals.add(election, spread(geography, changes))
    return effects[-1]


@dataclass(frozen=True)
class TotalsChecked:
    """The kept totals of an election beside a full re-aggregation of its stored sheets."""

    day: Day
    places: int  # units and constituencies with a total, kept or made
    differences: tuple[Difference, ...]
    trees: int = 0  # contests not certified whose running trees were held whole
    tree_findings: tuple[TreeFinding, ...] = ()


def check_totals(uow: UnitOfWorkFactory, election_id: str | None) -> TotalsChecked:
    """Every figure of the kept totals that is not the full re-aggregation's: what `sandogh
    results check-totals` names. An election's totals never counted are counted first (and
    kept), so that the check compares what every later read will read. The sheets are held to
    the signed reports first (`services.signed_sheets.hold_stored`), before any count. Each
    contest with no certification in force has its running tree made whole from the kept
    totals and the stored sheets and held to the stored rows and the root the log last
    recorded (`services.trees_check`: the session-29 outsider's A3)."""
    with uow() as work:
        day = day_of(work, resolve_election_id(work, election_id))
        reported = tuple(work.tallies.all(day.election.id))
        # the decisions as the log records them, and the certified sheets as certified (the
        # outsider's F2 of session 24: a sheet rewritten with its totals agreed with them)
        recorded = recorded_decisions(work, day.election.id)
        check_certified(day, recorded, reported, contests=None)
        # every report against its log entry, every sheet against its report (the outsider's
        # N1 of session 27: a report rewritten with its sheets and the totals agreed with them),
        # before any count: a count of rewritten sheets is refused less precisely, by the roots
        hold_stored(work, day.election, reported)
        # the totals counted and the roots made and logged where never (`ensure_trees`) only
        # from sheets held to the signed reports
        roots, counted = ensure_trees(work, day)
        if counted:
            work.commit()
        sheets, _ = applied(day, reported, [r.void for r in recorded.voids])
        fresh = totals_of(day.geography, sheets)
        kept = work.totals.all(day.election.id)
        certified = {record.certification.contest for record in in_force(recorded)}
        running = [c.id for c in day.election.contests if c.id not in certified]
        trees = check_trees(work, day, roots, contests=running, kept=kept, sheets=reported)
        return TotalsChecked(
            day, len({*fresh, *kept}), differences(fresh, kept), len(running), trees
        )
