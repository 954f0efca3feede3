"""Officials' signatures over the pre-election record and its amendments, and their k-of-n check.

DESIGN.md §6 and issue 9, section 2: the record is "signed by at least k of n officials (election
HQ and the supervisory board)". An official signs the ASCII line `sandogh/pre-election-record@1`
and a newline, then the record's canonical bytes (`record.encode_record`); an amendment is signed
the same way under the line `sandogh/record-amendment@1`. The first line keeps a signature over
one from passing for a signature over anything else the same key signs (a station report, a log
checkpoint). The signer sits beside its verifier.

The rule (`threshold_problems`): at least k valid signatures of distinct officials listed in the
record — authorities of the `hq` or `supervisory-board` body; a `log` key is no official — and
among them at least one of the election headquarters AND one of the supervisory board, so that
neither body alone can seal or amend. A signature by a key not listed as an official, or one that
does not verify, is a problem of its own: a published signature file holds only good signatures.

A signature file, canonical JSON (format `sandogh/official-signatures@1`):

    {"format":"sandogh/official-signatures@1","signatures":[{"key":"ed25519:…",
     "signature":HEX},…],"signed":"sha256:…"}

`signed` is the fingerprint of the bytes signed (the record, or one amendment); signatures are
sorted by key, each key once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sandogh.core.anchor.record import (
    OFFICIAL_BODIES,
    PreElectionRecord,
    RecordError,
    encode_record,
)
from sandogh.core.anchor.record_reading import read_key
from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.problems import Problem
from sandogh.core.report.digests import DIGEST, sha256_text
from sandogh.core.report.json_reader import Reader
from sandogh.core.report.keys import SIGNATURE_BYTES, PublicKey, SigningKey

RECORD_LINE = b"sandogh/pre-election-record@1\n"
AMENDMENT_LINE = b"sandogh/record-amendment@1\n"
SIGNATURES_FORMAT = "sandogh/official-signatures@1"


@dataclass(frozen=True)
class OfficialSignature:
    key: PublicKey
    signature: bytes


def sign_bytes(line: bytes, data: bytes, key: SigningKey) -> OfficialSignature:
    """An official's signature of `data` under the domain `line`."""
    return OfficialSignature(key.public_key, key.sign(line + data))


def sign_record(record: PreElectionRecord, key: SigningKey) -> OfficialSignature:
    return sign_bytes(RECORD_LINE, encode_record(record), key)


def threshold_problems(
    record: PreElectionRecord,
    line: bytes,
    data: bytes,
    signatures: Iterable[OfficialSignature],
    path: str = "signatures",
) -> list[Problem]:
    """Every reason `signatures` over `line` + `data` do not meet the record's k of n (see the
    module docstring); none when they do."""
    officials = record.officials
    problems = []
    valid = {}
    for i, signed in enumerate(signatures):
        official = officials.get(signed.key)
        if official is None:
            problems.append(
                Problem(f"{path}[{i}]", f"{signed.key.text} is no official of the record")
            )
        elif not signed.key.verifies(line + data, signed.signature):
            problems.append(
                Problem(f"{path}[{i}]", f"the signature of {official.name} does not verify")
            )
        else:
            valid[signed.key] = official
    if len(valid) < record.threshold:
        problems.append(
            Problem(
                path,
                f"{len(valid)} valid signatures of distinct officials; "
                f"the record asks for {record.threshold}",
            )
        )
    bodies = {official.body for official in valid.values()}
    problems.extend(
        Problem(path, f"no official of the {body} signed")
        for body in OFFICIAL_BODIES
        if body not in bodies
    )
    return problems


def verify_record(
    record: PreElectionRecord, signatures: Iterable[OfficialSignature]
) -> list[Problem]:
    """Every reason the record is not sealed by `signatures` (k of n, both bodies); none when it
    is."""
    return threshold_problems(record, RECORD_LINE, encode_record(record), signatures)


# ---- the signature file ------------------------------------------------------------------------

_FIELDS = frozenset(("format", "signed", "signatures"))
_SIGNATURE = frozenset(("key", "signature"))
_SIGNATURE_TEXT = re.compile(f"[0-9a-f]{{{2 * SIGNATURE_BYTES}}}")


def signatures_json(data: bytes, signatures: Iterable[OfficialSignature]) -> dict[str, object]:
    distinct = {s.key: s for s in signatures}  # a key signing again replaces its signature
    return {
        "format": SIGNATURES_FORMAT,
        "signed": sha256_text(data),
        "signatures": [
            {"key": s.key.text, "signature": s.signature.hex()}
            for s in sorted(distinct.values(), key=lambda s: s.key.raw)
        ],
    }


def encode_signatures(data: bytes, signatures: Iterable[OfficialSignature]) -> bytes:
    """The signature file of `signatures` over `data` (canonical JSON)."""
    return canonical_json(signatures_json(data, signatures))


def read_signatures(
    reader: Reader, value: object, data: bytes, path: str = ""
) -> tuple[OfficialSignature, ...]:
    """The signatures of a signature file's JSON `value`, which must name `data`'s fingerprint;
    problems go to `reader`."""
    fields = reader.fields(value, path, _FIELDS)
    if fields is None:
        return ()
    where = f"{path}." if path else ""
    if fields["format"] != SIGNATURES_FORMAT:
        reader.problem(f"{where}format", f"{fields['format']!r} is not {SIGNATURES_FORMAT}")
    signed = reader.text(fields["signed"], f"{where}signed", DIGEST)
    if signed and signed != sha256_text(data):
        reader.problem(f"{where}signed", f"signs {signed}, not {sha256_text(data)}")
    entries = fields["signatures"]
    if not isinstance(entries, list):
        reader.problem(f"{where}signatures", "must be a list")
        return ()
    found = []
    for i, entry in enumerate(entries):
        at = f"{where}signatures[{i}]"
        one = reader.fields(entry, at, _SIGNATURE)
        if one is None:
            continue
        key = read_key(reader, one["key"], f"{at}.key")
        signature = reader.text(one["signature"], f"{at}.signature", _SIGNATURE_TEXT)
        if key is not None and signature:
            found.append(OfficialSignature(key, bytes.fromhex(signature)))
    return tuple(found)


def decode_signatures(document: bytes, data: bytes) -> tuple[OfficialSignature, ...]:
    """The signatures a signature file (`document`) gives over `data`; `RecordError` naming every
    problem when it is not one, or is a file of other bytes. Whether they verify is
    `verify_record`'s to say."""
    reader = Reader()
    parsed = reader.parse(document)
    signatures = () if reader.problems else read_signatures(reader, parsed, data)
    if reader.problems:
        raise RecordError(reader.problems)
    return signatures


def merge(
    *groups: Sequence[OfficialSignature],
) -> tuple[OfficialSignature, ...]:
    """The signatures of every group, each key once (the last one given)."""
    return tuple({s.key: s for group in groups for s in group}.values())
