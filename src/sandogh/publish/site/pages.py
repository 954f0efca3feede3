"""The pages of one election in one language: where each lives, and what goes into it.

The layout is docs/publish.md's: Persian at the root, English under `en/`, every link relative so
the snapshot can be served from any address by any static server. The scope's page (the top
unit's, or the unit below it holding every station: `ElectionPages._scope`) is the election's
`index.html` and also `units/<scope>.html`, so every unit has the same stable URL form.
"""

from __future__ import annotations

import itertools
import posixpath
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any, cast

from sandogh.core.anchor import fingerprint, short_fingerprint
from sandogh.core.definition.scope import scope_line
from sandogh.locale import Lang, to_persian_digits
from sandogh.locale.definition_names import named_place
from sandogh.publish.site.figures import coordinate, number
from sandogh.publish.site.geo import (
    HATCHED,
    NO_DATA,
    OUTSIDE,
    Drawn,
    candidate_colours,
    match_features,
    shading,
    turnout_legend,
)
from sandogh.publish.site.labels import label
from sandogh.publish.site.outcomes import certification_text, outcome_void_text, void_text
from sandogh.publish.site.reported import Over, cover, earlier_over, turnout
from sandogh.publish.site.snapshot import (
    ContestEntry,
    Outcome,
    SnapshotFiles,
    UnitRef,
    UnitResult,
)
from sandogh.publish.site.views import ContestView, Placed, contest_view, station_marks

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
    """Reads one election's files once and gives each page's template values."""

    def __init__(self, files: SnapshotFiles, election: str) -> None:
        self.files = files
        self.election = election
        self.snapshot = files.snapshot(election)
        self.top, self.above = self._scope(self.snapshot["top_unit"])

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

    def unit_path(self, code: str) -> str:
        return f"{self.election}/units/{code}.html"

    def href(self, place: Place, code: str) -> str:
        """The link from `place` to a unit's page; the top unit's is the election's index."""
        top = code == self.top or code in self.above
        target = f"{self.election}/index.html" if top else self.unit_path(code)
        return posixpath.relpath(target, posixpath.dirname(place.path) or ".")

    def data(self, place: Place, relative: str) -> str:
        return f"{place.up}data/{self.election}/{relative}"

    def _line(self, contest: str, code: str) -> list[str]:
        """`code` and every unit above it, read from its result file's `path`."""
        result = self.files.result(self.election, contest, code)
        return [code, *(unit["code"] for unit in result["path"])] if result else [code]

    def _outcomes(self, contest: ContestEntry, code: str, place: Place) -> Placed:
        above = self._line(contest["id"], code)
        own: list[Outcome] = []
        covering: list[tuple[Outcome, str]] = []
        within: list[Outcome] = []
        for constituency in contest["constituencies"]:
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
            elif any(code in self._line(contest["id"], unit)[1:] for unit in units):
                within.append(outcome)
        return Placed(tuple(own), tuple(covering), tuple(within))

    def _in_scope(self, outcome: Outcome) -> Outcome:
        """An outcome over units above the scope counts the scope's stations alone: it is named
        for the scope («استان کرمان»), not for the country its constituency is drawn over."""
        result = self.files.result(self.election, outcome["contest"], self.top)
        if result is None:
            return outcome
        unit = result["unit"]
        name = {"fa": self.named(unit, "fa"), "en": self.named(unit, "en")}
        return cast(Outcome, {**outcome, "constituency": {**outcome["constituency"], "name": name}})

    def _previous(self, contest: ContestEntry, now: UnitResult) -> tuple[Over, int] | None:
        """The previous round's figures over the stations that have reported in this one, where
        that round is published here too."""
        previous = contest["previous_round"]
        if previous is None or previous["election"] not in self.published:
            return None
        if now["stations"]["reported"] == 0:
            return None  # nothing counted yet: no change to show
        codes = cover(self.files, self.election, contest["id"], now)
        result = earlier_over(self.files, previous["election"], previous["contest"], codes)
        if result is None:
            return None
        earlier = self.files.snapshot(previous["election"])["contests"]
        rounds = [c["round"] for c in earlier if c["id"] == previous["contest"]]
        return result, rounds[0] if rounds else contest["round"] - 1

    def unit_page(self, code: str, place: Place) -> dict[str, Any] | None:
        """The template values of one unit's page; None where no contest has the unit."""
        lang = place.lang
        results: list[tuple[ContestEntry, UnitResult]] = []
        for contest in self.snapshot["contests"]:
            result = self.files.result(self.election, contest["id"], code)
            if result is not None:
                results.append((contest, result))
        if not results:
            return None
        first = results[0][1]
        views = [
            contest_view(
                files=self.files,
                election=self.election,
                contest=contest,
                result=result,
                colours=self.colours[contest["id"]],
                outcomes=self._outcomes(contest, code, place),
                previous=self._previous(contest, result),
                href=lambda child: self.href(place, child),
                certified=lambda outcome: self._certified(outcome, lang),
                outcome_voided=lambda outcome: outcome_void_text(
                    outcome,
                    self.files.supervision(self.election)["voids"],
                    partial(self._line, outcome["contest"]),
                    lang,
                ),
                voided=self._voided(contest["id"], code, lang),
                boxes_voided=self._boxes_voided(contest["id"], code),
                lang=lang,
            )
            for contest, result in results
        ]
        unit = first["unit"]
        return {
            "unit": unit,
            "unit_name": self.named(unit, lang),
            "kind": label(unit["kind"], lang),
            "crumbs": [
                (self.named(u, lang), self.href(place, u["code"]))
                for u in first["path"]
                if u["code"] not in self.above
            ],
            "contests": views,
            "station": self._station(first, lang),
            "map": self._map(results, place, views),
            "downloads": self._downloads(results, code, place, lang),
            "fingerprint": self._fingerprint(lang),
        }

    def _certified(self, outcome: Outcome, lang: Lang) -> str:
        """The certification in force over `outcome`'s constituency, said in words."""
        if outcome["status"] != "certified":
            return ""
        names = {u["code"]: u["name"][lang] for u in self.files.units(self.election)}
        for made in self.files.supervision(self.election)["certifications"]:
            if made["contest"] == outcome["contest"] and made["constituency"] in (
                None,
                outcome["constituency"]["id"],
            ):
                return certification_text(made, names.get(made["place"], made["place"]), lang)
        return ""

    def _voided(self, contest: str, code: str, lang: Lang) -> tuple[str, ...]:
        """The boards' voids of station `code`'s ballots in `contest`, with their decisions."""
        return tuple(
            void_text(void, lang)
            for void in self.files.supervision(self.election)["voids"]
            if void["contest"] in (None, contest)
            and (void.get("station") == code or code in void.get("stations", ()))
        )

    def _boxes_voided(self, contest: str, code: str) -> tuple[bool, bool]:
        """Whether station `code`'s own box was voided in `contest`, and whether any box in unit
        `code` (the station itself or one below the unit) was: its ballots are then set aside
        with the void papers."""
        own = within = False
        for void in self.files.supervision(self.election)["voids"]:
            if void["kind"] != "station" or void["contest"] not in (None, contest):
                continue
            station = void.get("station", "")
            own = own or station == code
            within = within or code in self._line(contest, station)
        return own, within

    def _fingerprint(self, lang: Lang) -> str | None:
        """The short form of the record's fingerprint, in `lang`'s digits: for people to compare
        with the one printed before polls opened (a verifier takes it from there, not here)."""
        record = self.files.record(self.election)
        if record is None:
            return None
        short = short_fingerprint(fingerprint(record))
        return to_persian_digits(short) if lang == "fa" else short

    def _station(self, result: UnitResult, lang: Lang) -> list[tuple[str, str]]:
        info = result["station"]
        if info is None:
            return []
        location = info["location"]
        return [
            (label("kind_of_station", lang), label(f"mobility_{info['mobility']}", lang)),
            (label("place", lang), label(f"setting_{info['setting']}", lang)),
            (label("voting_mode", lang), label(f"mode_{info['mode']}", lang)),
            (label("hard_to_reach", lang), label("yes" if info["hard_to_reach"] else "no", lang)),
            (
                label("location", lang),
                ("، " if lang == "fa" else ", ").join(
                    coordinate(location[axis], lang) for axis in ("lat", "lon")
                )
                if location
                else label("no_location", lang),
            ),
        ]

    def _map(
        self,
        results: list[tuple[ContestEntry, UnitResult]],
        place: Place,
        views: list[ContestView],
    ) -> dict[str, Any] | None:
        """What the map draws: children as areas (where a boundary matches) or as points."""
        lang = place.lang
        unit = results[0][1]["unit"]
        children: dict[str, UnitRef] = {}
        for _, result in results:
            children.update((child["code"], child) for child in result["children"])
        drawn = match_features(unit, list(children.values()))

        leaders: set[tuple[str, str]] = set()  # (contest, candidate) leading somewhere drawn

        def shades(code: str, own: UnitResult | None = None) -> dict[str, list[str]]:
            shaded = {}
            for contest, _ in results:
                found = own or self.files.result(self.election, contest["id"], code)
                share = (
                    None
                    if found is None
                    else turnout(self.files, self.election, contest["id"], found)
                )
                s = shading(found, share, self.colours[contest["id"]], lang)
                shaded[contest["id"]] = [s.winner, s.turnout, s.text]
                if s.leader is not None:
                    leaders.add((contest["id"], s.leader))
            return shaded

        areas = {
            str(index): {
                "name": children[code]["name"][lang],
                "href": self.href(place, code),
                "shade": shades(code),
            }
            for index, code in drawn.units.items()
        }
        stations: list[tuple[str, UnitResult | None]] = [
            (code, None) for code, c in children.items() if c["kind"] == "station"
        ]
        if unit["kind"] == "station":
            stations = [(unit["code"], results[0][1])]
        points = []
        for code, own in stations:
            found = own or self.files.result(self.election, results[0][0]["id"], code)
            info = found["station"] if found else None
            if found is None or info is None or info["location"] is None:
                continue
            marks = station_marks(info, lang)
            points.append(
                {
                    "lat": info["location"]["lat"],
                    "lon": info["location"]["lon"],
                    "name": found["unit"]["name"][lang]
                    + (f" ({'، '.join(marks)})" if marks else ""),
                    "href": self.href(place, code),
                    "mobile": info["mobility"] == "mobile",
                    "hard": info["hard_to_reach"],
                    "shade": shades(code, own),
                }
            )
        outline = None
        if not areas and points:
            drawn, outline = self._outline(results[0][1])
        if not areas and not points:
            return None
        # every colour the map can show beside the leaders' and turnout's: the legend covers all
        others = [
            *([(HATCHED, label("map_little", lang))] if areas else []),  # stations are not
            (NO_DATA, label("map_no_data", lang)),
            *([(OUTSIDE, label("map_outside", lang))] if areas or outline else []),
        ]
        legends = []
        for contest, _ in results:
            names = {
                v.code: v.name for view in views if view.id == contest["id"] for v in view.bars
            }
            legends.append(
                {
                    "contest": contest["id"],
                    "winner": [
                        (colour, names.get(code, code))
                        for code, colour in self.colours[contest["id"]].items()
                        if (contest["id"], code) in leaders
                    ]
                    + others,
                    "turnout": [*turnout_legend(lang), *others],
                }
            )
        return {
            "data": {
                "boundaries": f"{place.up}assets/{drawn.asset}" if areas or outline else None,
                "areas": areas,
                "outline": outline,
                "points": points,
                "fit": [str(index) for index in drawn.scope] if areas else [],
            },
            "contests": [(contest["id"], contest["name"][lang]) for contest, _ in results],
            "legends": legends,
        }

    @staticmethod
    def _outline(result: UnitResult) -> tuple[Drawn, str | None]:
        """For a map of points: the boundary of the unit, or of the nearest unit above it."""
        line = [*result["path"], result["unit"]]
        for parent, unit in reversed(list(itertools.pairwise(line))):
            drawn = match_features(parent, [unit])
            if drawn.units:
                return drawn, str(next(iter(drawn.units)))
        return Drawn("", {}, ()), None

    def _downloads(
        self,
        results: list[tuple[ContestEntry, UnitResult]],
        code: str,
        place: Place,
        lang: Lang,
    ) -> list[tuple[str, str]]:
        files: list[tuple[str, str]] = []
        for contest, _ in results:
            name = contest["name"][lang]
            files.append(
                (f"results/{contest['id']}/{code}.json", label("file_unit", lang, contest=name))
            )
            placed = self._outcomes(contest, code, place)
            for outcome in (*placed.own, *(o for o, _ in placed.above)):
                constituency = outcome["constituency"]
                files.append(
                    (
                        f"outcomes/{contest['id']}/{constituency['id']}.json",
                        label("file_outcome", lang, contest=name, name=constituency["name"][lang]),
                    )
                )
        for unit in (*results[0][1]["path"], results[0][1]["unit"]):
            if unit["kind"] == "county":
                files.append(
                    (
                        f"csv/stations/{unit['code']}.csv",
                        label("file_county_csv", lang, name=unit["name"][lang]),
                    )
                )
        files += [
            (f"reports/{code}/zero.json", label("file_report_zero", lang)),
            (f"reports/{code}/final.json", label("file_report_final", lang)),
            ("csv/totals.csv", label("file_totals", lang)),
            ("nist/election-report.json", label("file_nist", lang)),
            ("definition.json", label("file_definition", lang)),
            ("devices.json", label("file_devices", lang)),
            ("units.json", label("file_units", lang)),
            ("snapshot.json", label("file_snapshot", lang)),
            ("anchor/record.json", label("file_anchor_record", lang)),
            ("anchor/signatures.json", label("file_anchor_signatures", lang)),
            ("anchor/amendments.json", label("file_anchor_amendments", lang)),
        ]
        return [
            (self.data(place, relative), text)
            for relative, text in files
            if self.files.has(f"{self.election}/{relative}")
        ]

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
