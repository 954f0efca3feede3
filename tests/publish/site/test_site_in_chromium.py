"""The results site in headless Chromium, served by a plain static server as any web host would:
drill down from the nation to a station in Persian and English, find a station, switch the map,
and watch the figures move when a new snapshot is published during the day."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sandogh.publish.site import render_site
from tests.publish.site.build import (
    COMPLETE,
    KERMAN,
    NAMES,
    NATION,
    PARTIAL,
    PROVINCE,
    R1,
    R2,
    S4,
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


def test_persian_drill_down_map_and_search(served: tuple[Path, str], browser: Browser) -> None:
    _, url = served
    errors: list[str] = []
    page = _new_page(browser, errors)

    page.goto(url)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name=NAMES[R2]["fa"]).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ایران")
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
    _shoot(page, "nation-fa.png")

    _drill(page, "کرمان")  # the province
    page.locator("#map[data-ready]").wait_for()
    assert page.locator("#map path.leaflet-interactive").count() >= 2  # counties drawn
    page.get_by_role("radio", name="مشارکت").check()  # colour by turnout
    expect(page.locator('.legend[data-mode="turnout"]')).to_be_visible()
    expect(page.locator('.legend[data-mode="winner"]')).to_be_hidden()
    page.locator("#map-section").screenshot(path=str(SCREENSHOTS / "map-fa.png"))

    _drill(page, "بافت")  # a county
    page.locator("#map[data-ready]").wait_for()
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
    assert crumbs.all_inner_texts() == ["ایران", "کرمان", "بافت"]
    page.locator("#map[data-ready]").wait_for()
    _shoot(page, "station-fa.png")

    page.get_by_role("link", name="جست‌وجوی شعبه").click()
    page.get_by_label("نام یا کد شعبه").fill("کرمان ۲")  # Persian digits find "2"
    expect(page.locator("#search-count")).to_have_text("۱ نتیجه")
    page.locator("#search-results").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("شعبه ۲ کرمان")
    assert S4 in page.url
    assert errors == []


def test_english_pages(served: tuple[Path, str], browser: Browser) -> None:
    _, url = served
    errors: list[str] = []
    page = _new_page(browser, errors)

    page.goto(f"{url}{R2}/index.html")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.url.endswith(f"/en/{R2}/index.html")
    assert _cast(page, "Ballots cast") == "981,770"
    expect(page.locator(".announce")).to_have_text(
        "With 3 of 4 stations counted, Saeed Jalili leads with 610,000 votes."
    )
    page.locator("#map[data-ready]").wait_for()
    _shoot(page, "nation-en.png")

    _drill(page, "Kerman")
    page.locator("#map[data-ready]").wait_for()
    page.locator("#map-section").screenshot(path=str(SCREENSHOTS / "map-en.png"))
    _drill(page, "Kerman")  # the county of the same name
    assert KERMAN in page.url
    page.locator("#map[data-ready]").wait_for()
    _shoot(page, "county-en.png")
    _drill(page, "Kerman station 2")
    expect(page.locator(".announce")).to_have_text("This station has not reported yet.")
    assert "not recorded" in page.locator("main").inner_text()  # no location: no map
    _shoot(page, "station-en.png")

    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(f"{url}{R2}/units/{PROVINCE}.html")
    page.locator("#map[data-ready]").wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than the screen
    _shoot(page, "province-fa-phone.png")
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
    assert NATION in page.locator("h1").inner_text()
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
