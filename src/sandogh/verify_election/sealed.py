"""V0 of `docs/e2e.md` §10: the sealed pre-election record of the snapshot (`anchor/`,
docs/publish.md) is the one the officials sealed, as the fingerprint carried apart from the
snapshot (`--anchor`, printed in newspapers and held by observers) says.

V5 (the guardians' keys, HE, the ceremony record's hash) and V20 (which stations had a box) rest
on that record. The snapshot's `anchor/` is read here once, and those checks are given the very
bytes V0 checked — never read again, so a server cannot answer V0 with one record and V5 with
another (V5's comparison with the ceremony record is `check_sealed_ceremony`, here). Without
`--anchor` the record is only the snapshot's own claim: the same bytes are used, unauthenticated,
and the output says so (`Sealed.given`).

The fingerprint is `sha256:` and the hex SHA-256 of `anchor/record.json`'s bytes, given long or
short (the first 128 bits as 40 decimal digits, in any separators, Persian digits too); or the
head of the n-th amendment (`sha256:` and the SHA-256 of its canonical bytes), which vouches for
the record and for the amendments up to it, since each names the one before. The checks
themselves are re-implemented, not imported from `core.anchor` (`officials`, why).
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sandogh.verify_election.checks import Check, Ledger
from sandogh.verify_election.errors import RecordError
from sandogh.verify_election.officials import (
    RECORD_LINE,
    amendment_heads,
    check_amendments,
    check_signatures,
    read_officials,
    sha256_text,
)
from sandogh.verify_election.reading import Source, field, parse_json

RECORD = "anchor/record.json"
SIGNATURES = "anchor/signatures.json"
AMENDMENTS = "anchor/amendments.json"
_SHORT_DIGITS = 40  # 128 bits in decimal, zero-padded


@dataclass(frozen=True)
class Sealed:
    """The snapshot's sealed record and amendments as read once (None: not in the snapshot),
    whether a fingerprint was given (`given`) and V0 held (`authenticated`), the record's
    fingerprint, and how many of the published amendments the fingerprint given vouches for."""

    record: bytes | None
    amendments: bytes | None
    given: bool = False
    authenticated: bool = False
    fingerprint: str | None = None
    vouched: int = 0
    published: int = 0


def short_fingerprint(long: str) -> str:
    """The 40 decimal digits of the first 128 bits of `long` (`sha256:` and 64 hex digits)."""
    return f"{int(long.removeprefix('sha256:')[:32], 16):0{_SHORT_DIGITS}d}"


def same_fingerprint(long: str, given: str) -> bool:
    """Whether `given`, long or short form, is `long`."""
    if given.strip().lower() == long:
        return True
    digits = "".join(str(unicodedata.decimal(c, "")) for c in given)  # ۰–۹ read as 0–9
    return len(digits) == _SHORT_DIGITS and digits == short_fingerprint(long)


def read_sealed(
    source: Source,
    ledger: Ledger,
    folder: str,
    *,
    anchors: Sequence[str],
    election: str,
    definition: bytes | None,
) -> Sealed:
    """`folder`'s `anchor/` read once; with `anchors` (fingerprints given), V0 over it."""
    read = Sealed(source.read(folder + RECORD), source.read(folder + AMENDMENTS))
    if not anchors:
        return read
    unauthenticated = dataclasses.replace(read, given=True)
    try:
        return (
            _authenticate(
                source,
                ledger,
                folder,
                read,
                anchors=anchors,
                election=election,
                definition=definition,
            )
            or unauthenticated
        )
    except RecordError as error:
        ledger.failed(Check.ANCHOR, error.where, error.detail)
        return unauthenticated


def _authenticate(
    source: Source,
    ledger: Ledger,
    folder: str,
    read: Sealed,
    *,
    anchors: Sequence[str],
    election: str,
    definition: bytes | None,
) -> Sealed | None:
    """V0 over `read`; the record authenticated, or None when it cannot be."""
    record, amendments = read.record, read.amendments
    if record is None or amendments is None:
        name = RECORD if record is None else AMENDMENTS
        ledger.failed(Check.ANCHOR, folder + name, "missing: --anchor was given")
        return None
    long = sha256_text(record)
    chain = parse_json(amendments, folder + AMENDMENTS)
    heads = amendment_heads(chain, folder + AMENDMENTS)
    vouched = _vouched(long, heads, anchors)
    if vouched is None:
        ledger.failed(
            Check.ANCHOR,
            folder + RECORD,
            f"its fingerprint is {long}, and neither it nor the head of any of its {len(heads)} "
            f"amendments is {' or '.join(anchors)}: another record, or the amendment a head "
            "given names is missing",
        )
        return None
    ledger.passed(Check.ANCHOR)
    document = parse_json(record, folder + RECORD)
    held = _of_this_election(ledger, document, folder + RECORD, election, definition)
    officials = read_officials(document, folder + RECORD)
    signatures = source.read(folder + SIGNATURES)
    if signatures is None:
        ledger.failed(Check.ANCHOR, folder + SIGNATURES, "missing: --anchor was given")
        return None
    held &= check_signatures(
        ledger,
        officials,
        (RECORD_LINE, record),
        parse_json(signatures, folder + SIGNATURES),
        folder + SIGNATURES,
    )
    before = ledger.outcomes[Check.ANCHOR].failed
    check_amendments(ledger, officials, long, chain, folder + AMENDMENTS)
    held &= ledger.outcomes[Check.ANCHOR].failed == before
    return Sealed(record, amendments, True, held, long, vouched, len(heads))


def _vouched(long: str, heads: list[str], anchors: Sequence[str]) -> int | None:
    """How many amendments the fingerprints given vouch for (0: the record's only); None when
    none of them is the record's or a head."""
    found = [0 for given in anchors if same_fingerprint(long, given)]
    found += [n for n, head in enumerate(heads, 1) for g in anchors if same_fingerprint(head, g)]
    return max(found) if found else None


def _of_this_election(
    ledger: Ledger, document: Any, where: str, election: str, definition: bytes | None
) -> bool:
    """The record names the election verified and the SHA-256 of its `definition.json`."""
    expected = {"election": election}
    if definition is not None:
        expected["definition_hash"] = sha256_text(definition)
    held = True
    for name, value in expected.items():
        said = field(document, name, where, str)
        held &= ledger.record(Check.ANCHOR, said == value, where, f"{name} {said} is not {value}")
    return held


def check_sealed_ceremony(
    ledger: Ledger,
    document: Any,
    ceremony: bytes,
    data: bytes | None,
    *,
    folder: str,
    where: str,
) -> None:
    """V5: when the snapshot's sealed pre-election record (`data`, `anchor/record.json`,
    docs/publish.md; authenticated by V0 when --anchor is given) carries the ceremony (`e2e`: its
    id, HE and K), the record's are those. The plan itself is not published: the ceremony id,
    sealed before polls open, is what binds the guardians' keys. When it also carries `record`,
    the SHA-256 of the ceremony record, `election.json`'s bytes hash to it: that binds the
    `complaints`, which no other field does."""
    if data is None:
        return
    anchor_where = folder + RECORD
    anchor = parse_json(data, anchor_where)
    sealed = anchor.get("e2e") if isinstance(anchor, dict) else None
    if sealed is None:
        return
    for name in ("ceremony", "extended_hash", "joint_key"):
        shown = field(document, name, where, str)
        anchored = field(sealed, name, f"{anchor_where}: e2e", str)
        ledger.record(
            Check.EXTENDED_HASH,
            shown == anchored,
            where,
            f"{name} is not the pre-election record's ({anchored})",
        )
    if isinstance(sealed, dict) and "record" in sealed:
        anchored = field(sealed, "record", f"{anchor_where}: e2e", str)
        actual = sha256_text(ceremony)
        ledger.record(
            Check.EXTENDED_HASH,
            actual == anchored,
            where,
            f"hashes to {actual}, not the ceremony record the pre-election record seals "
            f"({anchored}): its complaints or another field differ",
        )
