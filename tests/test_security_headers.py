"""The security headers middleware: every answer carries each header once, in place of its own."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from sandogh.security_headers import CONTENT_SECURITY_POLICY, META_POLICY, WithHeaders
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
