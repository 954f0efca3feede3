"""The contests' running totals trees, kept with the kept totals and held to the roots the log
last recorded (the session-26 outsider's F2; docs/formats.md, "An uncertified round's totals
tree").

Every entry that changes the kept totals (a report's `report-accepted`, a void's, an import's,
a recount's `totals-recounted`) records the root of every contest's tree (`totals_roots`), and a
zero report's entry those of the entry before it: so the roots the log last recorded are the
election's newest entry of those types, found from the log's end (`logged_roots`). A change
holds what it reads before it writes to them (`hold_trees`: each station's path, or a contest's
whole tree above `BULK` stations), then makes the paths again with what it changed and keeps
them (`remake_trees`); the read holds its path the same way (`services.unit_tally`). Without
the hold, kept totals rewritten consistently by SQL, or a store rolled back whole to an older
consistent state, would be taken into the next root and so logged.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from sandogh.core.counting.running import Place, Running, Scope
from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.model import Election, ReportingUnit, UnitKind
from sandogh.core.errors import SandoghError
from sandogh.core.log import EventType
from sandogh.core.supervision.recorded import VOIDED
from sandogh.core.supervision.running_tree import (
    KeptNode,
    path_codes,
    path_tree,
    read_codes,
    read_root,
    whole_tree,
)
from sandogh.core.supervision.totals_tree import station_node, tree_root, unit_node
from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in
from sandogh.locale.totals_check import CATALOGUE, unit_contest_words
from sandogh.services.days import Day
from sandogh.services.elections import root_of
from sandogh.services.ports import UnitOfWork

#: the entries that record every contest's root
ROOT_TYPES: tuple[EventType, ...] = (
    EventType.REPORT_ACCEPTED,
    *VOIDED.values(),
    EventType.RESULTS_IMPORTED,
    EventType.TOTALS_RECOUNTED,
)

#: Above this many stations of a contest, a change makes its whole tree (before and after)
#: rather than each station's path.
BULK = 200

Roots = dict[str, str]
"""A root of each contest's running tree, by contest."""


class TotalsNotLoggedError(SandoghError):
    """The kept totals read (and the tree's rows beside them) do not lead to the root the log
    last recorded for the contest: the store was changed outside sandogh or rolled back. Said in
    Persian (`fa`) and English (`en`), naming the unit and the contest."""

    def __init__(self, election: Election, contest: str, unit: ReportingUnit) -> None:
        self.contest, self.unit = contest, unit.code
        self.fa, self.en = unit_contest_words("totals_not_logged", election, contest, unit)
        super().__init__(self.en)


class RootsNotRecordedError(TotalsNotLoggedError):
    """The log's newest entry changing the kept totals records no roots, after entries that
    did (`roots_not_recorded`: appended outside sandogh), or a full count of the stored sheets
    under the same definition does not give the roots it records (`recount_differs`: the sheets
    changed outside sandogh). Said in Persian (`fa`) and English (`en`), naming the entry."""

    def __init__(
        self, election: Election, sequence: int, reason: str = "roots_not_recorded"
    ) -> None:
        self.contest, self.unit, self.sequence = "", root_of(election), sequence

        def said(lang: Lang) -> str:
            return text_in(
                CATALOGUE,
                reason,
                lang,
                election=election.name.fa if lang == "fa" else election.name.en,
                sequence=format_int(sequence, lang),
            )

        self.fa, self.en = said("fa"), said("en")
        SandoghError.__init__(self, self.en)


def empty_roots(day: Day) -> Roots:
    """Every contest's root where nothing is kept (a loaded election)."""
    top = day.geography.top_down[0]
    return {
        c.id: tree_root(day.geography, c.id, None, [(top, None)]) for c in day.election.contests
    }


def logged_roots(work: UnitOfWork, day: Day) -> Roots | None:
    """The roots the log last recorded: the newest root-recording entry's; the empty trees'
    where no entry of those types is logged; None where none records any (logged before
    revision 0027: the trees are to be made whole once, `services.totals.ensure_trees`).
    `RootsNotRecordedError` where the newest records none after one that did: since revision
    0027 every such entry records them, so it was appended outside sandogh, and making the
    trees again from the store would log whatever the store was made to hold (the session-29
    outsider's A1)."""
    entry = work.events.last_of_types(ROOT_TYPES, day.election.id)
    if entry is None:
        return empty_roots(day)
    recorded = entry.event.details.get("totals_roots")
    if isinstance(recorded, Mapping):
        return {contest: root for contest, root in recorded.items() if isinstance(root, str)}
    # rare: a store of before revision 0027, once; read whole
    if any(
        "totals_roots" in e.event.details for e in work.events.of_types(ROOT_TYPES, day.election.id)
    ):
        raise RootsNotRecordedError(day.election, entry.sequence)
    return None


def hold_read(
    work: UnitOfWork,
    day: Day,
    roots: Roots,
    *,
    contests: Collection[str],
    codes: Sequence[str],
    kept: Mapping[Place, Running],
    sheets: Collection[TallySheet],
) -> None:
    """Refuse (`TotalsNotLoggedError`, naming the unit read) a unit's read of `contests`
    (`codes`: the unit, then those just below it shown; `kept` their totals above the stations,
    `sheets` the stations' as reported) unless what it shows leads, with the stored rows beside
    it, to each contest's root the log last recorded (`roots`;
    `core.supervision.running_tree.read_root`): a station's node from its sheet, a unit's from
    its kept total and the hash of what is below it kept beside its node, the read unit's from
    those, its row's other pages and its kept total, the path above from the kept totals and the
    rows of its pages."""
    if not contests:
        return  # every contest read is certified: held to its certification
    geography, election = day.geography, day.election.id
    unit, shown = codes[0], codes[1:]
    is_station = geography.kind(unit) is UnitKind.STATION
    above = geography.ancestors(unit)
    kept_above = work.totals.read(election, Scope.UNIT, above, list(contests)) if above else {}
    for contest in contests:
        rows = work.trees.rows(election, contest, read_codes(geography, unit, shown))
        sheet = {s.station: s for s in sheets if s.contest == contest}

        def total(code: str, contest: str = contest) -> Running | None:
            place = Place(contest, Scope.UNIT, code)
            return kept.get(place) or kept_above.get(place)

        made: dict[str, str | None] = {}
        for code in (unit,) if is_station else shown:
            if geography.kind(code) is UnitKind.STATION:
                made[code] = station_node(code, sheet.get(code))
            elif code in rows or total(code) is not None:
                below = rows[code].below if code in rows else None
                # its total checked here; what is below it, by the hash kept beside its node
                made[code] = unit_node(code, total(code), below or "")
            else:
                made[code] = None
        totals = {code: total(code) for code in (unit, *above)}
        root = read_root(geography, contest, unit, made=made, kept=totals, stored=rows)
        if root != roots.get(contest):
            raise TotalsNotLoggedError(day.election, contest, geography.unit(unit))


def remake_whole(work: UnitOfWork, day: Day, contests: Iterable[str]) -> Roots:
    """Make `contests`' trees whole from the kept totals and the stored sheets and keep them
    (a recount, a bulk import's after); their roots."""
    made: Roots = {}
    for contest, (root, rows) in _wholes(work, day, contests).items():
        work.trees.keep(day.election.id, contest, rows)
        made[contest] = root
    return made


def stations_of(sheets: Iterable[TallySheet]) -> dict[str, set[str]]:
    """The stations of `sheets`, by contest: what a change of them touches."""
    touched: dict[str, set[str]] = {}
    for sheet in sheets:
        touched.setdefault(sheet.contest, set()).add(sheet.station)
    return touched


@dataclass(frozen=True)
class Held:
    """A change held to `roots`, the roots the log last recorded: the stations it touches in
    each contest whose paths are made one by one, with the rows those paths read (unchanged by
    the change: read once), and the contests whose trees are made whole."""

    roots: Roots
    paths: Mapping[str, tuple[frozenset[str], Mapping[str, KeptNode]]]
    whole: frozenset[str]


def hold_trees(
    work: UnitOfWork, day: Day, touched: Mapping[str, Collection[str]], roots: Roots
) -> Held:
    """Refuse (`TotalsNotLoggedError`) unless what the store holds before a change touching
    `touched` (stations by contest) leads to `roots`, the roots the log last recorded: each
    station's path, or the contest's whole tree above `BULK` stations."""
    geography, election = day.geography, day.election.id
    stations = {contest: frozenset(codes) for contest, codes in touched.items() if codes}
    whole = frozenset(contest for contest, codes in stations.items() if len(codes) > BULK)
    for contest, (root, _) in _wholes(work, day, whole).items():
        if root != roots.get(contest):
            raise TotalsNotLoggedError(day.election, contest, _top(day))
    paths = {contest: codes for contest, codes in stations.items() if contest not in whole}
    kept, nodes = _read(work, day, paths)
    rows: dict[str, Mapping[str, KeptNode]] = {}
    for contest, codes in paths.items():
        wanted = set().union(*(path_codes(geography, station) for station in codes))
        rows[contest] = work.trees.rows(election, contest, wanted)
        for station in sorted(codes):
            node = nodes.get((contest, station))
            root, _ = path_tree(
                geography, contest, station, node, kept=kept.get(contest, {}), stored=rows[contest]
            )
            if root != roots.get(contest):
                raise TotalsNotLoggedError(day.election, contest, geography.unit(station))
    return Held(roots, {c: (codes, rows[c]) for c, codes in paths.items()}, whole)


def remake_trees(work: UnitOfWork, day: Day, change: Held) -> Roots:
    """After the change `change` held: each touched station's path made again with the kept
    totals and sheets now stored, and kept; every contest's root (those untouched as logged)."""
    roots = dict(change.roots) | remake_whole(work, day, sorted(change.whole))
    kept, nodes = _read(work, day, {c: codes for c, (codes, _) in change.paths.items()})
    for contest, (codes, stored) in change.paths.items():
        rows = dict(stored)
        made: dict[str, KeptNode | None] = {}
        for station in sorted(codes):
            # each path over the rows the paths before it made: a unit on several paths is
            # made last with every child final
            roots[contest], path = path_tree(
                day.geography,
                contest,
                station,
                nodes.get((contest, station)),
                kept=kept.get(contest, {}),
                stored=rows,
            )
            made |= path
            for code, row in path.items():
                if row is None:
                    rows.pop(code, None)
                else:
                    rows[code] = row
        work.trees.keep(day.election.id, contest, made)
    return roots


def _read(
    work: UnitOfWork, day: Day, paths: Mapping[str, frozenset[str]]
) -> tuple[dict[str, dict[str, Running | None]], dict[tuple[str, str], str | None]]:
    """What the paths of `paths` (stations by contest) are made from besides the tree's rows,
    as stored now, read once for every contest: the kept totals of the units above them (by
    contest, then code) and the stations' nodes (by contest and station)."""
    if not paths:
        return {}, {}
    geography, election = day.geography, day.election.id
    stations: set[str] = set().union(*paths.values())
    above = {unit for station in stations for unit in geography.ancestors(station)}
    kept: dict[str, dict[str, Running | None]] = {}
    for place, running in work.totals.read(election, Scope.UNIT, above, list(paths)).items():
        kept.setdefault(place.contest, {})[place.code] = running
    nodes = {
        (sheet.contest, sheet.station): station_node(sheet.station, sheet)
        for sheet in work.tallies.of_stations(election, stations, list(paths))
        if sheet.station in paths.get(sheet.contest, ())
    }
    return kept, nodes


def _wholes(
    work: UnitOfWork, day: Day, contests: Iterable[str]
) -> dict[str, tuple[str, dict[str, KeptNode | None]]]:
    """Each of `contests`' trees made whole from what is stored, read once for them all."""
    if not set(contests):
        return {}
    election = day.election.id
    return whole_trees(
        day, contests, kept=work.totals.all(election), sheets=work.tallies.all(election)
    )


def whole_trees(
    day: Day,
    contests: Iterable[str],
    *,
    kept: Mapping[Place, Running],
    sheets: Iterable[TallySheet],
) -> dict[str, tuple[str, dict[str, KeptNode | None]]]:
    """Each of `contests`' trees made whole (`whole_tree`) from the election's kept totals
    `kept` and its stored sheets `sheets` (as reported): its root and every row."""
    wanted = sorted(set(contests))
    units: dict[str, dict[str, Running]] = {contest: {} for contest in wanted}
    for place, running in kept.items():
        if place.scope is Scope.UNIT and place.contest in units:
            units[place.contest][place.code] = running
    stations: dict[str, dict[str, TallySheet]] = {contest: {} for contest in wanted}
    for sheet in sheets:
        if sheet.contest in stations:
            stations[sheet.contest][sheet.station] = sheet
    return {
        contest: whole_tree(day.geography, contest, kept=units[contest], sheets=stations[contest])
        for contest in wanted
    }


def _top(day: Day) -> ReportingUnit:
    return day.geography.unit(day.geography.top_down[0])
