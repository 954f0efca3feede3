"""The results site's pages by kind: CPU and bytes a page, beside writing the same bytes.

    .venv/bin/python bench/site.py SNAPSHOT [--per-kind N] [--profile N] [--json]

SNAPSHOT is a snapshot kept by `bench/publish.py --stations S --keep SNAPSHOT --no-site` (its
data files written, the site not rendered). Up to N units of each kind, spread over the kind's
codes, the election's page and, of each kind, the unit with the most units below it (the
heaviest list) have their pages rendered in both languages in this one process
(`publish.site.render`'s own rendering, a worker's work) into memory, timed in CPU; then the
baseline: the same bytes written by the snapshot's `Writer` into an empty folder, in the same
run. The national figure is each kind's CPU a page, rendered and written, times the nation's
pages of that kind (bench/nation.py's units, two languages), over two cores. With
`--profile N`, N pages of each kind are rendered again under cProfile (CPU time) and the
functions costing most are printed.

Measured (session 26, 5,000 stations, 150 units a kind, the machine shared): a station's page
2.84 ms and 41.7 KB (3.61 ms and 45.6 KB for the code before it, same run), a village's 3.44, a
city's 4.47, a county's 8.75 and 72.9 KB (10.66, 80.7), a province's 22.6 (40.4), the nation's
211 (612); written 0.1–0.2 ms a page; the nation's pages ≈ 230 s on 2 cores (294 before).
With a sealed record of 1.9 MB in the snapshot, 234 s (379 before: each page hashed it).
docs/publish.md, "How long the national site and regeneration take", has the whole table.

Session 27 (issue 14, long lists on pages of their own; 40 units a kind, stage's code run just
before, load 5–8): the election's page 189 ms and 564 KB (323 ms, 1,592 KB), the nation's 54 ms
and 563 KB (161, 1,571), the city of 299 stations' first page 166 KB (355: it listed all).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import pstats
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import nation
from sandogh.publish.site import render
from sandogh.publish.site.pages import ElectionPages
from sandogh.publish.site.place import Place
from sandogh.publish.site.snapshot import SnapshotFiles
from sandogh.publish.writer import Writer

CORES = 2


class Kept(Writer):
    """A writer that keeps each page's bytes in memory: the rendering timed alone."""

    def __init__(self) -> None:
        super().__init__(Path("."))
        self.pages: list[tuple[str, bytes]] = []

    def write(self, relative: str, data: bytes) -> bool:
        self.pages.append((relative, data))
        return True


def sample(codes: list[str], count: int) -> list[str]:
    if len(codes) <= count:
        return codes
    return [codes[i * len(codes) // count] for i in range(count)]


def chosen(pages: ElectionPages, per_kind: int) -> dict[str, list[tuple[str, str]]]:
    """Up to `per_kind` units of each kind, with their pages' paths; the election's page apart."""
    kinds = {unit["code"]: unit["kind"] for unit in pages.files.units(pages.election)}
    by_kind: dict[str, list[str]] = {}
    for code in pages.unit_codes():
        by_kind.setdefault(kinds[code], []).append(code)
    picked = {"election": [(pages.top, f"{pages.election}/index.html")]}
    for kind, codes in sorted(by_kind.items()):
        picked[kind] = [(code, pages.unit_path(code)) for code in sample(codes, per_kind)]
    return picked


def heaviest(pages: ElectionPages) -> dict[str, list[tuple[str, str]]]:
    """The unit of each kind above the stations with the most units just below it: the pages
    a list makes heaviest (issue 14: a national city lists 3,508 stations)."""
    units = pages.files.units(pages.election)
    below = Counter(unit["parent"] for unit in units)
    most: dict[str, str] = {}
    for unit in units:
        code, kind = unit["code"], unit["kind"]
        if below[code] and code not in pages.above and below[code] > below[most.get(kind, "")]:
            most[kind] = code
    return {
        f"{kind} ({below[code]:,} below)": [(code, pages.unit_path(code))]
        for kind, code in most.items()
    }


def rendered(pages: ElectionPages, units: list[tuple[str, str]]) -> tuple[float, Kept]:
    kept = Kept()
    gc.collect()
    start = time.process_time()
    for code, path in units:
        for lang in render.LANGS:
            render._unit(pages, code, Place(lang, path), None, kept)
    return time.process_time() - start, kept


def written(pages: list[tuple[str, bytes]], folder: Path) -> float:
    """CPU seconds to write `pages` with the snapshot's own writer into an empty folder."""
    writer = Writer(folder, mode=0o644)
    gc.collect()
    start = time.process_time()
    for relative, data in pages:
        writer.write(relative, data)
    return time.process_time() - start


def _first(name: str) -> bool:
    """A unit's page at its address, not a page 2… of its list (`units/<code>/<n>.html`)."""
    return name.rsplit("/units/", 1)[1].count("/") == 0


def national_pages() -> Counter[str]:
    built = nation.build(1403)
    return Counter(unit.kind.value for unit in built.election.units)


def run(args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    files = SnapshotFiles(args.snapshot)
    (entry,) = files.elections()
    pages = ElectionPages(files, entry["id"])
    pages.read_ahead()
    for lang in render.LANGS:
        render._environment(lang).get_template("unit.html")
    gc.freeze()  # as a worker forked after reading ahead (`publish.processes`)
    picked = chosen(pages, args.per_kind) | heaviest(pages)
    counts = Counter({kind: len(units) for kind, units in chosen(pages, 10**9).items()})
    figures: dict[str, Any] = {"stations": pages.snapshot["stations"]["total"], "kinds": {}}
    for kind, units in picked.items():
        render_s, kept = rendered(pages, units)
        write_s = written(kept.pages, scratch / kind)
        shutil.rmtree(scratch / kind)
        made = len(kept.pages)
        first = [data for name, data in kept.pages if "/units/" not in name or _first(name)]
        figures["kinds"][kind] = {
            "units": counts[kind],
            "rendered": made,
            "ms_a_page": 1000 * render_s / made,
            # both languages' pages of a unit, its list's pages after the first among them
            "ms_a_unit": 1000 * (render_s + write_s) / len(units),
            "kb_a_page": sum(len(data) for _, data in kept.pages) / made / 1000,
            # a unit's page at its address, its list's first page (`site.listing`)
            "kb_first_page": sum(map(len, first)) / len(first) / 1000,
            "write_ms_a_page": 1000 * write_s / made,
        }
    if args.profile:
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        for units in picked.values():
            rendered(pages, units[: args.profile])
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(25)
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(35)
        figures["profile"] = out.getvalue()
    nationally = national_pages()
    nationally["election"] = 1
    seconds = sum(  # each unit's pages rendered and written
        nationally[kind] * shown["ms_a_unit"] / 1000 for kind, shown in figures["kinds"].items()
    )
    figures["national"] = {
        "pages": 2 * sum(nationally.values()),
        "seconds_on_2_cores": seconds / CORES,
    }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("snapshot", type=Path, help="a snapshot kept by bench/publish.py --keep")
    parser.add_argument("--per-kind", type=int, default=200, help="units of each kind rendered")
    parser.add_argument("--profile", type=int, default=0, help="pages of each kind profiled")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sandogh-site-") as scratch:
        figures = run(args, Path(scratch))
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"sandogh site benchmark: {figures['stations']:,} stations, both languages a unit")
    print(
        f"{'kind':<26}{'units':>8}{'pages':>7}{'ms a page':>11}{'KB a page':>11}"
        f"{'KB first':>10}{'write ms':>10}"
    )
    for kind, shown in figures["kinds"].items():
        print(
            f"{kind:<26}{shown['units']:>8,}{shown['rendered']:>7,}{shown['ms_a_page']:>11.2f}"
            f"{shown['kb_a_page']:>11.1f}{shown['kb_first_page']:>10.1f}"
            f"{shown['write_ms_a_page']:>10.2f}"
        )
    national = figures["national"]
    print(
        f"national: {national['pages']:,} pages ≈ {national['seconds_on_2_cores'] / 60:.1f} min "
        f"on {CORES} cores (aim < 5 min)"
    )
    if "profile" in figures:
        print(figures["profile"], file=sys.stderr)


if __name__ == "__main__":
    main()
