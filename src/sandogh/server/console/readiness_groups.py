"""What is missing, grouped for a person to act on (issue 13: a province's 12,000 shortfalls in
one list drowned the few that stop a station from opening).

Kinds come in the order of what stops a station first, as election operations rank them: a
station late, without a box or a working one, before one short of papers, before one short of
trained staff, before what only the registers lack. Within a kind, places come worst first: most
gaps there, then the largest shortfall (needed less held); each kind shows its first `SHOWN`
places, and the CSV registers hold every row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sandogh.core.readiness import Gap, Missing

#: Places a kind lists on the page; the rest are counted, and downloadable.
SHOWN = 100

SEVERITY = (
    Gap.LATE_TO_OPEN,
    Gap.LATE_TO_REPORT,
    Gap.NO_BOX,
    Gap.UPDATE_FAILED,
    Gap.NOT_ENROLLED,
    Gap.PAPERS_NOT_RECEIVED,
    Gap.NO_PAPERS,
    Gap.PAPERS_SHORT,
    Gap.STAFF_SHORT,
    Gap.NO_REMOTE_PLAN,
    Gap.LINK_UNTESTED,
    Gap.UPDATE_PENDING,
    Gap.BOX_UNREGISTERED,
    Gap.UNTRAINED,
)


@dataclass(frozen=True)
class Place:
    """One place's gaps of one kind."""

    code: str
    gaps: tuple[Missing, ...]
    shortfall: int


@dataclass(frozen=True)
class Group:
    """Every gap of one kind: how many, at how many places, the worst places first."""

    gap: Gap
    count: int
    places: tuple[Place, ...]

    @property
    def shown(self) -> tuple[Place, ...]:
        return self.places[:SHOWN]


def grouped(missing: Iterable[Missing]) -> list[Group]:
    """`missing` by kind, the kinds that stop a station first."""
    by_kind: dict[Gap, dict[str, list[Missing]]] = {}
    for m in missing:
        by_kind.setdefault(m.gap, {}).setdefault(m.place, []).append(m)
    groups = []
    for gap in sorted(by_kind, key=_rank):
        places = [
            Place(code, tuple(gaps), sum(_shortfall(g) for g in gaps))
            for code, gaps in by_kind[gap].items()
        ]
        places.sort(key=lambda p: (-len(p.gaps), -p.shortfall, p.code))
        groups.append(Group(gap, sum(len(p.gaps) for p in places), tuple(places)))
    return groups


def _rank(gap: Gap) -> int:
    return SEVERITY.index(gap) if gap in SEVERITY else len(SEVERITY)


def _shortfall(missing: Missing) -> int:
    figures = dict(missing.figures)
    wanted = figures.get("needed", figures.get("sent", 0))
    held = figures.get("left", figures.get("trained", figures.get("received", 0)))
    return max(wanted - held, 0)
