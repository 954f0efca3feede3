"""A certified result read as it was certified (the outsider's F2 of session 24).

A certification keeps the digest of its inputs (`core.supervision.certification.input_digest`):
the stored sheets of its scope, the voids touching it, its certified hand-count corrections, its
lots and withdrawals. A station's sheet and the kept totals of every unit above it rewritten
consistently by hand were shown certified and reconciling: the digest was held to the log, never
recomputed. Every reader that adds up every sheet anyway (`services.results.tally`, and so the
outcomes, statements and the publisher; `sandogh results check-totals`) recomputes it here from
what it read, and refuses (`CertifiedResultChangedError`) when it differs. A unit's read
(`services.unit_tally`) checks the rows it reads against the tree its certification's entry
anchors (`services.certified_tree`); a certification made before the tree recomputes the digest
here, from its scope's sheets alone.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from sandogh.core.counting.running import ZERO, Place, Running, Scope, differences, summed
from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election, UnitKind
from sandogh.core.errors import SandoghError
from sandogh.core.supervision import Certification, apply_voids, input_digest, scope_units
from sandogh.core.supervision.totals_tree import TOTALS_FORMAT
from sandogh.locale.certification_words import refusal_words
from sandogh.services.certified_tree import scope_tree, tree_holds
from sandogh.services.days import Day
from sandogh.services.ports import CertificationRecord, UnitOfWork
from sandogh.services.recorded_decisions import Recorded


class CertifiedResultChangedError(SandoghError):
    """What a certification in force holds is not what the store holds: the store was changed
    outside sandogh; said in Persian (`fa`) and English (`en`), naming the contest and scope and
    the log entry of the certification."""

    def __init__(self, election: Election, record: CertificationRecord) -> None:
        c = record.certification
        self.certification, self.number = c, record.id
        self.entry = None if record.logged is None else record.logged.sequence
        self.fa, self.en = refusal_words(
            "changed", election, c.contest, c.constituency, entry=self.entry or 0
        )
        super().__init__(self.en)


def in_force(recorded: Recorded) -> list[CertificationRecord]:
    return [r for r in recorded.certifications if r.undone is None]


def digest_of(
    day: Day, certification: Certification, sheets: Iterable[TallySheet], recorded: Recorded
) -> str:
    """The digest of what the store holds now for `certification`'s scope: `sheets` as
    reported (any of the election's; those outside the scope are left out)."""
    return input_digest(
        day.geography,
        day.definition_hash,
        certification.contest,
        certification.constituency,
        sheets=sheets,
        voids=[r.void for r in recorded.voids],
        corrections=recorded.corrections,
        lots=recorded.lots,
        withdrawals=recorded.withdrawals,
    )


def check_certified(
    day: Day, recorded: Recorded, sheets: Iterable[TallySheet], *, contests: Iterable[str] | None
) -> None:
    """Refuse unless every certification in force (of `contests`, every one when None) holds
    the digest of `sheets` (as reported: every stored sheet of its scope) and the decisions."""
    wanted = None if contests is None else set(contests)
    held = [r for r in in_force(recorded) if wanted is None or r.certification.contest in wanted]
    if not held:
        return
    # each certification given its own sheets: a national tally's 235,000 sheets held to each
    # of 208 parliament constituencies' scopes would be 50 million tests
    grouped: dict[tuple[str, str | None], list[TallySheet]] = {}
    scoped = {c.contest for r in held if (c := r.certification).constituency is not None}
    for sheet in sheets:
        grouped.setdefault((sheet.contest, None), []).append(sheet)
        if sheet.contest in scoped:
            where = day.geography.constituency_map(sheet.contest).get(sheet.station)
            if where is not None:
                grouped.setdefault((sheet.contest, where), []).append(sheet)
    for record in held:
        c = record.certification
        of = grouped.get((c.contest, c.constituency), [])
        if digest_of(day, c, of, recorded) != c.digest:
            raise CertifiedResultChangedError(day.election, record)


def check_certified_totals(
    work: UnitOfWork, day: Day, recorded: Recorded, sheets: Iterable[TallySheet]
) -> None:
    """Refuse unless every certification in force whose entry anchors a tree leads there from
    the kept totals of its scope as the store holds them now and its stations' stored nodes
    (`sheets`, every stored sheet as reported, held to its digest by `check_certified` first;
    a station's node missing is made from its sheet): a reader of every sheet
    (`services.results.tally`: the outcome, the publisher) shows a result «certified», and the
    certification holds its kept totals too (the session-26 outsider's F7: `outcome` said
    "Certified by …" over rewritten totals)."""
    held = [(r, logged) for r in in_force(recorded) if (logged := _logged_root(recorded, r))]
    if not held:
        return
    by_contest: dict[str, dict[str, TallySheet]] = {}
    wanted = {r.certification.contest for r, _ in held}
    for sheet in sheets:
        if sheet.contest in wanted:
            by_contest.setdefault(sheet.contest, {})[sheet.station] = sheet
    for record, (root, paged) in held:
        c = record.certification
        of = by_contest.get(c.contest, {})
        # the sheets are held to the digest just before (`check_certified`): the stations'
        # stored nodes, then, lead to the root only if they are those made from them
        made, _ = scope_tree(
            work, day.geography, c.contest, c.constituency, of, stored_stations=True, paged=paged
        )
        if made != root:
            raise CertifiedResultChangedError(day.election, record)


def _logged_root(recorded: Recorded, record: CertificationRecord) -> tuple[str, bool] | None:
    """The root of the totals tree `record`'s log entry anchors and whether its `below` is
    paged (`core.supervision.totals_tree`: an entry naming no `totals_format` was made with
    format 1's flat one); None: made before the tree, or in a format this code does not know
    (its figures are then held to its digest, which every format records)."""
    entry = None if record.logged is None else recorded.entries.get(record.logged.sequence)
    details = {} if entry is None else entry.event.details
    root, form = details.get("totals_root"), details.get("totals_format", 1)
    if not isinstance(root, str) or form not in (1, TOTALS_FORMAT):
        return None
    return root, form == TOTALS_FORMAT


def scope_stations(geography: Geography, certification: Certification) -> set[str]:
    """The stations whose sheets a certification's digest covers."""
    c = certification
    return {
        station
        for part in scope_units(geography, c.contest, c.constituency)
        for station in geography.stations_under(part)
    }


def touched(geography: Geography, certification: Certification, codes: Iterable[str]) -> list[str]:
    """Those of `codes` that lie wholly in `certification`'s scope: the units of a read whose
    figures it certified."""
    c = certification
    member = geography.constituency_map(c.contest)
    return [code for code in codes if code in member and c.constituency in (None, member[code])]


def check_unit_read(
    work: UnitOfWork,
    day: Day,
    recorded: Recorded,
    *,
    contests: Collection[str],
    codes: Sequence[str],
    kept: Mapping[Place, Running],
    sheets: Collection[TallySheet],
) -> None:
    """Refuse a unit's read (`codes`: the unit, then those just below it, of `contests`; `kept`
    their totals above the stations, `sheets` the stations' as reported) when a certification
    in force over any of them no longer holds. Its tree's root in its log entry: the rows read
    lead to it (`services.certified_tree`). A certification made before the tree: its scope's
    stored sheets are those of its digest and the kept total of each unit read is their sum."""
    geography = day.geography
    for record in in_force(recorded):
        c = record.certification
        if c.contest not in contests:
            continue
        inside = touched(geography, c, codes)
        if not inside:
            continue
        logged = _logged_root(recorded, record)
        if logged is not None:
            root, paged = logged
            held = tree_holds(
                work,
                geography,
                c,
                root,
                codes=codes,
                inside=inside,
                kept=kept,
                sheets=sheets,
                paged=paged,
            )
        else:
            held = _digest_holds(work, day, recorded, c, inside=inside, kept=kept)
        if not held:
            raise CertifiedResultChangedError(day.election, record)


def _digest_holds(
    work: UnitOfWork,
    day: Day,
    recorded: Recorded,
    c: Certification,
    *,
    inside: Collection[str],
    kept: Mapping[Place, Running],
) -> bool:
    """Whether the scope's stored sheets are those of `c`'s digest and the kept totals read
    (`inside` the scope) their sums, the voids applied: a full read of the scope."""
    geography = day.geography
    sheets = [
        s
        for s in work.tallies.of_stations(day.election.id, scope_stations(geography, c))
        if s.contest == c.contest
    ]
    if digest_of(day, c, sheets, recorded) != c.digest:
        return False
    voids = [r.void for r in recorded.voids]
    counted = apply_voids(geography, sheets, voids)[0] if voids else sheets
    by_station = {s.station: Running(s.counts, 1) for s in counted}
    for code in inside:
        place = Place(c.contest, Scope.UNIT, code)
        if geography.kind(code) is UnitKind.STATION:
            continue  # a station's figures are its sheet, in the digest
        added = summed(by_station.get(s, ZERO) for s in geography.stations_under(code))
        if differences({place: added}, {place: kept.get(place, ZERO)}):
            return False
    return True
