"""A contest's selection vector (`docs/e2e.md` §6): options, Ē_c, nonces and every proof."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import replace

import pytest

from sandogh.core.e2e import elgamal
from sandogh.core.e2e.range_proof import derived_randomness, prove_range
from sandogh.core.e2e.selection_vector import (
    BLANK,
    CONTEST_LABEL,
    EncryptedContest,
    EncryptedSelection,
    contest_sum,
)
from tests.core.e2e.ballot_build import (
    BOX,
    CONTEXT,
    DEVICE,
    NONCE,
    STATION,
    VOTE,
    G,
    decrypted,
    encrypt,
    problem_paths,
    vector_at,
    with_contest,
)


def test_options_are_the_candidates_in_order_then_the_blank_indicator() -> None:
    assert [c.contest for c in VOTE.contests] == ["president", "parliament"]
    assert [s.option for s in vector_at(VOTE, 1).selections] == ["31", "32", "33", "34", ""]
    assert len(vector_at(VOTE, 0).proof.c) == 1  # one seat: Ē encrypts exactly 0
    assert len(vector_at(VOTE, 1).proof.c) == 3


def test_the_shifted_contest_sum_encrypts_votes_plus_seats_times_blank_less_one() -> None:
    blank = encrypt({"parliament": ()})
    assert decrypted(contest_sum(G, vector_at(blank, 0), 3)) == 2
    assert decrypted(contest_sum(G, vector_at(VOTE, 1), 3)) == 1


def _encoded(*parts: bytes) -> bytes:
    return b"".join(len(p).to_bytes(4, "big") + p for p in parts)


def test_the_selection_nonce_is_the_spec_hash_keyed_with_the_box() -> None:
    box = hmac.digest(
        CONTEXT.extended_hash, b"\x27" + _encoded(STATION.encode(), DEVICE), hashlib.sha256
    )
    assert box == BOX
    message = _encoded(NONCE, b"president", b"21")
    wide = b"".join(hmac.digest(box, bytes([0x20, i]) + message, hashlib.sha256) for i in (0, 1))
    nonce = int.from_bytes(wide, "big") % G.q
    assert vector_at(VOTE, 0).selections[0].ciphertext == elgamal.encrypt(
        G, CONTEXT.joint_key, 0, nonce
    )


def test_a_changed_ciphertext_fails_its_proofs() -> None:
    contest = vector_at(VOTE, 1)
    selections = list(contest.selections)
    selections[2] = replace(selections[2], ciphertext=selections[1].ciphertext)
    changed = with_contest(VOTE, 1, replace(contest, selections=tuple(selections)))
    assert problem_paths(changed) == ["contests[1].selections[2].proof", "contests[1].proof"]


def test_swapped_or_missing_options_are_named() -> None:
    contest = vector_at(VOTE, 1)
    swapped = (contest.selections[1], contest.selections[0], *contest.selections[2:])
    assert "contests[1].selections" in problem_paths(
        with_contest(VOTE, 1, replace(contest, selections=swapped))
    )
    assert "contests[1].selections" in problem_paths(
        with_contest(VOTE, 1, replace(contest, selections=contest.selections[1:]))
    )


def test_an_element_off_the_group_is_named() -> None:
    contest = vector_at(VOTE, 0)
    bad = replace(contest.selections[0], ciphertext=elgamal.Ciphertext(b"\xff" * 32, G.identity))
    changed = with_contest(VOTE, 0, replace(contest, selections=(bad, *contest.selections[1:])))
    assert problem_paths(changed) == [
        "contests[0].selections[0].alpha",
        "contests[0].selections[0].proof",
    ]


def _forged_contest(values: dict[str, int], seats: int, claimed_sum: int) -> EncryptedContest:
    """A dishonest box's contest: each selection encrypts `values` (0 by default, blank
    included) with a 0..1 proof claiming min(value, 1), and the contest proof claims
    `claimed_sum`: the honest prover run on lies."""
    key, he = CONTEXT.joint_key, BOX
    selections, nonces = [], []
    for k, option in enumerate(("31", "32", "33", "34", BLANK)):
        value, nonce = values.get(option, 0), 1000 + k
        ciphertext = elgamal.encrypt(G, key, value, nonce)
        proof = prove_range(
            G, key, he, ciphertext, value=min(value, 1), nonce=nonce, bound=1,
            contest="parliament", option=option,
            randomness=derived_randomness(G, he, NONCE, "parliament", option),
        )  # fmt: skip
        selections.append(EncryptedSelection(option, ciphertext, proof))
        nonces.append(nonce)
    contest = EncryptedContest("parliament", tuple(selections), vector_at(VOTE, 1).proof)
    proof = prove_range(
        G, key, he, contest_sum(G, contest, seats), value=claimed_sum,
        nonce=sum(nonces[:-1]) + seats * nonces[-1], bound=seats - 1, contest="parliament",
        option=CONTEST_LABEL,
        randomness=derived_randomness(G, he, NONCE, "parliament", CONTEST_LABEL),
    )  # fmt: skip
    return replace(contest, proof=proof)


@pytest.mark.parametrize(
    ("values", "claimed", "failing"),
    [
        ({"31": 1, "32": 1, "33": 1, "34": 1}, 2, ["contests[1].proof"]),  # 4 for 3 seats
        ({"31": 1, BLANK: 1}, 2, ["contests[1].proof"]),  # a candidate and blank
        ({"31": 2}, 1, ["contests[1].selections[0].proof"]),  # 2 votes for one candidate
        ({"31": 3, "32": 0}, 2, ["contests[1].selections[0].proof"]),
    ],
)
def test_a_dishonest_box_is_caught(
    values: dict[str, int], claimed: int, failing: list[str]
) -> None:
    forged = with_contest(VOTE, 1, _forged_contest(values, 3, claimed))
    assert problem_paths(forged) == failing


def test_an_honest_forgery_helper_passes() -> None:
    """The helper itself makes a good contest when it does not lie."""
    honest = with_contest(VOTE, 1, _forged_contest({"31": 1, "34": 1}, 3, 1))
    assert problem_paths(honest) == []
