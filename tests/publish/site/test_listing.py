"""A unit's long list of the units below it on pages of its own (issue 14, `site.listing`):
where the pages live, what each holds and links to, and which a rendering naming a few units
renders again. A page of one unit makes every list of the hand-built snapshot span pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandogh.publish.site import listing, render_site
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


@pytest.fixture(autouse=True)
def one_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing, "PAGE_SIZE", 1)


def _read(root: Path, path: str, lang: str = "fa") -> Page:
    return read(root / ("en/" if lang == "en" else "") / R2 / path)


def _rows(page: Page) -> set[str]:
    """The units a page's area lists link to."""
    return {a.attrs["href"].rsplit("/", 1)[-1] for a in page.all("a")} & {
        f"{code}.html" for code in UNITS
    }


def _rel(page: Page, rel: str) -> set[str]:
    """Where a page's links to the page before (`prev`) or after (`next`) go."""
    return {a.attrs["href"] for a in page.all("a") if a.attrs.get("rel") == rel}


def _links(root: Path, name: str) -> list[str]:
    page = read(root / name)
    return [a.attrs["href"] for a in page.all("a") + page.all("link")]


def test_pages_after_the_first_are_every_one_or_those_listing_a_unit_named() -> None:
    below = ["A", "B", "C"]
    assert listing.pages_wanted(below, None) == [2, 3]
    assert listing.pages_wanted(below, {"C", "A", "X"}) == [3]
    assert listing.pages_wanted(below, ()) == []
    page = listing.list_page(below, 2)
    assert (page.number, page.pages, page.below, page.codes) == (2, 3, 3, frozenset({"B"}))
    assert (page.first, page.last) == (2, 2)
    assert listing.list_page(["A"], 1).codes is None  # one page: every unit, as before


def test_a_long_list_is_paged_in_the_geographys_order_with_links_both_ways(
    tmp_path: Path,
) -> None:
    write_snapshot(tmp_path, COMPLETE)
    render_site(tmp_path, R1)
    render_site(tmp_path, R2)

    first = _read(tmp_path, f"units/{BAFT}.html")
    assert f"{S1}.html" in _rows(first)
    assert f"{S2}.html" not in _rows(first)
    assert "صفحهٔ ۱ از ۲ (واحدهای ۱ تا ۱ از ۲)" in first.text
    second = _read(tmp_path, f"units/{BAFT}/2.html")
    assert f"{S2}.html" in _rows(second)
    assert f"{S1}.html" not in _rows(second)
    assert "صفحهٔ ۲ از ۲" in second.text
    assert _rel(second, "prev") == {f"../{BAFT}.html"}
    assert _rel(first, "next") == {f"{BAFT}/2.html"}
    english = _read(tmp_path, f"units/{BAFT}/2.html", "en")
    assert "Page 2 of 2 (units 2 to 2 of 2)" in english.text
    assert not _rel(second, "next")
    # the election's page is the province's: its second page links back to the index
    province = _read(tmp_path, f"units/{PROVINCE}/2.html")
    assert f"{KERMAN}.html" in _rows(province)
    assert _rel(province, "prev") == {"../../index.html"}
    assert _rel(_read(tmp_path, "index.html"), "next") == {f"units/{PROVINCE}/2.html"}
    # no list page where a unit has one unit below it, nor for a station
    assert not (tmp_path / R2 / "units" / S1).exists()
    for name in [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.html")]:
        for target in _links(tmp_path, name):
            if target.startswith(("#", "data:", "http")) or not target:
                continue
            path = target.split("#")[0]
            assert (tmp_path / name).parent.joinpath(path).resolve().is_file(), (name, target)


def test_a_rendering_naming_a_stations_path_renders_the_list_pages_listing_it(
    tmp_path: Path,
) -> None:
    write_snapshot(tmp_path, PARTIAL)
    render_site(tmp_path, R2)
    lists = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("units/*/*.html")}
    assert lists == {
        f"{lang}{R2}/units/{code}/2.html"
        for lang in ("en/", "")
        for code in (PROVINCE, BAFT, KERMAN)
    }
    for name in lists:
        (tmp_path / name).unlink()
    write_election(tmp_path, R2, COMPLETE)  # the last station, S4 of Kerman, reports

    render_site(tmp_path, R2, units={S4, KERMAN, PROVINCE, NATION})

    # Kerman is second in the province's list, S4 in Kerman's; Baft's lists no unit named
    assert {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("units/*/*.html")} == {
        f"{lang}{R2}/units/{code}/2.html" for lang in ("en/", "") for code in (PROVINCE, KERMAN)
    }
    render_site(tmp_path, R2, units={S2, BAFT, PROVINCE, NATION})
    assert (tmp_path / R2 / "units" / BAFT / "2.html").is_file()
    assert render_site(tmp_path, R2, units={S3}) == 0
