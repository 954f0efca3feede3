"""Where a contest's constituencies show on a unit's page (`views.Placed`): its own, those
covering it from above, and those lying inside it, each found through an index of where every
constituency lies (`_Where`), made once a rendering.

The nation's village councils are 12,000 constituencies: asking each of them on each of 72,000
pages was most of rendering the national site.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from sandogh.publish.site.snapshot import ContestEntry, Outcome
from sandogh.publish.site.views import Placed

if TYPE_CHECKING:
    from sandogh.publish.site.pages import ElectionPages


class Placing:
    """Places the constituencies of an election's contests on its units' pages."""

    def __init__(self, pages: ElectionPages) -> None:
        self.pages = pages
        self._where: dict[str, _Where] = {}
        self._placed: dict[tuple[str, str], Placed] = {}

    def placed(self, contest: ContestEntry, code: str) -> Placed:
        """The contest's constituencies as unit `code`'s page shows them (`views.Placed`, each
        with the unit its page links to): found once for the page's two languages, its votes
        and its downloads, and for the election's page and the scope's, which are the same
        (the election's page places every constituency of the election)."""
        key = (contest["id"], code)
        found = self._placed.get(key)
        if found is None:
            found = self._placed[key] = self._place(contest, code)
        return found

    def _place(self, contest: ContestEntry, code: str) -> Placed:
        pages = self.pages
        above = pages.line(contest["id"], code)
        own: list[Outcome] = []
        covering: list[tuple[Outcome, str]] = []  # with the unit above holding `code`
        within: list[tuple[Outcome, str]] = []  # with its first unit below `code`
        within_in: list[str] = []
        elsewhere: set[str] = set()
        for constituency in self._near(contest, code, above):
            outcome = pages.files.outcome(pages.election, contest["id"], constituency)
            if outcome is None:
                continue
            units = outcome["constituency"]["units"]
            if pages.above.intersection(units):
                outcome = self._in_scope(outcome)
            # the election's page stands for the units above it, which have none of their own
            if code in units or (code == pages.top and pages.above.intersection(units)):
                own.append(outcome)
            elif covered := [unit for unit in above if unit in units]:
                covering.append((outcome, covered[0]))
            elif below := [
                line for line in (pages.line(contest["id"], u) for u in units) if code in line[1:]
            ]:
                within.append((outcome, below[0][0]))
                within_in.append(_just_below(below[0], code))
                if len(below) == len(units):  # wholly inside: its figures here are its own
                    elsewhere.update(candidate["code"] for candidate in outcome["candidates"])
        return Placed(
            tuple(own), tuple(covering), tuple(within), frozenset(elsewhere), tuple(within_in)
        )

    def _near(self, contest: ContestEntry, code: str, above: list[str]) -> list[str]:
        """The constituencies that may show on `code`'s page, in the contest's order: those
        holding `code` or a unit above it, and those with a unit below it; every one for the
        election's page."""
        if code == self.pages.top:
            return contest["constituencies"]
        where = self.where_in(contest)
        near = set(where.below.get(code, ()))
        for unit in above:
            near.update(where.holding.get(unit, ()))
        return sorted(near, key=where.order.__getitem__)

    def where_in(self, contest: ContestEntry) -> _Where:
        where = self._where.get(contest["id"])
        if where is None:
            where = self._where[contest["id"]] = _Where.of(self.pages, contest)
        return where

    def _in_scope(self, outcome: Outcome) -> Outcome:
        """An outcome over units above the scope counts the scope's stations alone: it is named
        for the scope («استان کرمان»), not for the country its constituency is drawn over."""
        pages = self.pages
        result = pages.files.result(pages.election, outcome["contest"], pages.top)
        if result is None:
            return outcome
        unit = result["unit"]
        name = {"fa": pages.named(unit, "fa"), "en": pages.named(unit, "en")}
        return cast(Outcome, {**outcome, "constituency": {**outcome["constituency"], "name": name}})


def _just_below(line: list[str], code: str) -> str:
    """The unit just below `code` on `line` (a unit, then the units above it from the top down:
    `ElectionPages.line`)."""
    at = line.index(code, 1) + 1
    return line[at] if at < len(line) else line[0]


@dataclass(frozen=True)
class _Where:
    """Where each constituency of a contest lies, by unit: the constituencies whose units hold
    it (`holding`), and those with a unit below it (`below`); `order`: their place in the
    contest's list. Constituencies without an outcome file are left out, as pages leave them."""

    order: dict[str, int]
    holding: dict[str, list[str]]
    below: dict[str, set[str]]

    @classmethod
    def of(cls, pages: ElectionPages, contest: ContestEntry) -> _Where:
        holding: dict[str, list[str]] = {}
        below: dict[str, set[str]] = {}
        for constituency in contest["constituencies"]:
            outcome = pages.files.outcome(pages.election, contest["id"], constituency)
            if outcome is None:
                continue
            for unit in outcome["constituency"]["units"]:
                holding.setdefault(unit, []).append(constituency)
                for higher in pages.line(contest["id"], unit)[1:]:
                    below.setdefault(higher, set()).add(constituency)
        order = {constituency: i for i, constituency in enumerate(contest["constituencies"])}
        return cls(order, holding, below)
