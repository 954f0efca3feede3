"""The results site in headless Chromium, served by a plain static server as any web host would:
read the front page's headline figures, drill down from the province (the Kerman election's
scope) to a station in Persian and English, find a station, switch the map, see a voided station
and a certified round, and watch the figures move when a new snapshot is published during the
day; axe-core on every page opened."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sandogh.publish.site import listing, render_site
from tests.axe import assert_accessible
from tests.publish.site.build import (
    BAFT,
    COMPLETE,
    KERMAN,
    NAMES,
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
    undo_certification,
    void_constituency,
    void_station,
    write_snapshot,
)
from tests.publish.site.elsewhere import FARS, move_to_fars

SCREENSHOTS = Path(__file__).parent / "screenshots"
LOOPBACK = "127.0.0.1"
VIEWPORT = {"width": 960, "height": 800}
# The lowest contrast ratio (WCAG 2.x relative luminance) between any text on the page outside the
# map and the first opaque background behind it.
LOWEST_CONTRAST = r"""() => {
  const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => {
    v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || c[3] === 1) return c;
    }
    return [255, 255, 255];
  };
  let lowest = [21, ""];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode()); ) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest(".leaflet-container, .visually-hidden, script")
        || !el.getClientRects().length) continue;
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < lowest[0]) lowest = [ratio, node.textContent.trim()];
  }
  return lowest;
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def _serving(root: Path) -> Iterator[str]:
    server = ThreadingHTTPServer((LOOPBACK, 0), partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """Both rounds rendered, round 2 partly counted, served from `tmp_path` on loopback."""
    write_snapshot(tmp_path, PARTIAL)
    render_site(tmp_path, R1)
    render_site(tmp_path, R2)
    with _serving(tmp_path) as url:
        yield tmp_path, url


def _new_page(browser: Browser, errors: list[str]) -> Page:
    page = browser.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]  # a ViewportSize
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(10_000)
    return page


def _cast(page: Page, name: str) -> str:
    row = page.locator("#contest-president table.figures tr", has_text=name)
    return row.locator("td").inner_text()


def _shoot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def _drill(page: Page, name: str) -> None:
    page.locator("table.children").get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)


# Text the page shows outside any <bdi> that holds a figure: anywhere a sign before or after
# digits, and in a sentence (a paragraph, a headline figure, a legend) any Persian digit at all;
# names (a station's «شعبه ۲ بافت»), codes and the map's own layer are left out.
_BARE_FIGURES = """() => {
  const bare = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("bdi, script, style, code, title, #map")) continue;
    const text = node.textContent;
    const signed = /(^|[^\\w])[+\\-\u2212][0-9\u06f0-\u06f9]|[0-9\u06f0-\u06f9][+\u2212]/;
    const sentence = node.parentElement.closest("p, dd, .legend");
    if (signed.test(text) || (sentence && /[\u06f0-\u06f9]/.test(text))) bare.push(text.trim());
  }
  return bare;
}"""


# A table cell's figure drawn in its reader's order without an isolate: a cell is a paragraph of
# its own to the bidirectional algorithm. Each cell printed bare is drawn from a copy of its text
# in an isolate of the page's direction, and must stand exactly as that copy does.
_BARE_CELLS = """() => {
  const moved = [];
  for (const cell of document.querySelectorAll("td.num")) {
    const text = cell.textContent.trim();
    if (!text || cell.querySelector("bdi")) continue;
    const node = cell.firstChild, start = node.textContent.indexOf(text);
    const shown = [...text].map((_, i) => {
      const one = document.createRange();
      one.setStart(node, start + i);
      one.setEnd(node, start + i + 1);
      return Math.round(one.getBoundingClientRect().left);
    });
    const order = shown.map((x, i) => [x, i]).sort((a, b) => a[0] - b[0]).map(p => p[1]);
    const bdi = document.createElement("bdi");
    bdi.textContent = text;
    const probe = document.createElement("p");
    probe.dir = document.documentElement.dir;
    probe.appendChild(bdi);
    document.body.appendChild(probe);
    const kept = [...text].map((_, i) => {
      const one = document.createRange();
      one.setStart(bdi.firstChild, i);
      one.setEnd(bdi.firstChild, i + 1);
      return Math.round(one.getBoundingClientRect().left);
    });
    probe.remove();
    const expected = kept.map((x, i) => [x, i]).sort((a, b) => a[0] - b[0]).map(p => p[1]);
    if (order.join() !== expected.join()) moved.push(text);
  }
  return moved;
}"""


def _persian_typography(page: Page) -> None:
    """No «·» (it reads as a Persian zero); every figure in a sentence (an announcement, a note,
    a comparison, a label) isolated in <bdi>, none signed outside one; a figure alone in a table
    cell is isolated where it has a sign, and bare otherwise, drawn as isolated it would be."""
    text = page.locator("body").inner_text()
    assert "·" not in text
    signed = page.locator("td.num").evaluate_all(
        "cells => cells.filter(c => /[+\u2212]/.test(c.textContent) && !c.querySelector('bdi'))"
        ".length"
    )
    assert signed == 0
    moved = page.evaluate(_BARE_CELLS)
    assert moved == [], moved
    found = page.evaluate(_BARE_FIGURES)
    assert found == [], found


def test_persian_drill_down_map_and_search(served: tuple[Path, str], browser: Browser) -> None:
    _, url = served
    errors: list[str] = []
    page = _new_page(browser, errors)

    page.goto(url)
    assert page.locator("html").get_attribute("dir") == "rtl"
    # the front page's headline: the scope, stations reported, turnout over them, the leader
    headline = page.locator(".elections li").first
    for shown in ("استان کرمان", "۳ از ۴", "۷۵٫۰٪", "مشارکت در شعبه‌های گزارش‌داده", "پیشتاز"):
        expect(headline).to_contain_text(shown)
    expect(headline).to_contain_text("سعید جلیلی")
    _persian_typography(page)
    assert_accessible(page, "front page (fa)")
    _shoot(page, "front-fa.png")
    page.get_by_role("link", name=NAMES[R2]["fa"]).click()
    # one province's totals are named for it, never for the country
    expect(page.get_by_role("heading", level=1)).to_have_text("استان کرمان IR-08")
    main = page.locator("main")
    # the outcome counts the province's stations alone: named for it, not for the country
    expect(main.locator(".outcome h3")).to_contain_text("نتیجه تاکنون: استان کرمان")
    assert "ایران" not in main.inner_text()
    # partly counted: leading, not elected, and why it is not final
    expect(main.locator(".outcome .not-final")).to_contain_text("۳ شعبه از ۴ شعبه گزارش")
    assert "انتخاب‌نشده" not in main.inner_text()
    assert "منتخب" not in main.locator(".outcome table").inner_text()
    expect(main.locator(".outcome .result-leading")).to_have_text("پیشتاز")
    # session 21, F4: nor do its reasons say «منتخب» under «not final»
    why = main.locator(".outcome ul").inner_text()
    assert "پیشتاز" in why
    assert "منتخب" not in why
    # F5: each percentage names its base; the eligible voters beside the reported ballots are
    # those of the reporting stations, the province's apart
    expect(main.locator("#contest-president table.data").first).to_contain_text("درصد از آرای صحیح")
    figures = main.locator("table.figures").inner_text()
    assert "واجدان شرایط شعبه‌های گزارش‌داده" in figures
    assert "واجدان شرایط همه شعبه‌ها" in figures
    # turnout and the comparison with round 1 over the three stations that have reported
    expect(main.locator(".turnout-note")).to_contain_text("۳ شعبه از ۴ شعبه")
    expect(main.locator(".compare-over")).to_contain_text("۳ شعبه از ۴ شعبه")
    _persian_typography(page)
    # the keyboard: the first Tab reaches the skip link, shown with a visible focus ring
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_class("skip")
    assert focused.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert _cast(page, "آرای مأخوذه") == "۹۸۱٬۷۷۰"
    assert "۳ شعبه از ۴ شعبه گزارش داده‌اند" in page.locator("main").inner_text()
    page.locator("#map[data-ready]").wait_for()
    ratio, text = page.evaluate(LOWEST_CONTRAST)
    assert ratio >= 4.5, text
    assert page.locator("#map path.leaflet-interactive").count() >= 2  # counties drawn
    # Kerman county, one station of two in, is hatched; Baft, all in, in its leader's colour
    hatched = page.locator('#map path[fill="url(#little-reporting)"]')
    expect(hatched).to_have_count(1)
    hatched.hover()
    tip = page.locator(".leaflet-tooltip .map-tip")
    expect(tip).to_have_attribute("dir", "rtl")
    expect(tip).to_contain_text("۱ از ۲ شعبه گزارش داده")
    legend = page.locator('.legend[data-mode="winner"]')
    for entry in ("سعید جلیلی", "نیمی از شعبه‌ها یا کمتر گزارش داده", "بی‌گزارش"):
        expect(legend).to_contain_text(entry)
    assert_accessible(page, "province (fa)")
    _shoot(page, "province-fa.png")
    page.get_by_role("radio", name="مشارکت").check()  # colour by turnout
    expect(page.locator('.legend[data-mode="turnout"]')).to_be_visible()
    expect(page.locator('.legend[data-mode="winner"]')).to_be_hidden()
    page.locator("#map-section").screenshot(path=str(SCREENSHOTS / "map-fa.png"))

    _drill(page, "بافت")  # a county: «شهرستان بافت»
    page.locator("#map[data-ready]").wait_for()
    assert_accessible(page, "county (fa)")
    _shoot(page, "county-fa.png")

    ratio, text = page.evaluate(LOWEST_CONTRAST)
    assert ratio >= 4.5, text
    # from the keyboard alone: focus the station's link and follow it
    page.locator("table.children").get_by_role("link", name="شعبه ۲ بافت").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("شعبه ۲ بافت")
    details = page.locator("main").inner_text()
    assert "صعب‌العبور" in details
    assert "سیار" in details
    crumbs = page.get_by_role("navigation", name="مسیر").get_by_role("link")
    assert crumbs.all_inner_texts() == ["استان کرمان", "شهرستان بافت"]
    page.locator("#map[data-ready]").wait_for()
    _persian_typography(page)
    assert_accessible(page, "station (fa)")
    _shoot(page, "station-fa.png")

    page.get_by_role("link", name="جست‌وجوی شعبه").click()
    page.get_by_label("نام یا کد شعبه").fill("کرمان ۲")  # Persian digits find "2"
    expect(page.locator("#search-count")).to_have_text("۱ نتیجه")
    _persian_typography(page)
    assert_accessible(page, "search (fa)")
    page.locator("#search-results").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("شعبه ۲ کرمان")
    assert S4 in page.url
    assert errors == []


def test_english_pages(served: tuple[Path, str], browser: Browser) -> None:
    _, url = served
    errors: list[str] = []
    page = _new_page(browser, errors)

    page.goto(f"{url}en/index.html")
    expect(page.locator(".elections li").first).to_contain_text("Kerman Province")
    expect(page.locator(".elections li").first).to_contain_text("Leading, President")
    assert_accessible(page, "front page (en)")
    _shoot(page, "front-en.png")
    page.goto(f"{url}{R2}/index.html")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.url.endswith(f"/en/{R2}/index.html")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kerman Province IR-08")
    assert _cast(page, "Ballots cast") == "981,770"
    expect(page.locator(".announce")).to_have_text(
        "With 3 of 4 stations counted, Saeed Jalili leads with 610,000 votes."
    )
    expect(page.locator(".outcome .not-final")).to_contain_text("3 of 4 stations have reported")
    assert "Not elected" not in page.locator("main").inner_text()
    why = page.locator(".outcome ul").inner_text()  # session 21, F4
    assert "leading so far" in why
    assert "elected" not in why
    page.locator("#map[data-ready]").wait_for()
    assert_accessible(page, "province (en)")
    _shoot(page, "province-en.png")
    page.locator("#map-section").screenshot(path=str(SCREENSHOTS / "map-en.png"))

    _drill(page, "Kerman")  # the county of the same name
    assert KERMAN in page.url
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kerman County")
    page.locator("#map[data-ready]").wait_for()
    assert_accessible(page, "county (en)")
    _shoot(page, "county-en.png")
    _drill(page, "Kerman station 2")
    expect(page.locator(".announce")).to_have_text("This station has not reported yet.")
    assert "not recorded" in page.locator("main").inner_text()  # no location: no map
    assert_accessible(page, "station (en)")
    _shoot(page, "station-en.png")

    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(f"{url}{R2}/index.html")
    page.locator("#map[data-ready]").wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than the screen
    assert_accessible(page, "province (fa, phone)")
    _shoot(page, "province-fa-phone.png")
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shoot(page, "front-fa-phone.png")
    assert errors == []


def test_a_voided_station_and_a_certified_round_say_so(tmp_path: Path, browser: Browser) -> None:
    write_snapshot(tmp_path, COMPLETE)
    void_station(tmp_path, R2, S3)
    render_site(tmp_path, R1)
    render_site(tmp_path, R2)
    errors: list[str] = []
    page = _new_page(browser, errors)
    with _serving(tmp_path) as url:
        page.goto(f"{url}{R2}/units/{S3}.html")
        voided = page.locator(".voided")
        expect(voided).to_contain_text("به تصمیم هیئت نظارت باطل شد")
        expect(voided).to_contain_text("صندوق بی‌لاک و مهر رسید")
        expect(voided).to_contain_text("۱۴۰۳/۱۲۷")
        # the decision's day and hour in Tehran, in the Jalali calendar and Persian digits
        expect(voided).to_contain_text("تاریخ تصمیم: ۱۵ تیر ۱۴۰۳، ساعت ۲۱:۱۵ به وقت تهران")
        # its ballots are set aside with the papers, not a third kind of vote beside the two
        assert "غیرمأخوذه" not in page.locator("#contest-president table.figures").inner_text()
        # session 21, F6: its status says voided, not «شمارش کامل»
        expect(page.locator("#contest-president h2 .status")).to_have_text(
            "باطل‌شده به تصمیم هیئت نظارت"
        )
        assert "شمارش کامل" not in page.locator("main").inner_text()
        # session 22: the board's voided ballots have a line of their own, apart from the void
        # papers the station counted; no turnout of 0 %, no comparison with round 1 over nothing
        papers = page.locator("table.papers tr")
        expect(papers.filter(has_text="برگه‌های باطله غیرمأخوذه").locator("td")).to_have_text("۰")
        expect(
            papers.filter(has_text="آرای باطل‌شده به تصمیم هیئت نظارت").locator("td")
        ).to_have_text("۶۶۱٬۱۰۰")
        expect(page.locator(".turnout-note")).to_contain_text("مشارکت آن حساب نمی‌شود")
        expect(page.locator(".compare-over")).to_have_count(0)
        _persian_typography(page)
        assert_accessible(page, "voided station (fa)")
        _shoot(page, "station-voided-fa.png")

        # its county's area list: voided, not ticked as reported, with no turnout; the county
        # counts it among its stations reported, saying so, and turnout leaves it out
        page.get_by_role("navigation", name="مسیر").get_by_role(
            "link", name="شهرستان کرمان"
        ).click()
        row = page.locator("table.children tr", has_text="شعبه ۱ کرمان")
        expect(row.locator("td").first).to_have_text("باطل‌شده")
        expect(row.locator("td.num")).to_have_text("—")
        expect(page.locator(".reported")).to_contain_text(
            "۲ شعبه از ۲ شعبه گزارش داده‌اند؛ آرای ۱ شعبه از آنها به تصمیم هیئت نظارت باطل شد"
        )
        expect(page.locator(".turnout-note")).to_contain_text("۱ شعبه از ۲ شعبه که آرایشان")
        page.locator("#map[data-ready]").wait_for()
        expect(page.locator('.legend[data-mode="winner"]')).to_contain_text(
            "باطل‌شده به تصمیم هیئت نظارت"
        )
        _persian_typography(page)
        assert_accessible(page, "county with a voided station (fa)")
        _shoot(page, "county-voided-fa.png")
        page.get_by_role("navigation", name="مسیر").get_by_role("link", name="استان کرمان").click()
        row = page.locator("table.children tr", has_text="کرمان")
        expect(row.filter(has_text="باطل‌شده").locator("td").first).to_contain_text(
            "۲ از ۲ (۱ باطل‌شده)"
        )

        page.goto(f"{url}{R1}/index.html")
        certified = page.locator(".outcome .certified")
        # the Latin account isolated (FSI…PDI), so the date after it keeps its place
        expect(certified).to_contain_text("تأیید هیئت نظارت (ایران)، حساب \u2068m.rahimi\u2069")
        expect(certified).to_contain_text("۱۱ تیر ۱۴۰۳، ساعت ۱۲:۰۰ به وقت تهران")
        # session 21, F5: a certified outcome is headed as final, its percentages' base named
        heading = page.locator(".outcome h3")
        expect(heading).to_contain_text("نتیجه: ")
        expect(heading).not_to_contain_text("تاکنون")
        expect(page.locator(".outcome table")).to_contain_text("درصد از آرای مأخوذه")
        _persian_typography(page)
        assert_accessible(page, "certified round (fa)")
        _shoot(page, "certified-fa.png")
        page.goto(f"{url}en/{R1}/index.html")
        expect(page.locator(".outcome .certified")).to_contain_text(
            "Certified by the supervisory board (Iran), account \u2068m.rahimi\u2069"
        )
        page.goto(f"{url}en/{R2}/units/{S3}.html")
        expect(page.locator(".voided")).to_contain_text(
            "Decided 15 Tir 1403 (5 July 2024), 21:15 Tehran time."
        )
        expect(page.locator("#contest-president h2 .status")).to_have_text(
            "Voided by the supervisory board"
        )
        expect(page.locator("table.papers")).to_contain_text(
            "Ballots voided by the supervisory board"
        )
        assert_accessible(page, "voided station (en)")
        _shoot(page, "station-voided-en.png")
        page.goto(f"{url}en/{R2}/units/{KERMAN}.html")
        row = page.locator("table.children tr", has_text="Kerman station 1")
        expect(row.locator("td").first).to_have_text("Voided")
        assert_accessible(page, "county with a voided station (en)")

        # the board voids the whole constituency: its outcome says so, with the decision's day
        void_constituency(tmp_path, R2, NATION)
        render_site(tmp_path, R2)
        page.goto(f"{url}{R2}/index.html")
        outcome = page.locator(".outcome .voided")
        expect(outcome).to_contain_text("انتخابات این حوزه به تصمیم هیئت نظارت باطل شد")
        expect(outcome).to_contain_text("۱۴۰۳/۱۳۰")
        expect(outcome).to_contain_text("۱۵ تیر ۱۴۰۳")
        _persian_typography(page)
        assert_accessible(page, "voided constituency (fa)")
        _shoot(page, "constituency-voided-fa.png")
        page.goto(f"{url}en/{R2}/index.html")
        expect(page.locator(".outcome .voided")).to_contain_text(
            "The election in this constituency was voided by the supervisory board"
        )
    assert errors == []


def test_an_undone_certification_says_so(tmp_path: Path, browser: Browser) -> None:
    """Issue 13: round 1's certification undone, its outcome is not final and says «تأیید لغو
    شد», by whom, when and why."""
    write_snapshot(tmp_path, COMPLETE)
    undo_certification(tmp_path, R1)
    render_site(tmp_path, R1)
    errors: list[str] = []
    page = _new_page(browser, errors)
    with _serving(tmp_path) as url:
        page.goto(f"{url}{R1}/index.html")
        undone = page.locator(".outcome .certified")
        expect(undone).to_contain_text("تأیید لغو شد: به دست هیئت نظارت (ایران)، حساب")
        expect(undone).to_contain_text("۱۶ تیر ۱۴۰۳، ساعت ۱۲:۳۰ به وقت تهران")
        expect(undone).to_contain_text("شکایت نامزد پذیرفته شد")
        expect(undone).to_contain_text("۱۴۰۳/۱۴۱")
        expect(page.locator(".outcome h3 .status")).not_to_have_text("تأییدشده")
        _persian_typography(page)
        assert_accessible(page, "certification undone (fa)")
        _shoot(page, "certification-undone-fa.png")
        page.goto(f"{url}en/{R1}/index.html")
        expect(page.locator(".outcome .certified")).to_contain_text(
            "Certification undone by the supervisory board (Iran), account \u2068a.karimi\u2069"
        )
        assert_accessible(page, "certification undone (en)")
    assert errors == []


def test_the_figures_move_when_a_new_snapshot_is_published(
    served: tuple[Path, str], browser: Browser
) -> None:
    root, url = served
    errors: list[str] = []
    page = _new_page(browser, errors)
    page.goto(f"{url}{R2}/index.html")
    expect(page.locator("body")).to_have_attribute("data-sequence", "16")  # polled once
    assert _cast(page, "آرای مأخوذه") == "۹۸۱٬۷۷۰"

    # the last station reports: the data is rewritten first, the pages after it
    write_snapshot(root, COMPLETE)
    render_site(root, R2, units={S4, KERMAN, PROVINCE, NATION})

    cast = page.locator("#contest-president table.figures tr", has_text="آرای مأخوذه")
    expect(cast.locator("td")).to_have_text("۱٬۲۷۶٬۰۹۲", timeout=15_000)
    expect(page.locator("body")).to_have_attribute("data-sequence", "17")
    expect(page.locator(".announce")).to_contain_text("با شمارش آرای همه چهار شعبه")
    expect(page.locator("#live-status")).to_have_text("ارقام به‌روز شد.")
    assert PROVINCE in page.locator("h1").inner_text()
    # complete now: the leader is elected, and the comparison covers every station
    expect(page.locator(".outcome .result-elected")).to_have_text("منتخب")
    expect(page.locator(".compare-over")).to_have_count(0)
    assert errors == []


def test_the_front_page_lives(served: tuple[Path, str], browser: Browser) -> None:
    root, url = served
    errors: list[str] = []
    page = _new_page(browser, errors)
    page.goto(url)
    headline = page.locator(".elections li").first
    expect(headline).to_contain_text("۳ از ۴")
    expect(page.locator("body")).to_have_attribute("data-sequence", f"{R2}:16 {R1}:40")

    write_snapshot(root, COMPLETE)
    render_site(root, R2, units={S4, KERMAN, PROVINCE, NATION})

    expect(headline).to_contain_text("۴ از ۴", timeout=15_000)
    expect(headline).to_contain_text("بیشترین آرای ریاست‌جمهوری")
    expect(page.locator("#live-status")).to_have_text("ارقام به‌روز شد.")
    assert errors == []


def test_a_province_other_than_kerman_shows_its_own_counties(
    tmp_path: Path, browser: Browser
) -> None:
    write_snapshot(tmp_path, COMPLETE)
    move_to_fars(tmp_path / "data")
    render_site(tmp_path, R2)
    errors: list[str] = []
    page = _new_page(browser, errors)
    with _serving(tmp_path) as url:
        page.goto(f"{url}{R2}/units/{FARS}.html")
        expect(page.get_by_role("heading", level=1)).to_contain_text("فارس")
        page.locator("#map[data-ready]").wait_for()
        expect(page.locator("#map path")).to_have_count(37)  # Fars's counties, all in view
        expect(page.locator(".leaflet-control-attribution")).to_contain_text(
            "© OpenStreetMap contributors"
        )
        page.locator("#map-section").screenshot(path=str(SCREENSHOTS / "map-fars-fa.png"))
    assert errors == []


def test_a_long_list_walked_to_its_second_page_and_back(
    tmp_path: Path, browser: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14: a unit's list of the units below it on pages of their own (`site.listing`),
    here one unit to a page: from the county's page, with its figures and its first station,
    to the page listing its second station and back, in Persian and English and at a phone's
    width; axe-core on each page."""
    monkeypatch.setattr(listing, "PAGE_SIZE", 1)
    write_snapshot(tmp_path, COMPLETE)
    render_site(tmp_path, R1)
    render_site(tmp_path, R2)
    errors: list[str] = []
    with _serving(tmp_path) as url:
        page = _new_page(browser, errors)
        page.goto(f"{url}{R2}/units/{BAFT}.html")
        pages = page.locator("#contest-president p.pages")
        expect(pages).to_contain_text("صفحهٔ ۱ از ۲")
        expect(page.locator("table.children")).to_contain_text(UNITS[S1]["name"]["fa"])
        assert_accessible(page, "county, its list's first page (fa)")
        page.locator("#contest-president p.pages").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "list-first-page-fa.png"))
        pages.get_by_role("link", name="صفحهٔ بعد").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("فهرست شهرستان بافت")
        expect(page.locator("table.children")).to_contain_text(UNITS[S2]["name"]["fa"])
        assert UNITS[S1]["name"]["fa"] not in page.locator("table.children").inner_text()
        expect(page.get_by_role("navigation", name="صفحه‌های فهرست")).to_contain_text("صفحهٔ ۲ از ۲")
        _persian_typography(page)
        assert_accessible(page, "county, its list's second page (fa)")
        _shoot(page, "list-page-fa.png")
        page.set_viewport_size({"width": 390, "height": 844})  # a phone
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert_accessible(page, "county, its list's second page (fa, phone)")
        _shoot(page, "list-page-fa-phone.png")
        page.get_by_role("navigation", name="صفحه‌های فهرست").get_by_role(
            "link", name="صفحهٔ پیشین"
        ).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("بافت")
        expect(page.locator("#contest-president p.pages")).to_contain_text("صفحهٔ ۱ از ۲")

        page.set_viewport_size(VIEWPORT)  # type: ignore[arg-type]  # a ViewportSize
        page.goto(f"{url}en/{R2}/units/{BAFT}.html")
        page.locator("#contest-president p.pages").get_by_role("link", name="Next page").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Baft County: the list")
        expect(page.locator("table.children")).to_contain_text(UNITS[S2]["name"]["en"])
        assert_accessible(page, "county, its list's second page (en)")
        _shoot(page, "list-page-en.png")
        page.get_by_role("link", name="Previous page").first.click()
        expect(page.locator("#contest-president p.pages")).to_contain_text("Page 1 of 2")
    assert errors == []
