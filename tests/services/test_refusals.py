"""Unauthenticated refusals counted, not logged one by one (`services.refusals`), on the
in-memory fake, SQLite and PostgreSQL: a flood from a few sources over a few minutes adds one
entry per source and minute to the chained log, and its counts add up exactly."""

from __future__ import annotations

import datetime
import itertools

import pytest

from sandogh.core.access import canonical_address, network_of
from sandogh.core.log import EventType, verify
from sandogh.services.refusals import count_refusal, minute_of, source_of
from sandogh.services.throttle import Origin

from .conftest import NewUnitOfWork

T0 = datetime.datetime(2024, 7, 5, 4, 30, 50, tzinfo=datetime.UTC)
SOURCES = ("10.0.0.1", "10.0.0.2", "2001:db8::/64")
REASONS = ("malformed", "bad-signature", "unknown-device")


def test_a_flood_is_one_entry_per_source_and_minute(new_unit_of_work: NewUnitOfWork) -> None:
    refusals = 300
    moments = [T0 + datetime.timedelta(seconds=n / 2) for n in range(refusals)]  # 3 minutes
    pairs = zip(moments, itertools.cycle(SOURCES), itertools.cycle(REASONS[:2]), strict=False)
    for n, (at, source, reason) in enumerate(pairs):
        count_refusal(new_unit_of_work, source=source, reason=reason, now=at, details={"n": n})

    minutes = {minute_of(at) for at in moments}
    with new_unit_of_work() as work:
        entries = list(work.events.entries())
        counts = work.refusals.counts(min(minutes), 1000)
    assert verify(entries).ok
    assert len(entries) == len(SOURCES) * len(minutes) == 12
    assert {e.event.type for e in entries} == {EventType.REFUSALS_COUNTED}
    # each entry is its source's first refusal of the minute, with that refusal's details
    firsts = {(e.event.details["source"], e.event.details["minute"]): e for e in entries}
    assert firsts[SOURCES[0], minute_of(T0).isoformat()].event.details["n"] == 0
    assert sum(c.count for c in counts) == refusals


@pytest.mark.parametrize(
    ("address", "source"),
    [
        ("10.1.2.3", "10.1.2.3"),
        ("::ffff:10.1.2.3", "10.1.2.3"),
        ("2001:db8::1", "2001:db8::/64"),
        ("2001:db8::ffff:1", "2001:db8::/64"),  # another address of the same host's /64
    ],
)
def test_a_source_is_an_address_or_an_ipv6_hosts_network(address: str, source: str) -> None:
    canonical = canonical_address(address)
    assert source_of(Origin(canonical, network_of(canonical))) == source
