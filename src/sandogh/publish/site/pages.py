"""The pages of one election in one language: where each lives, and what goes into it.

The layout is docs/publish.md's: Persian at the root, English under `en/`, every link relative so
the snapshot can be served from any address by any static server. The scope's page (the top
unit's, or the unit below it holding every station: `ElectionPages._scope`) is the election's
`index.html` and also `units/<scope>.html`, so every unit has the same stable URL form.
`ElectionPages` reads the election's files once and answers what every page asks of them: the
scope, names and links, the constituencies a unit's page shows, the round before, the boards'
decisions. A unit's page is put together in `site.unit_page`, with its map (`site.unit_map`)
and downloads (`site.downloads`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, cast

from sandogh.core.definition.scope import scope_line
from sandogh.locale import Lang
from sandogh.locale.definition_names import named_place
from sandogh.publish.site.figures import number
from sandogh.publish.site.geo import candidate_colours
from sandogh.publish.site.outcomes import (
    OutcomeRow,
    certification_text,
    outcome_row,
    undone_text,
    void_text,
)
from sandogh.publish.site.reported import Over, counted, cover, earlier_over
from sandogh.publish.site.snapshot import (
    ContestEntry,
    Outcome,
    SnapshotFiles,
    UnitRef,
    UnitResult,
)
from sandogh.publish.site.unit_lines import Lines
from sandogh.publish.site.views import Placed

#: Above this many stations the search page lists none without its script: the list would be
#: too heavy for a phone (58,640 stations nationally); the drill-down reaches every one.
PLAIN_LIST_LIMIT = 1000
#: where the E2E record's code index lives in an election's data (docs/e2e.md §9)
CODES = "e2e/codes"


@dataclass(frozen=True)
class Place:
    """A page's path under its language's root, and the relative links from it."""

    lang: Lang
    path: str

    @property
    def home(self) -> str:
        """To the language's root: where this language's pages start."""
        return "../" * self.path.count("/")

    @property
    def up(self) -> str:
        """To the snapshot's root: where data/ and assets/ are."""
        return self.home + ("../" if self.lang == "en" else "")

    @property
    def other(self) -> str:
        """The same page in the other language."""
        return self.up + ("en/" if self.lang == "fa" else "") + self.path

    @property
    def output(self) -> str:
        return self.path if self.lang == "fa" else f"en/{self.path}"


class ElectionPages:
    """Reads one election's files once and answers what its pages ask of them."""

    def __init__(self, files: SnapshotFiles, election: str) -> None:
        self.files = files
        self.election = election
        self.snapshot = files.snapshot(election)
        self.top, self.above = self._scope(self.snapshot["top_unit"])
        self._where: dict[str, _Where] = {}
        self._placed: dict[tuple[str, str, str], Placed] = {}

    def _scope(self, code: str) -> tuple[str, frozenset[str]]:
        """The unit the election's page shows, the top unit's scope (`core.definition.scope`)
        as the first contest's results have the units below each, and the units above it that
        get no page."""
        contests = self.snapshot["contests"]

        def result(unit: str) -> UnitResult | None:
            return self.files.result(self.election, contests[0]["id"], unit) if contests else None

        def below(unit: str) -> list[tuple[str, str]] | None:
            found = result(unit)
            return None if found is None else [(c["code"], c["kind"]) for c in found["children"]]

        scope = scope_line(code, below)[-1]
        found = result(scope)
        return scope, frozenset(u["code"] for u in found["path"]) if found else frozenset()

    def named(self, unit: UnitRef, lang: Lang) -> str:
        """A unit's name as a heading says it: «استان کرمان», «شهرستان بافت», a station's own."""
        return named_place(unit["kind"], unit["name"][lang], lang)

    @cached_property
    def published(self) -> frozenset[str]:
        return frozenset(entry["id"] for entry in self.files.elections())

    @cached_property
    def _names(self) -> dict[Lang, dict[str, str]]:
        """Every unit's name by its code, in each language: read once, not on each page."""
        units = self.files.units(self.election)
        return {lang: {u["code"]: u["name"][lang] for u in units} for lang in ("fa", "en")}

    @cached_property
    def colours(self) -> dict[str, dict[str, str]]:
        colours = {}
        for contest in self.snapshot["contests"]:
            top = self.files.result(self.election, contest["id"], self.top)
            codes = [v["code"] for v in top["counts"]["votes"]] if top else []
            colours[contest["id"]] = candidate_colours(codes)
        return colours

    def unit_codes(self) -> list[str]:
        codes: set[str] = set()
        for contest in self.snapshot["contests"]:
            codes.update(self.files.unit_codes(self.election, contest["id"]))
        return sorted(codes - self.above)

    def unit_codes_among(self, named: Collection[str]) -> list[str]:
        """Those of `unit_codes` that are `named`: each named unit's result files looked for,
        not every result file of the election listed (a pass names a few units; a national
        snapshot holds ~300,000 result files)."""
        contests = [contest["id"] for contest in self.snapshot["contests"]]
        return sorted(
            code
            for code in set(named) - self.above
            if any(self.files.has(f"{self.election}/results/{c}/{code}.json") for c in contests)
        )

    def unit_path(self, code: str) -> str:
        return f"{self.election}/units/{code}.html"

    def href(self, place: Place, code: str) -> str:
        """The link from `place` to a unit's page; the top unit's is the election's index."""
        top = code == self.top or code in self.above
        target = f"{self.election}/index.html" if top else self.unit_path(code)
        return _relative(target, posixpath.dirname(place.path) or ".")

    def data(self, place: Place, relative: str) -> str:
        return f"{place.up}data/{self.election}/{relative}"

    def line(self, contest: str, code: str) -> list[str]:
        """`code` and every unit above it, the root first (as its result file's `path` has
        them), or `code` alone where it has no result in the contest. The election's page asks
        the line of every constituency's units: they come from units.json's parents, kept while
        it is unchanged, not from each unit's result file read again (~9,000 nationally)."""
        if not self.files.has(f"{self.election}/results/{contest}/{code}.json"):
            return [code]
        return [code, *self._lines.up(code)]

    @cached_property
    def _lines(self) -> Lines:
        units = f"{self.election}/units.json"
        return self.files.made_of(
            ("lines", self.election), (units,), lambda: Lines(self.files.units(self.election))
        )

    def row(self, outcome: Outcome, lang: Lang) -> OutcomeRow:
        """`outcome`'s row in a unit's list of the constituencies inside it (`outcome_row`),
        made once while its file is unchanged: the election's page lists every one. (An
        outcome over units above the scope is named for the scope, read from its result.)"""
        contest, constituency = outcome["contest"], outcome["constituency"]["id"]
        sources: tuple[str, ...] = (f"{self.election}/outcomes/{contest}/{constituency}.json",)
        if self.above.intersection(outcome["constituency"]["units"]):
            sources += (f"{self.election}/results/{contest}/{self.top}.json",)
        key = ("row", self.election, contest, constituency, lang)
        return self.files.made_of(key, sources, lambda: outcome_row(outcome, lang))

    def placed(self, contest: ContestEntry, code: str, place: Place) -> Placed:
        """The contest's constituencies as unit `code`'s page shows them (`views.Placed`):
        found once for the page's two languages, its votes and its downloads (the election's
        page places every constituency of the election)."""
        key = (contest["id"], code, place.path)
        found = self._placed.get(key)
        if found is None:
            found = self._placed[key] = self._place(contest, code, place)
        return found

    def _place(self, contest: ContestEntry, code: str, place: Place) -> Placed:
        above = self.line(contest["id"], code)
        own: list[Outcome] = []
        covering: list[tuple[Outcome, str]] = []
        within: list[tuple[Outcome, str]] = []
        elsewhere: set[str] = set()
        for constituency in self._near(contest, code, above):
            outcome = self.files.outcome(self.election, contest["id"], constituency)
            if outcome is None:
                continue
            units = outcome["constituency"]["units"]
            if self.above.intersection(units):
                outcome = self._in_scope(outcome)
            # the election's page stands for the units above it, which have none of their own
            if code in units or (code == self.top and self.above.intersection(units)):
                own.append(outcome)
            elif covered := [unit for unit in above if unit in units]:
                covering.append((outcome, self.href(place, covered[0])))
            elif below := [u for u in units if code in self.line(contest["id"], u)[1:]]:
                within.append((outcome, self.href(place, below[0])))
                if len(below) == len(units):  # wholly inside: its figures here are its own
                    elsewhere.update(candidate["code"] for candidate in outcome["candidates"])
        return Placed(tuple(own), tuple(covering), tuple(within), frozenset(elsewhere))

    def _near(self, contest: ContestEntry, code: str, above: list[str]) -> list[str]:
        """The constituencies that may show on `code`'s page, in the contest's order: those
        holding `code` or a unit above it, and those with a unit below it; every one for the
        election's page. The nation's village councils are 12,000 constituencies: asking each
        of them on each of 72,000 pages was most of rendering the national site."""
        if code == self.top:
            return contest["constituencies"]
        where = self._where_in(contest)
        near = set(where.below.get(code, ()))
        for unit in above:
            near.update(where.holding.get(unit, ()))
        return sorted(near, key=where.order.__getitem__)

    def _where_in(self, contest: ContestEntry) -> _Where:
        where = self._where.get(contest["id"])
        if where is None:
            where = self._where[contest["id"]] = _Where.of(self, contest)
        return where

    def read_ahead(self) -> None:
        """Read now what every unit's page asks of the election's files: processes forked
        after this inherit it rather than each reading it again."""
        self.files.supervision(self.election)
        _ = self.colours, self._names, self.published  # cached properties, computed here
        for contest in self.snapshot["contests"]:
            self._where_in(contest)

    def _in_scope(self, outcome: Outcome) -> Outcome:
        """An outcome over units above the scope counts the scope's stations alone: it is named
        for the scope («استان کرمان»), not for the country its constituency is drawn over."""
        result = self.files.result(self.election, outcome["contest"], self.top)
        if result is None:
            return outcome
        unit = result["unit"]
        name = {"fa": self.named(unit, "fa"), "en": self.named(unit, "en")}
        return cast(Outcome, {**outcome, "constituency": {**outcome["constituency"], "name": name}})

    def previous(self, contest: ContestEntry, now: UnitResult) -> tuple[Over, int] | None:
        """The previous round's figures over the stations that have reported in this one, where
        that round is published here too."""
        previous = contest["previous_round"]
        if previous is None or previous["election"] not in self.published:
            return None
        if counted(now["stations"]) == 0:
            return None  # nothing counted (yet, or every box reported voided): no change
        codes = cover(self.files, self.election, contest["id"], now)
        result = earlier_over(self.files, previous["election"], previous["contest"], codes)
        if result is None:
            return None
        earlier = self.files.snapshot(previous["election"])["contests"]
        rounds = [c["round"] for c in earlier if c["id"] == previous["contest"]]
        return result, rounds[0] if rounds else contest["round"] - 1

    def certified(self, outcome: Outcome, lang: Lang) -> str:
        """The certification in force over `outcome`'s constituency, said in words; for one
        not certified, the last certification of it undone («تأیید لغو شد»), if any."""
        names = self._names[lang]
        over = [
            made
            for made in self.files.supervision(self.election)["certifications"]
            if made["contest"] == outcome["contest"]
            and made["constituency"] in (None, outcome["constituency"]["id"])
        ]
        if outcome["status"] == "certified":
            for made in over:
                if made.get("undone") is None:
                    return certification_text(made, names.get(made["place"], made["place"]), lang)
            return ""
        for made in reversed(over):
            undone = made.get("undone")
            if undone is not None:
                return undone_text(undone, names.get(undone["place"], undone["place"]), lang)
        return ""

    def station_voids(self, contest: str, code: str, lang: Lang) -> tuple[str, ...]:
        """The boards' voids of station `code`'s ballots in `contest`, with their decisions."""
        return tuple(
            void_text(void, lang)
            for void in self.files.supervision(self.election)["voids"]
            if void["contest"] in (None, contest)
            and (void.get("station") == code or code in void.get("stations", ()))
        )

    def search_page(self, place: Place) -> dict[str, Any]:
        lang = place.lang
        total = self.snapshot["stations"]["total"]
        listed = None
        if total <= PLAIN_LIST_LIMIT:  # else units.json is left to the page's script
            units = self.files.units(self.election)
            names = {unit["code"]: unit["name"][lang] for unit in units}
            listed = [
                (
                    unit["name"][lang],
                    unit["code"],
                    names.get(unit["parent"] or "", ""),
                    self.href(place, unit["code"]),
                )
                for unit in units
                if unit["kind"] == "station"
            ]
        return {
            "units_url": self.data(place, "units.json"),
            "pages": posixpath.relpath(f"{self.election}/units", posixpath.dirname(place.path))
            + "/",
            "stations": listed,
            "total": number(total, lang),
        }

    @cached_property
    def has_codes(self) -> bool:
        """Whether the snapshot holds the E2E record's code index (`publish.e2e_codes`)."""
        return self.files.has(f"{self.election}/{CODES}/index.json")

    def ballot_page(self, place: Place) -> dict[str, Any]:
        """The "Was my ballot counted?" page: where its script finds the codes and the pages."""
        return {
            "codes_url": self.data(place, f"{CODES}/"),
            "pages": posixpath.relpath(f"{self.election}/units", posixpath.dirname(place.path))
            + "/",
        }


@lru_cache(maxsize=1 << 16)
def _relative(target: str, start: str) -> str:
    """`posixpath.relpath`, kept: pages link to the same units from the same few folders, and
    `relpath` makes both paths absolute each time (~15 links a page)."""
    return posixpath.relpath(target, start)


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
