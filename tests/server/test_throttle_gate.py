"""Where a log-in comes from, and what one process remembers of throttled callers."""

from __future__ import annotations

import datetime

import pytest

from sandogh.server.throttle_gate import RECORD_EVERY, Blocks, origin_of
from sandogh.services.throttle import Origin

T0 = datetime.datetime(2024, 7, 5, 4, 30, tzinfo=datetime.UTC)
SECOND = datetime.timedelta(seconds=1)


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "address", "network"),
    [
        ("203.0.113.9", None, False, "203.0.113.9", "203.0.113.0/24"),
        # X-Forwarded-For is the caller's word unless trusted, and from a proxy on loopback only
        ("127.0.0.1", "198.51.100.7", False, "127.0.0.1", "127.0.0.0/24"),
        ("203.0.113.9", "198.51.100.7", True, "203.0.113.9", "203.0.113.0/24"),
        ("127.0.0.1", "198.51.100.7", True, "198.51.100.7", "198.51.100.0/24"),
        ("::1", "2001:db8::7", True, "2001:db8::7", "2001:db8::/64"),
        # the last entry is the one the proxy added; earlier ones anyone can write
        ("127.0.0.1", "10.0.0.1, 198.51.100.7", True, "198.51.100.7", "198.51.100.0/24"),
        ("127.0.0.1", "not an address", True, "127.0.0.1", "127.0.0.0/24"),
        ("::ffff:192.0.2.1", None, False, "192.0.2.1", "192.0.2.0/24"),
        (None, None, False, "unknown", "unknown"),
    ],
)
def test_the_origin_of_a_request(
    peer: str | None, forwarded: str | None, trusted: bool, address: str, network: str
) -> None:
    assert origin_of(peer, forwarded, trust_forwarded=trusted) == Origin(address, network)


def test_a_process_remembers_throttled_keys_until_their_time() -> None:
    blocks = Blocks()
    caller = Origin("203.0.113.9", "203.0.113.0/24")
    neighbour = Origin("203.0.113.10", "203.0.113.0/24")
    assert blocks.until(caller, T0) is None
    blocks.block({"address:203.0.113.9": T0 + 60 * SECOND}, T0)
    assert blocks.until(caller, T0) == T0 + 60 * SECOND
    assert blocks.until(neighbour, T0) is None
    blocks.block({"network:203.0.113.0/24": T0 + 90 * SECOND}, T0)
    assert blocks.until(caller, T0) == T0 + 90 * SECOND
    assert blocks.until(neighbour, T0 + 89 * SECOND) == T0 + 90 * SECOND
    assert blocks.until(neighbour, T0 + 90 * SECOND) is None


def test_refusals_are_handed_over_for_the_log_once_a_second() -> None:
    blocks = Blocks()
    caller = Origin("203.0.113.9", "203.0.113.0/24")
    other = Origin("2001:db8::1", "2001:db8::/64")
    assert blocks.take() is None
    assert not blocks.refused(caller, T0)
    assert not blocks.refused(other, T0 + SECOND / 2)
    assert blocks.refused(caller, T0 + RECORD_EVERY)
    assert not blocks.refused(caller, T0 + 2 * RECORD_EVERY)  # already being recorded
    taken = blocks.take()
    assert taken is not None
    refused, since = taken
    assert refused == {"203.0.113.0/24": 3, "2001:db8::/64": 1}
    assert since == T0
    assert blocks.take() is None
