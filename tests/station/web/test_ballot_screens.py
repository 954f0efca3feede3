"""The voter's ballot screens in Chromium, as a voter meets them (issue 13): the card is scanned
(a handheld scanner types its code and Enter) or put into the card reader; candidates are tiles
of at least 60 px with their name, code and photo (or initials), chosen by a tap and taken back by
another, codes still taken; blank asks before it discards a choice; a voter who walks away is
warned, then the neutral screen returns with nothing recorded and the card still unused. axe-core
checks every screen, in Persian and in English."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from playwright.sync_api import Browser, Page, expect

from sandogh.station.box_check_in import IssuedCard
from sandogh.station.fake_card_reader import FakeCardReader
from sandogh.station.web.voter import IdleTimes
from tests.axe import assert_accessible
from tests.station.build import national_code
from tests.station.web.kiosk_build import (
    NAMES,
    SCREENSHOTS,
    Kiosk,
    NamingCentre,
    client,
    csrf_of,
    press,
    serving,
    voting_kiosk,
)
from tests.station.web.portraits import portrait_png

MIN_TARGET = 60  # px: a tile is a key a shaking finger finds


PHOTO = portrait_png()
PHOTO_DIGEST = hashlib.sha256(PHOTO).hexdigest()


class PhotoCentre(NamingCentre):
    """A centre whose definition names a photo for Masoud Pezeshkian (25) alone."""

    photos: ClassVar[dict[tuple[str, str], str]] = {("president", "25"): PHOTO_DIGEST}

    def enrol(
        self, *, election: str, station: str, build: str | None = None
    ) -> Mapping[str, object]:
        document = dict(super().enrol(election=election, station=station, build=build))
        for contest in document["contests"]:  # type: ignore[attr-defined]
            for person in contest["candidates"]:
                digest = self.photos.get((contest["id"], person["code"]))
                if digest:
                    person["photo"] = "sha256:" + digest
        return document


def _photos(folder: Path) -> Path:
    """The box's photos folder, holding the one photo the definition names."""
    photos = folder / "photos"
    photos.mkdir()
    (photos / PHOTO_DIGEST).write_bytes(PHOTO)
    return photos


def _card(kiosk: Kiosk, voter: int) -> str:
    card = kiosk.box.check_in(national_code(voter))
    assert isinstance(card, IssuedCard)
    return card.token


def _shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def _tap(page: Page, code: str) -> None:
    press(page, f"#candidate-{code}")


def test_a_voter_scans_the_card_and_votes_on_the_tiles(tmp_path: Path, browser: Browser) -> None:
    kiosk = voting_kiosk(tmp_path, centre=PhotoCentre)
    token = _card(kiosk, 7)
    with serving(kiosk, photos=_photos(tmp_path)):
        page = browser.new_page(viewport={"width": 800, "height": 900})
        page.goto(kiosk.url + "/vote")
        expect(page.locator("h1")).to_have_text("کارت خود را جلوی اسکنر بگیرید")
        expect(page.locator("#token")).to_be_focused()  # the scanner types into it
        assert_accessible(page, "card screen (fa)")
        _shot(page, "voter-card-fa.png")
        with page.expect_navigation():
            page.keyboard.type(token + "\n")  # a keyboard-wedge scanner: the code, then Enter

        # the presidency: two tiles, a photo for one and initials for the other
        expect(page.locator("#contest-heading")).to_have_text(NAMES["president"][0]["fa"])
        tile = page.locator("#candidate-25")
        expect(tile).to_contain_text("مسعود پزشکیان")
        expect(tile).to_contain_text("۲۵")
        assert tile.get_attribute("data-code") == "25"
        assert tile.locator("img").evaluate("img => img.complete && img.naturalWidth") == 72
        assert page.locator("#candidate-21 .initials").inner_text() == "س ج"
        assert page.locator("#candidate-21 img").count() == 0
        for code in ("21", "25"):
            box = page.locator(f"#candidate-{code}").bounding_box()
            assert box is not None, code
            assert box["height"] >= MIN_TARGET, code
        _tap(page, "21")
        expect(page.locator("#candidate-21")).to_have_attribute("aria-pressed", "true")
        _tap(page, "25")  # one seat: taken already
        expect(page.get_by_role("alert")).to_contain_text("کرسی")
        _tap(page, "21")  # taken back by a second tap
        expect(page.locator("#candidate-21")).to_have_attribute("aria-pressed", "false")
        _tap(page, "25")
        expect(page.locator(".chosen")).to_contain_text("مسعود پزشکیان")
        assert_accessible(page, "contest screen with a choice (fa)")
        _shot(page, "voter-tiles-fa.png")
        press(page, "#next")

        # the Majlis: one by its code, one by its tile; blank asks first, and "no" keeps both
        page.fill("#code", "۳۱")
        press(page, "#enter")
        _tap(page, "33")
        press(page, "#blank")
        expect(page.locator("#blank-heading")).to_have_text("رأی سفید؟")
        expect(page.locator("#confirm-blank .chosen")).to_contain_text("نامزد الف")
        assert_accessible(page, "blank warning (fa)")
        _shot(page, "voter-blank-warning-fa.png")
        press(page, "#blank-no")
        expect(page.locator(".chosen li")).to_have_count(2)
        press(page, "#next")

        expect(page.locator("h1")).to_have_text("بازبینی رأی")
        assert_accessible(page, "review (fa)")
        press(page, "#confirm")
        press(page, "#confirm")
        expect(page.locator("#cast-done")).to_be_visible()
        assert_accessible(page, "cast (fa)")
        press(page, "main a[href='/vote']")  # the next voter: the neutral screen
        expect(page.locator("#welcome")).to_be_visible()
        assert "مسعود" not in page.locator("body").inner_text()
        assert page.locator("#token").input_value() == ""

        # in English, the blank warning on a contest with a choice, and a code still taken
        english = _card(kiosk, 8)
        page.goto(kiosk.url + "/vote?lang=en")
        assert_accessible(page, "card screen (en)")
        _shot(page, "voter-card-en.png")
        page.fill("#token", english)
        page.keyboard.press("Enter")
        page.wait_for_url("**/vote?lang=en")
        _tap(page, "25")
        assert_accessible(page, "contest screen (en)")
        _shot(page, "voter-tiles-en.png")
        press(page, "#blank")
        expect(page.locator("#blank-warn")).to_contain_text("discards your choices")
        assert_accessible(page, "blank warning (en)")
        _shot(page, "voter-blank-warning-en.png")
        press(page, "#blank-yes")  # yes: the presidency blank, and on to the Majlis
        expect(page.locator("#contest-heading")).to_have_text("Majlis")
        page.close()
        assert kiosk.box.status().records == 1  # the second voter has cast nothing yet


def test_a_card_in_the_reader_starts_the_ballot_and_walking_away_records_nothing(
    tmp_path: Path, browser: Browser
) -> None:
    reader = FakeCardReader()
    kiosk = voting_kiosk(tmp_path)
    token = _card(kiosk, 9)
    with serving(kiosk, reader=reader, voter_idle=IdleTimes(warn=1, leave=3)):
        page = browser.new_page(viewport={"width": 800, "height": 720})
        page.goto(kiosk.url + "/vote")
        expect(page.locator("#scan-reader")).to_be_visible()
        reader.put_in(token)  # the screen asks the reader every second, then starts
        expect(page.locator("#contest-heading")).to_have_text(NAMES["president"][0]["fa"])
        press(page, "#candidate-21")

        expect(page.locator("#idle-warning")).to_be_visible(timeout=5_000)  # walked away
        expect(page.locator("#idle-stay")).to_be_focused()
        assert_accessible(page, "idle warning (fa)")
        _shot(page, "voter-idle-fa.png")
        expect(page.locator("#welcome")).to_be_visible(timeout=10_000)  # the neutral screen
        assert "سعید جلیلی" not in page.locator("body").inner_text()
        expect(page.locator("#reader-remove")).to_be_visible()  # the card left in the reader
        assert_accessible(page, "card screen, a card to take out (fa)")
        _shot(page, "voter-reader-remove-fa.png")
        assert kiosk.box.status().records == 0
        with kiosk.box.store.transaction() as tx:
            card = tx.card(token)
        assert card is not None
        assert not card.consumed  # the card may start its ballot again

        reader.take_out()
        expect(page.locator("#reader-remove")).to_be_hidden()
        reader.put_in(token)
        expect(page.locator("#contest-heading")).to_be_visible()
        expect(page.locator("#candidate-21")).to_have_attribute("aria-pressed", "false")
        page.close()


def test_a_photo_is_served_only_as_the_definition_names_it(tmp_path: Path) -> None:
    """The box serves a photo the definition names and its folder holds unaltered; any other
    file is not served, and a named one altered is neither served nor shown: the tile shows the
    candidate's initials instead."""
    (tmp_path / "altered").mkdir()
    for folder, photo in ((tmp_path, PHOTO), (tmp_path / "altered", PHOTO + b"\0")):
        kiosk = voting_kiosk(folder, centre=PhotoCentre)
        token = _card(kiosk, 5)
        photos = folder / "photos"
        photos.mkdir()
        (photos / PHOTO_DIGEST).write_bytes(photo)
        stranger = portrait_png(10, 10)
        (photos / hashlib.sha256(stranger).hexdigest()).write_bytes(stranger)
        with serving(kiosk, photos=photos), client(kiosk) as at:
            shown = at.get(f"/photo/{PHOTO_DIGEST}")
            assert at.get(f"/photo/{hashlib.sha256(stranger).hexdigest()}").status_code == 404
            assert at.get("/photo/..%2Fstation").status_code == 404
            csrf = csrf_of(at.get("/vote").text)
            at.post("/vote", data={"csrf": csrf, "token": token})
            contest = at.get("/vote").text
        if photo == PHOTO:
            assert shown.status_code == 200
            assert shown.headers["content-type"] == "image/png"
            assert shown.content == PHOTO
            assert f'src="/photo/{PHOTO_DIGEST}"' in contest
        else:
            assert shown.status_code == 404
            assert "/photo/" not in contest
            assert contest.count('class="photo initials"') == 2


def test_the_reader_starts_only_an_unused_card_of_this_box(tmp_path: Path) -> None:
    """What the card screen hears from `/vote/card`: "none" while the reader is empty, "remove"
    for a card that is not this box's or is used, "ready" for an unused one, whose ballot the
    screen's "reader" key then starts."""
    reader = FakeCardReader()
    kiosk = voting_kiosk(tmp_path)
    token = _card(kiosk, 4)
    with serving(kiosk, reader=reader), client(kiosk) as at:

        def heard() -> str:
            return str(at.get("/vote/card").json()["card"])

        csrf = csrf_of(at.get("/vote").text)
        assert heard() == "none"
        reader.put_in("not-a-card-of-this-box")
        assert heard() == "remove"
        reader.put_in(token)
        assert heard() == "ready"
        at.post("/vote", data={"csrf": csrf, "key": "reader"})
        assert 'id="contest-heading"' in at.get("/vote").text
        for key in ("blank", "blank"):
            at.post("/vote", data={"csrf": csrf, "key": key})
        for stale in ({"key": "blank-yes"}, {"pick": "21"}, {"key": "code", "code": "21"}):
            answer = at.post("/vote", data={"csrf": csrf, **stale})  # a contest's key
            assert answer.status_code == 303  # at the review: no error, and nothing changes
            assert 'id="confirm"' in at.get("/vote").text
        for key in ("confirm", "confirm"):
            at.post("/vote", data={"csrf": csrf, "key": key})
        assert kiosk.box.status().records == 1
        assert heard() == "remove"  # used: taken out and returned to the staff
        reader.take_out()
        assert heard() == "none"
