"""The reverse proxy's shipped configuration (deploy/nginx/sandogh.conf): well-formed nginx syntax,
read by a small parser (no nginx is installed to check it), with only directives this test knows,
and bounds that agree with the centre's own."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sandogh.server.limits import MAX_BODY_BYTES
from sandogh.server.listen_settings import ListenSettings
from sandogh.server.throttle_gate import LOGIN_PATH
from sandogh.wire import api_paths

CONF = Path(__file__).resolve().parents[1] / "deploy" / "nginx" / "sandogh.conf"
# a quoted string, a comment, a brace or semicolon, or a bare word (up to one of those)
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|#[^\n]*|[{};]|[^\s{};"#]+')
# the directives the file may use, each where nginx takes it
KNOWN = {
    "": {"map", "limit_req_zone", "limit_conn_zone", "upstream", "server"},
    "map": set(),  # a map's lines are its own keys and values
    "upstream": {"server", "keepalive"},
    "server": {
        "listen", "server_name", "return", "location", "add_header", "limit_conn",
        "limit_req_status", "limit_conn_status", "client_header_timeout", "client_body_timeout",
        "keepalive_timeout", "send_timeout", "large_client_header_buffers",
        "client_max_body_size", "ssl_certificate", "ssl_certificate_key", "ssl_protocols",
        "ssl_prefer_server_ciphers", "ssl_session_cache", "ssl_session_timeout",
        "ssl_session_tickets", "proxy_request_buffering", "proxy_http_version",
        "proxy_set_header", "proxy_connect_timeout", "proxy_send_timeout", "proxy_read_timeout",
    },
    "location": {"limit_req", "proxy_pass"},
}  # fmt: skip


@dataclass
class Block:
    name: str
    args: tuple[str, ...]
    directives: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    def values(self, name: str) -> list[tuple[str, ...]]:
        return [args for directive, args in self.directives if directive == name]


def parse(text: str) -> Block:
    """The file's blocks and directives; AssertionError where it is not well-formed."""
    top = Block("", ())
    stack = [top]
    words: list[str] = []
    for token in _TOKEN.findall(text):
        if token.startswith("#"):
            continue
        if token == ";":
            assert words, "an empty statement"
            stack[-1].directives.append((words[0], tuple(words[1:])))
            words = []
        elif token == "{":
            assert words, "a block without a name"
            block = Block(words[0], tuple(words[1:]))
            stack[-1].blocks.append(block)
            stack.append(block)
            words = []
        elif token == "}":
            assert not words, f"{words} has no ';'"
            assert len(stack) > 1, "a '}' closes nothing"
            stack.pop()
        else:
            words.append(token)
    assert not words, f"{words} has no ';'"
    assert len(stack) == 1, f"{stack[-1].name} is not closed"
    return top


def _check_known(block: Block) -> None:
    allowed = KNOWN[block.name]
    if block.name != "map":
        for name, _ in block.directives:
            assert name in allowed, f"{name} in {block.name or 'http'}"
    for inner in block.blocks:
        assert inner.name in allowed, f"{inner.name} in {block.name or 'http'}"
        _check_known(inner)


def test_the_parser_finds_what_is_not_well_formed() -> None:
    for broken in ("server { listen 80 }", "server { listen 80;", "}", "listen 80", "{ }"):
        try:
            parse(broken)
        except AssertionError:
            continue
        raise AssertionError(f"{broken!r} was taken")


def test_the_shipped_proxy_config_is_well_formed_and_agrees_with_the_centre() -> None:
    top = parse(CONF.read_text(encoding="utf-8"))
    _check_known(top)
    (_, tls) = [b for b in top.blocks if b.name == "server"]
    assert ("443", "ssl") in tls.values("listen")
    limits = ListenSettings()
    assert tls.values("client_header_timeout") == [(f"{limits.header_seconds}s",)]
    assert tls.values("client_body_timeout") == [(f"{limits.body_seconds}s",)]
    assert tls.values("keepalive_timeout") == [(f"{limits.keep_alive_seconds}s",)]
    assert tls.values("client_max_body_size") == [(f"{MAX_BODY_BYTES // 2**20}m",)]
    # the caller's address replaces whatever X-Forwarded-For the caller sent
    assert ("X-Forwarded-For", "$remote_addr") in tls.values("proxy_set_header")
    limited = {b.args[-1]: b.values("limit_req")[0][0] for b in tls.blocks if b.values("limit_req")}
    assert limited == {
        LOGIN_PATH: "zone=sandogh_login",
        "/console/login": "zone=sandogh_login",
        api_paths.REPORTS: "zone=sandogh_reports",
    }
