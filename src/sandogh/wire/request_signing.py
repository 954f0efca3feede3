"""Requests a ballot box signs for the centre: the message its key signs, and how it is checked.

DESIGN.md §6: a box holds an Ed25519 key registered at enrolment and every request it makes is
signed. A signed request is a JSON object carrying, beside its own fields, `device` (the box's
key, `ed25519:` and 64 hex digits), `at` (when it was signed, RFC 3339 with a zone) and
`signature` (128 hex digits): the Ed25519 signature (RFC 8032) of

    sandogh/centre-request@1 METHOD PATH\\n   followed by   canonical_json(the object without
                                                            "signature")

where PATH is the request's path under the API root (`/api/v1/elections/ID/check-ins`) and the
canonical JSON is RFC 8785's (`core.canonical_json`). The first line binds the signature to one
endpoint of one election, so a signed check-in cannot pass for a sync, an enrolment or a request
of another round (the same reason `core.report.signatures` prefixes its messages); `at` lets the
centre refuse a request signed outside its window, so a captured request cannot be replayed later.
docs/api.md restates this for implementers in other languages.

This module is shared by the signer (the station's `centre_http`) and the verifier (the server),
so the message one signs is visibly the message the other checks; it uses the core only.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from sandogh.core.canonical_json import JSONValue, canonical_json
from sandogh.core.report import PublicKey, SigningKey

SCHEME = "sandogh/centre-request@1"
SIGNATURE = "signature"
DEVICE = "device"
AT = "at"


def request_message(method: str, path: str, unsigned: Mapping[str, JSONValue]) -> bytes:
    """The bytes a device signs for a request of `method` to `path` with the body `unsigned`."""
    return f"{SCHEME} {method.upper()} {path}\n".encode() + canonical_json(unsigned)


def timestamp(moment: datetime.datetime) -> str:
    """`moment` as a signed request writes it: RFC 3339 in UTC, to the millisecond. A time
    without a zone is refused (ValueError): it would be read as the machine's local time."""
    if moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no zone")
    utc = moment.astimezone(datetime.UTC)
    return utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def sign_request(
    key: SigningKey,
    method: str,
    path: str,
    fields: Mapping[str, JSONValue],
    *,
    at: datetime.datetime,
) -> dict[str, JSONValue]:
    """`fields` with `device`, `at` and the `signature` of the whole: a signed request body."""
    unsigned: dict[str, JSONValue] = {**fields, DEVICE: key.public_key.text, AT: timestamp(at)}
    signature = key.sign(request_message(method, path, unsigned))
    return {**unsigned, SIGNATURE: signature.hex()}


def signed_by(method: str, path: str, body: Mapping[str, JSONValue]) -> PublicKey | None:
    """The key of `body["device"]` when `body["signature"]` is its signature of the request;
    None when it is not. The caller has checked both fields' form (`device` a key, `signature`
    128 hex digits)."""
    device = PublicKey.from_text(str(body[DEVICE]))
    signature = bytes.fromhex(str(body[SIGNATURE]))
    unsigned = {name: value for name, value in body.items() if name != SIGNATURE}
    return device if device.verifies(request_message(method, path, unsigned), signature) else None


def is_fresh(at: datetime.datetime, now: datetime.datetime, window: datetime.timedelta) -> bool:
    """Whether a request signed `at` may be taken `now`: within `window` either side, since the
    box's clock and the centre's are never quite the same."""
    return abs(now - at) <= window
