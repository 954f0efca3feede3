"""Cast or challenge at the kiosk (docs/e2e.md §7), in Chromium: a voter seals their ballot and
sees its confirmation code, in Persian digits, left to right, the same code the paper copy and the
box's chain carry; they cast it, or they challenge it, see it opened and marked as not counted,
and vote again with the same card. The operator's screens count the challenged apart."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page

from sandogh.core.e2e.chain import readable_code
from sandogh.core.report import Choice, StaffRole
from sandogh.locale import to_ascii_digits
from sandogh.station.box import Box
from sandogh.station.box_check_in import IssuedCard
from sandogh.station.local_chain import ChainEntry, ChainState
from sandogh.station.printers import FilePrinter
from tests.axe import assert_accessible
from tests.station.build import national_code
from tests.station.web.kiosk_build import (
    SCREENSHOTS,
    Kiosk,
    client,
    csrf_of,
    log_in,
    press,
    serving,
    voting_kiosk,
)

MIN_TARGET = 60  # px: the two choices are keys a shaking finger finds


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    with serving(voting_kiosk(tmp_path, e2e=True)) as served:
        yield served


def _card(kiosk: Kiosk, browser: Browser, voter: int) -> str:
    page = browser.new_page()
    log_in(page, kiosk.url, kiosk.keys[StaffRole.HEAD])
    page.fill("#national-code", national_code(voter))
    press(page, "form[action='/operator/look-up'] button")
    press(page, "#confirm-voter")
    token = page.locator("#card-token").inner_text()
    page.close()
    return token


def _choose(page: Page, chosen: dict[str, tuple[str, ...]]) -> None:
    for codes in chosen.values():
        for code in codes:
            page.fill("#code", code)
            press(page, "#enter")
        press(page, "#next" if codes else "#blank")


def _seal(
    page: Page, url: str, token: str, chosen: dict[str, tuple[str, ...]], shot: str = ""
) -> str:
    """From the card screen to the code screen; the code as the screen shows it."""
    page.goto(url + "/vote")
    page.fill("#token", token)
    press(page, "button[type=submit]")
    return _seal_choices(page, chosen, shot)


def _seal_choices(page: Page, chosen: dict[str, tuple[str, ...]], shot: str = "") -> str:
    _choose(page, chosen)
    if shot:
        page.screenshot(path=str(SCREENSHOTS / shot), full_page=True)
    assert page.locator("#seal").is_visible()
    assert page.locator("#confirm").count() == 0  # sealing takes the double confirmation's place
    press(page, "#seal")
    return page.locator("#confirmation-code bdi").inner_text()


def _printer(kiosk: Kiosk) -> FilePrinter:
    printer = kiosk.box._printer  # the file printer stands for the device
    assert isinstance(printer, FilePrinter)
    return printer


def _chain(box: Box) -> list[ChainEntry]:
    with box.store.transaction() as tx:
        return list(tx.chain())


def _printed_code(lines: tuple[str, ...]) -> str:
    """The readable code a printout carries, as its line of Latin digits has it."""
    [code] = [line.strip("()") for line in lines if re.fullmatch(r"\([0-9 ]+\)", line)]
    return code


def _targets(page: Page, *selectors: str) -> None:
    for selector in selectors:
        box = page.locator(selector).bounding_box()
        assert box is not None
        assert box["height"] >= MIN_TARGET, selector
        assert box["width"] >= MIN_TARGET, selector


def test_a_voter_seals_sees_the_code_and_casts(kiosk: Kiosk, browser: Browser) -> None:
    box = kiosk.box
    token = _card(kiosk, browser, 1)
    page = browser.new_page(viewport={"width": 800, "height": 720})
    chosen = {"president": ("25",), "parliament": ("31", "33")}
    shown = _seal(page, kiosk.url, token, chosen, "voter-seal-fa.png")

    assert shown == to_ascii_digits(shown).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert page.locator("#confirmation-code bdi").get_attribute("dir") == "ltr"
    assert page.locator("#confirmation-code .group").count() == 5
    spoken = page.locator("#confirmation-code .spoken").inner_text()
    assert spoken.count("، ") == 4
    assert len(spoken.split()) == 20
    assert page.get_by_role("button", name="ثبت نهایی رأی").is_visible()
    assert page.get_by_role("button", name="بررسی این برگه؛ شمارش نمی‌شود").is_visible()
    _targets(page, "#cast", "#challenge")
    assert box.status().records == 0  # sealed, not cast
    page.screenshot(path=str(SCREENSHOTS / "voter-code-fa.png"), full_page=True)
    assert_accessible(page, "voter: confirmation code")

    press(page, "#cast")
    assert page.locator("#cast-done").count() == 1
    assert page.locator("#take-receipt").is_visible()
    assert box.status().records == 1
    [entry] = _chain(box)
    assert entry.state is ChainState.CAST
    assert to_ascii_digits(shown) == readable_code(entry.code)  # the screen's code is the chain's
    printer = _printer(kiosk)
    assert _printed_code(printer.copies[-1]) == readable_code(entry.code)  # the paper copy's
    assert _printed_code(printer.jobs()[-1].lines) == readable_code(entry.code)  # the receipt's


def test_a_voter_challenges_then_votes_again_and_casts(kiosk: Kiosk, browser: Browser) -> None:
    box = kiosk.box
    token = _card(kiosk, browser, 2)
    page = browser.new_page(viewport={"width": 800, "height": 720})
    first = _seal(page, kiosk.url, token, {"president": ("21",), "parliament": ("32",)})

    press(page, "#challenge")  # asked once more, and told what it means
    warned = page.locator("#challenge-warn").inner_text()
    assert "دوباره رأی می‌دهید" in warned
    # the outside review: the opened ballot, published, sits right before this voter's cast one
    assert "انتخاب‌های آن در سیاهه انتخابات منتشر می‌شود" in warned
    assert page.locator("#confirmation-code bdi").inner_text() == first
    _targets(page, "#challenge-yes", "#challenge-no")
    page.screenshot(path=str(SCREENSHOTS / "voter-challenge-confirm-fa.png"), full_page=True)
    assert_accessible(page, "voter: challenge")
    press(page, "#challenge-no")  # not yet: the code screen again, nothing changed
    assert page.locator("#cast").is_visible()
    assert _chain(box) == []
    press(page, "#challenge")
    press(page, "#challenge-yes")

    opened = page.locator("#opened").inner_text()
    headings = page.locator("#opened h2").all_inner_texts()
    assert headings == ["ریاست جمهوری", "مجلس شورای اسلامی"]  # the ballot's order
    assert "ابطال‌شده برای بررسی — شمرده نمی‌شود" in opened
    for name in ("سعید جلیلی", "۲۱", "نامزد ب", "۳۲"):
        assert name in opened
    [entry] = _chain(box)
    assert entry.state is ChainState.CHALLENGED
    assert entry.opened is not None
    code = readable_code(entry.code)
    assert to_ascii_digits(page.locator("#opened-code bdi").inner_text()) == code
    assert to_ascii_digits(first) == code
    printed = _printer(kiosk).jobs()[-1].lines  # printed for the voter as challenged
    assert _printed_code(printed) == code
    nonce = page.locator("#opened-nonce").inner_text()
    assert len(nonce.split()) == 8
    assert "".join(nonce.split()) == entry.opened[0].hex()  # as the chain keeps it
    assert printed[-1] == entry.opened[0].hex()  # and as printed
    assert box.status().records == 0
    assert box.status().cards_used == 0  # the card is still good
    page.screenshot(path=str(SCREENSHOTS / "voter-opened-fa.png"), full_page=True)
    assert_accessible(page, "voter: opened")

    press(page, "#vote-again")  # the same card, from the first contest
    assert page.locator("#contest-heading").inner_text() == "ریاست جمهوری"
    second = _seal_choices(page, {"president": ("25",), "parliament": ()})
    assert second != first
    press(page, "#cast")
    assert page.locator("#cast-done").count() == 1
    chain = _chain(box)
    assert [e.state for e in chain] == [ChainState.CHALLENGED, ChainState.CAST]
    cast = readable_code(chain[-1].code)
    assert to_ascii_digits(second) == cast == _printed_code(_printer(kiosk).copies[-1])
    assert box.status().records == 1

    log_in(page, kiosk.url, kiosk.keys[StaffRole.HEAD], lang="en")
    assert page.locator("#records").inner_text() == "1"
    assert page.locator("#challenged").inner_text() == "1"
    page.goto(kiosk.url + "/operator?lang=fa")
    assert page.locator("#challenged").inner_text() == "۱"
    page.screenshot(path=str(SCREENSHOTS / "operator-challenged-fa.png"), full_page=True)
    press(page, "#close")
    page.screenshot(path=str(SCREENSHOTS / "close-counts-fa.png"), full_page=True)
    assert_accessible(page, "close, E2E box (fa)")
    assert page.locator("#close-cast").inner_text() == "۱"
    assert page.locator("#close-challenged").inner_text() == "۱"
    page.goto(kiosk.url + "/operator/close?lang=en")
    assert "(not counted)" in page.locator("#close-counts").inner_text()


def test_the_code_screen_in_english(kiosk: Kiosk, browser: Browser) -> None:
    token = _card(kiosk, browser, 3)
    page = browser.new_page(viewport={"width": 800, "height": 720})
    page.goto(kiosk.url + "/vote?lang=en")
    page.fill("#token", token)
    press(page, "button[type=submit]")
    _choose(page, {"president": ("21",), "parliament": ("31", "34")})
    press(page, "#seal")
    shown = page.locator("#confirmation-code bdi").inner_text()
    assert shown == to_ascii_digits(shown)  # Latin digits on an English screen
    assert page.get_by_role("button", name="Cast my ballot").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "voter-code-en.png"), full_page=True)
    press(page, "#challenge")
    assert "Its choices are published in the election record for anyone to see" in (
        page.locator("#challenge-warn").inner_text()
    )
    press(page, "#challenge-yes")
    assert "Challenged for checking — not counted" in page.locator("#opened").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "voter-opened-en.png"), full_page=True)


def _post(at: httpx.Client, csrf: str, **fields: str) -> str:
    """A key pressed on the kiosk's form; the page `/vote` shows after it."""
    moved = at.post("/vote", data={"csrf": csrf, **fields})
    assert moved.status_code == 303
    return at.get("/vote").text


def test_a_sealed_ballot_is_cast_or_challenged_never_dropped(kiosk: Kiosk) -> None:
    """Keys of other screens, sent to the code screen (a stale form, a Back), change nothing;
    a ballot the box no longer holds (another card was sealed meanwhile) sends the voter back to
    the review to seal again, nothing recorded."""
    box = kiosk.box
    first = box.check_in(national_code(4))
    other = box.check_in(national_code(5))
    assert isinstance(first, IssuedCard)
    assert isinstance(other, IssuedCard)
    with client(kiosk) as at:
        csrf = csrf_of(at.get("/vote").text)
        _post(at, csrf, token=first.token)
        for code in ("21", "31"):
            _post(at, csrf, key="code", code=code)
            _post(at, csrf, key="next")
        page = _post(at, csrf, key="seal")
        assert 'id="confirmation-code"' in page
        for stale in ("back", "confirm", "seal", "again", "challenge-yes", "code", ""):
            page = _post(at, csrf, key=stale, code="25")
            assert 'id="confirmation-code"' in page, stale
        assert _chain(box) == []

        box.prepare(other.token, (Choice("president", ("25",)), Choice("parliament", ())))
        page = _post(at, csrf, key="cast")
        assert 'id="refusal"' in page  # the review again, and why
        assert 'id="seal"' in page
        assert _chain(box) == []
        assert box.status().records == 0
        page = _post(at, csrf, key="seal")
        _post(at, csrf, key="cast")
    [entry] = _chain(box)
    assert entry.state is ChainState.CAST
    assert box.status().records == 1


def test_a_card_opened_at_a_second_screen_leaves_the_first(kiosk: Kiosk) -> None:
    """The box holds one sealed ballot a card: once a second visit opens the card, the first
    visit's screen shows the card screen again, so its voter never casts what the second
    sealed under the code they saw."""
    box = kiosk.box
    card = box.check_in(national_code(6))
    assert isinstance(card, IssuedCard)
    with client(kiosk) as first, client(kiosk) as second:
        one, two = csrf_of(first.get("/vote").text), csrf_of(second.get("/vote").text)
        for at, csrf, chosen in ((first, one, "21"), (second, two, "25")):
            _post(at, csrf, token=card.token)
            _post(at, csrf, key="code", code=chosen)
            _post(at, csrf, key="next")
            _post(at, csrf, key="blank")
            assert 'id="confirmation-code"' in _post(at, csrf, key="seal")
        assert 'id="token"' in first.get("/vote").text  # the first let the card go
        page = _post(first, one, key="cast")
        assert 'id="token"' in page
        assert _chain(box) == []
        _post(second, two, key="cast")
    [entry] = _chain(box)
    assert entry.state is ChainState.CAST
    assert box.status().records == 1
