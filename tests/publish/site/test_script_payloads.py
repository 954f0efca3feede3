"""Stored XSS on the results site (issue 9 §4): an election whose every name is a script payload
(tests/script_payloads.py) is published from a real store and served by `publish-serve`; every
kind of page — front, nation, province, county, station, search, in Persian and English — is
opened in Chromium, the map's tooltips hovered, a search typed and a later report taken in live.
Nothing may run, no page may break its Content-Security-Policy (so the map and the live figures
must work under it), and the names must show as the text they are."""

from __future__ import annotations

from pathlib import Path

import httpx
from markupsafe import escape
from playwright.sync_api import Browser, expect

from sandogh.publish.snapshot import Publisher
from sandogh.security_headers import CONTENT_SECURITY_POLICY, META_POLICY
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.publish.serving import serving
from tests.script_payloads import HOSTILE, hostile_store, name_of, report_later, watched
from tests.services.build import LATER, ST_1, ST_2, ST_3

SCREENSHOTS = Path(__file__).parent / "screenshots"
VIEWPORT = {"width": 960, "height": 800}
R2 = HOSTILE.id
PROVINCE, BAFT = "IR-08", "IR-08-0801"
POINT = '[stroke-width="1.5"]'  # a station, not an area


def test_no_name_runs_on_any_page_of_the_site(tmp_path: Path, browser: Browser) -> None:
    store = hostile_store(tmp_path)
    engine = make_engine(store)
    publisher = Publisher(lambda: SqlUnitOfWork(engine, now=LATER), tmp_path / "site")
    publisher.regenerate()
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert len(pages) == 18  # the nation holds one province: its scope, with no page above

    with serving(tmp_path / "site") as url:
        watch = watched(browser, VIEWPORT)
        page = watch.page

        page.goto(f"{url}/index.html")
        watch.shows_literally(HOSTILE.name.fa)
        watch.check()

        page.goto(f"{url}/{R2}/index.html")  # the election's scope: the province
        watch.shows_literally(name_of(PROVINCE))
        watch.shows_literally(HOSTILE.contests[0].candidates[0].name.fa)
        watch.check()

        # the province has no map: its counties are found on the map by their Persian names
        for code in (PROVINCE, BAFT, ST_1):
            page.goto(f"{url}/{R2}/units/{code}.html")
            if code != PROVINCE:
                page.locator("#map[data-ready]").wait_for()
            watch.shows_literally(name_of(code))
            watch.check()
        page.goto(f"{url}/{R2}/units/{BAFT}.html")  # the county: its stations as points
        page.locator("#map[data-ready]").wait_for()
        page.locator(f"#map path{POINT}").first.hover()
        tooltip = page.locator(".leaflet-tooltip")
        expect(tooltip).to_contain_text(name_of(ST_1))
        assert tooltip.locator("img, svg, script").count() == 0
        # past the name, each figure of the tooltip stands in a <bdi> of its own
        bare = tooltip.locator(".map-tip").evaluate(
            "tip => [...tip.childNodes].slice(1).filter(node => node.nodeType === 3"
            " && /[0-9\\u06f0-\\u06f9]/.test(node.textContent)).length"
        )
        assert (bare, tooltip.locator("bdi").count() > 0) == (0, True)
        page.locator("#map-section").screenshot(path=str(SCREENSHOTS / "map-payloads-fa.png"))
        watch.check()

        # the figures move in place when the last station reports: live.js under the policy
        late = page.locator("table.children tr", has_text=name_of(ST_2)).first
        expect(late).not_to_contain_text("✓")
        page.mouse.move(0, 0)  # the tooltip closes before its point is drawn again
        expect(page.locator(".leaflet-tooltip")).to_have_count(0)
        report_later(store)
        publisher.poll()
        expect(late).to_contain_text("✓", timeout=15_000)
        expect(page.locator("#live-status")).not_to_be_empty()
        page.locator(f"#map path{POINT}").first.hover()
        expect(page.locator(".leaflet-tooltip")).to_contain_text(name_of(ST_1))
        watch.check()
        page.locator(f"#map path{POINT}").first.click()  # a point leads to its station's page
        expect(page.locator("h1")).to_contain_text(name_of(ST_1))
        watch.check()

        page.goto(f"{url}/{R2}/search.html")
        page.locator("#query").fill("ST-08")
        expect(page.locator("#search-results li")).to_have_count(3)
        watch.shows_literally(name_of(ST_3))
        watch.check()

        page.goto(f"{url}/en/{R2}/units/{BAFT}.html")
        page.locator("#map[data-ready]").wait_for()
        watch.shows_literally(name_of(BAFT, "en"))
        page.locator(f"#map path{POINT}").first.hover()
        expect(page.locator(".leaflet-tooltip")).to_contain_text(name_of(ST_1, "en"))
        watch.check()

        sent = httpx.get(f"{url}/{R2}/index.html")
        assert sent.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert sent.headers["x-content-type-options"] == "nosniff"
    engine.dispose()
    for path in pages:  # static hosts send no headers: the policy travels in every page too
        assert f'content="{escape(META_POLICY)}"' in path.read_text(encoding="utf-8"), path
