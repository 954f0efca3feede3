"""Requests refused before their sender is shown to be anyone: counted, not logged one by one.

DESIGN.md §6 and issue 9 ("the audit log is flooded by anyone posting junk reports"): anyone can
send bytes that do not read as a report, a request signed by a key no one enrolled, or a
signature that does not verify. Each such refusal is counted per source, minute and reason
(`RefusalRepository`, a table of its own), and only the first from a source in a minute becomes
an event of the chained log (`REFUSALS_COUNTED`, with what was refused and why), so that a flood
from N sources over M minutes adds at most N × M entries to the log, while the counts say
exactly how many requests were refused. The console shows the counts beside the attack alerts.

A refusal of a sender who is shown to be an enrolled device (a report its device signed, refused
for what it says) is not this: it keeps an event of its own (`services.ingest`).

The source is the caller's address; an IPv6 address counts as its /64 network, which one host
is commonly given whole and could otherwise spread a flood over unlimited addresses.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from sandogh.core.canonical_json import JSONValue
from sandogh.core.log import Disposition, Event, EventType
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.throttle import NOWHERE, Origin

#: Who the refused requests said they came from: no one shown.
UNVERIFIED = "unverified"
#: The role every request of the station API claims: a ballot box.
DEVICE_ROLE = "device"
#: Where a refusal comes from when it did not come over the network (a file read here).
LOCAL = "local"


def source_of(origin: Origin) -> str:
    """The source a refusal is counted under: the address, or an IPv6 address's /64."""
    return origin.network if ":" in origin.network else origin.address


def minute_of(now: datetime.datetime) -> datetime.datetime:
    """The UTC minute `now` falls in."""
    return now.astimezone(datetime.UTC).replace(second=0, microsecond=0)


def count_refusal(
    uow: UnitOfWorkFactory,
    *,
    source: str,
    reason: str,
    now: datetime.datetime,
    details: Mapping[str, JSONValue] | None = None,
) -> None:
    """Count one refusal of an unauthenticated request from `source` for `reason`, in a unit of
    work of its own; the first from `source` in its minute is also an event, with `details`."""
    minute = minute_of(now)
    with uow() as work:
        if work.refusals.count(source, minute, reason):
            work.events.record(
                Event(
                    time=now,
                    actor=UNVERIFIED,
                    role=DEVICE_ROLE,
                    place=NOWHERE,
                    type=EventType.REFUSALS_COUNTED,
                    disposition=Disposition.REFUSED,
                    details={
                        **(details or {}),
                        "source": source,
                        "minute": minute.isoformat(),
                        "reason": reason,
                    },
                )
            )
        work.commit()
