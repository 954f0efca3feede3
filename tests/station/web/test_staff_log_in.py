"""Staff log-in at the kiosk (issue 9, section 4), over real HTTP on loopback: anyone at the
voter's screen once reached the operator's screens, checked voters in and closed the station in
one tap. Every route but the voter's and the log-in now refuses without logged-in staff (read
from the app's own route list, so a route added later is checked too); only a registered key
logs in; a log-in ends with log-out or after the idle time; several staff share one log-in.
Issue 13: a member logs in by staff card and PIN; wrong PINs lock that member out, in Persian; a
card made for another box, or by the earlier version (review S21 F8), is refused before its PIN
is tried, with words that say to make a new one."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nacl.public
import pytest
from starlette.routing import Route

from sandogh.core.report import StaffRole
from sandogh.core.station import Phase
from sandogh.formats.key_file import read_seed_file
from sandogh.formats.staff_card import card_holder, issue_card
from sandogh.station.box import Box, Status
from sandogh.station.directory import StationDirectory
from sandogh.station.printers import FilePrinter
from sandogh.station.web.sessions import IDLE, LOCKOUT, PIN_TRIES, SHIFT_COOKIE
from tests.formats.test_staff_card import forged
from tests.station.build import Clock, national_code
from tests.station.web.kiosk_build import (
    CARD_COST,
    PIN,
    Kiosk,
    client,
    csrf_of,
    http_card_log_in,
    http_log_in,
    serving,
    voting_kiosk,
)

#: The routes anyone at the kiosk may use: the voter's screens and the staff log-in.
PUBLIC = {
    ("/", "GET"),
    ("/vote", "GET"),
    ("/vote", "POST"),
    ("/vote/card", "GET"),
    ("/photo/{digest}", "GET"),
    ("/vote/access", "POST"),  # the voter's aids (web/access.py)
    ("/vote/audio/{clip}", "GET"),  # the audio ballot's clips: the ballot's words only
    ("/operator/login", "GET"),
    ("/operator/login", "POST"),
}


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def kiosk(tmp_path: Path, clock: Clock) -> Iterator[Kiosk]:
    with serving(voting_kiosk(tmp_path), clock=clock) as served:
        yield served


def _routes(kiosk: Kiosk) -> list[tuple[str, str]]:
    assert kiosk.app is not None
    return sorted(
        (route.path, method)
        for route in kiosk.app.routes
        if isinstance(route, Route)
        for method in route.methods or ()
        if method != "HEAD"
    )


def _unchanged(status: Status) -> tuple[Phase, int]:
    return status.phase, status.cards_issued


def test_every_operator_route_refuses_without_a_staff_log_in(kiosk: Kiosk) -> None:
    guarded = [route for route in _routes(kiosk) if route not in PUBLIC]
    assert ("/operator/close", "POST") in guarded
    assert ("/operator/check-in", "POST") in guarded
    before = _unchanged(kiosk.box.status())
    with client(kiosk) as at:
        csrf = csrf_of(at.get("/vote").text)  # a visit's token: CSRF is not why it is refused
        for forged_shift in (None, "made-up"):
            if forged_shift:
                at.cookies.set(SHIFT_COOKIE, forged_shift, path="/operator")
            for path, method in guarded:
                form = {"csrf": csrf, "national_code": national_code(5)}
                answer = at.request(method, path, data=form if method == "POST" else None)
                if method == "GET":
                    assert answer.status_code == 303, path
                    assert answer.headers["location"].startswith("/operator/login"), path
                else:
                    assert answer.status_code == 403, path
                    assert "رئیس و اعضای شعبه باید نخست وارد شوند" in answer.text, path
                    assert "The station&#39;s staff must log in first." in answer.text, path
    assert _unchanged(kiosk.box.status()) == before


def test_only_a_key_registered_for_the_station_logs_in(kiosk: Kiosk, tmp_path: Path) -> None:
    broken = tmp_path / "broken.key"
    broken.write_text("not a key\n")
    with client(kiosk) as at:
        for key_file, problem in (
            (kiosk.stranger, "این کلید از آنِ هیچ‌یک از رئیس و اعضای ثبت‌شده این شعبه نیست."),
            (broken, "این پرونده کلید نیست"),
        ):
            answer = http_log_in(at, key_file)
            assert answer.headers["location"].startswith("/operator/login")
            assert problem in at.get("/operator/login").text
            assert at.get("/operator").status_code == 303  # still sent to the log-in
        assert (
            http_log_in(at, kiosk.keys[StaffRole.SECRETARY])
            .headers["location"]
            .startswith("/operator?")
        )
        assert "علی کرمانی" in at.get("/operator").text


def test_the_staff_cookie_is_http_only_strict_and_for_the_operator_screens(kiosk: Kiosk) -> None:
    with client(kiosk) as at:
        answer = http_log_in(at, kiosk.keys[StaffRole.HEAD])
    cookie = answer.headers["set-cookie"].lower()
    assert cookie.startswith(SHIFT_COOKIE + "=")
    for part in ("httponly", "samesite=strict", "path=/operator"):
        assert part in cookie


def test_several_staff_log_in_together_and_log_out_together(kiosk: Kiosk) -> None:
    with client(kiosk) as at:
        http_log_in(at, kiosk.keys[StaffRole.HEAD])
        http_log_in(at, kiosk.keys[StaffRole.SUPERVISOR])
        page = at.get("/operator").text
        assert "مریم رحیمی" in page
        assert "زهرا احمدی" in page
        assert "علی کرمانی" not in page
        out = at.post("/operator/logout", data={"csrf": csrf_of(page)})
        assert out.headers["location"].startswith("/operator/login")
        assert at.get("/operator").status_code == 303
        answer = at.post("/operator/check-in", data={"csrf": csrf_of(page), "national_code": "1"})
        assert answer.status_code == 403
    assert kiosk.box.status().cards_issued == 0


def test_a_log_in_ends_after_the_idle_time(kiosk: Kiosk, clock: Clock) -> None:
    with client(kiosk) as at:
        http_log_in(at, kiosk.keys[StaffRole.HEAD])
        clock.advance((IDLE - datetime.timedelta(seconds=1)).total_seconds())
        page = at.get("/operator")  # in use: the idle time starts again
        assert page.status_code == 200
        clock.advance(IDLE.total_seconds() + 1)
        assert at.get("/operator").status_code == 303
        answer = at.post("/operator/close", data={"csrf": csrf_of(page.text)})
        assert answer.status_code == 403
    assert kiosk.box.status().phase is Phase.VOTING


def test_the_count_waits_for_a_second_member_of_staff(kiosk: Kiosk) -> None:
    with client(kiosk) as at:
        http_log_in(at, kiosk.keys[StaffRole.HEAD])
        csrf = csrf_of(at.get("/operator").text)
        at.post("/operator/close", data={"csrf": csrf, "papers": "0"})
        at.post("/operator/count", data={"csrf": csrf})
        assert "دست‌کم دو نفر از رئیس و اعضای شعبه" in at.get("/operator").text
        assert kiosk.box.status().phase is Phase.CLOSED
        http_log_in(at, kiosk.keys[StaffRole.SECRETARY])
        at.post("/operator/count", data={"csrf": csrf})
        assert kiosk.box.status().phase is Phase.COUNTED


def test_a_staff_card_logs_in_with_its_pin_and_wrong_pins_lock_its_holder_out(
    kiosk: Kiosk, clock: Clock
) -> None:
    head = kiosk.cards[StaffRole.HEAD]
    assert kiosk.card_key is not None
    stranger = issue_card(
        read_seed_file(kiosk.stranger), PIN, kiosk.card_key.public_key, **CARD_COST
    )
    with client(kiosk) as at:
        assert at.post("/operator/login", data={"card": head, "pin": PIN}).status_code == 403
        for card, problem in ((stranger, "ثبت‌شده این شعبه نیست"), (head[:50], "خوانده نشد")):
            http_card_log_in(at, card, PIN)
            assert problem in at.get("/operator/login").text
        for left in range(PIN_TRIES - 1, 0, -1):
            http_card_log_in(at, head, "135790")
            shown = at.get("/operator/login").text
            assert f"رمز نادرست است؛ {'۰۱۲۳۴'[left]} بار دیگر" in shown
        http_card_log_in(at, head, "135790")  # the last try: locked out, and said so
        assert "تا ساعت" in at.get("/operator/login").text
        http_card_log_in(at, head, PIN)  # now even the right PIN is refused
        assert "تا ساعت" in at.get("/operator/login").text
        assert at.get("/operator").status_code == 303
        http_card_log_in(at, kiosk.cards[StaffRole.SECRETARY], "۲۴۶۸۱۰")  # another member may
        page = at.get("/operator").text
        assert "علی کرمانی" in page
        assert "مریم رحیمی" not in page
        clock.advance(LOCKOUT.total_seconds() + 1)
        http_card_log_in(at, head, PIN)  # the lock-out is over
        page = at.get("/operator").text
        assert "مریم رحیمی" in page
        assert PIN not in page


def test_wrong_pins_sent_together_are_tried_no_more_than_the_lock_out_allows(
    kiosk: Kiosk,
) -> None:
    """Review S22 A1: log-ins sent at once each passed the lock-out's check before any wrong PIN
    was noted, so a burst of 40 tried 40 PINs; each card's PINs are now checked one at a time."""
    head = kiosk.cards[StaffRole.HEAD]
    burst = 3 * PIN_TRIES
    with client(kiosk) as at:
        csrf = csrf_of(at.get("/operator/login").text)
        guesses = [{"csrf": csrf, "card": head, "pin": f"{100000 + n}"} for n in range(burst)]
        with ThreadPoolExecutor(burst) as pool:
            answers = list(pool.map(lambda form: at.post("/operator/login", data=form), guesses))
        assert {answer.status_code for answer in answers} == {303}
        with kiosk.box.store.transaction() as tx:
            assert len(tx.wrong_pins(card_holder(head))) == PIN_TRIES
        http_card_log_in(at, head, PIN)  # locked out: the right PIN is refused too
        assert "تا ساعت" in at.get("/operator/login").text
        assert at.get("/operator").status_code == 303


def test_a_kiosk_restarted_between_wrong_pins_keeps_its_lock_out(
    tmp_path: Path, clock: Clock
) -> None:
    """Issue 13 (review S21): the wrong PINs were counted in the kiosk's memory, so restarting
    the kiosk gave a guesser five more tries each time; they are in the box's file now.
    Restarted without the box's card key, the kiosk takes key files only, and says so to a card."""
    kiosk = voting_kiosk(tmp_path)
    head = kiosk.cards[StaffRole.HEAD]

    def restarted() -> Kiosk:
        """The kiosk's process again, over the same station folder."""
        store, key = StationDirectory(tmp_path / "station").open()
        printer = FilePrinter(tmp_path / "printer.jsonl")
        kiosk.box = Box(store, key, kiosk.centre, printer, clock=clock)
        return kiosk

    with serving(kiosk, clock=clock), client(kiosk) as at:
        for _ in range(PIN_TRIES - 2):
            http_card_log_in(at, head, "135790")
    with serving(restarted(), clock=clock), client(kiosk) as at:
        http_card_log_in(at, head, "135790")
        assert "رمز نادرست است؛ ۱ بار دیگر" in at.get("/operator/login").text
        http_card_log_in(at, head, "135790")
        assert "تا ساعت" in at.get("/operator/login").text
    with serving(restarted(), clock=clock), client(kiosk) as at:
        http_card_log_in(at, head, PIN)  # still locked out after a second restart
        assert "تا ساعت" in at.get("/operator/login").text
        assert at.get("/operator").status_code == 303
        clock.advance(LOCKOUT.total_seconds() + 1)
        http_card_log_in(at, head, PIN)
        assert "مریم رحیمی" in at.get("/operator").text
    # restarted without the box's card key: the card is refused with words, the key file logs in
    with serving(restarted(), clock=clock, card_key=None), client(kiosk) as at:
        http_card_log_in(at, head, PIN)
        assert "کارت کارکنان نمی‌پذیرد؛ با پرونده کلید" in at.get("/operator/login").text
        http_log_in(at, kiosk.keys[StaffRole.HEAD])
        assert "مریم رحیمی" in at.get("/operator").text


def test_a_card_of_another_box_or_of_the_first_version_is_refused_uncounted(
    kiosk: Kiosk,
) -> None:
    """Review S21 F8: a card is sealed to its box's card key; one sealed to another box, one of
    the first version (under the PIN only) and one at a box given no card key each say what to
    do, in both languages, and none counts a wrong PIN: the right PIN then logs in."""
    seed = read_seed_file(kiosk.keys[StaffRole.HEAD])
    elsewhere = issue_card(seed, PIN, nacl.public.PrivateKey.generate().public_key, **CARD_COST)
    holder = card_holder(kiosk.cards[StaffRole.HEAD]).raw.hex()
    old = f"sandogh-card-1.{holder}.{'ab' * 16}.3.67108864.{'cd' * 72}"
    with client(kiosk) as at:
        for _ in range(PIN_TRIES):
            for card, words in ((elsewhere, "برای این صندوق ساخته نشده"), (old, "نسخه پیشین")):
                http_card_log_in(at, card, "135790")
                shown = at.get("/operator/login").text
                assert words in shown
                assert "کارت تازه‌ای" in shown
        http_card_log_in(at, old, PIN)
        assert "made by an earlier version" in at.get("/operator/login?lang=en").text
        http_card_log_in(at, kiosk.cards[StaffRole.HEAD], PIN)
        assert "مریم رحیمی" in at.get("/operator").text


def test_cards_forged_from_public_data_lock_no_one_out(kiosk: Kiosk) -> None:
    """Review S23 A5, mounted: the outsider's forge (the head's public key as the published
    record gives it, the box's public card key from its set-up sheet) posted five times, and
    more, with any PIN, counted five wrong PINs against the head and locked the head's real card
    out. Each forged card is now refused as not made by its holder's key, in both languages,
    counting nothing; then the head's real card with the right PIN logs in."""
    assert kiosk.card_key is not None
    head = card_holder(kiosk.cards[StaffRole.HEAD]).text
    with client(kiosk) as at:
        for n in range(PIN_TRIES + 1):
            http_card_log_in(at, forged(head, kiosk.card_key.public_key), f"12345{n}")
            shown = at.get("/operator/login").text
            assert "این کارت با کلید دارنده‌اش ساخته نشده است" in shown
            assert "sandogh staff card" in shown
        http_card_log_in(at, forged(head, kiosk.card_key.public_key), "123456")
        assert "not made by its holder&#39;s key" in at.get("/operator/login?lang=en").text
        # the outsider's card as written (the second version's layout): old, uncounted too
        http_card_log_in(at, forged(head, kiosk.card_key.public_key, "sandogh-card-2"), "1")
        assert "نسخه پیشین" in at.get("/operator/login").text
        with kiosk.box.store.transaction() as tx:
            assert tx.wrong_pins(card_holder(kiosk.cards[StaffRole.HEAD])) == []
        http_card_log_in(at, kiosk.cards[StaffRole.HEAD], PIN)
        assert "مریم رحیمی" in at.get("/operator").text


def test_a_member_locked_out_at_the_minutes_checks_them_by_key_file(kiosk: Kiosk) -> None:
    """Review S23 A6, mounted: five wrong PINs typed in the secretary's field of the minutes
    (by anyone at the staff screen) locked her card out, and logging in again by key file left
    the minutes asking for the card's PIN, refused as locked. The lock-out says how to lift it;
    her log-in by key file proves her, clears her wrong PINs (noted as an incident) and the
    minutes take her key."""
    secretary = kiosk.cards[StaffRole.SECRETARY]
    with client(kiosk) as at:
        http_log_in(at, kiosk.keys[StaffRole.HEAD])
        http_card_log_in(at, secretary, PIN)
        csrf = csrf_of(at.get("/operator").text)
        at.post("/operator/close", data={"csrf": csrf, "papers": "0"})
        at.post("/operator/count", data={"csrf": csrf})
        member = card_holder(secretary).text
        for n in range(PIN_TRIES):
            at.post(
                "/operator/minutes/check",
                data={"csrf": csrf, "member": member, "pin": f"00000{n}"},
            )
        locked = at.get("/operator/minutes").text
        assert "بسته است" in locked
        assert "با پرونده کلید خود دوباره وارد شود تا قفل برداشته شود" in locked
        at.post("/operator/minutes/check", data={"csrf": csrf, "member": member, "pin": PIN})
        assert "بسته است" in at.get("/operator/minutes").text  # the right PIN: locked still
        http_log_in(at, kiosk.keys[StaffRole.SECRETARY])
        minutes = at.get("/operator/minutes").text
        assert 'name="pin"' not in minutes  # her key file is her proof now
        for role in (StaffRole.SECRETARY, StaffRole.HEAD):  # each by key file, its key again
            who, key = card_holder(kiosk.cards[role]).text, kiosk.keys[role].read_text()
            at.post("/operator/minutes/check", data={"csrf": csrf, "member": who, "key": key})
        with kiosk.box.store.transaction() as tx:
            assert tx.wrong_pins(card_holder(secretary)) == []
        assert [(i.kind, i.details) for i in kiosk.box.incidents()] == [
            ("pin-lock-cleared", {"holder": member, "wrong_pins": PIN_TRIES})
        ]
        at.post("/operator/report", data={"csrf": csrf})
        assert "problem" not in at.get("/operator").text
        http_card_log_in(at, secretary, PIN)  # her card logs in again too
        assert "علی کرمانی" in at.get("/operator").text
    assert kiosk.box.status().phase is Phase.REPORTED
