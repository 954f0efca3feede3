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

Issue 13: the voter never types the card's token. A handheld scanner (a keyboard wedge) types the
card's QR code into the card screen's focused field and presses Enter, or the card goes into the
box's card reader (`ports.CardReader`), which the card screen asks about every second
(`card_in_reader`) and starts the ballot from. Candidates are tiles with their name, code and photo
(`photos`), pressed to choose and pressed again to take back; codes are still taken. Blank asks
first when it would discard a choice. A voter who walks away mid-ballot gets a warning after
`IdleTimes.warn`, then the screen returns to the neutral welcome (`abandon`): nothing is recorded
and the card, still unused, may start its ballot again; a card left in the reader waits to be
taken out first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from sandogh.core.errors import SandoghError
from sandogh.core.report import Choice
from sandogh.core.station.card_codes import MistypedCodeError, read_card_code
from sandogh.locale import to_ascii_digits
from sandogh.station.errors import BallotFlowError, BallotFlowRefusal
from sandogh.station.ports import CardReader
from sandogh.station.web.access import Aids
from sandogh.station.web.draft import Draft
from sandogh.station.web.error_words import error_text
from sandogh.station.web.photos import Photos, initials, photo_digests
from sandogh.station.web.screens import Screens, keep_cookie, see
from sandogh.station.web.sessions import VISIT_COOKIE, Visit

PATH = "/vote"


@dataclass(frozen=True)
class IdleTimes:
    """Seconds without a touch or key before a ballot screen warns the voter (`warn`), and then
    before it returns to the neutral screen (`leave`). A voting system alerts an idle voter after
    two to five minutes and times out after a further period (VVSG 1.1, 3.2.6.1)."""

    warn: int = 120
    leave: int = 45


VOTER_IDLE = IdleTimes()


class VoterScreens:
    def __init__(
        self,
        screens: Screens,
        aids: Aids,
        *,
        reader: CardReader | None = None,
        photos: Photos | None = None,
        idle: IdleTimes = VOTER_IDLE,
    ) -> None:
        self._screens = screens
        self._aids = aids
        self._reader = reader
        self._photos = photos or Photos(None)
        self._idle = idle
        # the card whose ballot ended (cast or left) while in the reader: not started again
        # until the reader has been seen empty
        self._left_in_reader: str | None = None

    async def page(self, request: Request) -> Response:
        screens = self._screens
        cookie, visit = screens.sessions.visit(request.cookies.get(VISIT_COOKIE))
        lang = screens.language(request)
        shown, visit.shown = visit.shown, {}
        screens = self._aids.seen(visit, lang, shown)
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
                idle=self._idle,
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
                "card.html",
                lang,
                PATH,
                csrf=visit.csrf,
                refused=shown.get("refused"),
                reader=self._reader is not None,
            )
        else:
            page = screens.render(
                "review.html" if draft.reviewing else "contest.html",
                lang,
                PATH,
                csrf=visit.csrf,
                draft=draft,
                names=screens.names(),
                photos=self._shown_photos(),
                initials=lambda name: initials(name, lang),
                sealing=screens.sealing(),
                refusal=shown.get("refusal"),
                error=error_text(shown.get("error"), lang),
                confirm_blank=bool(shown.get("confirm_blank")),
                idle=self._idle,
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
        key = form.get("key", "")
        if key == "abandon" and visit.sealed is None:
            self._abandon(visit)
            lang = screens.lang  # the neutral screen, in the box's own language
        elif visit.opened is not None:
            self._after_opening(visit, key)
        elif visit.sealed is not None:
            self._decide(visit, key)
        elif visit.draft is None:
            token = form.get("token", "")
            if key == "reader":
                token = (self._reader.card() if self._reader else None) or ""
            self._open_card(visit, to_ascii_digits(token).strip())
        else:
            self._press(visit, visit.draft, form)
        return keep_cookie(see(PATH, lang), VISIT_COOKIE, cookie, "/")

    async def card_in_reader(self, _: Request) -> Response:
        """What the card screen asks every second: "ready" when an unused card of this box is in
        the reader (the screen then starts its ballot), "remove" when the card in it cannot start
        one (used, cancelled, unknown, or left there by a voter who walked away), "none" when it
        is empty."""
        token = self._reader.card() if self._reader is not None else None
        if token is None:
            self._left_in_reader = None
            return JSONResponse({"card": "none"})
        with self._screens.box.store.transaction() as tx:
            card = tx.card(token)
        usable = (
            card is not None
            and not (card.consumed or card.cancelled)
            and token != self._left_in_reader
        )
        return JSONResponse({"card": "ready" if usable else "remove"})

    async def photo(self, request: Request) -> Response:
        """A candidate's photo, if the definition names it and the box holds it as it was named."""
        digest = str(request.path_params["digest"])
        found = self._photos.image(digest) if digest in self._shown_photos().values() else None
        if found is None:
            return Response(status_code=404)
        data, kind = found
        return Response(data, media_type=kind)

    def _shown_photos(self) -> dict[tuple[str, str], str]:
        with self._screens.box.store.transaction() as tx:
            document = tx.enrolment_document()
        return self._photos.shown(photo_digests(document))

    def _abandon(self, visit: Visit) -> None:
        """The voter walked away: the draft and any opened ballot go, nothing is recorded, and
        the card (unused) may start its ballot again once it has left the reader."""
        if self._reader is not None and visit.token and self._reader.card() == visit.token:
            self._left_in_reader = visit.token
        visit.token, visit.draft, visit.shown = None, None, {}
        visit.challenging, visit.opened = False, None

    def _in_ballot_order(self, choices: Sequence[Choice]) -> list[Choice]:
        """An opened ballot's choices in the order of the station's ballot, as the review had
        them."""
        with self._screens.box.store.transaction() as tx:
            station = tx.station()
        order = [c.contest for c in station.setup.ballot] if station else []
        return sorted(choices, key=lambda c: order.index(c.contest) if c.contest in order else 0)

    def _open_card(self, visit: Visit, typed: str) -> None:
        """A new draft for an unused card of this box, for the contests of the card. A code
        that fails its check is refused as mistyped before any card is looked up, and a card
        the staff cancelled says so (review S23 A3)."""
        try:
            token = read_card_code(typed)
        except MistypedCodeError:
            visit.shown = {"refused": "mistyped" if typed else "refused"}
            return
        with self._screens.box.store.transaction() as tx:
            card = tx.card(token)
            station = tx.station()
        if card is not None and card.cancelled:
            visit.shown = {"refused": "cancelled"}
            return
        if card is None or card.consumed or station is None:
            visit.shown = {"refused": "refused"}
            return
        self._screens.sessions.take_card(token, visit)
        visit.token = token
        visit.draft = Draft(tuple(c for c in station.setup.ballot if c.contest in card.contests))

    def _press(self, visit: Visit, draft: Draft, form: dict[str, str]) -> None:
        refusal: str | None = None
        key = form.get("key", "")
        if draft.reviewing and key not in _REVIEW_KEYS:
            visit.shown = {}  # a contest's key from a stale page: the review has no contest
            return
        if "pick" in form:
            refusal = draft.toggle(to_ascii_digits(form["pick"]).strip())
        elif key == "blank" and draft.chosen():
            visit.shown = {"confirm_blank": "1"}  # a blank vote would discard a choice: ask first
            return
        elif key == "blank-yes":
            draft.blank()
        elif key == "code":
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
        self._cast_done(visit)

    def _cast_done(self, visit: Visit) -> None:
        if self._reader is not None and self._reader.card() == visit.token:
            self._left_in_reader = visit.token
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
                self._cast_done(visit)
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


_REVIEW_KEYS = frozenset({"back", "confirm", "seal"})
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
