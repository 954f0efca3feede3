"""The voter's aids at the kiosk (issue 13), in Chromium: text size, high contrast and the audio
ballot, set from the bar on every voter screen, kept for this voter only; axe-core finds no
serious violation on any voter screen, plain, large and in high contrast.

A voter who cannot read the screen votes with the headphone keypad alone (next, previous, select,
back, repeat) and hears each contest, each candidate, the review and the confirmation; the clips
(silent ones from the fake `SilentSpeech`) are the ballot's words only, none of a voter's choice."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sandogh.locale import Lang, in_words
from sandogh.station.ballot_names import read_names
from sandogh.station.box_check_in import IssuedCard
from sandogh.station.clips import Clips, clip_id
from sandogh.station.speech import SilentSpeech, SpeechError
from sandogh.station.web.audio import Words
from sandogh.station.web.labels import label
from tests.axe import assert_accessible
from tests.station.build import national_code
from tests.station.web.kiosk_build import (
    SCREENSHOTS,
    Kiosk,
    client,
    csrf_of,
    press,
    serving,
    voting_kiosk,
)

SPEECH = SilentSpeech()


def _served(tmp_path: Path, *, e2e: bool = False) -> Iterator[Kiosk]:
    clips = Clips(SPEECH, tmp_path / "station" / "clips")
    with serving(voting_kiosk(tmp_path, e2e=e2e), clips=clips) as served:
        yield served


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    yield from _served(tmp_path)


@pytest.fixture
def e2e_kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    yield from _served(tmp_path, e2e=True)


def _card(kiosk: Kiosk, voter: int) -> str:
    card = kiosk.box.check_in(national_code(voter))
    assert isinstance(card, IssuedCard)
    return card.token


def _heard(page: Page) -> list[str]:
    """The clips of the item the audio ballot says now, once its clips are in."""
    ballot = page.locator("#audio-ballot")
    expect(ballot).to_have_attribute("data-ready", "1")
    at = int(ballot.get_attribute("data-at") or "0")
    return (ballot.locator("li").nth(at).get_attribute("data-clips") or "").split()


def _key(page: Page, key: str, times: int = 1) -> None:
    expect(page.locator("#audio-ballot")).to_have_attribute("data-ready", "1")
    for _ in range(times):
        page.keyboard.press(key)


def _select(page: Page) -> None:
    expect(page.locator("#audio-ballot")).to_have_attribute("data-ready", "1")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _candidate(code: str, name: str) -> str:
    return clip_id(f"کد {in_words(int(code), 'fa')}، {name}", "fa")


def _aids(page: Page) -> str:
    return page.locator("html").get_attribute("class") or ""


def test_a_voter_votes_by_the_keypad_and_the_next_voter_starts_plain(
    kiosk: Kiosk, browser: Browser, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 800, "height": 900})
    page.goto(kiosk.url + "/vote")
    assert_accessible(page, "card")
    press(page, "#size-large")
    press(page, "#contrast")
    assert _aids(page) == "size-large contrast"
    expect(page.locator("body")).to_have_css("font-size", "30px")  # 20 px at normal size
    assert page.locator("#size-large").get_attribute("aria-pressed") == "true"
    assert_accessible(page, "card, large, high contrast")
    press(page, "#audio")
    assert _heard(page) == [
        clip_id(label(key, "fa"), "fa") for key in ("box_enter_card", "kiosk_audio_keys")
    ]
    page.screenshot(path=str(SCREENSHOTS / "voter-card-aids-fa.png"), full_page=True)
    page.fill("#token", _card(kiosk, 1))
    _select(page)  # a card in the field: Enter takes it, as the form would

    # louder and slower, for the whole ballot
    _key(page, "+")
    _key(page, "/")
    ballot = page.locator("#audio-ballot")
    assert (ballot.get_attribute("data-volume"), ballot.get_attribute("data-pace")) == (
        "1.25",
        "0.75",
    )
    # the presidency: next, next, select; the screen says the choice
    _key(page, "ArrowDown")
    assert _heard(page) == [_candidate("21", "سعید جلیلی")]
    _key(page, "ArrowDown")
    _key(page, "ArrowUp")
    _key(page, "ArrowDown")
    assert _heard(page) == [_candidate("25", "مسعود پزشکیان")]
    _select(page)
    assert page.locator("#audio-ballot").get_attribute("data-volume") == "1.25"  # kept
    assert "مسعود پزشکیان" in page.locator("main").inner_text()
    assert _candidate("25", "مسعود پزشکیان") in _heard(page)  # the first item: what is chosen
    assert_accessible(page, "contest, large, high contrast")
    page.screenshot(path=str(SCREENSHOTS / "voter-contest-aids-fa.png"), full_page=True)
    _key(page, "ArrowDown", 5)  # 21, 25, blank, correction, next
    _select(page)
    # the Majlis: 31 and 33, then next
    _key(page, "ArrowDown")
    _select(page)
    _key(page, "ArrowDown", 3)
    _select(page)
    _key(page, "ArrowDown", 7)  # 31, 32, 33, 34, blank, correction, next
    _select(page)

    # the review: each contest with its choices, in the candidates' own clips
    assert page.get_by_role("heading", level=1).inner_text() == "بازبینی رأی"
    _key(page, "ArrowDown")
    assert _heard(page)[1:] == [_candidate("25", "مسعود پزشکیان")]
    _key(page, "ArrowDown")
    assert _heard(page)[1:] == [
        _candidate(c, n) for c, n in (("31", "نامزد الف"), ("33", "نامزد پ"))
    ]
    assert_accessible(page, "review, large, high contrast")
    page.screenshot(path=str(SCREENSHOTS / "voter-review-aids-fa.png"), full_page=True)
    with page.expect_navigation():
        page.keyboard.press("Escape")  # back: the Majlis again, to change it
    assert page.get_by_role("heading", level=1).inner_text() == "مجلس شورای اسلامی"
    _key(page, "ArrowDown", 7)
    _select(page)
    _key(page, "ArrowDown", 3)  # confirm
    _select(page)
    assert kiosk.box.status().records == 0
    _select(page)  # the screen's first item now: confirm again
    assert page.locator("#cast-done").count() == 1
    assert _aids(page) == "size-large contrast"  # the voter still reads "cast" as they chose
    assert_accessible(page, "cast, large, high contrast")

    page.goto(kiosk.url + "/vote")  # the neutral screen: the next voter's, plain
    assert _aids(page) == "size-normal"
    expect(page.locator("body")).to_have_css("font-size", "20px")
    assert page.locator("#audio-ballot").count() == 0
    assert page.locator("#audio").get_attribute("aria-pressed") == "false"
    page.close()

    with kiosk.box.store.transaction() as tx:
        names = read_names(tx.enrolment_document())
        station = tx.station()
    assert station is not None
    words = Words(station.setup.ballot, names, "fa")
    # no clip but the ballot's own words: none says a choice, and all were made at once
    assert {p.stem for p in (tmp_path / "station" / "clips").iterdir()} == {
        clip_id(text, "fa") for text in words.every_text()
    }
    assert kiosk.box.status().records == 1


def _en(page: Page, selector: str) -> None:
    press(page, selector)
    assert page.locator("html").get_attribute("lang") == "en"


def test_cast_or_challenge_in_english_extra_large_and_high_contrast(
    e2e_kiosk: Kiosk, browser: Browser
) -> None:
    """The E2E box's screens (docs/e2e.md §7) with the aids: the code said digit by digit, the
    challenge, the opened ballot; the aids stay through a challenge, the same voter's."""
    kiosk = e2e_kiosk
    page = browser.new_page(viewport={"width": 800, "height": 900})
    page.goto(kiosk.url + "/vote?lang=en")
    _en(page, "#size-xlarge")
    _en(page, "#contrast")
    _en(page, "#audio")
    assert _aids(page) == "size-xlarge contrast"
    expect(page.locator("body")).to_have_css("font-size", "40px")
    page.fill("#token", _card(kiosk, 2))
    _select(page)
    for code in ("21", "31"):
        page.fill("#code", code)
        press(page, "#enter")
        press(page, "#next")
    assert_accessible(page, "review, extra large, high contrast, en")
    _key(page, "ArrowDown", 3)  # the two contests, then seal
    _select(page)
    readable = page.locator("#confirmation-code bdi").inner_text()
    digits = [clip_id(in_words(int(d), "en"), "en") for d in readable if d.isdigit()]
    assert _heard(page) == [clip_id(label("kiosk_code_title", "en"), "en"), *digits]
    assert_accessible(page, "code, extra large, high contrast, en")
    page.screenshot(path=str(SCREENSHOTS / "voter-code-aids-en.png"), full_page=True)
    _key(page, "ArrowDown", 2)
    _select(page)  # challenge, asked once more
    assert_accessible(page, "challenge, extra large, high contrast, en")
    _key(page, "ArrowDown", 2)
    _select(page)  # yes: open it
    assert page.locator("#opened").count() == 1
    assert _aids(page) == "size-xlarge contrast"
    assert_accessible(page, "opened, extra large, high contrast, en")
    page.screenshot(path=str(SCREENSHOTS / "voter-opened-aids-en.png"), full_page=True)
    page.close()
    assert kiosk.box.status().records == 0


class _Broken:
    """Speech that fails, as espeak-ng would if its voice data were gone."""

    def wav(self, text: str, lang: Lang) -> bytes:
        raise SpeechError(f"no voice for {lang} to say {len(text)} characters")


def test_a_box_whose_speech_fails_still_shows_the_voter_the_screen(tmp_path: Path) -> None:
    box = voting_kiosk(tmp_path)
    clips = Clips(_Broken(), tmp_path / "clips")
    with serving(box, clips=clips) as kiosk, client(kiosk) as at:
        csrf = csrf_of(at.get("/vote").text)
        at.post("/vote/access", data={"csrf": csrf, "aid": "audio"})
        at.post("/vote", data={"csrf": csrf, "token": _card(kiosk, 3)})
        page = at.get("/vote")
    assert page.status_code == 200
    assert 'id="code"' in page.text
    assert 'id="audio-ballot"' not in page.text
    assert re.search(r'id="audio"\s+aria-pressed="true"', page.text)  # on: silent, not lost
