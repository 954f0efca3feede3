"""Signing a station report and verifying it: the device's signature and the station staff's.

DESIGN.md §3 and §6: a report is signed by the device key registered at enrolment and by the
station staff, and the centre refuses an unsigned or changed report, or one from another device,
with its reason (`errors.Refusal`). Each verifier sits beside its signer, as electionguard's
`chaum_pedersen.py` keeps each proof beside its verifier, so the message one signs is visibly the
message the other checks.

Messages (Ed25519 as in RFC 8032, which signs the message itself):
- the device signs the ASCII line `sandogh/station-report@1 device\\n`, then the report's canonical
  bytes (`report.encode_report`);
- a member of the staff signs `sandogh/station-report@1 staff ROLE\\n`, then the same bytes.
The first line keeps a signature over a report from passing for one over anything else the same
key signs, and binds a staff signature to the role it is given under.

Signed report, in canonical JSON (`report.canonical_json`), format
`sandogh/signed-station-report@1`:

    {"device_signature":HEX,"format":"sandogh/signed-station-report@1","report":{…},
     "staff":[{"key":"ed25519:…","role":"head","signature":HEX},…]}

`report` is the report's own JSON object, whose canonical form is the signed bytes; a signature is
128 lowercase hex digits; staff signatures are sorted by role, then key. Reading accepts the
canonical form only, so one changed byte anywhere either breaks the form or fails a signature.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.canonical_json import canonical_json, json_problems
from sandogh.core.definition.problems import Problem
from sandogh.core.report.errors import Refusal, ReportError, SignatureError
from sandogh.core.report.json_reader import Reader
from sandogh.core.report.keys import KEY_TEXT, SIGNATURE_BYTES, PublicKey, SigningKey
from sandogh.core.report.report import StationReport, decode_report, encode_report

SIGNED_FORMAT = "sandogh/signed-station-report@1"
_DEVICE_LINE = b"sandogh/station-report@1 device\n"


class StaffRole(StrEnum):
    """Who signs the station's minutes (صورتجلسه) beside the box. SUPERVISOR is the supervisory
    board's observer (ناظر), who countersigns the minutes but is not the station's staff: the
    station's staff and its complement are `core.readiness.StaffRole` and `core.readiness.roster`.
    The values are signed into reports and stored with registered keys, and stay as they are."""

    HEAD = "head"  # رئیس شعبه
    SECRETARY = "secretary"  # منشی
    MEMBER = "member"  # عضو
    SUPERVISOR = "supervisor"  # ناظر


@dataclass(frozen=True)
class StaffSignature:
    role: StaffRole
    key: PublicKey
    signature: bytes


def _staff_order(staff: StaffSignature) -> tuple[str, bytes]:
    return staff.role.value, staff.key.raw


@dataclass(frozen=True)
class SignedReport:
    """A report's canonical bytes with the device's signature and the staff's, sorted.

    Signatures of the wrong length, or one key signing twice as staff, raise `SignatureError`
    (`MALFORMED`); whether the signatures verify is `verify_signed`'s to say.
    """

    report: bytes
    device_signature: bytes
    staff: tuple[StaffSignature, ...] = ()

    def __post_init__(self) -> None:
        problems = []
        if len(self.device_signature) != SIGNATURE_BYTES:
            problems.append(Problem("device_signature", _length(self.device_signature)))
        problems.extend(
            Problem(f"staff[{i}].signature", _length(staff.signature))
            for i, staff in enumerate(self.staff)
            if len(staff.signature) != SIGNATURE_BYTES
        )
        problems.extend(
            Problem("staff", f"{key.text} signs {n} times")
            for key, n in Counter(staff.key for staff in self.staff).items()
            if n > 1
        )
        if problems:
            raise SignatureError(Refusal.MALFORMED, problems)
        object.__setattr__(self, "staff", tuple(sorted(self.staff, key=_staff_order)))


def _length(signature: bytes) -> str:
    return f"a signature has {SIGNATURE_BYTES} bytes, not {len(signature)}"


# ---- the device ------------------------------------------------------------------------------


def sign_report(report: StationReport, key: SigningKey) -> SignedReport:
    """`report` signed by its device. A key other than the report's device raises
    `SignatureError` (`WRONG_SIGNER`): a box signs its own reports only."""
    if key.public_key != report.device:
        raise SignatureError(
            Refusal.WRONG_SIGNER,
            [
                Problem(
                    "device", f"the report names {report.device.text}, not {key.public_key.text}"
                )
            ],
        )
    data = encode_report(report)
    return SignedReport(data, key.sign(_DEVICE_LINE + data))


def verify_signed(
    signed: SignedReport, expected_device: PublicKey, *, read: StationReport | None = None
) -> StationReport:
    """The report, once it reads as a report (else `MALFORMED`), names `expected_device` (else
    `UNKNOWN_DEVICE`), carries that device's signature of its bytes (else `BAD_SIGNATURE`), and
    every staff signature verifies (else `BAD_STAFF_SIGNATURE`); raised as `SignatureError`.

    Which staff keys belong to the station is the caller's to check, from `signed.staff`. A
    caller that has read the report from `signed.report` already passes it as `read`: it is
    held to those bytes by its canonical encoding, which `decode_report` requires them to be
    (reading them again, every field checked, cost the centre ~1 ms a report).
    """
    if read is not None and encode_report(read) != signed.report:
        raise SignatureError(
            Refusal.MALFORMED, [Problem("report", "is not the report these bytes hold")]
        )
    try:
        report = decode_report(signed.report) if read is None else read
    except ReportError as error:
        raise SignatureError(Refusal.MALFORMED, error.problems) from error
    if report.device != expected_device:
        raise SignatureError(
            Refusal.UNKNOWN_DEVICE,
            [Problem("device", f"signed as {report.device.text}, not {expected_device.text}")],
        )
    if not expected_device.verifies(_DEVICE_LINE + signed.report, signed.device_signature):
        raise SignatureError(
            Refusal.BAD_SIGNATURE,
            [Problem("device_signature", "does not verify: the report or signature was changed")],
        )
    verify_staff(signed)
    return report


# ---- the station staff -----------------------------------------------------------------------


def _staff_line(role: StaffRole) -> bytes:
    return f"sandogh/station-report@1 staff {role.value}\n".encode("ascii")


def sign_as_staff(signed: SignedReport, role: StaffRole, key: SigningKey) -> SignedReport:
    """`signed` with one more staff signature, by `key` under `role`."""
    signature = key.sign(_staff_line(role) + signed.report)
    staff = StaffSignature(role, key.public_key, signature)
    return SignedReport(signed.report, signed.device_signature, (*signed.staff, staff))


def verify_staff(signed: SignedReport) -> None:
    """Raise `SignatureError` (`BAD_STAFF_SIGNATURE`) naming every staff signature that does not
    verify over the report under its role."""
    problems = [
        Problem(f"staff[{i}]", f"the {staff.role} signature of {staff.key.text} does not verify")
        for i, staff in enumerate(signed.staff)
        if not staff.key.verifies(_staff_line(staff.role) + signed.report, staff.signature)
    ]
    if problems:
        raise SignatureError(Refusal.BAD_STAFF_SIGNATURE, problems)


# ---- the signed report's bytes ---------------------------------------------------------------

_SIGNED_FIELDS = frozenset(("format", "report", "device_signature", "staff"))
_STAFF_FIELDS = frozenset(("role", "key", "signature"))
_SIGNATURE_TEXT = re.compile(f"[0-9a-f]{{{2 * SIGNATURE_BYTES}}}")
_ROLE = re.compile("|".join(role.value for role in StaffRole))


def encode_signed(signed: SignedReport) -> bytes:
    """The canonical bytes of `signed` (see the module docstring): what is printed and sent.

    Report bytes that are not a canonical JSON object cannot be embedded: `MALFORMED`.
    """
    reader = Reader()
    report = reader.parse(signed.report)
    if not reader.problems and reader.mapping(report, "report") is not None:
        reader.problems.extend(json_problems(report, "report"))
    if not reader.problems:
        reader.require_canonical(canonical_json(report), signed.report)
    if reader.problems:
        raise SignatureError(Refusal.MALFORMED, reader.problems)
    return canonical_json(
        {
            "format": SIGNED_FORMAT,
            "report": report,
            "device_signature": signed.device_signature.hex(),
            "staff": [
                {"role": s.role.value, "key": s.key.text, "signature": s.signature.hex()}
                for s in signed.staff
            ],
        }
    )


def decode_signed(data: bytes) -> SignedReport:
    """The signed report whose canonical bytes are `data`, not yet verified; anything else raises
    `SignatureError` (`MALFORMED`) naming every field."""
    reader = Reader()
    parsed = reader.parse(data)
    document = None if reader.problems else reader.fields(parsed, "", _SIGNED_FIELDS)
    if document is None:
        raise SignatureError(Refusal.MALFORMED, reader.problems)
    if document["format"] != SIGNED_FORMAT:
        raise SignatureError(
            Refusal.MALFORMED,
            [Problem("format", f"{document['format']!r} is not {SIGNED_FORMAT}")],
        )
    report = reader.mapping(document["report"], "report")
    device_signature = reader.text(
        document["device_signature"], "device_signature", _SIGNATURE_TEXT
    )
    staff = _read_staff(reader, document["staff"])
    if report is not None:  # numbers JSON reads but canonical JSON cannot hold
        reader.problems.extend(json_problems(report, "report"))
    if reader.problems or report is None:
        raise SignatureError(Refusal.MALFORMED, reader.problems)
    signed = SignedReport(canonical_json(report), bytes.fromhex(device_signature), staff)
    reader.require_canonical(encode_signed(signed), data)
    if reader.problems:
        raise SignatureError(Refusal.MALFORMED, reader.problems)
    return signed


def _read_staff(reader: Reader, value: object) -> tuple[StaffSignature, ...]:
    if not isinstance(value, list):
        reader.problem("staff", "must be a list")
        return ()
    staff: list[StaffSignature] = []
    for i, entry in enumerate(value):
        path = f"staff[{i}]"
        fields = reader.fields(entry, path, _STAFF_FIELDS)
        if fields is None:
            continue
        role = reader.text(fields["role"], f"{path}.role", _ROLE)
        key = reader.text(fields["key"], f"{path}.key", KEY_TEXT)
        signature = reader.text(fields["signature"], f"{path}.signature", _SIGNATURE_TEXT)
        if role and key and signature:
            staff.append(
                StaffSignature(StaffRole(role), PublicKey.from_text(key), bytes.fromhex(signature))
            )
    return tuple(staff)
