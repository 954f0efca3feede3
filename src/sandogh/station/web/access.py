"""The voter's aids (issue 13): text size, high contrast and the audio ballot, chosen from the bar
on every voter screen, for this voter only.

The choice lives in the kiosk's visit, beside the draft, and is set by a form like any other
key (`/vote/access`, the kiosk's Origin and the session's CSRF token, `screens.posted`), so the
pages carry it as classes of their root element and need no inline script or style (the strict
CSP). The "ballot cast" screen is the last the voter's choice shows on: the next voter starts
from the neutral screen with normal text, normal colours and no audio.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from sandogh.locale import Lang
from sandogh.station.clips import Clips
from sandogh.station.speech import SpeechError
from sandogh.station.web.audio import Words, script
from sandogh.station.web.screens import Screens, keep_cookie, see
from sandogh.station.web.sessions import VISIT_COOKIE, Access, Visit

PATH = "/vote/access"
SIZES = ("normal", "large", "xlarge")


class Aids:
    """The bar's form and what each voter page needs of the aids; `clips` None on a box without
    speech, whose bar offers no audio ballot."""

    def __init__(self, screens: Screens, clips: Clips | None) -> None:
        self._screens = screens
        self._clips = clips

    def seen(self, visit: Visit, lang: Lang, shown: dict[str, object]) -> Screens:
        """The screens with what the page `visit` shows now needs: the voter's aids, and the
        audio ballot when it is on. After the "cast" page the aids are the next voter's: none."""
        screens, access = self._screens, visit.access
        audio = None
        if access.audio and self._clips is not None:
            with screens.box.store.transaction() as tx:
                station = tx.station()
            ballot = station.setup.ballot if station else ()
            words = Words(ballot, screens.names(), lang)
            try:
                said = {key: value for key, value in shown.items() if isinstance(value, str)}
                audio = script(visit, said, words, self._clips, screens.sealing())
            except (SpeechError, OSError):  # the screen all the same, silent: never a voter lost
                audio = None
        if shown.get("cast"):
            visit.access = Access()
        return screens.with_values(
            access=access, sizes=SIZES, audio=audio, audio_offered=self._clips is not None
        )

    async def choose(self, request: Request) -> Response:
        """A key of the bar: a text size, or high contrast or the audio ballot on or off."""
        screens = self._screens
        cookie, visit = screens.sessions.visit(request.cookies.get(VISIT_COOKIE))
        form = await screens.posted(request, visit.csrf)
        if form is None:
            return keep_cookie(
                screens.refused(request, "kiosk_refused_forged"), VISIT_COOKIE, cookie, "/"
            )
        aid = form.get("aid", "")
        access = visit.access
        if aid.removeprefix("size-") in SIZES:
            access.size = aid.removeprefix("size-")
        elif aid == "contrast":
            access.contrast = not access.contrast
        elif aid == "audio" and self._clips is not None:
            access.audio = not access.audio
        return keep_cookie(see("/vote", screens.language(request, form)), VISIT_COOKIE, cookie, "/")

    async def clip(self, request: Request) -> Response:
        """A clip of the audio ballot, by its name; nothing for a name that is not one."""
        found = self._clips.read(request.path_params["clip"]) if self._clips else None
        if found is None:
            return Response(status_code=404)
        return Response(found, media_type="audio/wav")
