"""The security headers: every answer carries each once, in place of its own; and no template or
script of the console, the results site or the kiosk holds what the policy refuses or what makes a
name markup."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from sandogh.publish import site
from sandogh.security_headers import CONTENT_SECURITY_POLICY, META_POLICY, WithHeaders
from sandogh.server import console
from sandogh.station import web as kiosk
from tests.loopback import served


async def _framable(_request: Request) -> PlainTextResponse:
    return PlainTextResponse("", headers={"X-Frame-Options": "SAMEORIGIN", "ETag": '"1"'})


def test_the_headers_replace_those_an_answer_set_itself() -> None:
    app = Starlette(routes=[Route("/", _framable)], middleware=[Middleware(WithHeaders)])
    with served(app, "a page") as url, httpx.Client(base_url=url) as client:
        for path in ("/", "/missing"):
            answer = client.get(path)
            assert answer.headers.get_list("x-frame-options") == ["DENY"]
            assert answer.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
            assert answer.headers["referrer-policy"] == "no-referrer"
        assert client.get("/").headers["etag"] == '"1"'


def test_the_pages_policy_leaves_out_only_what_a_meta_cannot_carry() -> None:
    assert f"{META_POLICY}; frame-ancestors 'none'" == CONTENT_SECURITY_POLICY
    assert "unsafe" not in CONTENT_SECURITY_POLICY


# What a page under the policy may not hold: the browser would refuse it (an inline script, an
# event-handler or style attribute) or a name could become markup (`|safe`, innerHTML and kin).
_REFUSED = re.compile(
    r"<script(?![^>]*\b(src=|type=\"application/json\"))|\son[a-z]+=|\sstyle=|<style"
    r"|\|\s*safe\b|Markup|innerHTML\s*=|outerHTML|insertAdjacentHTML|document\.write"
)
_PAGES = (
    Path(console.__file__).parent / "templates",
    Path(console.__file__).parent / "static",
    Path(site.__file__).parent / "templates",
    Path(site.__file__).parent / "assets",
    Path(kiosk.__file__).parent / "templates",
    Path(kiosk.__file__).parent / "static",
)


def test_no_template_or_script_of_the_console_site_or_kiosk_breaks_the_policy() -> None:
    checked = [p for folder in _PAGES for p in folder.iterdir() if p.suffix in (".html", ".js")]
    assert len(checked) > 10
    found = [
        f"{path.name}:{n}: {line.strip()}"
        for path in checked
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _REFUSED.search(line)
    ]
    assert found == []
