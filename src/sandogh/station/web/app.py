"""The ballot box's screens: the operator's (staff log-in, status, check-in, close, count,
report) and the voter's (card scanned or read, candidates as tiles or codes per contest, review,
confirm twice), rendered on the server.

Issue 3 ("The station app"): a local web UI for a kiosk browser, Persian first (RTL, Persian
digits) with an English switch, served on loopback only (`LOOPBACK`). Issue 9 hardened it: every
request passes `guard` (loopback, the kiosk's own Host, strict headers), every form the session's
CSRF token and the kiosk's Origin (`screens`), every operator route a staff log-in (`operator`),
and the voter's screens keep nothing to go back to (`voter`). While it serves, `resender` sends
the outbox to the centre by itself. Built on Starlette (FastAPI's own base) because the station
may not import FastAPI (the import contract "A ballot box shares only the wire protocol with the
centre").
"""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import nacl.public
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from sandogh.locale import Lang
from sandogh.security_headers import WithHeaders
from sandogh.station.box import Box
from sandogh.station.clips import Clips
from sandogh.station.ports import CardReader, CardWriter
from sandogh.station.web import access
from sandogh.station.web.access import Aids
from sandogh.station.web.card_log_in import StaffCards
from sandogh.station.web.guard import HEADERS, KioskGuard
from sandogh.station.web.minutes import PATH as MINUTES
from sandogh.station.web.minutes import MinutesScreens
from sandogh.station.web.opening import PATH as OPENING
from sandogh.station.web.opening import OpeningScreens
from sandogh.station.web.operator import LOGIN, OperatorScreens
from sandogh.station.web.photos import Photos
from sandogh.station.web.recharging import PATH as RECHARGE
from sandogh.station.web.recharging import RechargeScreens
from sandogh.station.web.resender import POLL_SECONDS, Resender
from sandogh.station.web.screens import Screens
from sandogh.station.web.sessions import IDLE, Sessions
from sandogh.station.web.voter import VOTER_IDLE, IdleTimes, VoterScreens

LOOPBACK = "127.0.0.1"
_HERE = Path(__file__).parent


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def create_station_app(
    box: Box,
    *,
    lang: Lang = "fa",
    clock: Callable[[], datetime.datetime] = _utc_now,
    idle: datetime.timedelta = IDLE,
    resend_every: float = POLL_SECONDS,
    reader: CardReader | None = None,
    photos: Path | None = None,
    voter_idle: IdleTimes = VOTER_IDLE,
    clips: Clips | None = None,
    card_key: nacl.public.PrivateKey | None = None,
    writer: CardWriter | None = None,
) -> Starlette:
    """The box's screens over `box`; serve it on `LOOPBACK` only, for the kiosk browser. `clock`
    and `idle` time the sessions; the outbox is sent every `resend_every` seconds it holds any.
    The voter's card is scanned, or read by `reader`; candidates' photos come from the folder
    `photos`; a ballot left idle returns to the neutral screen after `voter_idle`; `clips` speak
    the audio ballot (none: the voter's bar offers no audio); staff cards open with the box's
    `card_key` (`station.directory`; none: staff log in by key file only); the ballot card
    charged at check-in is written by `writer` (none: by hand, its token shown: `charging`)."""
    sessions = Sessions(clock, box.store, idle=idle)
    screens = Screens(box, lang, sessions)
    cards = StaffCards(sessions, card_key)
    aids = Aids(screens, clips)
    voter = VoterScreens(screens, aids, reader=reader, photos=Photos(photos), idle=voter_idle)
    staff = OperatorScreens(screens, cards, writer)
    minutes = MinutesScreens(screens, cards)
    opening = OpeningScreens(screens)
    recharging = RechargeScreens(screens, cards, writer)
    resender = Resender(box, poll=resend_every)

    async def home(_: Request) -> Response:
        return RedirectResponse("/operator", status_code=303)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        resender.start()
        try:
            yield
        finally:
            await resender.stop()

    guarded = staff.staff_only
    return Starlette(
        routes=[
            Route("/", home),
            Route("/vote", voter.page),
            Route("/vote", voter.step, methods=["POST"]),
            Route("/vote/card", voter.card_in_reader),
            Route("/photo/{digest}", voter.photo),
            Route(access.PATH, aids.choose, methods=["POST"]),
            Route("/vote/audio/{clip}", aids.clip),
            Route(LOGIN, staff.login_page),
            Route(LOGIN, staff.log_in, methods=["POST"]),
            Route("/operator", guarded(staff.status_page)),
            Route(OPENING, guarded(opening.page)),
            Route(OPENING, guarded(opening.open), methods=["POST"]),
            Route("/operator/start", guarded(opening.start), methods=["POST"]),
            Route("/operator/look-up", guarded(staff.look_up), methods=["POST"]),
            Route("/operator/check-in", guarded(staff.check_in), methods=["POST"]),
            Route("/operator/not-them", guarded(staff.not_them), methods=["POST"]),
            Route(RECHARGE, guarded(recharging.page)),
            Route(RECHARGE, guarded(recharging.recharge), methods=["POST"]),
            Route("/operator/close", guarded(staff.close_page)),
            Route("/operator/close", guarded(staff.close), methods=["POST"]),
            Route(MINUTES, guarded(minutes.page)),
            Route(MINUTES + "/check", guarded(minutes.check), methods=["POST"]),
            Route("/operator/count", guarded(staff.count), methods=["POST"]),
            Route("/operator/report", guarded(staff.report), methods=["POST"]),
            Route("/operator/logout", guarded(staff.log_out), methods=["POST"]),
            Mount("/static", StaticFiles(directory=_HERE / "static"), name="static"),
        ],
        # the headers outermost: a refusal of the guard carries them too
        middleware=[
            Middleware(WithHeaders, headers=HEADERS),
            Middleware(KioskGuard, refuse=screens.refused),
        ],
        lifespan=lifespan,
    )
