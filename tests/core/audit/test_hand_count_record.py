"""`hand-counts.json`'s entries and the audit records that sent a contest to a hand count."""

from __future__ import annotations

from sandogh.core.audit.hand_count_record import escalations, hand_counts_json
from sandogh.core.audit.replay import RoundResult
from sandogh.core.audit.rounds import ContestRisk, Decision


def _round(number: int, **decisions: Decision) -> RoundResult:
    risks = tuple(ContestRisk(key.replace("_", ":"), d) for key, d in decisions.items())
    return RoundResult(number, {}, (), (), risks, {}, f"sha256:round{number}")


def test_each_record_after_which_a_contest_stood_at_a_hand_count_is_named() -> None:
    start = (
        ContestRisk("a:IR", Decision.HAND_COUNT),
        ContestRisk("b:IR", Decision.ANOTHER_ROUND),
        ContestRisk("c:IR", Decision.ANOTHER_ROUND),
    )
    rounds = (
        _round(1, a_IR=Decision.HAND_COUNT, b_IR=Decision.HAND_COUNT, c_IR=Decision.ANOTHER_ROUND),
        _round(2, a_IR=Decision.HAND_COUNT, b_IR=Decision.HAND_COUNT, c_IR=Decision.CONFIRMED),
    )
    found = escalations("sha256:plan", start, rounds)
    assert found == {
        "a:IR": frozenset({"sha256:plan", "sha256:round1", "sha256:round2"}),
        "b:IR": frozenset({"sha256:round1", "sha256:round2"}),
    }  # a contest the audit confirmed names none


def test_the_file_lists_the_hand_counts_by_contest() -> None:
    document = hand_counts_json("e", [{"contest": "b:IR"}, {"contest": "a:IR"}])
    assert document == {
        "election": "e",
        "format": "sandogh/audit-hand-counts@1",
        "hand_counts": [{"contest": "a:IR"}, {"contest": "b:IR"}],
    }
