"""The paths of the station API, version 1: one place for the routes and for the client that
calls them (and signs them: a signed request's first line names its path, `request_signing`)."""

from __future__ import annotations

from urllib.parse import quote

ROOT = "/api/v1"
HEALTH = f"{ROOT}/health"
SESSION = f"{ROOT}/session"  # an operator's log-in (POST), session (GET) and log-out (DELETE)
#: The header a request that changes something sends its session's CSRF token in.
CSRF_HEADER = "X-CSRF-Token"
DEVICES = f"{ROOT}/elections/{{election_id}}/devices"
DEVICE = f"{ROOT}/elections/{{election_id}}/devices/{{key}}"
CHECK_INS = f"{ROOT}/elections/{{election_id}}/check-ins"
SYNC = f"{ROOT}/elections/{{election_id}}/check-ins/sync"
LOOK_UPS = f"{ROOT}/elections/{{election_id}}/check-ins/look-ups"
REPORTS = f"{ROOT}/reports"
#: a station's E2E ballot chain (docs/e2e.md §7), its file's bytes as the body
BALLOT_CHAINS = f"{ROOT}/ballot-chains"
#: the media type of a chain file: JSON Lines
CHAIN_MEDIA_TYPE = "application/jsonl"
#: The header a box sends from its outbox with: `items=N; station=S`, what it still holds
#: besides the request (docs/deployment.md, "Metrics"); outside the signature, counted only
#: on a request the centre took.
OUTBOX_HEADER = "X-Sandogh-Outbox"


def fill(template: str, **values: str) -> str:
    """`template` with each `{name}` replaced by its value, percent-encoded as a path segment."""
    return template.format(**{name: quote(value, safe=":") for name, value in values.items()})
