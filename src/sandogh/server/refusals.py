"""Counting the station API's refusals of callers not shown to be anyone (`services.refusals`):
a signature that does not verify, a request signed outside the window, a key no one enrolled.

The source of a refusal is the caller's address as the throttles take it
(`throttle_gate.origin_of`: the socket's peer, or behind a trusted proxy the address it adds).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Request

from sandogh.server.centre import Centre
from sandogh.server.errors import ApiError
from sandogh.server.sessions import desk_of
from sandogh.server.throttle_gate import FORWARDED_FOR, origin_of
from sandogh.services.check_in_rules import DeviceRefusal
from sandogh.services.refusals import count_refusal, source_of

#: The reasons (`ApiError.reason`) of a refusal that comes before the caller is shown to be an
#: enrolled device (`server.auth`).
UNPROVEN = frozenset({"bad-signature", "stale-request", DeviceRefusal.UNKNOWN_DEVICE.value})


def request_source(request: Request) -> str:
    """The source `request` is counted under if it is refused."""
    origin = origin_of(
        request.client.host if request.client else None,
        request.headers.get(FORWARDED_FOR),
        trust_forwarded=desk_of(request).settings.trust_forwarded_for,
    )
    return source_of(origin)


SourceDep = Annotated[str, Depends(request_source)]


@contextmanager
def counted_refusals(centre: Centre, source: str) -> Iterator[None]:
    """Count an `ApiError` of an `UNPROVEN` reason raised in the block, then let it go on."""
    try:
        yield
    except ApiError as refused:
        if refused.reason in UNPROVEN:
            count_refusal(centre.uow, source=source, reason=refused.reason, now=centre.clock())
        raise
