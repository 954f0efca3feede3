"""Who may call the station API as a ballot box: by its signature (operators: `server.sessions`).

DESIGN.md §6: a box holds an Ed25519 key registered at enrolment and every request it makes is
signed; a request from an unknown or revoked box, or for another station, is refused. The checks
run cheapest first — the signature and its time need no database — and answer 401 when the
caller is not shown to be who it says (a signature that does not verify, a request signed outside
the window) and 403 when it is, but may not (a key not enrolled, revoked, or enrolled for another
station).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from sandogh.core.canonical_json import JSONValue
from sandogh.core.definition.problems import Problem
from sandogh.server.centre import Centre
from sandogh.server.errors import ApiError
from sandogh.server.models import SignedBody, parse_time
from sandogh.services.check_in_rules import DeviceRefusedError, serving_device
from sandogh.services.ports import Device
from sandogh.wire.request_signing import AT, is_fresh, signed_by


def require_signed(centre: Centre, method: str, path: str, body: SignedBody) -> str:
    """The signer's key (64 hex digits) once `body` is shown to be signed by it for the request
    `method` `path` (`api_paths`) and within the centre's window."""
    # what the box sent and signed: a field it left out keeps out of the signed bytes too
    return require_signed_fields(
        centre, method, path, body.model_dump(mode="json", exclude_unset=True)
    )


def require_signed_fields(
    centre: Centre, method: str, path: str, fields: Mapping[str, JSONValue]
) -> str:
    """`require_signed` of a body read already as its JSON `fields`, each of the form its
    model (`SignedBody`) takes."""
    key = signed_by(method, path, fields)
    if key is None:
        raise ApiError(
            401,
            "bad-signature",
            "the signature does not verify: the request, its path or the key was changed",
            [Problem("signature", "is not the device's signature of this request")],
        )
    now = centre.clock()
    at = str(fields[AT])
    if not is_fresh(parse_time(at), now, centre.window):
        raise ApiError(
            401,
            "stale-request",
            f"signed at {at}, the centre's time is {now.isoformat()}: a request is taken "
            f"within {int(centre.window.total_seconds())} s; check the box's clock",
            [Problem("at", "outside the centre's window")],
        )
    return key.raw.hex()


def require_device(centre: Centre, election_id: str, key: str, station: str) -> Device:
    """The enrolled, unrevoked device of `key` for `station` of `election_id`, read in a unit of
    work of its own (a check-in reads it in its own transaction instead: `services.checkin`)."""
    with centre.uow() as work, device_refusals():
        return serving_device(work, election_id, key, station)


@contextmanager
def device_refusals() -> Iterator[None]:
    """Answer a `DeviceRefusedError` raised in the block with 403 and its reason."""
    try:
        yield
    except DeviceRefusedError as refused:
        raise device_error(refused) from refused


def device_error(refused: DeviceRefusedError) -> ApiError:
    """The 403 answer to a box that may not act for the station, with the reason why."""
    return ApiError(403, refused.reason, refused.message, [refused.problem])
