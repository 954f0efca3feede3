"""The final list on the results site (`publish.site.candidacy_page`): the candidates of round 1
with their codes and the day the list was published, in Persian and English, accessible, and
nobody the boards turned down named; an election without candidacy.json has no such page."""

from __future__ import annotations

import datetime
import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from sandogh.core.candidacy.conditions import Applicant, Education
from sandogh.core.candidacy.draw import CodeDraw, DrawnCode
from sandogh.core.candidacy.draw_commitment import DrawCommitment, code_seed
from sandogh.core.candidacy.process import Board, Decision, Outcome, Registration, Withdrew
from sandogh.core.candidacy.records import Published, Record
from sandogh.core.rules.lot_commitment import commitment_of
from sandogh.publish.candidacy_file import FILE, candidacy_json
from sandogh.publish.site import render_site
from tests.axe import assert_accessible
from tests.publish.site.build import NAMES, PARTIAL, R1, R2, write_snapshot
from tests.publish.site.reading import read
from tests.publish.site.test_site_in_chromium import LOWEST_CONTRAST, SCREENSHOTS

LOOPBACK = "127.0.0.1"
DAY = datetime.date(2024, 6, 11)  # 22 Khordad 1403
COMMITTED = datetime.date(2024, 6, 10)  # 21 Khordad 1403, the day before the list
SECRET = "تاس‌ها ۳ ۱ ۴ ۱ ۵ ۹ ۲ ۶ ۵ ۳ ۵ ۸ ۹ ۷"
PEOPLE = [
    ("مسعود پزشکیان", "Masoud Pezeshkian", Outcome.QUALIFIED),
    ("سعید جلیلی", "Saeed Jalili", Outcome.QUALIFIED),
    ("محمدباقر قالیباف", "Mohammad-Bagher Ghalibaf", Outcome.QUALIFIED),
    ("مصطفی پورمحمدی", "Mostafa Pourmohammadi", Outcome.QUALIFIED),
    ("علیرضا زاکانی", "Alireza Zakani", Outcome.QUALIFIED),
    ("داوطلب ردشده", "Turned Down", Outcome.REJECTED),
]


def _records() -> list[Record]:
    records: list[Record] = []
    for n, (fa, en, _) in enumerate(PEOPLE, start=1):
        person = Applicant(f"00{n}", fa, en, datetime.date(1960, 1, n), Education.DOCTORATE)
        records.append(Registration(n, "president", "IR", person, DAY))
    for n, (_, _, outcome) in enumerate(PEOPLE, start=1):
        records.append(Decision(n, Board.SUPERVISORY, outcome, "اصل ۱۱۵", "", "b", ("b",), DAY))
    records.append(DrawCommitment("president", commitment_of(SECRET), COMMITTED, "hq"))
    records.append(Published("president", (1, 2, 3, 4, 5), DAY, "hq"))
    records.append(Withdrew(5, DAY + datetime.timedelta(days=2)))
    drawn = ((2, "21"), (1, "25"), (3, "33"), (4, "44"))
    codes = tuple(DrawnCode(n, "IR", code) for n, code in drawn)
    seed = code_seed(SECRET, "president", (1, 2, 3, 4, 5))
    records.append(CodeDraw("president", seed, ("ستاد انتخابات کشور",), codes, secret=SECRET))
    return records


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("candidates")
    write_snapshot(root, PARTIAL)
    document = candidacy_json(R1, _records())
    (root / "data" / R1 / FILE).write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    render_site(root, R1)
    render_site(root, R2)
    return root


@pytest.fixture
def served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer((LOOPBACK, 0), partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_the_page_lists_the_codes_and_the_day_and_no_one_turned_down(site: Path) -> None:
    assert not (site / R2 / "candidates.html").exists()
    for name, day, code in (
        (f"{R1}/candidates.html", "۲۲ خرداد ۱۴۰۳", "۲۱"),
        (f"en/{R1}/candidates.html", "22 Khordad 1403 (11 June 2024)", "21"),
    ):
        page = read(site / name)
        assert day in page.text
        assert code in page.text
        assert "Turned Down" not in page.text
        assert "داوطلب ردشده" not in page.text
        assert len(page.all("h1")) == 1
        assert all(th.attrs.get("scope") in {"col", "row"} for th in page.all("th"))
        assert page.all("a")[0].attrs == {"class": "skip", "href": "#main"}
        assert all(nav.attrs.get("aria-label") for nav in page.all("nav"))
    persian = read(site / R1 / "candidates.html").text
    assert "kerman" not in persian


def test_the_page_shows_the_commitment_before_the_list_and_the_secret_it_revealed(
    site: Path,
) -> None:
    """The page showed the draw's seed alone: a reader could not see that the secret it came
    from was committed to before the list was known. Now the commitment, its day beside the
    list's, and the revealed secret that hashes to it."""
    for name, committed, listed in (
        (f"{R1}/candidates.html", "در ۲۱ خرداد ۱۴۰۳ به راز قرعه متعهد شد", "در ۲۲ خرداد ۱۴۰۳"),
        (f"en/{R1}/candidates.html", "secret on 21 Khordad 1403", "published on 22 Khordad"),
    ):
        text = read(site / name).text
        assert committed in text
        assert listed in text
        assert commitment_of(SECRET) in text
        assert SECRET in text


def test_the_final_list_in_chromium_persian_then_english(served: str, browser: Browser) -> None:
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 960, "height": 800})
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(10_000)
    page.goto(f"{served}{R1}/index.html")
    page.get_by_role("link", name="فهرست نهایی نامزدها").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("فهرست نهایی نامزدها")
    assert page.locator("html").get_attribute("dir") == "rtl"
    rows = page.locator("table.data tbody tr")
    expect(rows).to_have_count(5)
    expect(rows.first).to_have_text("۲۱سعید جلیلی")
    expect(rows.last).to_contain_text("علیرضا زاکانی (انصراف پیش از قرعه)")
    expect(page.locator("main")).to_contain_text("فهرست نهایی در ۲۲ خرداد ۱۴۰۳ منتشر شد.")
    expect(page.locator("p.commitment code").first).to_have_text(commitment_of(SECRET))
    expect(page.locator("p.commitment code").last).to_have_text(SECRET)
    ratio, text = page.evaluate(LOWEST_CONTRAST)
    assert ratio >= 4.5, text
    SCREENSHOTS.mkdir(exist_ok=True)
    assert_accessible(page, "final list (fa)")
    page.screenshot(path=str(SCREENSHOTS / "candidates-fa.png"), full_page=True)
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Final list of candidates")
    assert page.locator("html").get_attribute("dir") == "ltr"
    expect(page.locator("main")).to_contain_text(NAMES[R1]["en"])
    expect(rows.nth(1)).to_have_text("25Masoud Pezeshkian")
    ratio, text = page.evaluate(LOWEST_CONTRAST)
    assert ratio >= 4.5, text
    assert_accessible(page, "final list (en)")
    page.screenshot(path=str(SCREENSHOTS / "candidates-en.png"), full_page=True)
    assert errors == []
