"""A unit's page lists each candidate once: the constituencies lying inside the unit are listed
with a link to their own page, where their candidates' votes are, rather than every candidate of
each (the nation's page listed 15,000 parliament candidates, each three times)."""

from __future__ import annotations

import re
from pathlib import Path

from sandogh.publish.site import render_site
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from tests.publish.build import publisher, report, set_up
from tests.publish.site.reading import read
from tests.services.build import ROUND_2_DAY, ST_1, ST_2, ST_3

KERMAN, BAM = "IR-08-0801", "IR-08-0802"  # a parliament constituency each (P1, P2)


def _rows(html: str, contest: str) -> list[str]:
    """The candidates' codes in a contest's votes table, in Latin digits."""
    section = re.search(
        rf'<section id="contest-{contest}".*?(?=<section id="contest-|<section id="map|</main>)',
        html,
        re.DOTALL,
    )
    assert section is not None
    table = re.search(r'<table class="data votes">.*?</table>', section.group(), re.DOTALL)
    if table is None:
        return []
    # a code alone in its cell is printed bare: a cell is its own bidirectional paragraph
    codes = re.findall(r"<tr><td>([^<]+)</td>", table.group())
    return [code.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")) for code in codes]


def test_a_unit_lists_the_constituencies_inside_it_not_their_candidates(tmp_path: Path) -> None:
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    set_up(uow)
    for minutes, station in enumerate((ST_1, ST_2, ST_3)):
        report(uow, station, minutes)
    publisher(uow, tmp_path).regenerate()
    render_site(tmp_path, ROUND_2_DAY.id)
    election = tmp_path / ROUND_2_DAY.id

    # the province's page (the election's): its president's candidates, no parliament ones
    province = (election / "index.html").read_text(encoding="utf-8")
    assert _rows(province, "president") == ["21", "25"]
    assert _rows(province, "parliament") == []
    assert "آرای نامزدهای هر حوزه انتخابیه‌ای که در این محدوده است" in province
    links = {a.attrs["href"] for a in read(election / "index.html").all("a")}
    assert {f"units/{KERMAN}.html", f"units/{BAM}.html", "#within-parliament"} <= links

    # each constituency's page lists its own candidates, once, and their standings
    kerman = (election / "units" / f"{KERMAN}.html").read_text(encoding="utf-8")
    assert _rows(kerman, "parliament") == ["31", "32", "33", "34"]
    assert "در این محدوده است" not in kerman
    assert kerman.count('<section class="panel outcome"') == 1  # P1's
    # Kerman is P1's only unit: its votes table is P1's standings, each row with its result,
    # and the outcome has no table printing every candidate again
    outcome = kerman.split('<section class="panel outcome"')[1].split("</section>")[0]
    assert "<table" not in outcome
    assert 'href="#votes-parliament"' in outcome
    votes = kerman.split('id="votes-parliament"')[1].split("</table>")[0]
    assert votes.count('<span class="result result-') == 4
    assert '<th scope="col">نتیجه</th>' in votes
    bam = (election / "units" / f"{BAM}.html").read_text(encoding="utf-8")
    assert _rows(bam, "parliament") == ["41", "42"]

    # in English too
    english = (tmp_path / "en" / ROUND_2_DAY.id / "index.html").read_text(encoding="utf-8")
    assert _rows(english, "parliament") == []
    assert "on that constituency&#39;s page" in english


def test_a_candidate_is_printed_once_in_its_unit_votes(tmp_path: Path) -> None:
    """One table of the votes, each row's share drawn as its bar: no chart printing every
    name and share again beside it."""
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    set_up(uow)
    report(uow, ST_1, 0)
    publisher(uow, tmp_path).regenerate()
    render_site(tmp_path, ROUND_2_DAY.id)
    html = (tmp_path / ROUND_2_DAY.id / "units" / f"{ST_1}.html").read_text(encoding="utf-8")
    rows = _rows(html, "president") + _rows(html, "parliament")
    assert sorted(rows) == ["21", "25", "31", "32", "33", "34"]
    drawn = re.findall(r'<td class="num share">[^<]+<svg class="bar-track"', html)
    assert len(drawn) == len(rows)
    assert 'class="bar-name"' not in html.split('id="turnout-president"')[0]  # no chart
    assert "نمودار آرای نامزدها" not in html
