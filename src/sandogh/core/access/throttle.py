"""Throttling failed log-ins per address and per network, by sliding-window counters.

DESIGN.md §6 and the issue "Operations centre", item 2 (per-address and per-network throttling,
an alert when an attack is under way). Failures are counted in fixed windows aligned to the Unix
epoch; a sliding window of the same length is estimated from the current window's count and the
previous one's, weighted by how much of it the sliding window still overlaps (the "sliding window
counter" of Cloudflare's rate limiter, https://blog.cloudflare.com/counting-things-a-lot-of-
different-things/): estimate = current + previous × (length − elapsed) / length, exact as a
`Fraction`. Two counters per key are all a store needs to keep, whatever the traffic.

A key whose estimate has reached its limit is throttled: its next attempts are refused before any
password is checked, until the estimate falls below the limit again (`Window.clear_at`); refused
attempts are not counted. A network is an IPv4 /24 or an IPv6 /64, the blocks one subscriber or
one hosting customer usually holds, so that an attacker cannot escape by changing the last bits.
"""

from __future__ import annotations

import datetime
import ipaddress
import math
from dataclasses import dataclass, field
from fractions import Fraction

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
_MICROSECOND = datetime.timedelta(microseconds=1)
IPV4_NETWORK = 24
IPV6_NETWORK = 64


@dataclass(frozen=True)
class Window:
    """At most `limit` failures in any `length` of time."""

    limit: int
    length: datetime.timedelta

    def __post_init__(self) -> None:
        if self.limit < 1 or self.length < datetime.timedelta(seconds=1):
            raise ValueError("a window needs a limit ≥ 1 and a length of a second or more")

    def start(self, at: datetime.datetime) -> datetime.datetime:
        """The start of the fixed window `at` falls in."""
        return EPOCH + (at - EPOCH) // self.length * self.length

    def estimate(self, previous: int, current: int, at: datetime.datetime) -> Fraction:
        """The failures in the `length` before `at`, from the counts of the fixed window `at`
        falls in (`current`) and of the one before it (`previous`)."""
        left = self.start(at) + self.length - at
        return current + Fraction(previous) * Fraction(left // _MICROSECOND, self._micros)

    def over(self, previous: int, current: int, at: datetime.datetime) -> bool:
        return self.estimate(previous, current, at) >= self.limit

    def clear_at(self, previous: int, current: int, at: datetime.datetime) -> datetime.datetime:
        """The first instant from `at` on when the estimate is below the limit, if no more
        failures are counted (`at` itself when it already is)."""
        if not self.over(previous, current, at):
            return at
        start = self.start(at)
        if current < self.limit:
            # within this window: previous × (start + length − t) / length < limit − current
            keep = Fraction((self.limit - current) * self._micros, previous)
            return start + self.length - self._floor(keep) + _MICROSECOND
        # in the next window `current` has become the previous count and nothing is counted yet
        keep = Fraction(self.limit * self._micros, current)
        return start + 2 * self.length - self._floor(keep) + _MICROSECOND

    @property
    def _micros(self) -> int:
        return self.length // _MICROSECOND

    @staticmethod
    def _floor(micros: Fraction) -> datetime.timedelta:
        return datetime.timedelta(microseconds=math.floor(micros))


@dataclass(frozen=True)
class ThrottlePolicy:
    """The limits the centre applies to failed log-ins.

    `address` and `network` throttle; reaching `network` also raises an alert for that network,
    and `accounts` (failures against all accounts together, from anywhere) only raises an alert,
    never throttles, so that an attack cannot lock every operator out.
    """

    address: Window = field(default_factory=lambda: Window(10, datetime.timedelta(minutes=10)))
    network: Window = field(default_factory=lambda: Window(30, datetime.timedelta(minutes=10)))
    accounts: Window = field(default_factory=lambda: Window(100, datetime.timedelta(minutes=10)))


def network_of(address: str) -> str:
    """The network an address is throttled with: its /24 (IPv4) or /64 (IPv6), as CIDR text.
    An IPv4 address written as IPv6 (::ffff:a.b.c.d) counts as IPv4; text that is not an IP
    address (a test client's name) is a network of its own."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    prefix = IPV4_NETWORK if ip.version == 4 else IPV6_NETWORK
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def canonical_address(address: str) -> str:
    """An address in one spelling (IPv6 compressed, IPv4-mapped as IPv4), so that one host is
    one key; text that is not an address is kept as it is."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ip)
