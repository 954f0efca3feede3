"""Reading a pre-election record from its canonical bytes (`record` holds the record and writes
them): whatever is not exactly the canonical form of a well-made record is refused, naming every
problem with its path.

A national record is 22 MB (58,640 stations, 117,280 registered staff). Read field by field
through `Reader`, which keeps every problem with its path, it took ~3 s of CPU, paid by every
process that takes reports before it takes its first (`services.record_coverage.coverage_of`). It is
first read plainly (`read_plainly`), which says only whether the bytes are such a record, with
the same checks and its answer proved by the bytes themselves (its docstring); what it does not
take, the strict reading reads to name what is wrong.
"""

from __future__ import annotations

import re

import orjson

from sandogh.core.anchor.record import (
    RECORD_FORMAT,
    Authority,
    Body,
    E2EKeys,
    PreElectionRecord,
    RecordError,
    StationKeys,
    encode_record,
    record_problems,
)
from sandogh.core.canonical_json import SAFE_INTEGER
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.report.digests import DIGEST
from sandogh.core.report.json_reader import Reader
from sandogh.core.report.keys import KEY_TEXT, PublicKey
from sandogh.core.report.signatures import StaffRole
from sandogh.core.report.staff import RegisteredStaff

_FIELDS = frozenset(
    ("format", "election", "definition_hash", "threshold", "authorities", "stations")
)
_E2E = frozenset(("ceremony", "extended_hash", "joint_key"))
_HEX32 = re.compile("[0-9a-f]{64}")
_AUTHORITY = frozenset(("name", "body", "key"))
_STATION = frozenset(("station", "devices", "staff"))
_STAFF = frozenset(("person", "role", "key"))
_BODY = re.compile("|".join(b.value for b in Body))
_ROLE = re.compile("|".join(r.value for r in StaffRole))
_CODE = re.compile(r"[A-Za-z0-9._-]+")


def decode_record(data: bytes) -> PreElectionRecord:
    """The record whose canonical bytes are `data`, well made (`record_problems`); anything else
    raises `RecordError` naming every problem. Its signatures are `verify_record`'s to check."""
    record = read_plainly(data)
    return read_strictly(data) if record is None else record


# ---- read plainly ------------------------------------------------------------------------------


class _AmissError(Exception):
    """What `read_plainly` does not take: the strict reading names it."""


def read_plainly(data: bytes) -> PreElectionRecord | None:
    """The record `data` holds, or None at the first thing amiss (nothing named).

    What it returns, `read_strictly` returns too: `data` is the canonical encoding of the record
    returned (`encode_record`), so no member is missing, unknown or given twice, no text holds a
    lone surrogate, every text is as written and every list in the record's order; each text is
    of the strict reading's form (a code, a digest, a key, a body, a role; a name not empty) and
    the threshold a whole number in range; the record is well made (`record_problems`)."""
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    try:
        record = _plain_record(document)
        if record_problems(record) or encode_record(record) != data:
            return None
    except (_AmissError, SandoghError):  # a key that is not one; a value with no canonical form
        return None
    return record


def _plain_record(value: object) -> PreElectionRecord:
    with_e2e = type(value) is dict and "e2e" in value
    document = _members(value, _FIELDS | {"e2e"} if with_e2e else _FIELDS)
    if document["format"] != RECORD_FORMAT:
        raise _AmissError
    election = _text(document["election"], _CODE)
    threshold = document["threshold"]
    if type(threshold) is not int or not 0 <= threshold <= SAFE_INTEGER:
        raise _AmissError
    return PreElectionRecord(
        election,
        _text(document["definition_hash"], DIGEST),
        threshold,
        tuple(_plain_authority(each) for each in _items(document["authorities"])),
        tuple(_plain_station(election, each) for each in _items(document["stations"])),
        _plain_e2e(document["e2e"]) if with_e2e else None,
    )


def _plain_authority(value: object) -> Authority:
    fields = _members(value, _AUTHORITY)
    return Authority(
        _text(fields["name"]), Body(_text(fields["body"], _BODY)), _plain_key(fields["key"])
    )


def _plain_station(election: str, value: object) -> StationKeys:
    fields = _members(value, _STATION)
    code = _text(fields["station"], _CODE)
    return StationKeys(
        code,
        tuple(_plain_key(each) for each in _items(fields["devices"])),
        tuple(_plain_staff(election, code, each) for each in _items(fields["staff"])),
    )


def _plain_staff(election: str, station: str, value: object) -> RegisteredStaff:
    fields = _members(value, _STAFF)
    person = _text(fields["person"])
    role = StaffRole(_text(fields["role"], _ROLE))
    return RegisteredStaff(election, station, person, role, _plain_key(fields["key"]))


def _plain_e2e(value: object) -> E2EKeys:
    with_record = type(value) is dict and "record" in value
    fields = _members(value, _E2E | {"record"} if with_record else _E2E)
    return E2EKeys(
        _text(fields["ceremony"], DIGEST),
        _text(fields["extended_hash"], _HEX32),
        _text(fields["joint_key"], _HEX32),
        _text(fields["record"], DIGEST) if with_record else None,
    )


def _members(value: object, names: frozenset[str]) -> dict[str, object]:
    if type(value) is not dict or value.keys() != names:
        raise _AmissError
    return value


def _items(value: object) -> list[object]:
    if type(value) is not list:
        raise _AmissError
    return value


def _text(value: object, form: re.Pattern[str] | None = None) -> str:
    if type(value) is not str or not value or (form is not None and not form.fullmatch(value)):
        raise _AmissError
    return value


def _plain_key(value: object) -> PublicKey:
    return PublicKey(bytes.fromhex(_text(value, KEY_TEXT)[len("ed25519:") :]))


# ---- read strictly -----------------------------------------------------------------------------


def read_strictly(data: bytes) -> PreElectionRecord:
    """`decode_record` field by field, naming every problem with its path."""
    reader = Reader()
    parsed = reader.parse(data)
    with_e2e = isinstance(parsed, dict) and "e2e" in parsed
    required = _FIELDS | {"e2e"} if with_e2e else _FIELDS
    document = None if reader.problems else reader.fields(parsed, "", required)
    if document is None:
        raise RecordError(reader.problems)
    if document["format"] != RECORD_FORMAT:
        raise RecordError([Problem("format", f"{document['format']!r} is not {RECORD_FORMAT}")])
    election = reader.text(document["election"], "election", _CODE)
    definition_hash = reader.text(document["definition_hash"], "definition_hash", DIGEST)
    threshold = reader.figure(document["threshold"], "threshold")
    authorities = [
        _authority(reader, entry, f"authorities[{i}]")
        for i, entry in enumerate(_list(reader, document["authorities"], "authorities"))
    ]
    stations = [
        _station_keys(reader, election, entry, f"stations[{i}]")
        for i, entry in enumerate(_list(reader, document["stations"], "stations"))
    ]
    e2e = _e2e(reader, document["e2e"]) if with_e2e else None
    if reader.problems:
        raise RecordError(reader.problems)
    record = PreElectionRecord(
        election,
        definition_hash,
        threshold,
        tuple(a for a in authorities if a is not None),
        tuple(s for s in stations if s is not None),
        e2e,
    )
    reader.problems.extend(record_problems(record))
    reader.require_canonical(encode_record(record), data)
    if reader.problems:
        raise RecordError(reader.problems)
    return record


def _e2e(reader: Reader, value: object) -> E2EKeys | None:
    with_record = isinstance(value, dict) and "record" in value
    fields = reader.fields(value, "e2e", _E2E | {"record"} if with_record else _E2E)
    if fields is None:
        return None
    return E2EKeys(
        reader.text(fields["ceremony"], "e2e.ceremony", DIGEST),
        reader.text(fields["extended_hash"], "e2e.extended_hash", _HEX32),
        reader.text(fields["joint_key"], "e2e.joint_key", _HEX32),
        reader.text(fields["record"], "e2e.record", DIGEST) if with_record else None,
    )


def _list(reader: Reader, value: object, path: str) -> list[object]:
    if not isinstance(value, list):
        reader.problem(path, "must be a list")
        return []
    return value


def read_key(reader: Reader, value: object, path: str) -> PublicKey | None:
    text = reader.text(value, path, KEY_TEXT)
    return PublicKey.from_text(text) if text else None


def _authority(reader: Reader, value: object, path: str) -> Authority | None:
    fields = reader.fields(value, path, _AUTHORITY)
    if fields is None:
        return None
    name = reader.text(fields["name"], f"{path}.name")
    body = reader.text(fields["body"], f"{path}.body", _BODY)
    key = read_key(reader, fields["key"], f"{path}.key")
    return Authority(name, Body(body), key) if name and body and key else None


def _station_keys(reader: Reader, election: str, value: object, path: str) -> StationKeys | None:
    fields = reader.fields(value, path, _STATION)
    if fields is None:
        return None
    code = reader.text(fields["station"], f"{path}.station", _CODE)
    devices = [
        read_key(reader, key, f"{path}.devices[{i}]")
        for i, key in enumerate(_list(reader, fields["devices"], f"{path}.devices"))
    ]
    staff = [
        read_staff(reader, election, code, entry, f"{path}.staff[{i}]")
        for i, entry in enumerate(_list(reader, fields["staff"], f"{path}.staff"))
    ]
    return StationKeys(
        code,
        tuple(d for d in devices if d is not None),
        tuple(s for s in staff if s is not None),
    )


def read_staff(
    reader: Reader, election: str, station: str, value: object, path: str
) -> RegisteredStaff | None:
    fields = reader.fields(value, path, _STAFF)
    if fields is None:
        return None
    person = reader.text(fields["person"], f"{path}.person")
    role = reader.text(fields["role"], f"{path}.role", _ROLE)
    key = read_key(reader, fields["key"], f"{path}.key")
    if not (person and role and key):
        return None
    return RegisteredStaff(election, station, person, StaffRole(role), key)
