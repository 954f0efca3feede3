"""Every console page in Persian says nothing in Latin letters but what may be (issue 13: no
"vote-buying", "head", "inspector" or "only 24 of 2427 stations have reported" on a Persian
page): a code (ST-0801-0001, IR-08, a serial, an election's id), a user name, the link to the
English page, "CSV" and the OpenStreetMap credit. The page's visible text is read, scripts and
data blocks left out, after every `<bdi dir="ltr">` (where codes are shown) is taken out."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from fastapi.testclient import TestClient

from sandogh.core.access import Role
from sandogh.server.app import create_app
from sandogh.server.console.gate import AUDIT_TABS, SECTIONS
from tests.server.operators_live import add_account, current_code, settings

from .build import KERMAN, complete
from .test_pages import log_in

#: A word with a Latin letter that is a code: letters, digits and - _ . / : joined, with a digit
#: in it (ST-0801-0001, IR-08, tehran-1403, SB-0801-0003).
_CODE = re.compile(r"^[A-Za-z0-9_./:-]*[0-9][A-Za-z0-9_./:-]*$")
ALLOWED = {"English", "CSV", "OpenStreetMap", "contributors", "ostan"}
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
