"""The record form of an encrypted ballot (`docs/e2e.md` §6), read strictly."""

from __future__ import annotations

import copy
import hashlib
import json
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
VOTE = encrypt_ballot(CONTEXT, "ST-1", BALLOT, {"president": ("21",)}, bytes(32))


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
