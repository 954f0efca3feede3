"""The pages of one election in one language: what goes into them.

The scope's page (the top unit's, or the unit below it holding every station:
`ElectionPages._scope`) is the election's `index.html` and also `units/<scope>.html`, so every
unit has the same stable URL form. `ElectionPages` reads the election's files once and answers
what every page asks of them: the scope, names and links, the round before, the boards'
decisions. Where a page lives and its links are `site.place`'s; where the constituencies show
on a unit's page `site.placing`'s; the pages of a unit's long list `site.listing`'s. A unit's
page is put together in `site.unit_page`, with its map (`site.unit_map`) and downloads
(`site.downloads`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection
from functools import cached_property
from typing import Any

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
from sandogh.publish.site.place import Place, relative
from sandogh.publish.site.placing import Placing
from sandogh.publish.site.reported import Over, counted, cover, earlier_over
from sandogh.publish.site.snapshot import (
    ContestEntry,
    Outcome,
    SnapshotFiles,
    UnitRef,
    UnitResult,
)
from sandogh.publish.site.unit_lines import Lines

#: Above this many stations the search page lists none without its script: the list would be
#: too heavy for a phone (58,640 stations nationally); the drill-down reaches every one.
PLAIN_LIST_LIMIT = 1000
#: where the E2E record's code index lives in an election's data (docs/e2e.md §9)
CODES = "e2e/codes"


class ElectionPages:
    """Reads one election's files once and answers what its pages ask of them."""

    def __init__(self, files: SnapshotFiles, election: str) -> None:
        self.files = files
        self.election = election
        self.snapshot = files.snapshot(election)
        self.top, self.above = self._scope(self.snapshot["top_unit"])
        self.placing = Placing(self)

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
        return relative(target, place.folder)

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

    def read_ahead(self) -> None:
        """Read now what every unit's page asks of the election's files: processes forked
        after this inherit it rather than each reading it again."""
        self.files.supervision(self.election)
        _ = self.colours, self._names, self.published  # cached properties, computed here
        for contest in self.snapshot["contests"]:
            self.placing.where_in(contest)

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
