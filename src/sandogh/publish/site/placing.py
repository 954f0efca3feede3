"""Where a contest's constituencies show on a unit's page (`views.Placed`): its own, those
covering it from above, and those lying inside it, each found through an index of where every
constituency lies (`_Where`).

The nation's village councils are 12,000 constituencies: asking each of them on each of 72,000
pages was most of rendering the national site. The index is fixed by the geography, and kept from
one rendering to the next (a night's passes) while units.json and definition.json are unchanged
and each constituency's outcome, read again, lies where it did with the same candidates; so is
the election's page's layout, which places every constituency (13,500 nationally: placing them
all again was a third of a pass's rendering). A pass decodes only the outcomes it wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from sandogh.publish.site.snapshot import ContestEntry, Outcome, Vote
from sandogh.publish.site.views import Placed

if TYPE_CHECKING:
    from sandogh.publish.site.pages import ElectionPages


class Placing:
    """Places the constituencies of an election's contests on its units' pages."""

    def __init__(self, pages: ElectionPages) -> None:
        self.pages = pages
        self._where: dict[str, _Where] = {}
        self._placed: dict[tuple[str, str], Placed] = {}
        self._shown: dict[tuple[str, str], tuple[list[Vote], list[Vote]]] = {}

    def placed(self, contest: ContestEntry, code: str) -> Placed:
        """The contest's constituencies as unit `code`'s page shows them (`views.Placed`, each
        with the unit its page links to): found once for the page's two languages, its votes
        and its downloads, and for the election's page and the scope's, which are the same
        (the election's page places every constituency of the election)."""
        key = (contest["id"], code)
        found = self._placed.get(key)
        if found is None:
            where = self.where_in(contest)
            if code == self.pages.top:  # every constituency: laid out once a night
                if where.top is None:
                    where.top = self._lay_out(contest, code)
                layout = where.top
            else:
                layout = self._lay_out(contest, code)
            found = self._placed[key] = self._as_placed(where, layout)
        return found

    def shown(self, contest: ContestEntry, code: str, votes: list[Vote]) -> list[Vote]:
        """Unit `code`'s `votes` in the contest that its page lists: those of the candidates
        not `elsewhere` (`views.Placed`), found once a rendering for its pages (nationally
        the 108,000 village-council votes, none of them listed)."""
        key = (contest["id"], code)
        found = self._shown.get(key)
        if found is None or found[0] is not votes:
            elsewhere = self.placed(contest, code).elsewhere
            found = self._shown[key] = (votes, [v for v in votes if v["code"] not in elsewhere])
        return found[1]

    def _lay_out(self, contest: ContestEntry, code: str) -> _Layout:
        pages = self.pages
        where = self.where_in(contest)
        above = pages.line(contest["id"], code)
        own: list[str] = []
        covering: list[tuple[str, str]] = []  # with the unit above holding `code`
        within: list[tuple[str, str]] = []  # with its first unit below `code`
        within_in: list[str] = []
        elsewhere: set[str] = set()
        scoped: set[str] = set()
        for constituency in self._near(contest, code, above):
            outcome = where.outcomes[constituency]
            if outcome is None:
                continue
            units = outcome["constituency"]["units"]
            if pages.above.intersection(units):
                scoped.add(constituency)
            # the election's page stands for the units above it, which have none of their own
            if code in units or (code == pages.top and pages.above.intersection(units)):
                own.append(constituency)
            elif covered := [unit for unit in above if unit in units]:
                covering.append((constituency, covered[0]))
            elif below := [
                line for line in (pages.line(contest["id"], u) for u in units) if code in line[1:]
            ]:
                within.append((constituency, below[0][0]))
                within_in.append(_just_below(below[0], code))
                if len(below) == len(units):  # wholly inside: its figures here are its own
                    elsewhere.update(candidate["code"] for candidate in outcome["candidates"])
        return _Layout(
            tuple(own),
            tuple(covering),
            tuple(within),
            frozenset(elsewhere),
            tuple(within_in),
            frozenset(scoped),
        )

    def _as_placed(self, where: _Where, layout: _Layout) -> Placed:
        """`layout` with the outcomes as this rendering reads them."""
        outcomes, scoped = where.outcomes, layout.scoped

        def outcome(constituency: str) -> Outcome:
            found = cast(Outcome, outcomes[constituency])
            return self._in_scope(found) if constituency in scoped else found

        return Placed(
            tuple(map(outcome, layout.own)),
            tuple((outcome(c), unit) for c, unit in layout.above),
            tuple((outcome(c), unit) for c, unit in layout.within),
            layout.elsewhere,
            layout.within_in,
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
        """Where each of the contest's constituencies lies, kept from one rendering to the next
        while the geography (units.json, definition.json) and each constituency's units and
        candidates are as they were, its outcomes those of this rendering (`_Where.holds`)."""
        where = self._where.get(contest["id"])
        if where is None:
            pages = self.pages
            key = ("where", pages.election, contest["id"], pages.top, pages.above)
            sources = (f"{pages.election}/units.json", f"{pages.election}/definition.json")
            where = pages.files.made_of(
                key,
                sources,
                lambda: _Where.of(pages, contest),
                lambda kept: kept.holds(pages, contest),
            )
            self._where[contest["id"]] = where
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
class _Layout:
    """Where a contest's constituencies show on one unit's page (`views.Placed`), by id;
    `scoped`: those named for the scope (`Placing._in_scope`)."""

    own: tuple[str, ...]
    above: tuple[tuple[str, str], ...]
    within: tuple[tuple[str, str], ...]
    elsewhere: frozenset[str]
    within_in: tuple[str, ...]
    scoped: frozenset[str]


def _same_place(now: Outcome | None, was: Outcome | None) -> bool:
    """Whether an outcome read again lies where the one before did, with the same candidates:
    all that a layout takes of it (its figures change with each report, and its candidates'
    order with them)."""
    if now is None or was is None:
        return now is was
    return now["constituency"]["units"] == was["constituency"]["units"] and {
        c["code"] for c in now["candidates"]
    } == {c["code"] for c in was["candidates"]}


class _Where:
    """Where each constituency of a contest lies, by unit: the constituencies whose units hold
    it (`holding`), and those with a unit below it (`below`); `order`: their place in the
    contest's list; `outcomes`: each one's outcome as the rendering under way reads it (None
    where there is no file: pages leave it out); `top`: the layout of the election's page,
    which places every constituency (nationally 13,500, each pass)."""

    def __init__(
        self,
        listed: list[str],
        outcomes: dict[str, Outcome | None],
        holding: dict[str, list[str]],
        below: dict[str, set[str]],
    ) -> None:
        self.listed = listed
        self.outcomes = outcomes
        self.holding = holding
        self.below = below
        self.order = {constituency: i for i, constituency in enumerate(listed)}
        self.top: _Layout | None = None

    @classmethod
    def of(cls, pages: ElectionPages, contest: ContestEntry) -> _Where:
        holding: dict[str, list[str]] = {}
        below: dict[str, set[str]] = {}
        outcomes: dict[str, Outcome | None] = {}
        for constituency in contest["constituencies"]:
            outcome = outcomes[constituency] = pages.files.outcome(
                pages.election, contest["id"], constituency
            )
            if outcome is None:
                continue
            for unit in outcome["constituency"]["units"]:
                holding.setdefault(unit, []).append(constituency)
                for higher in pages.line(contest["id"], unit)[1:]:
                    below.setdefault(higher, set()).add(constituency)
        return cls(list(contest["constituencies"]), outcomes, holding, below)

    def holds(self, pages: ElectionPages, contest: ContestEntry) -> bool:
        """Whether the contest's constituencies lie where they did, each outcome read again
        for the rendering under way: those the pass wrote are new documents, each held to the
        one before (`_same_place`); the rest are the documents kept (`kept_reads.KeptReads`,
        each held to its file's stamp)."""
        if contest["constituencies"] != self.listed:
            return False
        read, outcomes = pages.files.outcome, self.outcomes
        election, contest_id = pages.election, contest["id"]
        for constituency in self.listed:
            now = read(election, contest_id, constituency)
            was = outcomes[constituency]
            if now is not was:
                if not _same_place(now, was):
                    return False
                outcomes[constituency] = now
        return True
