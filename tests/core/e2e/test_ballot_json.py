"""The record form of an encrypted ballot (`docs/e2e.md` §6), read strictly."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable
from typing import Any

import pytest

from sandogh.core.canonical_json import canonical_json
from sandogh.core.e2e.ballot import ElectionContext, encrypt_ballot
from sandogh.core.e2e.ballot_json import BallotFormatError, ballot_from_json, ballot_to_json
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.report.ballot import BallotContest

G = RISTRETTO255
CONTEXT = ElectionContext(G, hashlib.sha256(b"HE").digest(), G.base_exp(99))
BALLOT = (BallotContest("president", 1, ("21", "22")),)
VOTE = encrypt_ballot(CONTEXT, "ST-1", BALLOT, {"president": ("21",)}, bytes(32), device=bytes(32))


def _document() -> Any:
    return json.loads(canonical_json(ballot_to_json(VOTE)))


def test_the_json_form_reads_back_to_the_same_ballot() -> None:
    document = _document()
    assert ballot_from_json(G, document) == VOTE
    assert list(document) == ["contests", "station"]  # canonical: keys sorted
    selection = document["contests"][0]["selections"][2]
    assert selection["option"] == ""
    assert len(selection["alpha"]) == 64
    assert len(selection["proof"]["c"]) == 2


def _problems(document: Any) -> list[str]:
    with pytest.raises(BallotFormatError) as caught:
        ballot_from_json(G, document)
    return [p.path for p in caught.value.problems]


def _changed(path: tuple[str | int, ...], value: object) -> Any:
    document = copy.deepcopy(_document())
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


SELECTION = ("contests", 0, "selections", 1)


@pytest.mark.parametrize(
    ("path", "value", "named"),
    [
        ((*SELECTION, "alpha"), "AB" * 32, "contests[0].selections[1].alpha"),
        ((*SELECTION, "alpha"), "ab" * 31, "contests[0].selections[1].alpha"),
        ((*SELECTION, "beta"), "ff" * 32, "contests[0].selections[1].beta"),
        ((*SELECTION, "beta"), 7, "contests[0].selections[1].beta"),
        ((*SELECTION, "proof", "v", 1), "ff" * 32, "contests[0].selections[1].proof.v[1]"),
        ((*SELECTION, "proof", "c"), "00", "contests[0].selections[1].proof.c"),
        ((*SELECTION, "option"), None, "contests[0].selections[1].option"),
        (("contests", 0, "proof", "c", 0), "0x" + "0" * 62, "contests[0].proof.c[0]"),
        (("contests", 0, "contest"), "", "contests[0].contest"),
        (("contests", 0, "selections"), {}, "contests[0].selections"),
        (("station",), 5, "station"),
    ],
)
def test_a_malformed_field_is_named_by_its_path(
    path: tuple[str | int, ...], value: object, named: str
) -> None:
    assert _problems(_changed(path, value)) == [named]


def test_extra_and_missing_keys_are_named() -> None:
    extra = _changed((*SELECTION, "time"), "12:00")
    assert _problems(extra) == ["contests[0].selections[1].time"]
    missing = _document()
    del missing["contests"][0]["proof"]
    del missing["station"]
    assert _problems(missing) == ["station"]  # the ballot's keys first: the rest is not read
    missing = _document()
    del missing["contests"][0]["proof"]
    assert _problems(missing) == ["contests[0].proof"]
    assert _problems([]) == [""]


def test_every_problem_is_named_at_once() -> None:
    document = _changed((*SELECTION, "alpha"), "no")
    document["contests"][0]["selections"][0]["beta"] = "ff" * 32
    assert _problems(document) == [
        "contests[0].selections[0].beta",
        "contests[0].selections[1].alpha",
    ]


# a large contest (§11: 300 candidates for 4 seats) beside a selection vector
MAJLIS = BallotContest("majlis", 4, tuple(str(1000 + i) for i in range(300)))
MIXED = encrypt_ballot(
    CONTEXT,
    "ST-1",
    (*BALLOT, MAJLIS),
    {"president": ("21",), "majlis": ("1007",)},
    bytes(32),
    device=bytes(32),
)


def _mixed() -> Any:
    return json.loads(canonical_json(ballot_to_json(MIXED)))


def test_a_slot_contest_is_written_as_slots_and_sum_and_reads_back() -> None:
    document = _mixed()
    assert ballot_from_json(G, document) == MIXED
    majlis = document["contests"][1]
    assert sorted(majlis) == ["contest", "slots", "sum"]
    assert [len(bits) for bits in majlis["slots"]] == [9] * 4
    assert len(majlis["sum"]) == 9
    assert sorted(majlis["slots"][0][0]) == ["alpha", "beta", "proof"]
    assert len(majlis["sum"][8]["proof"]["v"]) == 2


def _mixed_problems(change: Callable[[Any], None]) -> list[str]:
    document = _mixed()
    change(document["contests"][1])
    return _problems(document)


def test_a_malformed_slot_contest_is_named_by_its_path() -> None:
    def bad_scalar(c: Any) -> None:
        c["slots"][2][3]["proof"]["c"][0] = "ff" * 32

    def bad_element(c: Any) -> None:
        c["sum"][4]["beta"] = "ff" * 32

    def both_forms(c: Any) -> None:
        c["proof"] = {"c": [], "v": []}

    def no_sum(c: Any) -> None:
        del c["sum"]

    def extra_bit_key(c: Any) -> None:
        c["slots"][0][8]["option"] = "#1.8"

    def not_a_list(c: Any) -> None:
        c["slots"][1] = {}

    assert _mixed_problems(bad_scalar) == ["contests[1].slots[2][3].proof.c[0]"]
    assert _mixed_problems(bad_element) == ["contests[1].sum[4].beta"]
    assert _mixed_problems(both_forms) == ["contests[1].proof"]
    assert _mixed_problems(no_sum) == ["contests[1].sum"]
    assert _mixed_problems(extra_bit_key) == ["contests[1].slots[0][8].option"]
    assert _mixed_problems(not_a_list) == ["contests[1].slots[1]"]
