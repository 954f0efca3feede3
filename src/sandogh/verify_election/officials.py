"""V0 of `docs/e2e.md` §10, its signatures: the officials' k of n over the sealed pre-election
record and over each amendment, and the amendments' chain (docs/publish.md, "The pre-election
record").

Re-implemented here from the format alone, rather than imported from `core.anchor`, for the
reason the whole package is (§10): the verifier checks the code that seals and amends the record,
so a mistake there — a threshold counted wrongly, a body of officials not required, a chain link
skipped — must be caught, not repeated. Ed25519 is PyNaCl's (libsodium), as for the reports.

The rule, as the record defines it: its `authorities` of body `hq` or `supervisory-board` are its
officials (a `log` key is none); a signature is over the ASCII line `sandogh/pre-election-record@1`
(an amendment: `sandogh/record-amendment@1`), a newline, then the signed bytes; at least
`threshold` distinct officials sign validly, at least one of each body; a signature by a key that
is no official, or one that does not verify, fails on its own (a published file holds only good
ones).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import nacl.exceptions
import nacl.signing

from sandogh.verify_election.checks import Check, Ledger
from sandogh.verify_election.errors import RecordError
from sandogh.verify_election.reading import canonical_bytes, field, prefixed

RECORD_LINE = b"sandogh/pre-election-record@1\n"
AMENDMENT_LINE = b"sandogh/record-amendment@1\n"
SIGNATURES_FORMAT = "sandogh/official-signatures@1"
AMENDMENT_FORMAT = "sandogh/record-amendment@1"
AMENDMENTS_FORMAT = "sandogh/record-amendments@1"
BODIES = ("hq", "supervisory-board")  # the bodies whose officials sign
_REASON_CHARACTERS = 1000


@dataclass(frozen=True)
class Officials:
    """What the record says about who signs it: its officials' names and bodies by raw key, its
    threshold, its election and its stations' codes (which an amendment must name)."""

    election: str
    threshold: int
    by_key: Mapping[bytes, tuple[str, str]]  # raw key → (name, body)
    stations: frozenset[str]


def sha256_text(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def read_officials(record: Any, where: str) -> Officials:
    """The record's officials and threshold; `RecordError` if it does not read, names a key
    twice, or asks for a threshold outside 2..n (n officials), as no sealed record can."""
    election = field(record, "election", where, str)
    threshold = field(record, "threshold", where, int)
    by_key: dict[bytes, tuple[str, str]] = {}
    listed: set[bytes] = set()
    for i, authority in enumerate(field(record, "authorities", where, list)):
        place = f"{where}: authorities[{i}]"
        key = prefixed(authority, "key", "ed25519", place)
        if key in listed:
            raise RecordError(place, f"the key ed25519:{key.hex()} is listed twice")
        listed.add(key)
        body = field(authority, "body", place, str)
        if body in BODIES:
            by_key[key] = (field(authority, "name", place, str), body)
    if not 2 <= threshold <= len(by_key):
        raise RecordError(where, f"threshold {threshold} is not from 2 to {len(by_key)}")
    stations = frozenset(
        field(entry, "station", f"{where}: stations[{i}]", str)
        for i, entry in enumerate(field(record, "stations", where, list))
    )
    return Officials(election, threshold, by_key, stations)


def check_signatures(
    ledger: Ledger, officials: Officials, signed: tuple[bytes, bytes], document: Any, where: str
) -> bool:
    """V0 for one signature file (`document`, `sandogh/official-signatures@1`) over `signed`, the
    domain line and the bytes (`data`): it names `data`'s fingerprint, every signature is an
    official's and verifies, and they meet the threshold with both bodies. Each failure is counted;
    whether all held."""
    if field(document, "format", where, str) != SIGNATURES_FORMAT:
        raise RecordError(where, f"'format' is not {SIGNATURES_FORMAT}")
    line, data = signed
    named = field(document, "signed", where, str)
    if named != sha256_text(data):
        ledger.failed(Check.ANCHOR, where, f"signs {named}, not {sha256_text(data)}")
        return False
    held = True
    valid: dict[bytes, str] = {}
    for i, entry in enumerate(field(document, "signatures", where, list)):
        place = f"{where}: signatures[{i}]"
        key = prefixed(entry, "key", "ed25519", place)
        signature = field(entry, "signature", place, str)
        official = officials.by_key.get(key)
        if official is None:
            held = ledger.record(
                Check.ANCHOR, False, place, f"ed25519:{key.hex()} is no official of the record"
            )
        elif not _verifies(key, line + data, signature):
            held = ledger.record(
                Check.ANCHOR, False, place, f"the signature of {official[0]} does not verify"
            )
        else:
            valid[key] = official[1]
    if len(valid) < officials.threshold:
        held = ledger.record(
            Check.ANCHOR,
            False,
            where,
            f"{len(valid)} valid signatures of distinct officials; the record asks for "
            f"{officials.threshold}",
        )
    for body in BODIES:
        if body not in valid.values():
            held = ledger.record(Check.ANCHOR, False, where, f"no official of the {body} signed")
    if held:
        ledger.passed(Check.ANCHOR)
    return held


def _verifies(key: bytes, message: bytes, signature: str) -> bool:
    try:
        nacl.signing.VerifyKey(key).verify(message, bytes.fromhex(signature))
    except (nacl.exceptions.BadSignatureError, ValueError, TypeError):
        return False
    return True


def amendment_heads(document: Any, where: str) -> list[str]:
    """The hash of each amendment of `amendments.json` in order: `sha256:` and the SHA-256 of
    its canonical bytes, the chain's head after it."""
    if field(document, "format", where, str) != AMENDMENTS_FORMAT:
        raise RecordError(where, f"'format' is not {AMENDMENTS_FORMAT}")
    return [
        sha256_text(canonical_bytes(field(entry, "amendment", f"{where}: amendments[{i}]", dict)))
        for i, entry in enumerate(field(document, "amendments", where, list))
    ]


def check_amendments(
    ledger: Ledger, officials: Officials, fingerprint: str, document: Any, where: str
) -> None:
    """V0 for every amendment: of this election and record, chained to the one before (the
    first to none), to a station of the record, one box or one member of staff, with a reason,
    and signed by k of the record's officials as the record is."""
    previous = None
    for i, entry in enumerate(field(document, "amendments", where, list)):
        place = f"{where}: amendments[{i}]"
        amendment = field(entry, "amendment", place, dict)
        data = canonical_bytes(amendment)
        problem = _amendment_problem(officials, fingerprint, previous, amendment, place)
        if problem:
            ledger.failed(Check.ANCHOR, place, problem)
        else:
            ledger.passed(Check.ANCHOR)
        signatures = field(entry, "signatures", place, dict)
        check_signatures(
            ledger, officials, (AMENDMENT_LINE, data), signatures, place + ".signatures"
        )
        previous = sha256_text(data)


def _amendment_problem(
    officials: Officials, fingerprint: str, previous: str | None, amendment: Any, where: str
) -> str:
    """Why `amendment` does not stand where it is ("" when it does), its signatures aside."""
    if field(amendment, "format", where, str) != AMENDMENT_FORMAT:
        return f"'format' is not {AMENDMENT_FORMAT}"
    facts: dict[str, object] = {
        "election": officials.election,
        "record": fingerprint,
        "previous": previous,
    }
    for name, expected in facts.items():
        if field(amendment, name, where) != expected:
            return f"{name} is {field(amendment, name, where)}, the chain holds {expected}"
    station = field(amendment, "station", where, str)
    if station not in officials.stations:
        return f"{station} is no station of the record"
    reason = field(amendment, "reason", where, str)
    if not reason.strip() or len(reason) > _REASON_CHARACTERS:
        return f"a reason must be given, in at most {_REASON_CHARACTERS} characters"
    if (field(amendment, "device", where) is None) == (field(amendment, "staff", where) is None):
        return "exactly one of device and staff is given"
    return ""
