"""One readiness summary per reporting unit, and the list of what is missing where.

Issue 4, item 5: "one readiness page per level with what is missing where". A unit's summary
counts what lies at or below it; every count of a unit is the sum of its children's, plus what a
unit itself holds (unassigned boxes). The rules, where the sources are silent:

- Boxes: a station of a fully or semi-electronic constituency (`VotingMode`, seed-facts.md:
  electronic authentication and counting) needs a box assigned to it; a box assigned to a
  station is ready when its update is current and its key is enrolled, for that station, and
  not revoked. A failed or pending update, a box without an enrolled key, and a station without
  a box are each missing.
- Ballot papers (تعرفه) are needed where ballots are on paper (semi-electronic and paper
  stations). A station is short of papers when it has no row in the register, when it received
  fewer than were sent, or when the papers left are fewer than `paper_reserve` (½ by default)
  of its eligible voters who have not voted yet (eligible − used: one paper per voter); the
  last test needs the station's eligible voters, and is skipped where the definition has none.
- Staff: a station is short of trained staff when any role has fewer trained than
  `ReadinessRules.staff` asks: the laws' complement by default (`core.readiness.roster`: a head,
  a secretary, three more members, the governor's representative, and a system user where the
  station authenticates electronically — not at a paper station).
- Stations not open, closed, late: `core.readiness.stations`; a late station is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from fractions import Fraction

from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import VotingMode
from sandogh.core.readiness.registers import (
    Box,
    PaperStock,
    Registers,
    Staffing,
    StaffRole,
    UpdateStatus,
)
from sandogh.core.readiness.remote import PastProblem, RemotePlan
from sandogh.core.readiness.roster import COMPLEMENT
from sandogh.core.readiness.stations import StationState, StationStatus


@dataclass(frozen=True)
class ReadinessRules:
    paper_reserve: Fraction = Fraction(1, 2)
    staff: Mapping[StaffRole, int] = field(default_factory=lambda: COMPLEMENT)


class Gap(StrEnum):
    """A kind of thing missing."""

    UPDATE_FAILED = "update-failed"
    UPDATE_PENDING = "update-pending"
    NOT_ENROLLED = "not-enrolled"  # a box assigned to a station without its key enrolled there
    NO_BOX = "no-box"
    # a box is enrolled for the station, or it is open, yet the fleet register does not list it
    BOX_UNREGISTERED = "box-unregistered"
    NO_PAPERS = "no-papers"  # no row in the papers register
    PAPERS_NOT_RECEIVED = "papers-not-received"  # received < sent
    PAPERS_SHORT = "papers-short"  # left < reserve × voters not yet voted
    STAFF_SHORT = "staff-short"
    LATE_TO_OPEN = "late-to-open"
    LATE_TO_REPORT = "late-to-report"
    UNTRAINED = "untrained"  # a person of the roster who attended no training session
    NO_REMOTE_PLAN = "no-remote-plan"  # a hard-to-reach station without a plan
    LINK_UNTESTED = "link-untested"  # its link to the centre not tested, or failed, before the day


@dataclass(frozen=True)
class Missing:
    """One thing missing: where, what, of which box or role (`subject`), with its figures."""

    place: str
    gap: Gap
    subject: str = ""
    figures: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Summary:
    """The readiness of one unit: counts of what lies at or below it."""

    unit: str
    stations: int = 0
    boxes: int = 0
    boxes_current: int = 0
    boxes_pending: int = 0
    boxes_failed: int = 0
    boxes_unassigned: int = 0
    boxes_not_enrolled: int = 0
    stations_without_box: int = 0
    stations_short_of_papers: int = 0
    stations_short_of_staff: int = 0
    stations_not_open: int = 0
    stations_open: int = 0
    stations_closed: int = 0
    stations_reported: int = 0
    stations_late: int = 0

    def plus(self, other: Summary) -> Summary:
        """This summary with `other`'s counts added (the unit stays this one's)."""
        counts = {f.name: getattr(self, f.name) + getattr(other, f.name) for f in _COUNTS}
        return Summary(self.unit, **counts)


_COUNTS = tuple(f for f in fields(Summary) if f.name != "unit")


@dataclass(frozen=True)
class Readiness:
    """A unit's summary, its children's (one level down), and everything missing below it; the
    hard-to-reach stations below it with their plans, and their problems in earlier elections
    (`core.readiness.remote`)."""

    summary: Summary
    parts: tuple[Summary, ...]
    missing: tuple[Missing, ...]
    hard_to_reach: tuple[str, ...] = ()
    plans: tuple[RemotePlan, ...] = ()
    past: tuple[PastProblem, ...] = ()
    named: int = 0  # people of the rosters below it (`core.readiness.roster`)
    trained: int = 0  # of them, those who attended a training session


def assess(
    geography: Geography,
    registers: Registers,
    unit: str,
    *,
    enrolled: Mapping[str, str],
    statuses: Mapping[str, StationStatus],
    rules: ReadinessRules = ReadinessRules(),
) -> Readiness:
    """The readiness of `unit` (a code of `geography`; `KeyError` if unknown). `enrolled` maps
    each enrolled, unrevoked public key to its station; `statuses` gives each station's status
    (a station without one counts as not open and not late)."""
    stations = geography.stations_under(unit)
    inside = set(stations)
    papers = {p.station: p for p in registers.papers if p.station in inside}
    staff: dict[str, list[Staffing]] = {}
    for row in registers.staff:
        if row.station in inside:
            staff.setdefault(row.station, []).append(row)
    boxed: dict[str, list[Box]] = {}
    held: list[Box] = []
    for box in registers.fleet:
        if box.place == unit or unit in geography.ancestors(box.place):
            if box.place in inside:
                boxed.setdefault(box.place, []).append(box)
            else:
                held.append(box)
    per_unit: dict[str, Summary] = {}
    missing: list[Missing] = []
    boxes_enrolled = set(enrolled.values())
    for station in stations:
        found = _station(
            geography,
            station,
            boxes=boxed.get(station, []),
            papers=papers.get(station),
            staff=staff.get(station, []),
            status=statuses.get(station, StationStatus(StationState.NOT_OPEN)),
            enrolled=enrolled,
            rules=rules,
            box_enrolled=station in boxes_enrolled,
        )
        missing += found[1]
        _add(geography, per_unit, station, found[0])
    for box in held:
        missing += _box_gaps(box, enrolled, assigned=False)
        _add(geography, per_unit, box.place, _box_summary(box, enrolled, assigned=False))
    return Readiness(
        summary=per_unit.get(unit, Summary(unit)),
        parts=tuple(per_unit.get(child, Summary(child)) for child in geography.children(unit)),
        missing=tuple(missing),
    )


def _add(geography: Geography, per_unit: dict[str, Summary], place: str, part: Summary) -> None:
    for code in (place, *geography.ancestors(place)):
        per_unit[code] = per_unit.get(code, Summary(code)).plus(part)


def _box_summary(box: Box, enrolled: Mapping[str, str], *, assigned: bool) -> Summary:
    return Summary(
        "",
        boxes=1,
        boxes_current=int(box.update is UpdateStatus.CURRENT),
        boxes_pending=int(box.update is UpdateStatus.PENDING),
        boxes_failed=int(box.update is UpdateStatus.FAILED),
        boxes_unassigned=int(not assigned),
        boxes_not_enrolled=int(assigned and not _enrolled(box, enrolled)),
    )


def _enrolled(box: Box, enrolled: Mapping[str, str]) -> bool:
    return box.public_key is not None and enrolled.get(box.public_key) == box.place


def _box_gaps(box: Box, enrolled: Mapping[str, str], *, assigned: bool) -> Iterable[Missing]:
    if box.update is UpdateStatus.FAILED:
        yield Missing(box.place, Gap.UPDATE_FAILED, box.serial)
    elif box.update is UpdateStatus.PENDING:
        yield Missing(box.place, Gap.UPDATE_PENDING, box.serial)
    if assigned and not _enrolled(box, enrolled):
        yield Missing(box.place, Gap.NOT_ENROLLED, box.serial)


def _station(
    geography: Geography,
    station: str,
    *,
    boxes: list[Box],
    papers: PaperStock | None,
    staff: list[Staffing],
    status: StationStatus,
    enrolled: Mapping[str, str],
    rules: ReadinessRules,
    box_enrolled: bool,
) -> tuple[Summary, list[Missing]]:
    unit = geography.unit(station)
    mode = unit.station.mode if unit.station is not None else None
    missing: list[Missing] = []
    summary = Summary("", stations=1)
    for box in boxes:
        summary = summary.plus(_box_summary(box, enrolled, assigned=True))
        missing += _box_gaps(box, enrolled, assigned=True)
    # A box enrolled there, or a station already open, has a box: only the register lacks it
    # (issue 13: an open box was called "no box").
    has_box = bool(boxes) or box_enrolled or status.state is not StationState.NOT_OPEN
    if not boxes and mode is not VotingMode.PAPER:
        missing.append(Missing(station, Gap.BOX_UNREGISTERED if has_box else Gap.NO_BOX))
    paper_gaps = _paper_gaps(station, papers, unit.eligible_voters, mode, rules)
    staff_gaps = _staff_gaps(station, staff, mode, rules)
    missing += paper_gaps + staff_gaps
    if status.late:
        late = Gap.LATE_TO_OPEN if status.state is StationState.NOT_OPEN else Gap.LATE_TO_REPORT
        missing.append(Missing(station, late))
    counts = Summary(
        "",
        stations_without_box=int(not has_box and mode is not VotingMode.PAPER),
        stations_short_of_papers=int(bool(paper_gaps)),
        stations_short_of_staff=int(bool(staff_gaps)),
        stations_not_open=int(status.state is StationState.NOT_OPEN),
        stations_open=int(status.state is StationState.OPEN),
        stations_closed=int(status.state is StationState.CLOSED),
        stations_reported=int(status.state is StationState.REPORTED),
        stations_late=int(status.late),
    )
    return summary.plus(counts), missing


def _paper_gaps(
    station: str,
    papers: PaperStock | None,
    eligible: int | None,
    mode: VotingMode | None,
    rules: ReadinessRules,
) -> list[Missing]:
    if papers is None:
        return [] if mode is VotingMode.ELECTRONIC else [Missing(station, Gap.NO_PAPERS)]
    gaps = []
    if papers.received < papers.sent:
        figures = (("sent", papers.sent), ("received", papers.received))
        gaps.append(Missing(station, Gap.PAPERS_NOT_RECEIVED, "", figures))
    if eligible is not None:
        needed = rules.paper_reserve * max(eligible - papers.used, 0)
        if papers.left < needed:
            figures = (("left", papers.left), ("needed", _ceil(needed)))
            gaps.append(Missing(station, Gap.PAPERS_SHORT, "", figures))
    return gaps


def _ceil(share: Fraction) -> int:
    return -(-share.numerator // share.denominator)


def _staff_gaps(
    station: str, staff: list[Staffing], mode: VotingMode | None, rules: ReadinessRules
) -> list[Missing]:
    trained: dict[StaffRole, int] = {}
    for row in staff:
        trained[row.role] = trained.get(row.role, 0) + row.trained
    return [
        Missing(
            station,
            Gap.STAFF_SHORT,
            role.value,
            (("trained", trained.get(role, 0)), ("needed", need)),
        )
        for role, need in rules.staff.items()
        if trained.get(role, 0) < need
        and not (role is StaffRole.SYSTEM_USER and mode is VotingMode.PAPER)
    ]
