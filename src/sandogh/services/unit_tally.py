"""One unit's results read from the running totals (issue 14): its row and its children's.

`services.results.tally` adds up every stored sheet, which takes seconds at national scale; a
reader of one unit (`sandogh results show`, the console's results) needs only the unit and the
units just below it. Their totals are read from `services.totals`'s rows (a unit above the
stations) or from the station's sheet with the voids applied (a station); what each void took is
found from the sheets it touches alone; a certified hand-count correction is applied as the
full tally applies it, from the corrected constituency's kept total. The `Tallied` given holds
those units only (and the corrected constituencies), and of one contest when one is asked (a
nation's rows of every contest are thousands of candidates): its totals are the full tally's for
them. Every decision the results are read with is checked against the log on every read, all of
them with one read of the entries they name (`recorded_decisions`), whichever contest is asked.

Before any correction is applied, the read checks what it has read anyway (finding N2): the kept
figures of the unit read, per contest, must be the sum of its children's — a station's from its
signed sheet with the voids applied, a unit's from its kept row. A change of the unit's row, or
of a child's row alone, is refused (`TotalsDisagreeError`) rather than shown. In a certified
result, what it reads is held to the certification (`services.certified_inputs`: the tree its
log entry anchors), so a consistent change there is refused too. What only `sandogh results
check-totals` (`services.totals.check_totals`, every sheet added again) finds in a result not
certified: a change made consistently to a unit's row and every row above and below it, one of a
constituency's row (read only where a correction replaces it), and any change in a unit not read.

A unit with more units just below it than a page (`PAGE_SIZE`; a city of 3,508 stations) is read
a page of them at a time (`page`): its own kept total and the page's. Not certified, its total is
then not held to the sum, which is over every unit below it; certified, the tree holds the page's
stations from their sheets, the unit from its total and its children's nodes (those not on the
page as stored) and the path above it, as for a whole read (docs/formats.md, "What a paged read
checks").
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from sandogh.core.counting.aggregate import Aggregate, Total
from sandogh.core.counting.running import ZERO, Place, Running, Scope, differences, summed
from sandogh.core.counting.tally import Counts, TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Contest, Election, ReportingUnit, UnitKind
from sandogh.core.errors import SandoghError
from sandogh.core.supervision import (
    HandCountCorrection,
    Void,
    correct_totals,
    void_stations,
)
from sandogh.core.supervision.totals_tree import PAGE_SIZE as TREE_PAGE_SIZE
from sandogh.locale.definition_names import named_place
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in
from sandogh.locale.totals_check import CATALOGUE, unit_contest_words
from sandogh.services.certified_inputs import check_unit_read, in_force, touched
from sandogh.services.days import day_of
from sandogh.services.elections import resolve_election_id
from sandogh.services.errors import UnknownUnitError
from sandogh.services.ports import StoredElection, UnitOfWork
from sandogh.services.recorded_decisions import recorded_decisions
from sandogh.services.running_trees import hold_read
from sandogh.services.tallied import Tallied
from sandogh.services.totals import applied, ensure_trees

#: the units just below a unit a paged read shows: a city's 3,508 stations are 36 pages, the
#: pages of its totals tree's `below` (`core.supervision.totals_tree`)
PAGE_SIZE = TREE_PAGE_SIZE


def tally_unit(
    work: UnitOfWork,
    election_id: str | None,
    code: str | None = None,
    contest: str | None = None,
    *,
    page: int | None = None,
    page_size: int = PAGE_SIZE,
) -> Tallied:
    """The results of `code` (the root when None) and of the units just below it (of page
    `page` of them alone when given: `units_page`), as `services.results.tally` has them, read
    from the running totals: of `contest` alone when named (its totals hold no other), of every
    contest when None."""
    day = day_of(work, resolve_election_id(work, election_id))
    geography, election = day.geography, day.election.id
    roots, counted = ensure_trees(work, day)
    if counted:
        work.commit()  # counted once, for every reader after
    code = geography.top_down[0] if code is None else code
    if code not in geography:
        raise UnknownUnitError(election, code)
    contests = None if contest is None else (contest,)
    below = geography.children(code)
    shown = below if page is None else units_page(geography, code, page, page_size).codes
    codes = (code, *shown)
    recorded = recorded_decisions(work, election)
    voids = [record.void for record in recorded.voids]
    stations = {c for c in codes if geography.kind(c) is UnitKind.STATION}
    # of the contest asked alone: a city's 3,508 stations are 14,000 sheets of every contest
    read = tuple(
        work.tallies.of_stations(election, stations | _touched(geography, voids), contests)
    )
    sheets, effects = applied(day, read, voids)
    corrections = tuple(recorded.corrections)
    inner = [c for c in codes if c not in stations]
    kept = work.totals.read(election, Scope.UNIT, inner, contests) if inner else {}
    of = [c for c in day.election.contests if contest is None or c.id == contest]
    # a certified result as certified (the outsider's F2 of session 24)
    check_unit_read(
        work, day, recorded, contests=[c.id for c in of], codes=codes, kept=kept, sheets=read
    )
    read_sheets = [
        s for s in sheets if s.station in stations and (contest is None or s.contest == contest)
    ]
    if len(shown) == len(below):  # over every unit below it: a paged read does not add them
        _check_sums(day.election, geography, code, kept, read_sheets, contests=of)
    # a result not certified: the rows read lead to the root the log last recorded (the
    # outsider's F2 of session 26; a certified one's lead to its certification's, above)
    covered = {
        r.certification.contest
        for r in in_force(recorded)
        if touched(geography, r.certification, codes)
    }
    hold_read(
        work,
        day,
        roots,
        contests=[c.id for c in of if c.id not in covered],
        codes=codes,
        kept=kept,
        sheets=read,
    )
    corrected = tuple(c for c in corrections if contest is None or c.contest == contest)
    kept_corrected = work.totals.read(
        election, Scope.CONSTITUENCY, {c.constituency for c in corrected}, contests
    )
    found = _aggregate(geography, inner, kept, stations, read_sheets, contests=of)
    totals = correct_totals(
        geography, _with(geography, found, corrected, kept_corrected), corrected
    )
    certified = recorded.certifications
    return Tallied(
        StoredElection(day.election, day.definition_hash),
        geography,
        totals,
        day.eligible,
        effects,
        tuple(r.certification for r in certified if r.undone is None),
        corrections,
        tuple(recorded.lots),
        tuple(recorded.withdrawals),
        tuple(record.at for record in recorded.voids),
        tuple(r.undone for r in certified if r.undone is not None),
        day.seat_bounds,
    )


@dataclass(frozen=True)
class UnitsPage:
    """Page `number` of `pages` of the `below` units just below a unit, in the geography's
    order: `codes`, at most `size` of them."""

    number: int
    pages: int
    below: int
    size: int
    codes: tuple[str, ...]


def units_page(geography: Geography, code: str, number: int, size: int = PAGE_SIZE) -> UnitsPage:
    """Page `number` (from 1) of the units just below `code`, `size` to a page; a page past
    the last is refused."""
    below = geography.children(code)
    pages = max(1, -(-len(below) // size))
    if not 1 <= number <= pages:
        raise PageNotFoundError(geography.unit(code), number, pages)
    start = (number - 1) * size
    return UnitsPage(number, pages, len(below), size, tuple(below[start : start + size]))


class PageNotFoundError(SandoghError):
    """A page of the units below a unit that it does not have; said in Persian (`fa`) and
    English (`en`), naming the unit and its last page."""

    def __init__(self, unit: ReportingUnit, number: int, pages: int) -> None:
        self.unit, self.number, self.pages = unit.code, number, pages

        def said(lang: Lang) -> str:
            name = named_place(unit.kind, unit.name.fa if lang == "fa" else unit.name.en, lang)
            where = name if lang == "fa" else f"{name} ({unit.code})"
            return text_in(CATALOGUE, "page_past_end", lang, unit=where, page=number, last=pages)

        self.fa, self.en = said("fa"), said("en")
        super().__init__(self.en)


class TotalsDisagreeError(SandoghError):
    """A unit's kept total of a contest is not the sum of its children's: the store was changed
    outside sandogh; said in Persian (`fa`) and English (`en`), naming the unit and contest."""

    def __init__(self, election: Election, contest: str, unit: ReportingUnit) -> None:
        self.contest, self.unit = contest, unit.code
        self.fa, self.en = unit_contest_words("totals_read_differ", election, contest, unit)
        super().__init__(self.en)


def _check_sums(
    election: Election,
    geography: Geography,
    code: str,
    kept: Mapping[Place, Running],
    sheets: Collection[TallySheet],
    *,
    contests: Collection[Contest],
) -> None:
    """Refuse when the kept totals of `code` (above the stations) are not, contest by contest
    (of `contests`, those read), the sum of its children's: inner children's kept rows and
    stations' voided `sheets`."""
    if geography.kind(code) is UnitKind.STATION:
        return  # a station's figures are its sheet
    counted = {(s.contest, s.station): Running(s.counts, 1) for s in sheets}
    children = [
        (child, geography.kind(child) is UnitKind.STATION) for child in geography.children(code)
    ]
    for contest in contests:
        place = Place(contest.id, Scope.UNIT, code)
        added = summed(
            counted.get((contest.id, child), ZERO)
            if station
            else kept.get(Place(contest.id, Scope.UNIT, child), ZERO)
            for child, station in children
        )
        if differences({place: added}, {place: kept.get(place, ZERO)}):
            raise TotalsDisagreeError(election, contest.id, geography.unit(code))


def _touched(geography: Geography, voids: Collection[Void]) -> set[str]:
    return {station for void in voids for station in void_stations(geography, void)}


def _aggregate(
    geography: Geography,
    inner: Collection[str],
    kept: Mapping[Place, Running],
    stations: Collection[str],
    sheets: Collection[TallySheet],
    *,
    contests: Collection[Contest],
) -> Aggregate:
    """The totals of the units `inner` (above the stations), kept, and of `stations`, each its
    sheet with the voids applied (`sheets`) where it reported; of `contests` alone."""
    units: dict[str, dict[str, Total]] = {}
    for contest in contests:
        of_contest = units[contest.id] = {}
        for code in inner:
            expected = geography.stations_in(contest.id, code)
            running = kept.get(Place(contest.id, Scope.UNIT, code))
            if running is not None:
                of_contest[code] = running.total(expected)
            elif expected:
                of_contest[code] = Total(Counts(), 0, expected)
    for sheet in sheets:
        units[sheet.contest][sheet.station] = Total(sheet.counts, 1, 1)
    for contest in contests:
        of_contest, member = units[contest.id], geography.constituency_map(contest.id)
        for station in stations:
            if station in member and station not in of_contest:
                of_contest[station] = Total(Counts(), 0, 1)  # not reported
    return Aggregate(
        units=MappingProxyType({k: MappingProxyType(v) for k, v in units.items()}),
        constituencies=MappingProxyType({}),
    )


def _with(
    geography: Geography,
    read: Aggregate,
    corrections: tuple[HandCountCorrection, ...],
    kept: Mapping[Place, Running],
) -> Aggregate:
    """`read` with the kept (voided, uncorrected) totals of the corrected constituencies, which
    a correction replaces in every unit that holds them whole."""
    constituencies: dict[str, dict[str, Total]] = {}
    for c in corrections:
        parts = geography.constituency_parts(c.contest, c.constituency)
        expected = sum(geography.stations_in(c.contest, part) for part in parts)
        running = kept.get(Place(c.contest, Scope.CONSTITUENCY, c.constituency), Running())
        constituencies.setdefault(c.contest, {})[c.constituency] = running.total(expected)
    return Aggregate(
        units=read.units,
        constituencies=MappingProxyType(
            {k: MappingProxyType(v) for k, v in constituencies.items()}
        ),
    )
