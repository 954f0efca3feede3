"""Cast-vote records, the station report and its signatures: DESIGN.md §3's trust anchor.

A box keeps one `CastVoteRecord` per ballot (no identity, time or order); at opening it signs a
`zero_report`, at close `report_from_records` counts the records into a tally sheet per contest
with their digest; `sign_report` and `sign_as_staff` sign it, `encode_signed` gives the bytes that
are printed and sent, and the centre reads them with `decode_signed` and `verify_signed`. These
are the two seams of DESIGN.md §7: end-to-end verifiability attaches to the record and the report.
"""

from sandogh.core.report.ballot import (
    BallotContest,
    Papers,
    check_record,
    count_ballots,
    record_bound,
    station_ballot,
)
from sandogh.core.report.errors import (
    BallotError,
    KeyMaterialError,
    RecordError,
    Refusal,
    ReportError,
    ReportingError,
    SignatureError,
)
from sandogh.core.report.keys import PublicKey, SigningKey
from sandogh.core.report.reconciliation import (
    CloseReconciliation,
    Mismatch,
    explained,
)
from sandogh.core.report.records import (
    CastVoteRecord,
    Choice,
    cvr_digest,
    decode_record,
    encode_record,
)
from sandogh.core.report.report import (
    E2ECommitment,
    ReportKind,
    StationReport,
    decode_report,
    encode_report,
    report_from_records,
    report_hash,
    zero_report,
)
from sandogh.core.report.signatures import (
    SignedReport,
    StaffRole,
    StaffSignature,
    decode_signed,
    encode_signed,
    sign_as_staff,
    sign_report,
    verify_signed,
    verify_staff,
)

__all__ = [
    "BallotContest",
    "BallotError",
    "CastVoteRecord",
    "Choice",
    "CloseReconciliation",
    "E2ECommitment",
    "KeyMaterialError",
    "Mismatch",
    "Papers",
    "PublicKey",
    "RecordError",
    "Refusal",
    "ReportError",
    "ReportKind",
    "ReportingError",
    "SignatureError",
    "SignedReport",
    "SigningKey",
    "StaffRole",
    "StaffSignature",
    "StationReport",
    "check_record",
    "count_ballots",
    "cvr_digest",
    "decode_record",
    "decode_report",
    "decode_signed",
    "encode_record",
    "encode_report",
    "encode_signed",
    "explained",
    "record_bound",
    "report_from_records",
    "report_hash",
    "sign_as_staff",
    "sign_report",
    "station_ballot",
    "verify_signed",
    "verify_staff",
    "zero_report",
]
