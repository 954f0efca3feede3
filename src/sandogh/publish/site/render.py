"""Writing the results site into a snapshot: every page, or only the pages of the units named.

Every file is written whole under a temporary name and renamed into place, and a file whose
bytes are unchanged is left alone, so its Last-Modified and ETag stay (docs/publish.md)
(`publish.writer`).

The units' pages are most of the work (~145,000 pages nationally): given several workers, they
are rendered in forked processes (`publish.processes`), which inherit the compiled templates
and what every page reads of the election's files, read before the fork. Each unit's two
languages go to the same process, which reads the unit's files once for both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from functools import cache, partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, nodes
from jinja2.compiler import CodeGenerator, Frame
from markupsafe import Markup, escape

from sandogh.locale import Lang
from sandogh.maps import MAPS
from sandogh.publish.processes import Job, write_jobs
from sandogh.publish.site.candidacy_page import candidates_page, has_candidacy
from sandogh.publish.site.figures import (
    alone,
    day,
    digits,
    escaped,
    figures_in,
    isolated,
    leads_kept,
)
from sandogh.publish.site.front_page import summary
from sandogh.publish.site.kept_reads import KeptReads
from sandogh.publish.site.labels import label
from sandogh.publish.site.listing import list_page, list_path, listed_below, pages_wanted
from sandogh.publish.site.pages import ElectionPages
from sandogh.publish.site.place import Place
from sandogh.publish.site.snapshot import SnapshotFiles
from sandogh.publish.site.unit_page import list_page_values, unit_page
from sandogh.publish.writer import Writer
from sandogh.security_headers import META_POLICY

ASSETS = Path(__file__).parent / "assets"  # the site's own: style, scripts

LANGS: tuple[Lang, ...] = ("fa", "en")
TEMPLATES = Path(__file__).parent / "templates"


def _kept(value: object) -> Markup:
    """A value printed by a page, escaped as markupsafe's `escape` does: text through a cache,
    Markup as it is (`escape` copies it). A page prints ~1,800 values, 1,300 of them text and
    the rest Markup made by its filters; escaping them was a sixth of a page's CPU."""
    kind = type(value)
    if kind is str:
        return escaped(value)
    return value if kind is Markup else escape(value)  # type: ignore[return-value]


class _Generator(CodeGenerator):
    """Compiles each `{{ … }}` of an autoescaped template to `environment.kept(…)` rather than
    `escape(…)`: the same text, Markup not copied."""

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("environment.kept(")
        if finalize.src is not None:
            self.write(finalize.src)


class _SiteEnvironment(Environment):
    code_generator_class = _Generator
    kept = staticmethod(_kept)


@cache
def _environment(lang: Lang) -> Environment:
    """The templates of one language, compiled once a process. The page's helpers are filters
    bound to its language (`{{ b.share|num }}`), not functions the page calls (`num(b.share)`):
    a filter is called directly, a function through Jinja's context, and every page makes
    hundreds of these calls."""
    environment = _SiteEnvironment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every value is text, whatever the template file is called
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(
        t=partial(label, lang=lang),
        digits=partial(digits, lang=lang),
        num=partial(isolated, lang=lang),
        cell=partial(alone, lang=lang),
        say=partial(figures_in, lang=lang),
    )
    return environment


def _render(writer: Writer, template: str, place: Place, **values: Any) -> None:
    page = (
        _environment(place.lang)
        .get_template(template)
        .render(
            lang=place.lang,
            dir="rtl" if place.lang == "fa" else "ltr",
            place=place,
            policy=META_POLICY,
            # «·» reads as a Persian zero («· ۱ کرسی» as «۱۰ کرسی»): Persian separates with a comma
            sep="، " if place.lang == "fa" else " · ",
            **values,
        )
    )
    writer.write(place.output, page.encode("utf-8"))


def _election_values(pages: ElectionPages, place: Place) -> dict[str, Any]:
    snapshot, lang = pages.snapshot, place.lang
    return {
        "election": pages.election,
        "election_name": snapshot["name"][lang],
        "election_day": day(snapshot["date"], lang),
        "snapshot_url": pages.data(place, "snapshot.json"),
        "search_href": f"{place.home}{pages.election}/search.html",
        "ballot_href": f"{place.home}{pages.election}/ballot.html" if pages.has_codes else None,
        "candidates_href": f"{place.home}{pages.election}/candidates.html"
        if has_candidacy(pages)
        else None,
    }


def render_site(
    root: Path,
    election_id: str,
    units: Collection[str] | None = None,
    *,
    workers: int = 1,
    kept: KeptReads | None = None,
) -> int:
    """Render the results site of `election_id` from `root/data/` into `root`.

    With `units`, only those units' pages are rendered (pass every unit whose figures changed: a
    station and each unit on its path), and of a unit's long list of the units below it
    (`site.listing`) the first page and those listing a unit named, beside the front page, the
    election's top page and its search page (and its "Was my ballot counted?" page, when the
    snapshot has the E2E record's code index, `publish.e2e_codes`, and its final list of
    candidates when it has `candidacy.json`, `publish.site.candidacy_page`); without, every
    page. A unit with no result file in any contest has no page. The assets are copied each
    time. The units' pages are rendered by `workers` processes when more than one, the same
    files with the same bytes.
    With `kept`, the files read are those an earlier rendering read and kept, less those written
    since (`kept_reads.KeptReads`). Returns how many files were written, unchanged ones not
    counted.
    """
    with leads_kept():  # who leads each unit, found once a rendering (`figures.leading`)
        return _rendered(root, election_id, units, workers, kept)


def _rendered(
    root: Path,
    election_id: str,
    units: Collection[str] | None,
    workers: int,
    kept: KeptReads | None,
) -> int:
    files = SnapshotFiles(root, kept)
    writer = Writer(root, mode=0o644)  # whatever the umask: the web server reads them
    for folder in (ASSETS, MAPS):
        for asset in sorted(folder.rglob("*")):
            if asset.is_file() and asset.suffix != ".py" and "__pycache__" not in asset.parts:
                name = asset.relative_to(folder).as_posix()
                writer.write(f"assets/{name}", asset.read_bytes())
    pages = ElectionPages(files, election_id)
    elections = sorted(files.elections(), key=lambda e: (e["date"], e["id"]), reverse=True)
    codes = pages.unit_codes() if units is None else pages.unit_codes_among(units)
    for lang in LANGS:
        front = Place(lang, "index.html")
        summaries = [summary(ElectionPages(files, e["id"]), front) for e in elections]
        # the front page lives too: its script polls elections.json, which every snapshot updates
        _render(
            writer,
            "index.html",
            front,
            elections=summaries,
            snapshot_url=f"{front.up}data/elections.json",
        )
        search = Place(lang, f"{election_id}/search.html")
        _render(
            writer,
            "search.html",
            search,
            **_election_values(pages, search),
            **pages.search_page(search),
        )
        if pages.has_codes:
            ballot = Place(lang, f"{election_id}/ballot.html")
            _render(
                writer,
                "ballot.html",
                ballot,
                **_election_values(pages, ballot),
                **pages.ballot_page(ballot),
            )
        if has_candidacy(pages):
            listed = Place(lang, f"{election_id}/candidates.html")
            _render(
                writer,
                "candidates.html",
                listed,
                **_election_values(pages, listed),
                **candidates_page(pages, listed),
            )
    jobs = _unit_jobs(pages, codes, weighed=workers > 1, named=units)
    if workers > 1:  # read once here what each process would read again
        pages.read_ahead()
        for lang in LANGS:
            _environment(lang).get_template("unit.html")
            _environment(lang).get_template("unit_list.html")
    write_jobs(writer, jobs, workers)
    return len(writer.written)


def _unit_jobs(
    pages: ElectionPages,
    codes: list[str],
    *,
    weighed: bool,
    named: Collection[str] | None,
) -> list[tuple[Job, int]]:
    """The election's page and each unit's, in both languages side by side, each weighed (for
    several processes) by the unit's children: a unit's page lists each of them, and reads
    their results. One process needs no weights, nor units.json read for them (a pass). A
    unit's job renders the pages of its list after the first too (`site.listing`): every one,
    or, with `named` (a pass), those listing a unit named."""
    units = pages.files.units(pages.election) if weighed else []
    children = Counter(unit["parent"] for unit in units)
    paths = [(pages.top, f"{pages.election}/index.html", False)]
    paths += [(code, pages.unit_path(code), True) for code in codes]
    return [
        (partial(_unit, pages, code, Place(lang, path), named if lists else ()), 1 + children[code])
        for code, path, lists in paths
        for lang in LANGS
    ]


def _unit(
    pages: ElectionPages,
    code: str,
    place: Place,
    named: Collection[str] | None,
    writer: Writer,
) -> None:
    """Unit `code`'s page at `place`, and the pages of its list after the first that `named`
    asks for (`listing.pages_wanted`: none for the election's index, whose unit's job at its
    own address renders them)."""
    below = listed_below(pages, code)
    values = unit_page(pages, code, place, list_page(below, 1))
    if values is None:
        return
    _render(writer, "unit.html", place, **_election_values(pages, place), **values)
    for number in pages_wanted(below, named):
        listed = Place(place.lang, list_path(pages.election, code, number))
        values = list_page_values(pages, code, listed, list_page(below, number))
        if values is not None:
            _render(writer, "unit_list.html", listed, **_election_values(pages, listed), **values)
