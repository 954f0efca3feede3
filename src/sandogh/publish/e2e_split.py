"""How much of each contest's total is end-to-end verifiable, and how much rests on signed paper
sheets: `verify-results`' account of a mixed-mode election (docs/e2e.md, "Mixed-mode
elections").

An electronic station's final report commits to its box's chain (`e2e`): `verify-election`
holds its sheet to the station's decrypted homomorphic tally (V15, V18), so those figures are
verified end to end. A semi-electronic or paper station's ballots are marked on paper and counted
by hand; its sheet, agreed by blind double entry and signed by its box and staff, is what the
results add beside the E2E tally, and only the signatures and the audit's hand counts stand
behind it. The two parts are summed here from the same signed sheets `verify-results` re-adds,
before `supervision.json`'s voids and hand-count corrections, which it checks apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sandogh.core.counting.tally import TallySheet


@dataclass(frozen=True)
class Part:
    """The stations of one part, and the sum of their sheets' ballots cast and votes."""

    stations: int = 0
    cast: int = 0
    votes: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ContestSplit:
    contest: str
    e2e: Part  # the sheets of final reports that commit to their box's E2E chain
    paper: Part  # the signed paper sheets

    @property
    def cast(self) -> int:
        return self.e2e.cast + self.paper.cast


def e2e_split(
    sheets: Mapping[str, Iterable[TallySheet]], committed: Iterable[str]
) -> tuple[ContestSplit, ...]:
    """Each contest's split, in the order first met, of the final reports' `sheets` by station,
    `committed` being the stations whose final report commits to an E2E chain; none when no
    report does (the election has no E2E part, and nothing to split)."""
    e2e = set(committed)
    if not e2e & sheets.keys():
        return ()
    parts: dict[str, dict[bool, tuple[int, int, dict[str, int]]]] = {}
    for station, each in sheets.items():
        for sheet in each:
            by_part = parts.setdefault(sheet.contest, {})
            stations, cast, votes = by_part.get(station in e2e, (0, 0, {}))
            added = dict(votes)
            for candidate, n in sheet.counts.votes.items():
                added[candidate] = added.get(candidate, 0) + n
            by_part[station in e2e] = (stations + 1, cast + sheet.counts.cast, added)
    return tuple(
        ContestSplit(
            contest, Part(*by_part.get(True, (0, 0, {}))), Part(*by_part.get(False, (0, 0, {})))
        )
        for contest, by_part in parts.items()
    )
