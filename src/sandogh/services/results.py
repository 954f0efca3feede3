"""Use cases over results: import station tally sheets, and read any unit's results.

Import is one transaction (DESIGN.md §6): sheets that do not fit the definition, that are already
stored, or whose own figures do not reconcile (DESIGN.md §3) are refused together, naming each,
and nothing of the batch is stored. Reading aggregates every stored sheet in the pure core,
applying the voids, certifications and certified hand-count corrections the event log records
(`services.recorded_decisions`): a corrected constituency's figures are its hand count's
(`core.supervision.corrections`), its stations' sheets shown as reported, superseded.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from sandogh.core.counting.aggregate import Total, aggregate_rows
from sandogh.core.counting.compare import RoundComparison, compare_rounds
from sandogh.core.counting.conformity import require_conformity
from sandogh.core.counting.reconcile import Finding, reconcile_sheets
from sandogh.core.counting.tally import SheetRow, TallySheet, row_of, sheet_of
from sandogh.core.counting.turnout import Turnout
from sandogh.core.definition.model import Contest, ReportingUnit
from sandogh.core.log import Disposition, Event, EventType
from sandogh.core.supervision import (
    Effect,
    HandCountCorrection,
    apply_voids,
    boxes_voided,
    correct_totals,
    superseding,
)
from sandogh.services.certifications import CertifiedError, frozen_sheets
from sandogh.services.certified_inputs import check_certified, check_certified_totals
from sandogh.services.collector import collector_paused
from sandogh.services.days import day_of, require_drawn
from sandogh.services.elections import (
    SYSTEM,
    UnitOfWorkFactory,
    resolve_election_id,
    root_of,
)
from sandogh.services.errors import (
    ResultsAlreadyImportedError,
    SheetsDoNotReconcileError,
)
from sandogh.services.ports import StoredElection, UnitOfWork
from sandogh.services.recorded_decisions import recorded_decisions
from sandogh.services.running_trees import hold_trees, remake_trees, stations_of
from sandogh.services.signed_sheets import hold_stored
from sandogh.services.tallied import Tallied
from sandogh.services.totals import count_sheets, ensure_trees
from sandogh.services.unit_tally import PAGE_SIZE, UnitsPage, tally_unit, units_page

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Imported:
    election_id: str
    definition_hash: str
    sheets: int


def import_results(
    uow: UnitOfWorkFactory,
    election_id: str,
    sheets: Sequence[TallySheet],
    *,
    now: datetime.datetime,
    actor: str = SYSTEM,
    progress: Progress | None = None,
) -> Imported:
    """Store a batch of station sheets, all or nothing, with its `RESULTS_IMPORTED` event;
    `progress` hears of each stored sheet."""
    with uow() as work:
        stored = day_of(work, election_id)  # the day kept for its hash (`services.days`)
        require_drawn(stored)  # a paper day's sheets count no draft's ballot, as a box's do not
        geography = stored.geography
        require_conformity(geography, sheets)
        frozen = frozen_sheets(work, geography, election_id, sheets)
        if frozen:
            first, certification = frozen[0]
            what = f"importing {len(frozen)} sheet(s) (first {first.station}/{first.contest})"
            raise CertifiedError(certification, what, stored.election)
        taken = work.tallies.keys(election_id)
        clashes = [(s.station, s.contest) for s in sheets if (s.station, s.contest) in taken]
        if clashes:
            raise ResultsAlreadyImportedError(election_id, clashes)
        findings = reconcile_sheets(geography, sheets)
        if findings:
            raise SheetsDoNotReconcileError(findings)
        # a nation's sheets make millions of totals and rows that stay until the commit: the
        # collector's rescans of them cost seconds (`collector`)
        with collector_paused():
            # the trees held to the last logged roots before the totals change, made again after
            roots, _ = ensure_trees(work, stored, changing=True)
            change = hold_trees(work, stored, stations_of(sheets), roots)
            count_sheets(work, stored, sheets)  # the totals, in the same transaction
            count = work.tallies.add_many(election_id, _reporting(sheets, progress))
            roots = remake_trees(work, stored, change)
        work.events.record(
            Event(
                time=now,
                actor=actor,
                role=SYSTEM,
                place=root_of(stored.election),
                type=EventType.RESULTS_IMPORTED,
                disposition=Disposition.DONE,
                details={
                    "election": election_id,
                    "definition_hash": stored.definition_hash,
                    "sheets": count,
                    "totals_roots": roots,
                },
            )
        )
        work.commit()
    return Imported(election_id, stored.definition_hash, count)


def _reporting(sheets: Sequence[TallySheet], progress: Progress | None) -> Iterator[TallySheet]:
    for sheet in sheets:
        yield sheet
        if progress is not None:
            progress(1)


def tally(
    work: UnitOfWork, election_id: str | None, *, corrected: bool = True, signed: bool = False
) -> Tallied:
    """Add up every stored sheet of the election (the only one stored, if none is named);
    `corrected` False leaves the hand-count corrections out (the audit audits what was
    reported); `signed` holds each stored report to the hash its log entry names, and each
    station's sheets to its signed final report, first (`services.logged_reports`,
    `services.signed_sheets`: the publisher, which publishes them beside it)."""
    # the day kept for its hash (`services.days`): decoding the definition anew took most of
    # the time of a page of results
    day = day_of(work, resolve_election_id(work, election_id))
    stored, geography = StoredElection(day.election, day.definition_hash), day.geography
    rows: Iterable[SheetRow] = tuple(work.tallies.rows(stored.election.id))
    # every decision against the log, both ways, as a unit's read checks them; every
    # certification in force against the sheets read (the outsider's F2 of session 24)
    recorded = recorded_decisions(work, stored.election.id)
    records = recorded.voids
    voids = [record.void for record in records]
    # the sheets made of the rows only for what reads sheets: what the certifications, the
    # signed reports and the voids are held to (a plain national tally makes none, `aggregate_rows`)
    sheets: Sequence[TallySheet] = ()
    if recorded.certifications or signed or voids:
        sheets = tuple(map(sheet_of, rows))
    check_certified(day, recorded, sheets, contests=None)
    check_certified_totals(work, day, recorded, sheets)
    if signed:
        hold_stored(work, stored.election, sheets)
    voided: tuple[Effect, ...] = ()
    corrections = tuple(recorded.corrections) if corrected else ()
    certified = recorded.certifications
    # A national day's sheets and sums are millions of objects that stay while they are built.
    with collector_paused():
        if voids:
            kept, voided = apply_voids(geography, sheets, voids)
            rows = map(row_of, kept)
        totals = correct_totals(
            geography, aggregate_rows(geography, rows, day.standing), corrections
        )
    return Tallied(
        stored,
        geography,
        totals,
        day.eligible,
        voided,
        tuple(r.certification for r in certified if r.undone is None),
        corrections,
        tuple(recorded.lots),
        tuple(recorded.withdrawals),
        tuple(record.at for record in records),
        tuple(r.undone for r in certified if r.undone is not None),
    )


@dataclass(frozen=True)
class UnitResult:
    """One contest in one unit: totals, turnout, the units just below, the round before."""

    unit: ReportingUnit
    contest: Contest
    total: Total
    turnout: Turnout
    parts: tuple[tuple[ReportingUnit, Total, Turnout], ...]
    previous: RoundComparison | None
    voided: tuple[Effect, ...] = ()  # what voids took from the contest in this unit
    corrected: HandCountCorrection | None = None  # a hand count counted here, or superseding
    superseded: bool = False  # the unit lies inside the corrected constituency: as reported

    @property
    def stations_voided(self) -> int:
        """Stations of the unit whose box for the contest was voided (they count as reported)."""
        return boxes_voided(self.voided)

    @property
    def ballots_voided(self) -> int:
        """The ballots of the total's `void` the boards voided (the rest the stations set aside)."""
        return sum(effect.ballots for effect in self.voided)

    @property
    def boxes_voided(self) -> tuple[str, ...]:
        """The stations of the unit whose box for the contest was voided whole, by code."""
        return tuple(sorted({r.station for e in self.voided for r in e.removals if r.box}))


@dataclass(frozen=True)
class ResultsView:
    tallied: Tallied
    results: tuple[UnitResult, ...]
    findings: tuple[Finding, ...]
    page: UnitsPage  # which of the units just below the results' `parts` are


def show_results(
    uow: UnitOfWorkFactory,
    election_id: str | None,
    *,
    unit: str | None = None,
    contest: str | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> ResultsView:
    """Results of one unit (the root by default) for one contest or all, with page `page` of
    the units just below it, `page_size` to a page (`unit_tally.units_page`), compared with
    the round before where that round is stored, and the reconciliation findings of the units
    read."""
    with uow() as work:
        # the unit's kept totals (of the contest asked), not every sheet
        tallied = tally_unit(work, election_id, unit, contest, page=page, page_size=page_size)
        code = unit if unit is not None else tallied.geography.top_down[0]
        paged = units_page(tallied.geography, code, page, page_size)
        place = tallied.unit(code)
        contests = (
            [tallied.contest(contest)] if contest is not None else tallied.stored.election.contests
        )
        results = []
        for each in contests:
            total = tallied.total(each.id, code)
            shown = tallied.turnout(each.id, code)
            if total is None or shown is None:
                continue
            results.append(
                UnitResult(
                    unit=place,
                    contest=each,
                    total=total,
                    turnout=shown,
                    parts=_parts(tallied, each.id, paged.codes),
                    previous=_previous(work, each, code, tallied),
                    voided=tallied.voided_in(each.id, code),
                    corrected=tallied.corrected_in(each.id, code),
                    superseded=superseding(tallied.geography, tallied.corrections, each.id, code)
                    is not None,
                )
            )
        return ResultsView(tallied, tuple(results), tallied.findings(), paged)


def _parts(
    tallied: Tallied, contest: str, codes: tuple[str, ...]
) -> tuple[tuple[ReportingUnit, Total, Turnout], ...]:
    rows = []
    for child in codes:
        total = tallied.total(contest, child)
        shown = tallied.turnout(contest, child)
        if total is not None and shown is not None:
            rows.append((tallied.geography.unit(child), total, shown))
    return tuple(rows)


def _previous(
    work: UnitOfWork, contest: Contest, code: str, current: Tallied
) -> RoundComparison | None:
    """The same unit in the round this contest continues, when that round is stored."""
    link = contest.previous_round
    if link is None or work.elections.hash_of(link.election) is None:
        return None
    before_day = day_of(work, link.election)
    if code not in before_day.geography:
        return None
    before = tally_unit(work, link.election, code, link.contest, page=1)  # its total alone
    before_total = before.total(link.contest, code)
    now_total = current.total(contest.id, code)
    if before_total is None or now_total is None:
        return None
    return compare_rounds(
        before_total.counts,
        now_total.counts,
        previous_eligible=before.eligible[code],
        current_eligible=current.eligible[code],
    )
