"""The console's results page over a store changed outside sandogh (the outsider's F2 and F3 of
session 24): a certified result rewritten consistently, or a void's row deleted, is refused with
the reason in the page's language and no figure, not shown certified or unvoided."""

from __future__ import annotations

from sqlalchemy import delete

from sandogh.core.access import Grant, Role
from sandogh.core.supervision import Decision, StationVoid
from sandogh.services.acting import Actor
from sandogh.services.certifications import certify
from sandogh.services.voids import void
from sandogh.store.engine import make_engine
from sandogh.store.tables import VoidRow
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.server.live import ELECTION
from tests.store.rewritten import move_a_vote

from .build import AT, IRAN, complete
from .test_persian_pages import latin_words
from .test_supervision import CERTIFYING, _signed_in

BOARD = Actor("nazer", Grant(Role.SUPERVISOR, IRAN))
STATION = "ST-0801-0001"


def _refused(store: str, words_fa: str, words_en: str) -> None:
    client, _ = _signed_in(store, "nazer-2")
    with client:
        for place in (IRAN, "IR-08-0801", STATION):
            refused = client.get("/console/results", params={"place": place})
            assert refused.status_code == 500, place
            assert words_fa in refused.text
            assert "نتایج نشان داده نمی‌شود" in refused.text
            assert 'class="cast"' not in refused.text  # no figures shown
            assert latin_words(refused.text) == []
        english = client.get("/console/results", params={"place": IRAN, "lang": "en"})
        assert words_en in english.text


def test_a_certified_result_rewritten_by_hand_is_not_shown_but_said(console_store: str) -> None:
    complete(console_store)
    engine = make_engine(console_store)
    try:
        certify(
            lambda: SqlUnitOfWork(engine, now=AT),
            BOARD,
            ELECTION,
            "president",
            **CERTIFYING,
            now=AT,
        )
        move_a_vote(engine, STATION)
    finally:
        engine.dispose()
    _refused(
        console_store,
        "با آنچه تأیید صحت آن (رویداد",
        "are not those its certification (log entry",
    )


def test_a_void_row_deleted_by_hand_is_not_shown_but_said(console_store: str) -> None:
    complete(console_store)
    engine = make_engine(console_store)
    try:
        decided = StationVoid(STATION, None, Decision("صندوق بی‌مهر", "هیئت ۱۴۰۳/۱۲"))
        void(lambda: SqlUnitOfWork(engine, now=AT), BOARD, ELECTION, decided, now=AT)
        with engine.begin() as connection:
            connection.execute(delete(VoidRow))
    finally:
        engine.dispose()
    _refused(console_store, "ابطال رویداد", "The void of log entry")
