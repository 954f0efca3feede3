"""The pre-election record: the trust anchor of every signature of election day.

DESIGN.md §6 and issue 9, section 2. `record` holds the record, its bytes and its fingerprint,
`record_reading` reads it back; `signing` the officials' k-of-n signatures; `amendments` the
signed changes after sealing; `coverage` what a record covers, which the centre and
`verify-results` check each report against.
"""

from sandogh.core.anchor.amendments import (
    Amendment,
    SignedAmendment,
    amendment_hash,
    amendment_problems,
    amendment_staff_conflict,
    anchored_amendments,
    decode_amendment,
    decode_amendments,
    encode_amendment,
    encode_amendments,
    next_amendment,
    verify_amendments,
)
from sandogh.core.anchor.coverage import (
    COVERAGE_REASONS,
    REQUIRED_STAFF,
    Coverage,
    check_opened,
    check_staff,
)
from sandogh.core.anchor.record import (
    Authority,
    Body,
    E2EKeys,
    PreElectionRecord,
    RecordError,
    StationKeys,
    encode_record,
    fingerprint,
    matches_fingerprint,
    record_problems,
    same_fingerprint,
    short_fingerprint,
)
from sandogh.core.anchor.record_reading import decode_record
from sandogh.core.anchor.signing import (
    AMENDMENT_LINE,
    RECORD_LINE,
    OfficialSignature,
    decode_signatures,
    encode_signatures,
    merge,
    sign_bytes,
    sign_record,
    verify_record,
)

__all__ = [
    "AMENDMENT_LINE",
    "COVERAGE_REASONS",
    "RECORD_LINE",
    "REQUIRED_STAFF",
    "Amendment",
    "Authority",
    "Body",
    "Coverage",
    "E2EKeys",
    "OfficialSignature",
    "PreElectionRecord",
    "RecordError",
    "SignedAmendment",
    "StationKeys",
    "amendment_hash",
    "amendment_problems",
    "amendment_staff_conflict",
    "anchored_amendments",
    "check_opened",
    "check_staff",
    "decode_amendment",
    "decode_amendments",
    "decode_record",
    "decode_signatures",
    "encode_amendment",
    "encode_amendments",
    "encode_record",
    "encode_signatures",
    "fingerprint",
    "matches_fingerprint",
    "merge",
    "next_amendment",
    "record_problems",
    "same_fingerprint",
    "short_fingerprint",
    "sign_bytes",
    "sign_record",
    "verify_amendments",
    "verify_record",
]
