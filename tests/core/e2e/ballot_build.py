"""One station's ballot, its election context and an encrypted vote on it, for the ballot
tests."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from sandogh.core.e2e import elgamal
from sandogh.core.e2e.ballot import (
    ElectionContext,
    EncryptedBallot,
    check_ballot,
    encrypt_ballot,
)
from sandogh.core.e2e.context import box_hash
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.selection_vector import EncryptedContest
from sandogh.core.report.ballot import BallotContest

G = RISTRETTO255
SECRET = 0xC0FFEE
CONTEXT = ElectionContext(G, hashlib.sha256(b"HE").digest(), G.base_exp(SECRET))
STATION = "ST-0801-0001"
BALLOT = (
    BallotContest("president", 1, ("21", "22")),
    BallotContest("parliament", 3, ("31", "32", "33", "34")),
)
NONCE = bytes(range(32))
DEVICE = bytes(range(32, 64))  # the box's Ed25519 key, as raw bytes
BOX = box_hash(CONTEXT.extended_hash, STATION, DEVICE)


def decrypted(ciphertext: elgamal.Ciphertext) -> int:
    """The small value `ciphertext` encrypts, by the election's secret (tests only)."""
    plain = G.div(ciphertext.beta, G.exp(ciphertext.alpha, SECRET))
    return next(v for v in range(8) if G.base_exp(v) == plain)


def vector_at(ballot: EncryptedBallot, i: int) -> EncryptedContest:
    """The ballot's i-th contest, a selection vector."""
    contest = ballot.contests[i]
    assert isinstance(contest, EncryptedContest)
    return contest


def encrypt(choices: dict[str, tuple[str, ...]], nonce: bytes = NONCE) -> EncryptedBallot:
    return encrypt_ballot(CONTEXT, STATION, BALLOT, choices, nonce, device=DEVICE)


VOTE = encrypt({"parliament": ("33", "31"), "president": ("22",)})


def problem_paths(ballot: EncryptedBallot) -> list[str]:
    return [p.path for p in check_ballot(CONTEXT, ballot, BALLOT, station=STATION, device=DEVICE)]


def with_contest(ballot: EncryptedBallot, i: int, contest: EncryptedContest) -> EncryptedBallot:
    contests = list(ballot.contests)
    contests[i] = contest
    return replace(ballot, contests=tuple(contests))
