"""Supervision: voids and what they do to the figures, certifications, violation cases.

`reference/iran-election-rules.md` (Who approves; Ballots) and issue 4, item 4: supervisors void a
box, a candidate's votes in given boxes, or a constituency, and certify results; inspectors follow
violation cases and their effect on results.
"""

from sandogh.core.supervision.apply import (
    Effect,
    Removal,
    apply_voids,
    boxes_voided,
    constituency_voided,
    effects_in_constituency,
    effects_in_unit,
    voided_outcome,
)
from sandogh.core.supervision.cases import (
    NEXT_STATUS,
    CaseCandidate,
    CaseError,
    CaseKind,
    CaseStatus,
    CaseStatusError,
    ViolationCase,
    advance,
    case_problems,
    void_case_problems,
)
from sandogh.core.supervision.certification import (
    Certification,
    certified_over,
    freezes_sheet,
    in_scope,
    input_digest,
    scope_problems,
    scope_units,
    touches,
)
from sandogh.core.supervision.voids import (
    CandidateVoid,
    ConstituencyVoid,
    Decision,
    StationVoid,
    Void,
    VoidError,
    VoidKind,
    kind_of,
    require_voids,
    void_json,
    void_of,
    void_problems,
)

__all__ = [
    "NEXT_STATUS",
    "CandidateVoid",
    "CaseCandidate",
    "CaseError",
    "CaseKind",
    "CaseStatus",
    "CaseStatusError",
    "Certification",
    "ConstituencyVoid",
    "Decision",
    "Effect",
    "Removal",
    "StationVoid",
    "ViolationCase",
    "Void",
    "VoidError",
    "VoidKind",
    "advance",
    "apply_voids",
    "boxes_voided",
    "case_problems",
    "certified_over",
    "constituency_voided",
    "effects_in_constituency",
    "effects_in_unit",
    "freezes_sheet",
    "in_scope",
    "input_digest",
    "kind_of",
    "require_voids",
    "scope_problems",
    "scope_units",
    "touches",
    "void_case_problems",
    "void_json",
    "void_of",
    "void_problems",
    "voided_outcome",
]
