"""The pre-election record: what every signature of election day is checked against.

DESIGN.md §6 ("Every trust starts from something published before polls open") and issue 9,
section 2: the record names the election and its definition hash, every station's device keys and
registered staff keys (with role and person), the authorities' keys, and the threshold k of the
officials (election headquarters and the supervisory board) who must sign it. Sealed by k of them
before polls open and published, it is carried as a short fingerprint (`fingerprint`,
`short_fingerprint`) that newspapers and observers print: a verifier takes it from that second
source, never from the data it checks.

Canonical form (format `sandogh/pre-election-record@1`), canonical JSON (RFC 8785, `core.canonical
_json`):

    {"authorities":[{"body":"hq"|"supervisory-board"|"log","key":"ed25519:…","name":"…"},…],
     "definition_hash":"sha256:…","election":"…","format":"sandogh/pre-election-record@1",
     "stations":[{"devices":["ed25519:…",…],"staff":[{"key":"ed25519:…","person":"…",
     "role":"head"|…},…],"station":"…"},…],"threshold":K}

and, once the guardians' key ceremony is finished (issue 10, `docs/e2e.md` §4–§5), the member
`"e2e":{"ceremony":"sha256:…","extended_hash":HEX,"joint_key":HEX,"record":"sha256:…"}`: the
ceremony's id, HE and the joint key K that every box encrypts to, and the SHA-256 of the
ceremony record itself (`e2e/election.json`'s bytes), which binds what no other field does — the
complaints the guardians dismissed. A record without `e2e` is read as before, its bytes and
fingerprint unchanged; an `e2e` member without `record` (sealed before it was added) is read too.

Authorities are sorted by body, then key; stations by code; a station's devices by key and its
staff by role, then key (as `work.staff.of_station` gives them). Reading (`record_reading`) accepts
these bytes only, so a changed byte is either refused or changes the fingerprint.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from sandogh.core.canonical_json import canonical_json
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.core.report.digests import DIGEST, sha256_text
from sandogh.core.report.keys import PublicKey
from sandogh.core.report.staff import RegisteredStaff, person_problems

RECORD_FORMAT = "sandogh/pre-election-record@1"
#: bits of the fingerprint its short form carries: enough that no one can make a second record
#: with the same short form (a second preimage costs 2^128 hashes)
SHORT_BITS = 128
_SHORT_DIGITS = 40  # 2^128 has 39 decimal digits; one more makes ten groups of four
_GROUP = 4


class RecordError(SandoghError):
    """A record, signature file or amendment that cannot be read or is not well made; `problems`
    names every part."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        shown = "; ".join(str(p) for p in self.problems[:3])
        more = "; …" if len(self.problems) > 3 else ""
        super().__init__(f"not a valid pre-election record: {shown}{more}")


class Body(StrEnum):
    """Who an authority key belongs to."""

    HQ = "hq"  # the election headquarters (ستاد انتخابات)
    SUPERVISORY_BOARD = "supervisory-board"  # the supervisory board (هیئت نظارت)
    LOG = "log"  # the centre's event-log checkpoint key: listed, never an official


#: the bodies whose officials sign the record and its amendments
OFFICIAL_BODIES = (Body.HQ, Body.SUPERVISORY_BOARD)


@dataclass(frozen=True)
class Authority:
    name: str
    body: Body
    key: PublicKey


@dataclass(frozen=True)
class StationKeys:
    """One station's box keys and registered staff, as the record holds them."""

    station: str
    devices: tuple[PublicKey, ...] = ()
    staff: tuple[RegisteredStaff, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "devices", tuple(sorted(self.devices, key=_raw)))
        staff = sorted(self.staff, key=lambda s: (s.role.value, s.key.raw))
        object.__setattr__(self, "staff", tuple(staff))


@dataclass(frozen=True)
class E2EKeys:
    """The guardians' ceremony as the record carries it: its id, HE and the joint key K (hex),
    and the SHA-256 of the ceremony record's bytes (None in a record sealed without it)."""

    ceremony: str
    extended_hash: str
    joint_key: str
    record: str | None = None


@dataclass(frozen=True)
class PreElectionRecord:
    election: str
    definition_hash: str
    threshold: int
    authorities: tuple[Authority, ...]
    stations: tuple[StationKeys, ...] = field(default=())
    e2e: E2EKeys | None = None

    def __post_init__(self) -> None:
        order = sorted(self.authorities, key=lambda a: (a.body.value, a.key.raw))
        object.__setattr__(self, "authorities", tuple(order))
        object.__setattr__(self, "stations", tuple(sorted(self.stations, key=_station)))

    @property
    def officials(self) -> dict[PublicKey, Authority]:
        """The authorities who sign the record and its amendments, by key."""
        return {a.key: a for a in self.authorities if a.body in OFFICIAL_BODIES}

    def station(self, code: str) -> StationKeys | None:
        return next((s for s in self.stations if s.station == code), None)


def _raw(key: PublicKey) -> bytes:
    return key.raw


def _station(keys: StationKeys) -> str:
    return keys.station


def record_problems(record: PreElectionRecord) -> list[Problem]:
    """Every way `record` is not well made: a threshold outside 2…n (n officials), a body of
    officials missing, a key listed twice anywhere, a staff entry of another election or station.
    A station may lack staff or a box: it then cannot send a report the centre takes."""
    problems = []
    officials = record.officials
    if not 2 <= record.threshold <= len(officials):
        problems.append(
            Problem(
                "threshold", f"{record.threshold} is not from 2 to {len(officials)}, the officials"
            )
        )
    problems.extend(
        Problem("authorities", f"no official of the {body} is listed")
        for body in OFFICIAL_BODIES
        if all(a.body is not body for a in record.authorities)
    )
    problems.extend(
        Problem(f"authorities[{i}].name", p.message)
        for i, a in enumerate(record.authorities)
        for p in person_problems(a.name)
    )
    for i, keys in enumerate(record.stations):
        for j, staff in enumerate(keys.staff):
            if (staff.election, staff.station) != (record.election, keys.station):
                problems.append(
                    Problem(
                        f"stations[{i}].staff[{j}]", f"is of {staff.station} of {staff.election}"
                    )
                )
            problems.extend(
                Problem(f"stations[{i}].staff[{j}].person", p.message)
                for p in person_problems(staff.person)
            )
    every = [a.key for a in record.authorities] + [
        key for keys in record.stations for key in (*keys.devices, *(s.key for s in keys.staff))
    ]
    problems.extend(
        Problem("", f"{key.text} is listed {n} times") for key, n in Counter(every).items() if n > 1
    )
    problems.extend(
        Problem("stations", f"{code} is listed {n} times")
        for code, n in Counter(s.station for s in record.stations).items()
        if n > 1
    )
    return problems


# ---- the bytes and the fingerprint ----------------------------------------------------------


def record_json(record: PreElectionRecord) -> dict[str, object]:
    e2e = record.e2e
    keys: dict[str, object] = {} if e2e is None else {"e2e": _e2e_json(e2e)}
    return keys | {
        "format": RECORD_FORMAT,
        "election": record.election,
        "definition_hash": record.definition_hash,
        "threshold": record.threshold,
        "authorities": [
            {"name": a.name, "body": a.body.value, "key": a.key.text} for a in record.authorities
        ],
        "stations": [
            {
                "station": keys.station,
                "devices": [key.text for key in keys.devices],
                "staff": [staff_json(s) for s in keys.staff],
            }
            for keys in record.stations
        ],
    }


def _e2e_json(e2e: E2EKeys) -> dict[str, str]:
    record = {} if e2e.record is None else {"record": e2e.record}
    return record | {
        "ceremony": e2e.ceremony,
        "extended_hash": e2e.extended_hash,
        "joint_key": e2e.joint_key,
    }


def staff_json(staff: RegisteredStaff) -> dict[str, object]:
    return {"person": staff.person, "role": staff.role.value, "key": staff.key.text}


def encode_record(record: PreElectionRecord) -> bytes:
    """The record's canonical bytes: what is signed, published and fingerprinted."""
    return canonical_json(record_json(record))


def fingerprint(data: bytes) -> str:
    """`sha256:` and the hex SHA-256 of a record's canonical bytes."""
    return sha256_text(data)


def short_fingerprint(long: str) -> str:
    """The first 128 bits of the fingerprint `long`, written as 40 decimal digits in ten groups
    of four (`0123-4567-…`): digits only, so it reads aloud in any language and prints in Persian
    digits as well (the caller converts them; the core has no locale)."""
    digits = f"{int(_hex_of(long)[: SHORT_BITS // 4], 16):0{_SHORT_DIGITS}d}"
    return "-".join(digits[i : i + _GROUP] for i in range(0, _SHORT_DIGITS, _GROUP))


def matches_fingerprint(record_bytes: bytes, given: str) -> bool:
    """Whether `given` — the long form, or the short form with ASCII digits, any separators —
    is the fingerprint of `record_bytes`."""
    return same_fingerprint(fingerprint(record_bytes), given)


def same_fingerprint(long: str, given: str) -> bool:
    """Whether `given` — the long form, or the short form with ASCII digits, any separators —
    is the fingerprint `long` (a record's, or an amendment's hash: the chain's head)."""
    if given.strip().lower() == long:
        return True
    digits = "".join(c for c in given if c.isascii() and c.isdigit())
    return len(digits) == _SHORT_DIGITS and digits == short_fingerprint(long).replace("-", "")


def _hex_of(long: str) -> str:
    match = DIGEST.fullmatch(long)
    if match is None:
        raise RecordError([Problem("fingerprint", f"{long!r} is not sha256: and 64 hex digits")])
    return long.removeprefix("sha256:")
