"""The voter's screens: the ballot card, codes per contest, the review, confirm twice.

Issue 9, section 1: after a ballot is cast nothing of it may be shown again, by the Back key or
otherwise. The draft lives in the browser's visit (`sessions.Visit`), never in a URL or a form;
each key press is a POST answered by a redirect to `/vote`, which shows the visit's state now.
Once the ballot is cast the draft is gone: `/vote` shows "cast" once, then the card screen, and
so does every page the browser's history goes back or forward to (no page is cached: `guard`).

On an E2E box (docs/e2e.md §7, Benaloh's cast-or-challenge) the review seals the ballot instead
(`Box.prepare`) and the next page shows its confirmation code with two keys: cast (`Box.cast`), or
challenge, confirmed once more (`Box.challenge`), after which the opened ballot is shown, marked
as not counted, until the voter starts again with the same card. The code and the opened ballot
live in the visit like the draft, and go with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.requests import Request
from starlette.responses import Response

from sandogh.core.errors import SandoghError
from sandogh.core.report import Choice
from sandogh.locale import to_ascii_digits
from sandogh.station.errors import BallotFlowError, BallotFlowRefusal
from sandogh.station.web.draft import Draft
from sandogh.station.web.error_words import error_text
from sandogh.station.web.screens import Screens, keep_cookie, see
from sandogh.station.web.sessions import VISIT_COOKIE, Visit

PATH = "/vote"


class VoterScreens:
    def __init__(self, screens: Screens) -> None:
        self._screens = screens

    async def page(self, request: Request) -> Response:
        screens = self._screens
        cookie, visit = screens.sessions.visit(request.cookies.get(VISIT_COOKIE))
        lang = screens.language(request)
        shown, visit.shown = visit.shown, {}
        draft = visit.draft
        if shown.get("cast"):
            page = screens.render(
                "done.html", lang, PATH, csrf=visit.csrf, sealing=screens.sealing()
            )
        elif visit.opened is not None:
            page = screens.render(
                "opened.html",
                lang,
                PATH,
                csrf=visit.csrf,
                opened=visit.opened,
                choices=self._in_ballot_order(visit.opened.choices),
                names=screens.names(),
                nonce=_in_groups(visit.opened.nonce.hex(), NONCE_GROUP),
            )
        elif visit.sealed is not None:
            page = screens.render(
                "code.html",
                lang,
                PATH,
                csrf=visit.csrf,
                sealed=visit.sealed,
                challenging=visit.challenging,
                error=error_text(shown.get("error"), lang),
            )
        elif draft is None:
            page = screens.render(
                "card.html", lang, PATH, csrf=visit.csrf, refused=bool(shown.get("refused"))
            )
        else:
            page = screens.render(
                "review.html" if draft.reviewing else "contest.html",
                lang,
                PATH,
                csrf=visit.csrf,
                draft=draft,
                names=screens.names(),
                sealing=screens.sealing(),
                refusal=shown.get("refusal"),
                error=error_text(shown.get("error"), lang),
            )
        return keep_cookie(page, VISIT_COOKIE, cookie, "/")

    async def step(self, request: Request) -> Response:
        screens = self._screens
        cookie, visit = screens.sessions.visit(request.cookies.get(VISIT_COOKIE))
        form = await screens.posted(request, visit.csrf)
        if form is None:
            return keep_cookie(
                screens.refused(request, "kiosk_refused_forged"), VISIT_COOKIE, cookie, "/"
            )
        lang = screens.language(request, form)
        if visit.opened is not None:
            self._after_opening(visit, form.get("key", ""))
        elif visit.sealed is not None:
            self._decide(visit, form.get("key", ""))
        elif visit.draft is None:
            self._open_card(visit, to_ascii_digits(form.get("token", "")).strip())
        else:
            self._press(visit, visit.draft, form)
        return keep_cookie(see(PATH, lang), VISIT_COOKIE, cookie, "/")

    def _in_ballot_order(self, choices: Sequence[Choice]) -> list[Choice]:
        """An opened ballot's choices in the order of the station's ballot, as the review had
        them."""
        with self._screens.box.store.transaction() as tx:
            station = tx.station()
        order = [c.contest for c in station.setup.ballot] if station else []
        return sorted(choices, key=lambda c: order.index(c.contest) if c.contest in order else 0)

    def _open_card(self, visit: Visit, token: str) -> None:
        """A new draft for an unused card of this box, for the contests of the card."""
        with self._screens.box.store.transaction() as tx:
            card = tx.card(token) if token else None
            station = tx.station()
        if card is None or card.consumed or station is None:
            visit.shown = {"refused": "1"}
            return
        self._screens.sessions.take_card(token, visit)
        visit.token = token
        visit.draft = Draft(tuple(c for c in station.setup.ballot if c.contest in card.contests))

    def _press(self, visit: Visit, draft: Draft, form: dict[str, str]) -> None:
        refusal: str | None = None
        key = form.get("key", "")
        if key == "code":
            code = to_ascii_digits(form.get("code", "")).strip()
            refusal = draft.type_code(code) if code else draft.next()
        elif key == "next":
            refusal = draft.next()
        elif key == "correct":
            draft.correct()
        elif key == "blank":
            draft.blank()
        elif key == "back":
            draft.back()
        elif key == "seal" and draft.reviewing and self._screens.sealing():
            self._seal(visit, draft)
            return
        elif key == "confirm" and draft.reviewing and not self._screens.sealing():
            draft.confirmations += 1
            if draft.confirmations >= 2:
                self._cast(visit, draft)
                return
        visit.shown = {"refusal": refusal} if refusal else {}

    def _cast(self, visit: Visit, draft: Draft) -> None:
        try:
            self._screens.box.cast(visit.token or "", draft.choices())
        except SandoghError as error:
            draft.confirmations = 0
            visit.shown = {"error": error}
            return
        visit.token, visit.draft, visit.shown = None, None, {"cast": "1"}

    # ---- cast or challenge (docs/e2e.md §7) ----------------------------------------------------

    def _seal(self, visit: Visit, draft: Draft) -> None:
        try:
            visit.sealed = self._screens.box.prepare(visit.token or "", draft.choices())
        except SandoghError as error:
            visit.shown = {"error": error}
            return
        visit.challenging, visit.shown = False, {}

    def _decide(self, visit: Visit, key: str) -> None:
        """The code screen's keys: cast; challenge, asked once more; yes or no to it. Any other
        key (a stale form, a Back to the review's) changes nothing: a sealed ballot is cast or
        challenged, never dropped unseen."""
        box, token = self._screens.box, visit.token or ""
        # the box casts or opens only the ballot whose code this screen showed
        code = visit.sealed.code if visit.sealed is not None else b""
        visit.shown = {}
        try:
            if key == "cast":
                box.cast(token, code=code)
                visit.token, visit.draft, visit.shown = None, None, {"cast": "1"}
            elif key == "challenge":
                visit.challenging = True
                return
            elif key == "challenge-no":
                visit.challenging = False
                return
            elif key == "challenge-yes" and visit.challenging:
                visit.opened = box.challenge(token, code=code)
                visit.draft = None
            else:
                return
        except SandoghError as error:
            visit.challenging, visit.shown = False, {"error": error}
            if _lost(error):  # nothing was recorded: the review again, to seal anew
                visit.sealed, visit.shown = None, {"refusal": "kiosk_seal_lost"}
            return
        visit.sealed, visit.challenging = None, False

    def _after_opening(self, visit: Visit, key: str) -> None:
        """From the opened ballot, only "vote again": a new draft for the same card."""
        if key != "again":
            return
        visit.opened = None
        self._open_card(visit, visit.token or "")


_SEAL_AGAIN = (
    BallotFlowRefusal.NOTHING_PREPARED,
    BallotFlowRefusal.CHAIN_MOVED,
    BallotFlowRefusal.CODE_DIFFERS,
)


def _lost(error: SandoghError) -> bool:
    """The sealed ballot cannot be cast or challenged, and nothing was recorded: the box holds
    none for the card (sealed again elsewhere, or restarted), or the chain moved on since."""
    return isinstance(error, BallotFlowError) and error.reason in _SEAL_AGAIN


NONCE_GROUP = 8  # hex digits: 64 of them read as eight groups of eight


def _in_groups(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]
