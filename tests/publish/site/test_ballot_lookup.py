""" "Was my ballot counted?" in headless Chromium: a cast code typed in Persian digits with
dashes, a challenged code typed in hex, and a code the record does not hold, in Persian; a cast
code in English. The code index is `publish.e2e_codes`'s, written beside a rendered snapshot.
From the outside review: a cast code whose station's tally is not decrypted yet (the interim
snapshot) is not said to be counted, and a malformed entry in a shard spoils no other answer."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sandogh.core.definition.model import Name
from sandogh.core.e2e.chain import readable_code
from sandogh.locale import to_persian_digits
from sandogh.publish.e2e_codes import CodeEntry, OpenedContest, write_codes
from sandogh.publish.site import render_site
from sandogh.publish.writer import Writer
from tests.axe import assert_accessible
from tests.publish.site.build import (
    JALILI,
    NAMES,
    PARTIAL,
    PEZESHKIAN,
    R1,
    R2,
    S1,
    S3,
    write_snapshot,
)

SCREENSHOTS = Path(__file__).parent / "screenshots"
LOOPBACK = "127.0.0.1"
CAST = hashlib.sha256(b"cast").digest()
CHALLENGED = hashlib.sha256(b"challenged").digest()
ABSENT = hashlib.sha256(b"absent").digest()
PENDING = hashlib.sha256(b"pending").digest()  # cast, its station's tally not yet decrypted
TWICE = hashlib.sha256(b"twice").digest()  # challenged, its contest listed twice (tampered)
PRESIDENT = Name("انتخابات ریاست‌جمهوری", "Presidential election")
ENTRIES = [
    CodeEntry(CAST, S1, Name("شعبه ۱ بافت", "Baft station 1"), challenged=False, counted=True),
    CodeEntry(PENDING, S3, Name("شعبه ۱ کرمان", "Kerman station 1"), challenged=False),
    CodeEntry(
        CHALLENGED,
        S3,
        Name("شعبه ۱ کرمان", "Kerman station 1"),
        challenged=True,
        opened=(
            OpenedContest("president", PRESIDENT, ((JALILI, Name("سعید جلیلی", "Saeed Jalili")),)),
        ),
    ),
    CodeEntry(
        TWICE,
        S3,
        Name("شعبه ۱ کرمان", "Kerman station 1"),
        challenged=True,
        opened=(
            OpenedContest(
                "president", PRESIDENT, ((PEZESHKIAN, Name("مسعود پزشکیان", "Masoud Pezeshkian")),)
            ),
            OpenedContest("president", PRESIDENT, ((JALILI, Name("سعید جلیلی", "Saeed Jalili")),)),
        ),
    ),
    *(
        CodeEntry(
            hashlib.sha256(bytes([n])).digest(), S1, Name("شعبه ۱ بافت", "Baft station 1"), False
        )
        for n in range(40)
    ),
]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    write_snapshot(tmp_path, PARTIAL)
    written = write_codes(Writer(tmp_path), f"data/{R2}/e2e/codes", ENTRIES)
    # a malformed entry beside CAST in its shard: a damaged or tampered file
    width = json.loads(written[f"data/{R2}/e2e/codes/index.json"])["prefix"]
    shard = tmp_path / f"data/{R2}/e2e/codes/{CAST.hex()[:width]}.json"
    document = json.loads(shard.read_bytes())
    document["codes"].insert(0, {"code": CAST.hex()[:10], "state": 7})
    shard.write_text(json.dumps(document))
    render_site(tmp_path, R1)
    render_site(tmp_path, R2)
    server = ThreadingHTTPServer((LOOPBACK, 0), partial(_Quiet, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _page(browser: Browser, errors: list[str]) -> Page:
    page = browser.new_page(viewport={"width": 960, "height": 800})
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(10_000)
    return page


def _look_up(page: Page, code: str) -> None:
    page.locator("#code").fill(code)
    page.locator("#ballot button").click()


@pytest.mark.usefixtures("served")
def test_only_an_election_with_codes_has_the_page(tmp_path: Path) -> None:
    assert (tmp_path / R2 / "ballot.html").is_file()
    assert (tmp_path / "en" / R2 / "ballot.html").is_file()
    assert not (tmp_path / R1 / "ballot.html").exists()


def test_persian_cast_challenged_and_not_found(served: str, browser: Browser) -> None:
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(served)
    page.get_by_role("link", name=NAMES[R2]["fa"]).click()
    page.get_by_role("link", name="آیا رأی من شمرده شد؟").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("آیا رأی من شمرده شد؟")
    assert page.locator("html").get_attribute("dir") == "rtl"

    shown = to_persian_digits(readable_code(CAST))  # ۱۲۳۴ ۵۶۷۸ …, as the paper copy prints it
    _look_up(page, shown)
    answer = page.locator("#ballot-answer")
    expect(answer.locator(".status").first).to_have_text("شمرده شده")
    expect(answer).to_contain_text("در شمارش رمزگشایی‌شده آن شعبه آمده است")
    expect(answer).to_contain_text("یک نوشته از این بخش سیاهه کدها خوانده نشد")  # the bad one
    expect(answer.locator(".code")).to_have_text(shown)
    expect(answer.get_by_role("link", name="نتایج شعبه ۱ بافت")).to_be_visible()
    assert_accessible(page, "ballot lookup (fa)")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "ballot-fa-cast.png"), full_page=True)

    _look_up(page, CHALLENGED.hex().upper())
    expect(answer).to_contain_text("ابطال‌شده برای بررسی، شمرده نشده")
    expect(answer.locator("dd")).to_have_text(f"سعید جلیلی ({to_persian_digits(JALILI)})")
    expect(answer).to_contain_text("شعبه ۱ کرمان")
    page.screenshot(path=str(SCREENSHOTS / "ballot-fa-challenged.png"), full_page=True)

    _look_up(page, readable_code(ABSENT).replace(" ", "-"))
    expect(answer).to_have_text(
        "این کد در سیاهه انتخابات نیست. کد را دوباره با نسخه کاغذی بسنجید؛ اگر درست است، "
        "آن را به ناظران گزارش دهید."
    )
    _look_up(page, "۱۲۳")
    expect(answer).to_contain_text("این کد رهگیری نیست")
    expect(answer.get_by_role("link")).to_have_count(0)  # nothing left from before
    assert errors == []


def test_english_cast_code(served: str, browser: Browser) -> None:
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(f"{served}en/{R2}/ballot.html?code={readable_code(CAST).replace(' ', '')}")
    assert page.locator("html").get_attribute("dir") == "ltr"
    answer = page.locator("#ballot-answer")
    expect(answer).to_contain_text(
        "was cast at Baft station 1 and is in that station's decrypted tally"
    )
    answer.get_by_role("link", name="Results of Baft station 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Baft station 1")
    page.goto(f"{served}en/{R2}/ballot.html")
    _look_up(page, CHALLENGED.hex()[:16])
    expect(answer.locator("dd")).to_have_text(f"Saeed Jalili ({JALILI})")
    assert_accessible(page, "ballot lookup (en)")
    page.screenshot(path=str(SCREENSHOTS / "ballot-en-challenged.png"), full_page=True)
    assert errors == []


def test_a_code_before_decryption_is_not_said_counted(served: str, browser: Browser) -> None:
    # the review: the interim snapshot (`publish --e2e-tallies`) said "counted" (شمرده شده)
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(f"{served}{R2}/ballot.html?code={PENDING.hex()}")
    answer = page.locator("#ballot-answer")
    expect(answer.locator(".status").first).to_have_text("ثبت‌شده در زنجیره، در انتظار رمزگشایی")
    expect(answer).to_contain_text("در شمارش رمزشده آن شعبه است")
    assert "شمرده شده" not in answer.locator(".status").first.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "ballot-fa-pending.png"), full_page=True)
    page.goto(f"{served}en/{R2}/ballot.html?code={PENDING.hex()}")
    expect(answer.locator(".status").first).to_have_text("in the chain, awaiting decryption")
    expect(answer).to_contain_text("The tally is not decrypted yet")
    assert errors == []


def test_a_challenged_code_with_a_contest_twice_is_not_shown(served: str, browser: Browser) -> None:
    # the outside review: a second item for the contest, naming another candidate, was shown
    # beside the real one; the entry is malformed, left out and said
    errors: list[str] = []
    page = _page(browser, errors)
    for prefix, bad in (
        (f"{served}{R2}", "یک نوشته از این بخش"),
        (f"{served}en/{R2}", "One entry"),
    ):
        page.goto(f"{prefix}/ballot.html?code={TWICE.hex()}")
        answer = page.locator("#ballot-answer")
        expect(answer.locator(".bad-entry")).to_contain_text(bad)
        expect(answer.locator("dd")).to_have_count(0)
        assert "Pezeshkian" not in answer.inner_text()
    assert errors == []
