"""Every console page in Persian says nothing in Latin letters but what may be (issue 13: no
"vote-buying", "head", "inspector" or "only 24 of 2427 stations have reported" on a Persian
page): a code (ST-0801-0001, IR-08, a serial, an election's id), a user name, the link to the
English page, "CSV" and the OpenStreetMap credit. The page's visible text is read, scripts and
data blocks left out, after every `<bdi dir="ltr">` (where codes are shown) is taken out."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from string import Formatter

from fastapi.testclient import TestClient

from sandogh.core.access import Role
from sandogh.core.supervision.cases import CaseKind, CaseStatus
from sandogh.server.app import create_app
from sandogh.server.console import labels
from sandogh.server.console.gate import AUDIT_TABS, SECTIONS
from tests.server.operators_live import add_account, current_code, settings

from .build import IRAN, KERMAN, complete
from .test_pages import log_in, token

#: A word with a Latin letter that is a code: letters, digits and - _ . / : joined, with a digit
#: in it (ST-0801-0001, IR-08, tehran-1403, SB-0801-0003).
_CODE = re.compile(r"^[A-Za-z0-9_./:-]*[0-9][A-Za-z0-9_./:-]*$")
ALLOWED = {"English", "CSV", "OpenStreetMap", "contributors", "IR", "ostan", "nazer"}
PAGES = sorted({href for href, _ in SECTIONS} | {href for href, _ in AUDIT_TABS})


class _Text(HTMLParser):
    """The text a person reads: no script, style, JSON data or left-to-right `<bdi>`."""

    def __init__(self) -> None:
        super().__init__()
        self.skipping: list[str] = []
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "title") or (tag == "bdi" and ("dir", "ltr") in attrs):
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.words += data.split()


def latin_words(html: str) -> list[str]:
    reader = _Text()
    reader.feed(html)
    found = []
    for word in reader.words:
        bare = word.strip("()[]{}«»،؛:,.!?“”\"'")
        if re.search("[A-Za-z]", bare) and bare not in ALLOWED and not _CODE.match(bare):
            found.append(bare)
    return found


def test_every_console_page_in_persian_has_no_latin_word(console_store: str) -> None:
    complete(console_store)
    change = add_account(console_store, "ostan", Role.PROVINCIAL_HQ, KERMAN, totp=True)
    with TestClient(create_app(settings(console_store)), follow_redirects=False) as client:
        log_in(client, "ostan", totp=current_code(change))
        found = {}
        for path in PAGES:
            answer = client.get(f"/console{path}", params={"lang": "fa"})
            assert answer.status_code in (200, 403), (path, answer.status_code)  # 403: a board's
            words = latin_words(answer.text)
            if words:
                found[path] = sorted(set(words))
        assert found == {}


def test_a_refused_certification_and_void_are_said_in_persian(console_store: str) -> None:
    change = add_account(console_store, "nazer", Role.SUPERVISOR, IRAN, totp=True)
    with TestClient(create_app(settings(console_store)), follow_redirects=False) as client:
        page = log_in(client, "nazer", totp=current_code(change))
        sent = {"csrf": token(page), "place": IRAN, "contest": "president"}
        # Baft's last 20 stations have not reported (`build`): no certification yet
        refused = client.post("/console/results/certify", data=sent)
        assert refused.status_code == 422
        assert "تنها ۲٬۴۰۷ از ۲٬۴۲۷ شعبه گزارش داده‌اند" in refused.text
        assert latin_words(refused.text) == []
        unknown = {**sent, "station": "ST-9999-0001", "reason": "r", "reference": "1"}
        refused = client.post("/console/results/void-station", data=unknown)
        assert refused.status_code == 422
        assert 'id="refused"' in refused.text
        assert latin_words(refused.text) == []
        # session 21, F12: a void with no reason in words is refused for its reason and
        # decision, not for a station code that is right
        for reason, reference in (("", ""), ("ـ", "."), ("...", "-")):
            wordless = {
                **sent,
                "station": "ST-0801-0001",
                "reason": reason,
                "reference": reference,
                "confirmed": "1",
            }
            refused = client.post("/console/results/void-station", data=wordless)
            assert refused.status_code == 422
            assert "دلیل ابطال باید با کلمات نوشته شود" in refused.text
            assert "شماره تصمیم هیئت باید داده شود" in refused.text
            assert "کد شعبه، نامزد یا حوزه را بررسی کنید" not in refused.text


def test_every_console_word_is_in_both_languages_with_the_same_placeholders() -> None:
    assert set(labels.FA) == set(labels.EN)
    for key, persian in labels.FA.items():
        assert _fields(persian) == _fields(labels.EN[key]), key
    for kind in CaseKind:  # a case's kind and status are words, never their codes (issue 13)
        assert not re.search("[a-z]", labels.label(f"case_kind_{kind.value}", "fa"))
    for status in CaseStatus:
        assert not re.search("[a-z]", labels.label(f"case_status_{status.value}", "fa"))


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}
