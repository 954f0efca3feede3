"""Differences named by the figure's path, list items by their code."""

from __future__ import annotations

from sandogh.publish.differences import ABSENT, Difference, differences, line_differences


def test_a_vote_is_named_by_its_candidate_not_its_place() -> None:
    published = {"counts": {"votes": [{"code": "25", "votes": 3}, {"code": "21", "votes": 2}]}}
    expected = {"counts": {"votes": [{"code": "21", "votes": 2}, {"code": "25", "votes": 4}]}}

    assert differences(published, expected) == [Difference("counts.votes[25].votes", "3", "4")]


def test_missing_extra_and_retyped_fields() -> None:
    found = differences({"a": 1, "b": True, "x": 0}, {"a": 1, "b": 1, "c": None})

    assert found == [
        Difference("b", "true", "1"),
        Difference("c", ABSENT, "null"),
        Difference("x", "0", ABSENT),
    ]


def test_csv_lines() -> None:
    assert line_differences(b"h\n1\n2\n", b"h\n1\n3\n4\n") == [
        Difference("line 3", "2", "3"),
        Difference("line 4", ABSENT, "4"),
    ]


def test_the_same_document_has_none_and_a_retyped_figure_in_it_is_still_named() -> None:
    document = {"counts": {"votes": [{"code": "21", "votes": 2}], "valid": 2}, "final": True}
    assert differences(document, {**document}) == []
    retyped = {**document, "final": 1}
    assert differences(document, retyped) == [Difference("final", "true", "1")]
    assert differences({"share": 1.0}, {"share": 1}) == [Difference("share", "1.0", "1")]
