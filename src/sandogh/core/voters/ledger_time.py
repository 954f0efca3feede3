"""When the voted-ledger says a voter checked in: the hour, never the moment.

DESIGN.md §6 and issue 9 §1: secrecy holds against whoever seizes a box's disk and also holds the
centre's database. The box's files keep the order of its check-ins; a ledger that kept each
voter's moment of check-in would name the voter at every position of that order. So the ledger
keeps only the start, as a UTC instant, of the hour of Iran's clock the voter checked in, which is
all that turnout by hour needs (the check-ins of an hour are a count, not a sequence). The hour is
Iran's (UTC+3:30, no daylight saving since 2022), not UTC's: the dashboard counts Tehran's whole
hours, and a UTC hour straddles two of them (05:00 to 05:59 UTC is 08:30 to 09:29 in Tehran), so
UTC hours could not be regrouped into Tehran's without keeping something finer than an hour.

An offline check-in sent again (a sync whose answer was lost) must still be told from a second
check-in of the voter at the same station in the same hour, a double vote. The box sends the
moment; the ledger keeps, beside the hour, `offline_tag`: HMAC-SHA-256 (RFC 2104), under the
ledger secret the election authority holds, of the voter key and the moment. Equal moments give
equal tags; without the secret, the tag cannot be tested against the moments of an hour (3.6 × 10⁹
microseconds, which a plain hash would let anyone try).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from sandogh.core.readiness.stations import IRAN_TIME


def check_in_hour(moment: datetime.datetime) -> datetime.datetime:
    """The start, in UTC, of the hour of Iran's clock that holds `moment`, which must carry its
    zone (ValueError if not): 08:40 in Tehran is kept as 08:00 there, 04:30 UTC."""
    if moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no time zone")
    local = moment.astimezone(IRAN_TIME).replace(minute=0, second=0, microsecond=0)
    return local.astimezone(datetime.UTC)


def offline_tag(secret: bytes, voter_key: str, moment: datetime.datetime) -> str:
    """Hex HMAC-SHA-256 under `secret` of the voter key and `moment` in UTC, to the microsecond
    (see the module docstring)."""
    if moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no time zone")
    instant = moment.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    return hmac.new(secret, f"{voter_key} {instant}".encode(), hashlib.sha256).hexdigest()
