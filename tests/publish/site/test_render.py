"""The results site rendered from a hand-built snapshot of Kerman's 2024 presidential election:
the pages of the layout, the real figures in Persian and English, incremental rendering, and
accessibility basics of every page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markupsafe import Markup, escape

from sandogh.core.anchor import fingerprint, short_fingerprint
from sandogh.locale import to_persian_digits
from sandogh.publish.site import render_site
from sandogh.publish.site.downloads import _short
from sandogh.publish.site.figures import number
from sandogh.publish.site.render import _environment
from tests.publish.site.build import (
    BAFT,
    COMPLETE,
    KERMAN,
    NATION,
    PARTIAL,
    PROVINCE,
    R1,
    R2,
    S1,
    S2,
    S3,
    S4,
    UNITS,
    write_election,
    write_snapshot,
)
from tests.publish.site.reading import Page, read

ASSETS = {
    "assets/site.css",
    "assets/live.js",
    "assets/map.js",
    "assets/search.js",
    "assets/leaflet/leaflet.js",
    "assets/leaflet/leaflet.css",
    "assets/leaflet/LICENSE",
    "assets/leaflet/images/marker-icon.png",
    "assets/boundaries/provinces.geojson",
    "assets/boundaries/counties/IR-08.geojson",
    "assets/boundaries/counties/IR-07.geojson",
    "assets/boundaries/README.md",
}
PERSIAN_DIGITS = re.compile("[۰-۹]")


def _pages(election: str) -> set[str]:
    pages = {"index.html", f"{election}/index.html", f"{election}/search.html"}
    # the nation holds only Kerman: the province is the election's scope, with no page above it
    pages |= {f"{election}/units/{code}.html" for code in UNITS if code != NATION}
    return pages | {f"en/{page}" for page in pages}


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and "data" not in path.relative_to(root).parts
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both rounds rendered, round 2 complete."""
    root = tmp_path_factory.mktemp("site")
    write_snapshot(root, COMPLETE)
    render_site(root, R1)
    render_site(root, R2)
    return root


def _unit(root: Path, code: str, lang: str = "fa", election: str = R2) -> Page:
    prefix = "en/" if lang == "en" else ""
    return read(root / f"{prefix}{election}/units/{code}.html")


def test_the_layout_is_written_atomically_and_unchanged_files_are_left(tmp_path: Path) -> None:
    write_snapshot(tmp_path, COMPLETE)
    written = render_site(tmp_path, R2)

    files = _files(tmp_path)
    pages = {name for name in files if name.endswith(".html")}
    assert pages == _pages(R2)
    assert set(files) >= ASSETS
    assert written == len(files)
    assert not [name for name in files if Path(name).name.startswith(".")]  # no temporaries
    assert {(tmp_path / name).stat().st_mode & 0o777 for name in files} == {0o644}
    assert render_site(tmp_path, R2) == 0  # nothing changed: nothing rewritten


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_page_prints_text_escaped_and_markup_as_it_is(lang: str) -> None:
    """The pages' templates print values through their own escape (`render._kept`): what
    markupsafe's would print, the same text twice included (it is cached)."""
    template = _environment(lang).from_string("{{ a }}|{{ b }}|{{ c }}|{{ a }}")
    values = {"a": "<i>'\"&", "b": Markup("<b>x</b>"), "c": 5}
    expected = "|".join(escape(values[name]) for name in "abca")
    assert (
        template.render(**values)
        == expected
        == "&lt;i&gt;&#39;&#34;&amp;|<b>x</b>|5|&lt;i&gt;&#39;&#34;&amp;"
    )


def test_the_nation_page_in_persian_has_the_real_figures_in_persian_digits(site: Path) -> None:
    page = read(site / R2 / "index.html")
    assert page.one("html").attrs == {"lang": "fa", "dir": "rtl"}
    text = page.text
    for shown in (
        "۱٬۲۷۶٬۰۹۲",  # ballots cast
        "۱٬۲۵۲٬۸۴۰",  # valid
        "۲۳٬۲۵۲",  # invalid
        "۷۷۳٬۵۹۱",  # Jalili
        "۴۷۹٬۲۴۹",  # Pezeshkian
        "۲٬۳۲۴٬۲۵۴",  # eligible voters
        "۵۴٫۹۰٪",  # turnout: 1,276,092 / 2,324,254
        "۴ شعبه از ۴ شعبه گزارش داده‌اند",
        "با شمارش آرای همه چهار شعبه، سعید جلیلی با هفتصد و هفتاد و سه هزار و پانصد و نود و یک"
        " رأی بیشترین آرا را دارد.",
        "شمارش کامل",
        "منتخب",
        "۱۵ تیر ۱۴۰۳",
        "۱۶ تیر ۱۴۰۳، ساعت ۰۰:۱۰ به وقت تهران",  # 20:40 UTC is past midnight in Tehran
        # round 1 against round 2: the turnout of 46 % then 55 %, "+9 points" in the seed report
        "مقایسه دور ۱ و دور ۲",
        "۴۶٫۰۵٪",
        "۸٫۸۵+ واحد درصد",  # the sign on the right, where a Persian reader starts
        "۲۹۹٬۴۵۳+",  # Jalili: 773,591 − 474,138
        "۱۵۳٬۲۳۰+",  # Pezeshkian: 479,249 − 326,019
        "محمدباقر قالیباف",  # round 1 only
    ):
        assert shown in text, shown
    for latin in ("1,276,092", "1276092", "773,591", "54.90"):
        assert latin not in text


def test_the_nation_page_in_english_has_the_figures_in_latin_digits(site: Path) -> None:
    page = read(site / "en" / R2 / "index.html")
    assert page.one("html").attrs == {"lang": "en", "dir": "ltr"}
    text = page.text
    for shown in (
        "1,276,092",
        "773,591",
        "479,249",
        "54.90%",
        "4 of 4 stations reported",
        "With all 4 stations counted, Saeed Jalili has the most votes: 773,591.",
        "Count complete",
        "Elected",
        "15 Tir 1403 (5 July 2024)",
        "Round 1 against round 2",
        "46.05%",
        "+8.85 points",
        "+299,453",
    ):
        assert shown in text, shown
    assert not PERSIAN_DIGITS.search(text)


def test_a_partial_count_is_announced_in_words_with_the_leader(tmp_path: Path) -> None:
    write_snapshot(tmp_path, PARTIAL)
    render_site(tmp_path, R2)
    text = read(tmp_path / R2 / "index.html").text
    assert (
        "با شمارش آرای سه شعبه از چهار شعبه، سعید جلیلی با ششصد و ده هزار رأی پیشتاز است." in text
    )
    assert "۳ شعبه از ۴ شعبه گزارش داده‌اند" in text
    assert "ناتمام" in text
    assert "پیشتاز" in text
    english = read(tmp_path / "en" / R2 / "index.html").text
    assert "With 3 of 4 stations counted, Saeed Jalili leads with 610,000 votes." in english
    # the county waiting for a station says how many have reported; the station is marked
    assert "۱ از ۲" in _unit(tmp_path, PROVINCE).text
    kerman = _unit(tmp_path, KERMAN).text
    assert "✓ گزارش داده" in kerman
    assert "هنوز گزارش نداده" in kerman


def test_drill_down_from_the_province_to_a_station_with_breadcrumbs(site: Path) -> None:
    province = read(site / R2 / "index.html")
    assert f"units/{KERMAN}.html" in {a.attrs.get("href") for a in province.all("a")}
    station = _unit(site, S2)
    html = (site / R2 / "units" / f"{S2}.html").read_text(encoding="utf-8")
    crumbs = re.search(r'<nav class="crumbs".*?</nav>', html, re.DOTALL)
    assert crumbs is not None
    # the crumbs start at the election's scope, the province, whose page is the election's
    assert re.findall(r'href="([^"]+)"', crumbs.group()) == ["../index.html", f"{BAFT}.html"]
    text = station.text
    for shown in ("شعبه ۲ بافت", "سیار", "روستایی", "صعب‌العبور", "۲۹٫۱۸۷۴، ۵۶٫۶۷۱۰"):
        assert shown in text, shown
    # the county lists its stations with their marks
    assert "صعب‌العبور" in _unit(site, BAFT).text
    assert "Hard to reach" in _unit(site, BAFT, "en").text


def test_every_link_and_script_points_at_a_file_of_the_snapshot(site: Path) -> None:
    for name in _pages(R2) | {f"{R1}/units/{code}.html" for code in UNITS if code != NATION}:
        page = read(site / name)
        targets = [a.attrs.get("href", "") for a in page.all("a") + page.all("link")]
        targets += [s.attrs["src"] for s in page.all("script") if "src" in s.attrs]
        for target in targets:
            if target.startswith(("#", "data:", "http")) or not target:
                continue
            assert (site / name).parent.joinpath(target.split("?")[0]).resolve().is_file(), (
                name,
                target,
            )


def test_downloads_name_every_file_of_the_unit(site: Path) -> None:
    hrefs = {a.attrs["href"] for a in _unit(site, S1).all("a")}
    data = f"../../data/{R2}"
    for expected in (
        f"results/president/{S1}.json",
        f"outcomes/president/{NATION}.json",
        f"csv/stations/{BAFT}.csv",
        f"reports/{S1}/zero.json",
        f"reports/{S1}/final.json",
        "csv/totals.csv",
        "nist/election-report.json",
        "definition.json",
        "devices.json",
        "units.json",
        "snapshot.json",
    ):
        assert f"{data}/{expected}" in hrefs, expected


def test_only_the_named_units_pages_are_rendered_again(tmp_path: Path) -> None:
    write_snapshot(tmp_path, PARTIAL)
    render_site(tmp_path, R2)
    before = _files(tmp_path)
    write_election(tmp_path, R2, COMPLETE)  # the last station reports

    written = render_site(tmp_path, R2, units={S4, KERMAN, PROVINCE, NATION})

    after = _files(tmp_path)
    changed = {name for name in after if before.get(name) != after[name]}
    expected = {
        "index.html",
        f"{R2}/index.html",
        *(f"{R2}/units/{code}.html" for code in (PROVINCE, KERMAN, S4)),
    }
    assert changed == expected | {f"en/{name}" for name in expected}
    assert written == len(changed)
    # the pages left alone were already right: a full rendering finds nothing to change
    assert render_site(tmp_path, R2) == 0
    assert render_site(tmp_path, R2, units={S3}) == 0


def test_every_page_has_the_accessibility_basics(site: Path) -> None:
    for name in _pages(R2):
        page = read(site / name)
        html = page.one("html").attrs
        assert (html["lang"], html["dir"]) in {("fa", "rtl"), ("en", "ltr")}, name
        assert len(page.all("h1")) == 1, name
        for landmark in ("header", "main", "footer"):
            assert len(page.all(landmark)) == 1, (name, landmark)
        assert all(nav.attrs.get("aria-label") for nav in page.all("nav")), name
        assert page.all("a")[0].attrs == {"class": "skip", "href": "#main"}
        assert all(th.attrs.get("scope") in {"col", "row"} for th in page.all("th")), name
        assert all(img.attrs.get("alt") is not None for img in page.all("img")), name
        charts = [e for e in page.elements if e.attrs.get("role") == "img"]
        assert all(chart.attrs.get("aria-label") for chart in charts), name
        labelled = {label.attrs.get("for") for label in page.all("label")}
        for field in page.all("input") + page.all("select"):
            inside_label = field.attrs.get("type") == "radio"  # wrapped in its <label>
            assert inside_label or field.attrs.get("id") in labelled, (name, field)
        if name.endswith(f"units/{PROVINCE}.html"):
            assert page.one("div", id="map").attrs["aria-label"]


def test_the_map_draws_areas_by_code_or_name_and_stations_as_points(site: Path) -> None:
    def data(code: str) -> dict[str, object]:
        page = (site / R2 / "units" / f"{code}.html").read_text(encoding="utf-8")
        found = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page)
        assert found is not None
        loaded: dict[str, object] = json.loads(found.group(1))
        return loaded

    province, baft, kerman = (data(c) for c in (PROVINCE, BAFT, KERMAN))
    assert len(province["fit"]) == 25  # every county of Kerman
    assert province["boundaries"] == "../../assets/boundaries/counties/IR-08.geojson"
    assert sorted(a["href"] for a in province["areas"].values()) == [  # type: ignore[attr-defined]
        f"{BAFT}.html",
        f"{KERMAN}.html",
    ]
    points = baft["points"]
    assert [(p["href"], p["mobile"], p["hard"]) for p in points] == [  # type: ignore[attr-defined]
        (f"{S1}.html", False, False),
        (f"{S2}.html", True, True),
    ]
    assert baft["outline"] is not None  # the county's own boundary around its stations
    assert len(kerman["points"]) == 1  # S4 has no location


def test_the_search_page_lists_the_stations_without_a_script(site: Path) -> None:
    page = read(site / R2 / "search.html")
    form = page.one("form", id="search")
    assert form.attrs["data-units"] == f"../data/{R2}/units.json"
    listed = {a.attrs["href"] for a in page.all("a")}
    assert form.attrs["data-pages"] == "units/"
    assert {f"units/{code}.html" for code in (S1, S2, S3, S4)} <= listed


def test_the_first_round_has_no_comparison(site: Path) -> None:
    text = read(site / R1 / "index.html").text
    assert "مقایسه دور" not in text
    assert "راه‌یافته به دور دوم" in text
    assert "حد نصاب: ۵۳۵٬۱۴۴ رأی از ۱٬۰۷۰٬۲۸۶" in text


def test_the_downloads_show_the_records_fingerprint_to_compare(tmp_path: Path) -> None:
    write_snapshot(tmp_path, COMPLETE)
    record = b'{"format":"sandogh/pre-election-record@1"}'  # the site shows, it does not check
    (tmp_path / "data" / R2 / "anchor").mkdir()
    (tmp_path / "data" / R2 / "anchor" / "record.json").write_bytes(record)
    render_site(tmp_path, R1)
    before = _short.cache_info()
    render_site(tmp_path, R2)
    short = short_fingerprint(fingerprint(record))
    # hashed once for every page (a national record is megabytes), not once a page
    after = _short.cache_info()
    assert after.misses - before.misses <= 1 < after.hits - before.hits

    persian = _unit(tmp_path, S1).text
    english = _unit(tmp_path, S1, "en").text

    assert f"اثر انگشت سیاهه پیش از انتخابات: {to_persian_digits(short)}" in persian
    assert f"Fingerprint of the pre-election record: {short}" in english
    # in one left-to-right isolate: Persian text drew its groups of digits last group first
    source = (tmp_path / R2 / "units" / f"{S1}.html").read_text(encoding="utf-8")
    assert f'<bdi dir="ltr">{to_persian_digits(short)}</bdi>' in source
    hrefs = {a.attrs["href"] for a in _unit(tmp_path, S1).all("a")}
    assert f"../../data/{R2}/anchor/record.json" in hrefs
    assert "Fingerprint" not in _unit(tmp_path, S1, "en", R1).text  # no record published


def test_crossed_out_ballots_are_shown_in_the_seeds_words_where_a_station_has_them(
    tmp_path: Path,
) -> None:
    # A snapshot written before crossed-out ballots were counted has no such figure (the other
    # tests): the page shows 0. A station that counts some on paper shows them, in the total too.
    write_snapshot(tmp_path, COMPLETE)
    path = tmp_path / "data" / R2 / "results" / "president" / f"{S1}.json"
    result = json.loads(path.read_text())
    invalid = result["counts"]["invalid"]
    moved = invalid["blank"]
    invalid["blank"], invalid["crossed-out"] = 0, moved
    path.write_text(json.dumps(result, ensure_ascii=False))
    render_site(tmp_path, R2)

    for prefix, label, shown in (
        ("", "مخدوش", number(moved, "fa")),
        ("en/", "Crossed out", number(moved, "en")),
    ):
        html = (tmp_path / f"{prefix}{R2}/units/{S1}.html").read_text(encoding="utf-8")
        assert f'<th scope="row">{label}</th><td class="num">{shown}</td>' in html


def test_no_persian_page_separates_with_a_middle_dot(tmp_path: Path) -> None:
    # «·» reads as a Persian zero: «· ۱ کرسی» as «۱۰ کرسی» (issue 13)
    write_snapshot(tmp_path, PARTIAL)
    render_site(tmp_path, R1)
    render_site(tmp_path, R2)
    persian = [name for name in _pages(R2) if not name.startswith("en/")]
    persian += [f"{R1}/index.html", f"{R2}/units/{S1}.html"]
    for name in persian:
        assert "·" not in read(tmp_path / name).text, name
    assert "·" in read(tmp_path / "en" / R2 / "index.html").text  # English keeps it
