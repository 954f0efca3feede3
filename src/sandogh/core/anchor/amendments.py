"""Amendments to a sealed pre-election record: a box replaced, a member of staff changed.

Issue 9, section 2: "Late enrolments (a replaced box) are signed amendments with a reason, also
published." The record cannot change once sealed (its fingerprint is in the newspapers); what
changes after is an amendment, chained to the record's fingerprint and to the hash of the
amendment before it, and signed by k of the record's officials exactly as the record is
(`signing.threshold_problems`, under the line `sandogh/record-amendment@1`). Cutting one out, or
changing the order, breaks the chain of every one after it.

An amendment adds a key to one station: a box (`device`) or a member of staff (`staff`), and may
name the key of the same station and kind it `replaces`; a replaced key stays on record (its zero
report still opened the station) but signs no more final reports (`coverage`). The authorities and
the threshold never change by amendment.

Canonical form (format `sandogh/record-amendment@1`), canonical JSON:

    {"device":"ed25519:…"|null,"election":"…","format":"sandogh/record-amendment@1",
     "previous":"sha256:…"|null,"reason":"…","record":"sha256:…","replaces":"ed25519:…"|null,
     "staff":{"key":"ed25519:…","person":"…","role":"head"|…}|null,"station":"…"}

Exactly one of `device` and `staff` is given; `previous` is null for the first amendment. The
amendment's hash is `sha256:` + the hex SHA-256 of these bytes: the chain's head, which the
officials publish with it, long and short, as they publish the record's fingerprint
(`record.fingerprint`, `record.short_fingerprint`). Observers carry the newest head, so a
publisher who hides an amendment (a box's key replaced, i.e. revoked) no longer matches what they
carry (`anchored_amendments`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sandogh.core.anchor.record import (
    PreElectionRecord,
    RecordError,
    encode_record,
    fingerprint,
    same_fingerprint,
    staff_json,
)
from sandogh.core.anchor.record_reading import read_key, read_staff
from sandogh.core.anchor.signing import (
    AMENDMENT_LINE,
    OfficialSignature,
    read_signatures,
    signatures_json,
    threshold_problems,
)
from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.problems import Problem
from sandogh.core.report.digests import DIGEST, sha256_text
from sandogh.core.report.json_reader import Reader
from sandogh.core.report.keys import PublicKey
from sandogh.core.report.staff import Conflict, RegisteredStaff, person_problems, staff_conflict

_T = TypeVar("_T")

AMENDMENT_FORMAT = "sandogh/record-amendment@1"
AMENDMENTS_FORMAT = "sandogh/record-amendments@1"
_REASON_CHARACTERS = 1000


@dataclass(frozen=True)
class Amendment:
    """One change to the record: a box (`device`) or a member of staff (`staff`) added to
    `station`, replacing `replaces` if given, for `reason`."""

    election: str
    record: str  # the record's fingerprint
    previous: str | None  # the hash of the amendment before, None for the first
    station: str
    reason: str
    device: PublicKey | None = None
    staff: RegisteredStaff | None = None
    replaces: PublicKey | None = None

    @property
    def key(self) -> PublicKey:
        """The key added."""
        key = self.device if self.staff is None else self.staff.key
        assert key is not None  # decode_amendment and amendment_problems hold to one of the two
        return key


@dataclass(frozen=True)
class SignedAmendment:
    """An amendment with its officials' signatures, sorted by key as its file writes them."""

    amendment: Amendment
    signatures: tuple[OfficialSignature, ...]

    def __post_init__(self) -> None:
        order = sorted(self.signatures, key=lambda s: s.key.raw)
        object.__setattr__(self, "signatures", tuple(order))


def amendment_json(amendment: Amendment) -> dict[str, object]:
    return {
        "format": AMENDMENT_FORMAT,
        "election": amendment.election,
        "record": amendment.record,
        "previous": amendment.previous,
        "station": amendment.station,
        "reason": amendment.reason,
        "device": None if amendment.device is None else amendment.device.text,
        "staff": None if amendment.staff is None else staff_json(amendment.staff),
        "replaces": None if amendment.replaces is None else amendment.replaces.text,
    }


def encode_amendment(amendment: Amendment) -> bytes:
    return canonical_json(amendment_json(amendment))


def amendment_hash(amendment: Amendment) -> str:
    return sha256_text(encode_amendment(amendment))


def next_amendment(
    record: PreElectionRecord,
    before: Sequence[Amendment],
    *,
    station: str,
    reason: str,
    device: PublicKey | None = None,
    staff: RegisteredStaff | None = None,
    replaces: PublicKey | None = None,
) -> Amendment:
    """The amendment that follows `before`, chained to the record and the last of them."""
    return Amendment(
        record.election,
        fingerprint(encode_record(record)),
        amendment_hash(before[-1]) if before else None,
        station,
        reason,
        device,
        staff,
        replaces,
    )


def amendment_problems(
    record: PreElectionRecord, before: Sequence[Amendment], amendment: Amendment, path: str = ""
) -> list[Problem]:
    """Every way `amendment` cannot follow `before` on `record` (its chain, its station, its keys),
    its signatures aside."""
    at = f"{path}." if path else ""
    problems = []
    expected_previous = amendment_hash(before[-1]) if before else None
    if amendment.record != fingerprint(encode_record(record)):
        problems.append(Problem(f"{at}record", f"amends {amendment.record}, not this record"))
    if amendment.previous != expected_previous:
        problems.append(
            Problem(
                f"{at}previous", f"is {amendment.previous}, the chain holds {expected_previous}"
            )
        )
    if amendment.election != record.election:
        problems.append(Problem(f"{at}election", f"is {amendment.election}, not {record.election}"))
    if record.station(amendment.station) is None:
        problems.append(Problem(f"{at}station", f"{amendment.station} is no station of the record"))
    if not amendment.reason.strip() or len(amendment.reason) > _REASON_CHARACTERS:
        problems.append(Problem(f"{at}reason", f"must be given, in at most {_REASON_CHARACTERS}"))
    if (amendment.device is None) == (amendment.staff is None):
        problems.append(Problem(at + "device", "exactly one of device and staff is given"))
        return problems
    if amendment.staff is not None:
        problems.extend(
            Problem(f"{at}staff.person", p.message) for p in person_problems(amendment.staff.person)
        )
    if amendment.staff is not None:
        problems.extend(_staff_problems(record, before, amendment, at))
    listed = _keys_by_station(record, before)
    if amendment.key in {key for keys in listed.values() for key in keys}:
        problems.append(Problem(at + "key", f"{amendment.key.text} is already on record"))
    if amendment.replaces is not None:
        own = _station_keys(record, before, amendment.station, device=amendment.device is not None)
        if amendment.replaces not in own:
            kind = "box" if amendment.device is not None else "staff key"
            problems.append(
                Problem(
                    f"{at}replaces",
                    f"{amendment.replaces.text} is no {kind} of {amendment.station} on record",
                )
            )
    return problems


def amendment_staff_conflict(
    record: PreElectionRecord, before: Iterable[Amendment], amendment: Amendment
) -> tuple[Conflict, RegisteredStaff] | None:
    """Review S19 R7: why the member of staff `amendment` adds cannot join its station's staff
    as the record and `before` leave it — a station has one head and one secretary, and the
    board's observer is never its staff, on the amendment path as at `staff add`
    (`core.report.staff`) — and who is in the way; None when they can (or it adds a box)."""
    if amendment.staff is None:
        return None
    listed = record.station(amendment.station)
    members = {m.key: m for m in (listed.staff if listed is not None else ())}
    for each in before:
        if each.station == amendment.station and each.staff is not None:
            if each.replaces is not None:
                members.pop(each.replaces, None)
            members[each.staff.key] = each.staff
    if amendment.replaces is not None:
        members.pop(amendment.replaces, None)
    return staff_conflict(members.values(), amendment.staff)


def _staff_problems(
    record: PreElectionRecord, before: Iterable[Amendment], amendment: Amendment, at: str
) -> list[Problem]:
    found = amendment_staff_conflict(record, before, amendment)
    if found is None or amendment.staff is None:
        return []
    conflict, held = found
    staff = amendment.staff
    if conflict is Conflict.ROLE_FILLED:
        return [
            Problem(
                f"{at}staff.role",
                f"{amendment.station} has its {staff.role} already: {held.person} "
                f"({held.key.text}); name it in replaces",
            )
        ]
    return [
        Problem(
            f"{at}staff.person",
            f"{staff.person} is registered as {held.role} of {amendment.station}",
        )
    ]


def _keys_by_station(
    record: PreElectionRecord, before: Iterable[Amendment]
) -> dict[str, set[PublicKey]]:
    keys: dict[str, set[PublicKey]] = {}
    for station in record.stations:
        keys[station.station] = {*station.devices, *(s.key for s in station.staff)}
    for amendment in before:
        keys.setdefault(amendment.station, set()).add(amendment.key)
    for authority in record.authorities:
        keys.setdefault("", set()).add(authority.key)
    return keys


def _station_keys(
    record: PreElectionRecord, before: Iterable[Amendment], station: str, *, device: bool
) -> set[PublicKey]:
    keys: set[PublicKey] = set()
    listed = record.station(station)
    if listed is not None:
        keys.update(listed.devices if device else (s.key for s in listed.staff))
    keys.update(a.key for a in before if a.station == station and (a.device is not None) == device)
    return keys


def verify_amendments(
    record: PreElectionRecord, amendments: Sequence[SignedAmendment]
) -> list[Problem]:
    """Every reason the chain of `amendments` does not stand on `record`: each in its place, each
    signed by k of the record's officials; none when all of it holds."""
    problems = []
    for i, signed in enumerate(amendments):
        path = f"amendments[{i}]"
        before = [each.amendment for each in amendments[:i]]
        problems += amendment_problems(record, before, signed.amendment, f"{path}.amendment")
        data = encode_amendment(signed.amendment)
        problems += threshold_problems(
            record, AMENDMENT_LINE, data, signed.signatures, f"{path}.signatures"
        )
    return problems


def anchored_amendments(
    record_fingerprint: str, amendments: Sequence[Amendment], given: str
) -> int | None:
    """How many of `amendments` the fingerprint `given` from a second source vouches for: 0 when
    it is the record's, n when it is the head of the n-th (each amendment's hash covers the one
    before, so the chain vouches for every one up to it); None when it is neither."""
    if same_fingerprint(record_fingerprint, given):
        return 0
    heads = [amendment_hash(each) for each in amendments]
    return next((n for n, head in enumerate(heads, 1) if same_fingerprint(head, given)), None)


# ---- the published file of every amendment ----------------------------------------------------

_LIST_FIELDS = frozenset(("format", "amendments"))
_ENTRY = frozenset(("amendment", "signatures"))
_FIELDS = frozenset(
    ("format", "election", "record", "previous", "station", "reason", "device", "staff", "replaces")
)
_CODE = re.compile(r"[A-Za-z0-9._-]+")


def encode_amendments(amendments: Iterable[SignedAmendment]) -> bytes:
    """The published `amendments.json`: every amendment in order, with its signature file."""
    return canonical_json(
        {
            "format": AMENDMENTS_FORMAT,
            "amendments": [
                {
                    "amendment": amendment_json(each.amendment),
                    "signatures": signatures_json(
                        encode_amendment(each.amendment), each.signatures
                    ),
                }
                for each in amendments
            ],
        }
    )


def decode_amendments(data: bytes) -> tuple[SignedAmendment, ...]:
    """The amendments of `amendments.json`, read but not verified (`verify_amendments`);
    `RecordError` naming every problem when it does not read."""
    reader = Reader()
    parsed = reader.parse(data)
    document = None if reader.problems else reader.fields(parsed, "", _LIST_FIELDS)
    if document is None:
        raise RecordError(reader.problems)
    if document["format"] != AMENDMENTS_FORMAT:
        reader.problem("format", f"{document['format']!r} is not {AMENDMENTS_FORMAT}")
    entries = document["amendments"]
    if not isinstance(entries, list):
        raise RecordError([Problem("amendments", "must be a list")])
    found = []
    for i, entry in enumerate(entries):
        fields = reader.fields(entry, f"amendments[{i}]", _ENTRY)
        if fields is None:
            continue
        amendment = read_amendment(reader, fields["amendment"], f"amendments[{i}].amendment")
        if amendment is None:
            continue
        signatures = read_signatures(
            reader, fields["signatures"], encode_amendment(amendment), f"amendments[{i}].signatures"
        )
        found.append(SignedAmendment(amendment, signatures))
    if not reader.problems:
        reader.require_canonical(encode_amendments(found), data)
    if reader.problems:
        raise RecordError(reader.problems)
    return tuple(found)


def decode_amendment(data: bytes) -> Amendment:
    """One amendment from its canonical bytes; `RecordError` naming every problem."""
    reader = Reader()
    parsed = reader.parse(data)
    amendment = None if reader.problems else read_amendment(reader, parsed, "")
    if amendment is not None:
        reader.require_canonical(encode_amendment(amendment), data)
    if reader.problems or amendment is None:
        raise RecordError(reader.problems)
    return amendment


def read_amendment(reader: Reader, value: object, path: str) -> Amendment | None:
    fields = reader.fields(value, path, _FIELDS)
    if fields is None:
        return None
    at = f"{path}." if path else ""
    if fields["format"] != AMENDMENT_FORMAT:
        reader.problem(f"{at}format", f"{fields['format']!r} is not {AMENDMENT_FORMAT}")
    election = reader.text(fields["election"], f"{at}election", _CODE)
    record = reader.text(fields["record"], f"{at}record", DIGEST)
    previous = _optional(fields["previous"], lambda v: reader.text(v, f"{at}previous", DIGEST))
    station = reader.text(fields["station"], f"{at}station", _CODE)
    reason = reader.text(fields["reason"], f"{at}reason")
    device = _optional(fields["device"], lambda v: read_key(reader, v, f"{at}device"))
    staff = _optional(
        fields["staff"], lambda v: read_staff(reader, election, station, v, f"{at}staff")
    )
    replaces = _optional(fields["replaces"], lambda v: read_key(reader, v, f"{at}replaces"))
    if (fields["device"] is None) == (fields["staff"] is None):
        reader.problem(f"{at}device", "exactly one of device and staff is given")
    if reader.problems:
        return None
    return Amendment(election, record, previous or None, station, reason, device, staff, replaces)


def _optional(value: object, read: Callable[[object], _T]) -> _T | None:
    return None if value is None else read(value)
