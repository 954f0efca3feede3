"""Approved builds (`core.fleet.builds`): which reports the centre takes, and a box's update."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.fleet import (
    BuildDecision,
    BuildRefusal,
    approved,
    as_of,
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


def test_a_report_is_judged_by_the_decisions_as_they_stood_when_it_was_received() -> None:
    later = AT + datetime.timedelta(hours=1)
    approved_then_revoked = BuildDecision(B, "۱۴۰۳-۱", "keshvari", AT, "keshvari", later)
    decisions = (approved_then_revoked, BuildDecision(C, "۱۴۰۳-۳", "keshvari", later))
    before = AT - datetime.timedelta(seconds=1)
    assert as_of(decisions, before) == ()  # no decision yet: every report was taken
    assert build_refusal(as_of(decisions, AT), B) is None  # approved that very second
    refused = build_refusal(as_of(decisions, AT), C)
    assert refused is not None
    assert refused[0] is BuildRefusal.UNAPPROVED_BUILD  # approved only later
    assert build_refusal(as_of(decisions, later), B) is None  # revoked in the same second
    after = later + datetime.timedelta(seconds=1)
    revoked = build_refusal(as_of(decisions, after), B)
    assert revoked is not None
    assert revoked[0] is BuildRefusal.REVOKED_BUILD


@given(st.sampled_from((None, A, B, C)), st.integers(-3, 3))
def test_once_the_last_decision_is_past_a_report_is_judged_as_at_the_centre(
    build: str | None, hours: int
) -> None:
    decisions = (IN_FORCE, REVOKED)
    moment = AT + datetime.timedelta(hours=hours)
    if hours > 0:
        assert build_refusal(as_of(decisions, moment), build) == build_refusal(decisions, build)
    if hours < 0:
        assert build_refusal(as_of(decisions, moment), build) is None
