"""Violation cases: their course, what they may name, and the voids they allow."""

from __future__ import annotations

import datetime

import pytest

from sandogh.core.supervision import (
    CandidateVoid,
    CaseCandidate,
    CaseKind,
    CaseStatus,
    CaseStatusError,
    ConstituencyVoid,
    Decision,
    StationVoid,
    ViolationCase,
    advance,
    case_problems,
    void_case_problems,
)

from ..counting.build import kerman

GEOGRAPHY = kerman()
AT = datetime.datetime(2024, 7, 3, 9, 0, tzinfo=datetime.UTC)
CASE = ViolationCase(
    election="test",
    kind=CaseKind.VOTE_BUYING,
    summary="cash for votes at two Kerman stations",
    place="IR-08-0801",
    opened_by="rezaei",
    opened_at=AT,
    stations=("ST-1", "ST-2"),
    candidates=(CaseCandidate("parliament", "31"),),
    id=4,
)
UPHELD = advance(advance(CASE, CaseStatus.INVESTIGATING), CaseStatus.UPHELD)
CITING = Decision("vote buying proven", "ref-4", case=4)


def test_a_case_goes_from_opened_through_investigation_to_a_verdict() -> None:
    investigating = advance(CASE, CaseStatus.INVESTIGATING, note="witnesses heard")
    assert (investigating.status, investigating.note) == (
        CaseStatus.INVESTIGATING,
        "witnesses heard",
    )
    referred = advance(investigating, CaseStatus.REFERRED, reference="court 1403/17")
    assert (referred.status, referred.reference, referred.note) == (
        CaseStatus.REFERRED,
        "court 1403/17",
        "witnesses heard",
    )
    assert advance(referred, CaseStatus.UPHELD).status is CaseStatus.UPHELD
    assert advance(investigating, CaseStatus.DISMISSED).status is CaseStatus.DISMISSED
    assert advance(CASE, note="n").status is CaseStatus.OPENED


@pytest.mark.parametrize(
    ("status", "to"),
    [
        (CaseStatus.OPENED, CaseStatus.UPHELD),
        (CaseStatus.OPENED, CaseStatus.REFERRED),
        (CaseStatus.UPHELD, CaseStatus.DISMISSED),
        (CaseStatus.DISMISSED, CaseStatus.INVESTIGATING),
    ],
)
def test_a_case_cannot_skip_its_investigation_or_reopen(status: CaseStatus, to: CaseStatus) -> None:
    with pytest.raises(CaseStatusError, match=f"case 4 is {status}"):
        advance(ViolationCase(**{**CASE.__dict__, "status": status}), to)


def test_a_case_names_what_lies_where_it_is_filed() -> None:
    assert case_problems(GEOGRAPHY, CASE) == ()
    # A presidential candidate stands nationwide, so a county may file a case about them.
    national = ViolationCase(**{**CASE.__dict__, "candidates": (CaseCandidate("president", "21"),)})
    assert case_problems(GEOGRAPHY, national) == ()
    wrong = ViolationCase(
        **{
            **CASE.__dict__,
            "summary": " ",
            "stations": ("ST-4", "CI-1"),
            "candidates": (CaseCandidate("parliament", "41"), CaseCandidate("council", "1")),
        }
    )
    assert [str(p) for p in case_problems(GEOGRAPHY, wrong)] == [
        "summary: must say what the case is about",
        "stations[0]: ST-4 is not in IR-08-0801, where the case is filed",
        "stations[1]: 'CI-1' is not a polling station of the election",
        "candidates[0]: no candidate 41 of parliament stands where IR-08-0801 lies",
        "candidates[1]: the election has no contest 'council'",
    ]


def test_only_an_upheld_vote_buying_case_voids_its_candidates_votes_in_its_boxes() -> None:
    void = CandidateVoid("parliament", "31", ("ST-1", "ST-2"), CITING)
    assert void_case_problems(GEOGRAPHY, UPHELD, void) == ()
    assert [p.message for p in void_case_problems(GEOGRAPHY, CASE, void)] == [
        "case 4 is opened: only an upheld case leads to a void"
    ]
    beyond = CandidateVoid("parliament", "32", ("ST-1", "ST-3"), CITING)
    assert [p.message for p in void_case_problems(GEOGRAPHY, UPHELD, beyond)] == [
        "case 4 does not concern candidate parliament:32",
        "case 4 does not concern station ST-3",
    ]
    threats = ViolationCase(**{**UPHELD.__dict__, "kind": CaseKind.INTIMIDATION})
    assert [p.path for p in void_case_problems(GEOGRAPHY, threats, void)] == ["decision.case"]
    assert void_case_problems(GEOGRAPHY, threats, StationVoid("ST-2", None, CITING)) == ()


def test_a_case_voids_a_constituency_only_within_its_place() -> None:
    assert void_case_problems(GEOGRAPHY, UPHELD, ConstituencyVoid("parliament", "P1", CITING)) == ()
    assert [
        p.message
        for p in void_case_problems(GEOGRAPHY, UPHELD, ConstituencyVoid("parliament", "P2", CITING))
    ] == ["constituency P2 is outside IR-08-0801, the case's place"]
