"""Approved builds (`core.fleet.builds`): which reports the centre takes, and a box's update."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.fleet import (
    BuildDecision,
    BuildRefusal,
    approved,
    build_refusal,
    decision_problems,
    update_of,
)
from sandogh.core.readiness import UpdateStatus

AT = datetime.datetime(2024, 7, 1, 9, 0, tzinfo=datetime.UTC)
A, B, C = ("sha256:" + d * 64 for d in "abc")
IN_FORCE = BuildDecision(A, "۱۴۰۳-۲", "keshvari", AT)
REVOKED = BuildDecision(B, "۱۴۰۳-۱", "keshvari", AT, "keshvari", AT)


def test_without_any_decision_every_report_is_taken() -> None:
    assert build_refusal((), None) is None
    assert build_refusal((), C) is None


def test_once_builds_are_decided_only_one_in_force_is_taken() -> None:
    decisions = (IN_FORCE, REVOKED)
    assert build_refusal(decisions, A) is None
    reasons = [build_refusal(decisions, b) for b in (None, B, C)]
    assert [r[0] if r else None for r in reasons] == [
        BuildRefusal.NO_BUILD,
        BuildRefusal.REVOKED_BUILD,
        BuildRefusal.UNAPPROVED_BUILD,
    ]
    assert all(r is not None and r[1].path == "build" for r in reasons)


def test_a_decision_names_each_bad_field() -> None:
    assert [p.path for p in decision_problems("v4.2", " ")] == ["build", "label"]
    assert decision_problems(A, "۱۴۰۳-۲") == []


@given(st.sampled_from((None, A, B, C)))
def test_a_box_is_current_exactly_when_its_attested_build_would_be_taken(
    build: str | None,
) -> None:
    decisions = (IN_FORCE, REVOKED)
    update = update_of(build, approved(decisions))
    if build is None:
        assert update is UpdateStatus.PENDING
    else:
        assert (update is UpdateStatus.CURRENT) == (build_refusal(decisions, build) is None)
