"""The station tally (`docs/e2e.md` §8): the products of cast ballots, N_c and the tally hash."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import replace

import pytest

from sandogh.core.e2e.ballot import ElectionContext, encrypt_ballot
from sandogh.core.e2e.elgamal import Ciphertext
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.selection_vector import EncryptedContest
from sandogh.core.e2e.tally import TallyError, station_tally, tally_hash
from sandogh.core.e2e.tally_files import decode_tally, encode_tally
from sandogh.core.report.ballot import BallotContest

G = RISTRETTO255
SECRET = 0xBEEF
CONTEXT = ElectionContext(G, hashlib.sha256(b"HE").digest(), G.base_exp(SECRET))
STATION = "ST-1"
BALLOT = (
    BallotContest("president", 1, ("21", "22")),
    BallotContest("parliament", 2, ("31", "32", "33")),
    BallotContest("council", 3, ("41", "42", "43", "44")),
)
CHOICES: tuple[dict[str, tuple[str, ...]], ...] = (
    {"president": ("21",), "parliament": ("31", "33")},
    {"president": ("21",), "parliament": ()},
    {"parliament": ("33",)},
)
CAST = [
    encrypt_ballot(CONTEXT, STATION, BALLOT, choices, bytes([i]) * 32, device=bytes(32))
    for i, choices in enumerate(CHOICES)
]
TALLY = station_tally(CONTEXT, STATION, BALLOT, CAST)


def _value(ciphertext: Ciphertext) -> int:
    plain = G.div(ciphertext.beta, G.exp(ciphertext.alpha, SECRET))
    return next(v for v in range(10) if G.base_exp(v) == plain)


def test_each_option_tallies_its_votes_and_each_contest_its_ballots() -> None:
    counts = {
        contest.contest: (contest.ballots, {o: _value(ct) for o, ct in contest.options})
        for contest in TALLY.contests
    }
    assert counts == {
        "president": (2, {"21": 2, "22": 0, "": 0}),
        "parliament": (3, {"31": 1, "32": 0, "33": 2, "": 1}),
        "council": (0, {"41": 0, "42": 0, "43": 0, "44": 0, "": 0}),
    }
    council = TALLY.contests[2]
    assert all(ct == Ciphertext(G.identity, G.identity) for _, ct in council.options)


def test_the_tally_hash_is_the_spec_hash() -> None:
    parts = [STATION.encode()]
    for contest in TALLY.contests:
        parts += [contest.contest.encode(), contest.ballots.to_bytes(4, "big")]
        for _, ct in contest.options:
            parts += [ct.alpha, ct.beta]
    message = b"\x32" + b"".join(len(p).to_bytes(4, "big") + p for p in parts)
    expected = hmac.digest(CONTEXT.extended_hash, message, hashlib.sha256)
    assert tally_hash(CONTEXT, TALLY) == expected
    fewer = station_tally(CONTEXT, STATION, BALLOT, CAST[:2])
    assert tally_hash(CONTEXT, fewer) != expected


def test_ballots_of_another_station_or_ballot_are_refused_by_place() -> None:
    moved = replace(CAST[1], station="ST-2")
    contest = CAST[2].contests[0]
    assert isinstance(contest, EncryptedContest)
    short = replace(CAST[2], contests=(replace(contest, selections=contest.selections[1:]),))
    with pytest.raises(TallyError) as caught:
        station_tally(CONTEXT, STATION, BALLOT, [CAST[0], moved, short])
    assert [p.path for p in caught.value.problems] == ["[1].station", "[2].contests[0]"]


# a large contest (§11.1: 300 candidates, 5 seats), encrypted as slots: no homomorphic tally
MAJLIS = BallotContest("majlis", 5, tuple(str(1000 + i) for i in range(300)))
MIXED = (BALLOT[0], MAJLIS)
MIXED_CHOICES: tuple[dict[str, tuple[str, ...]], ...] = (
    {"president": ("21",), "majlis": ("1000", "1200")},
    {"majlis": ()},
    {"president": ("22",)},
)
MIXED_CAST = [
    encrypt_ballot(CONTEXT, STATION, MIXED, choices, bytes([i]) * 32, device=bytes(32))
    for i, choices in enumerate(MIXED_CHOICES)
]


def test_a_large_contest_is_tallied_by_its_ballots_only() -> None:
    tally = station_tally(CONTEXT, STATION, MIXED, MIXED_CAST)
    president, majlis = tally.contests
    assert (president.ballots, {o: _value(ct) for o, ct in president.options}) == (
        2,
        {"21": 1, "22": 1, "": 0},
    )
    assert (majlis.contest, majlis.ballots, majlis.options) == ("majlis", 2, ())
    parts = [STATION.encode(), b"president", (2).to_bytes(4, "big")]
    for _, ct in president.options:
        parts += [ct.alpha, ct.beta]
    parts += [b"majlis", (2).to_bytes(4, "big")]
    message = b"\x32" + b"".join(len(p).to_bytes(4, "big") + p for p in parts)
    expected = hmac.digest(CONTEXT.extended_hash, message, hashlib.sha256)
    assert tally_hash(CONTEXT, tally) == expected
    assert decode_tally(G, encode_tally(tally), "tally.json") == tally


def test_a_contest_in_the_other_form_is_refused_by_place() -> None:
    slot_majlis = MIXED_CAST[0].contests[1]
    vector = CAST[0].contests[0]
    wrong = [
        replace(
            MIXED_CAST[0], contests=(MIXED_CAST[0].contests[0], replace(vector, contest="majlis"))
        ),
        replace(MIXED_CAST[2], contests=(replace(slot_majlis, contest="president"),)),
    ]
    with pytest.raises(TallyError) as caught:
        station_tally(CONTEXT, STATION, MIXED, wrong)
    assert [p.path for p in caught.value.problems] == ["[0].contests[1]", "[1].contests[0]"]
