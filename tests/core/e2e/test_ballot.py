"""Encrypted ballots (`docs/e2e.md` §6, §7, §11): encryption, χ, checks, opening a challenge."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.e2e import slots
from sandogh.core.e2e.ballot import (
    ChoicesError,
    ElectionContext,
    EncryptedBallot,
    EncryptionError,
    ballot_hash,
    check_ballot,
    encrypt_ballot,
    open_challenged,
)
from sandogh.core.e2e.selection_vector import (
    BLANK,
    EncryptedContest,
)
from sandogh.core.e2e.slots import SlotContest
from sandogh.core.report.ballot import BallotContest
from tests.core.e2e.ballot_build import (
    BALLOT,
    BOX,
    CONTEXT,
    DEVICE,
    NONCE,
    SECRET,
    STATION,
    VOTE,
    G,
    decrypted,
    encrypt,
    problem_paths,
    vector_at,
)

parliament_votes = st.lists(st.sampled_from(["31", "32", "33", "34"]), max_size=3, unique=True)


@settings(max_examples=6, deadline=None)
@given(
    st.sampled_from([(), ("21",), ("22",)]), parliament_votes, st.binary(min_size=32, max_size=32)
)
def test_an_encrypted_ballot_is_well_formed_and_encrypts_the_choices(
    president: tuple[str, ...], parliament: list[str], nonce: bytes
) -> None:
    ballot = encrypt({"president": president, "parliament": tuple(parliament)}, nonce)
    assert check_ballot(CONTEXT, ballot, BALLOT, station=STATION, device=DEVICE) == []
    for contest, chosen in zip(
        map(vector_at, (ballot, ballot), (0, 1)), (president, parliament), strict=True
    ):
        for selection in contest.selections:
            expected = not chosen if selection.option == BLANK else selection.option in chosen
            assert decrypted(selection.ciphertext) == int(expected)


def test_only_the_contests_of_the_card_are_encrypted() -> None:
    ballot = encrypt({"parliament": ("34",)})
    assert [c.contest for c in ballot.contests] == ["parliament"]
    assert check_ballot(CONTEXT, ballot, BALLOT, station=STATION, device=DEVICE) == []


def test_a_ballot_is_a_function_of_its_nonce_and_choices() -> None:
    assert encrypt({"parliament": ("31", "33"), "president": ("22",)}) == VOTE
    other = encrypt({"parliament": ("31", "33"), "president": ("22",)}, bytes(32))
    assert (
        vector_at(other, 0).selections[0].ciphertext != vector_at(VOTE, 0).selections[0].ciphertext
    )


def test_the_ballot_hash_is_the_spec_hash_of_the_ciphertexts() -> None:
    parts = [STATION.encode()]
    for contest in map(vector_at, (VOTE, VOTE), (0, 1)):
        parts.append(contest.contest.encode())
        for s in contest.selections:
            parts += [s.ciphertext.alpha, s.ciphertext.beta]
    message = b"\x22" + b"".join(len(p).to_bytes(4, "big") + p for p in parts)
    expected = hmac.digest(CONTEXT.extended_hash, message, hashlib.sha256)
    assert ballot_hash(CONTEXT, VOTE) == expected
    assert ballot_hash(CONTEXT, replace(VOTE, station="ST-0801-0002")) != expected


@pytest.mark.parametrize(
    ("choices", "path", "words"),
    [
        ({"mayor": ()}, "choices[mayor]", "not a contest"),
        ({"president": ("23",)}, "choices[president][0]", "not a candidate"),
        ({"parliament": ("31", "31")}, "choices[parliament][1]", "chosen twice"),
        ({"president": ("21", "22")}, "choices[president]", "2 codes chosen for 1 seat"),
    ],
)
def test_choices_that_are_no_vote_are_refused_naming_what(
    choices: dict[str, tuple[str, ...]], path: str, words: str
) -> None:
    with pytest.raises(ChoicesError) as caught:
        encrypt(choices)
    assert [p.path for p in caught.value.problems] == [path]
    assert words in caught.value.problems[0].message


def test_a_ballot_nonce_of_another_length_is_refused() -> None:
    with pytest.raises(EncryptionError, match="ballot_nonce"):
        encrypt({"president": ()}, bytes(31))


def test_contests_off_the_ballot_twice_or_out_of_order_are_named() -> None:
    president, parliament = VOTE.contests
    assert problem_paths(replace(VOTE, contests=(parliament, president))) == ["contests[1].contest"]
    assert problem_paths(replace(VOTE, contests=(president, president))) == ["contests[1].contest"]
    mayor = replace(president, contest="mayor")
    assert problem_paths(replace(VOTE, contests=(mayor,))) == ["contests[0].contest"]
    assert problem_paths(replace(VOTE, contests=())) == ["contests"]


def test_a_challenged_ballot_opens_to_its_choices() -> None:
    choices = {"president": ("22",), "parliament": ("31", "33")}
    assert (
        open_challenged(CONTEXT, STATION, BALLOT, VOTE, device=DEVICE, nonce=NONCE, choices=choices)
        == []
    )


def test_a_challenged_ballot_that_lies_is_named() -> None:
    lie = {"president": ("21",), "parliament": ("31", "33")}
    problems = open_challenged(
        CONTEXT, STATION, BALLOT, VOTE, device=DEVICE, nonce=NONCE, choices=lie
    )
    # Ē of a one-seat contest is the same encryption of 0 whichever candidate: so is its proof
    assert [p.path for p in problems] == ["contests[0].selections[0]", "contests[0].selections[1]"]
    truth = {"president": ("22",), "parliament": ("31", "33")}
    assert open_challenged(
        CONTEXT, STATION, BALLOT, VOTE, device=DEVICE, nonce=bytes(32), choices=truth
    )
    # another station encrypts to other bytes (its H_D): named, and every selection with it
    assert [
        p.path
        for p in open_challenged(
            CONTEXT, "X", BALLOT, VOTE, device=DEVICE, nonce=NONCE, choices=truth
        )
    ][:2] == ["station", "contests[0].selections[0]"]
    assert [
        p.path
        for p in open_challenged(
            CONTEXT, STATION, BALLOT, VOTE, device=DEVICE, nonce=NONCE, choices={"president": ()}
        )
    ] == ["contests"]
    assert [
        p.path
        for p in open_challenged(
            CONTEXT,
            STATION,
            BALLOT,
            VOTE,
            device=DEVICE,
            nonce=NONCE,
            choices={"president": ("9",)},
        )
    ] == ["choices[president][0]"]


def test_a_context_with_a_bad_key_or_hash_is_refused() -> None:
    with pytest.raises(EncryptionError) as caught:
        ElectionContext(G, b"short", b"\xff" * 32)
    assert [p.path for p in caught.value.problems] == ["extended_hash", "joint_key"]


# A large contest (§11): 300 candidates for 6 seats is large by §11.1 (2·7·9 = 126 ≤ 301), so
# it is encrypted as 6 gaps and a sum of 9 bits; the president beside it keeps its vector.
MAJLIS = BallotContest("majlis", 6, tuple(str(1000 + i) for i in range(300)))


MIXED = (BALLOT[0], MAJLIS)


MIXED_CHOICES = {"president": ("21",), "majlis": ("1299", "1000", "1150")}


MIXED_VOTE = encrypt_ballot(CONTEXT, STATION, MIXED, MIXED_CHOICES, NONCE, device=DEVICE)


def _slot_values(contest: SlotContest) -> list[int]:
    """The row x_1..x_L the slot contest encrypts, by the election's secret (tests only)."""
    powers = {G.base_exp(v): v for v in range(1, 307)}
    return [
        powers[G.div(x.beta, G.exp(x.alpha, SECRET))]
        for x in slots.slot_ciphertexts(G, contest, 300)
    ]


def _mixed_paths(ballot: EncryptedBallot) -> list[str]:
    return [p.path for p in check_ballot(CONTEXT, ballot, MIXED, station=STATION, device=DEVICE)]


def test_a_large_contest_is_encrypted_as_slots_beside_a_selection_vector() -> None:
    president, majlis = MIXED_VOTE.contests
    assert isinstance(president, EncryptedContest)
    assert isinstance(majlis, SlotContest)
    assert (len(majlis.gaps), {len(g) for g in majlis.gaps}, len(majlis.total)) == (6, {9}, 9)
    assert check_ballot(CONTEXT, MIXED_VOTE, MIXED, station=STATION, device=DEVICE) == []
    # candidates 1000, 1150 and 1299 are indices 1, 151 and 300; then three empty slots
    assert _slot_values(majlis) == [1, 151, 300, 301, 302, 303]
    assert majlis == slots.encrypt_slots(
        G,
        CONTEXT.joint_key,
        BOX,
        NONCE,
        contest="majlis",
        candidates=MAJLIS.candidates,
        seats=6,
        chosen=["1000", "1150", "1299"],
    )


@settings(max_examples=5, deadline=None)
@given(st.lists(st.integers(1, 300), max_size=6, unique=True), st.binary(min_size=32, max_size=32))
def test_any_vote_in_a_large_contest_checks_and_encrypts_its_row(
    chosen: list[int], nonce: bytes
) -> None:
    codes = [MAJLIS.candidates[i - 1] for i in chosen]
    ballot = encrypt_ballot(CONTEXT, STATION, MIXED, {"majlis": codes}, nonce, device=DEVICE)
    (majlis,) = ballot.contests
    assert isinstance(majlis, SlotContest)
    assert check_ballot(CONTEXT, ballot, MIXED, station=STATION, device=DEVICE) == []
    assert _slot_values(majlis) == list(slots.row_of(chosen, 300, 6))


def test_a_blank_vote_in_a_large_contest_is_the_row_of_empty_slots() -> None:
    ballot = encrypt_ballot(CONTEXT, STATION, MIXED, {"majlis": ()}, NONCE, device=DEVICE)
    (majlis,) = ballot.contests
    assert isinstance(majlis, SlotContest)
    assert check_ballot(CONTEXT, ballot, MIXED, station=STATION, device=DEVICE) == []
    assert _slot_values(majlis) == list(range(301, 307))


def test_too_many_codes_for_a_large_contest_are_refused_before_encrypting() -> None:
    with pytest.raises(ChoicesError, match=r"choices\[majlis\]"):
        encrypt_ballot(
            CONTEXT, STATION, MIXED, {"majlis": MAJLIS.candidates[:7]}, NONCE, device=DEVICE
        )


def test_the_ballot_hash_takes_a_slot_contest_bit_by_bit_then_its_sum() -> None:
    president, majlis = MIXED_VOTE.contests
    assert isinstance(president, EncryptedContest)
    assert isinstance(majlis, SlotContest)
    parts = [STATION.encode(), b"president"]
    for s in president.selections:
        parts += [s.ciphertext.alpha, s.ciphertext.beta]
    parts.append(b"majlis")
    for bits in (*majlis.gaps, majlis.total):
        for bit in bits:
            parts += [bit.ciphertext.alpha, bit.ciphertext.beta]
    message = b"\x22" + b"".join(len(p).to_bytes(4, "big") + p for p in parts)
    expected = hmac.digest(CONTEXT.extended_hash, message, hashlib.sha256)
    assert ballot_hash(CONTEXT, MIXED_VOTE) == expected


def _with_slots(
    gaps: tuple[tuple[slots.Bit, ...], ...] | None = None,
    total: tuple[slots.Bit, ...] | None = None,
) -> EncryptedBallot:
    majlis = MIXED_VOTE.contests[1]
    assert isinstance(majlis, SlotContest)
    changed = SlotContest("majlis", gaps or majlis.gaps, total or majlis.total)
    return replace(MIXED_VOTE, contests=(MIXED_VOTE.contests[0], changed))


def test_a_tampered_slot_bit_or_sum_is_named_by_its_path() -> None:
    majlis = MIXED_VOTE.contests[1]
    assert isinstance(majlis, SlotContest)
    gaps = [list(g) for g in majlis.gaps]
    gaps[2][3] = replace(gaps[2][3], ciphertext=gaps[2][4].ciphertext)
    assert _mixed_paths(_with_slots(gaps=tuple(tuple(g) for g in gaps))) == [
        "contests[1].slots[2][3]"
    ]
    total = list(majlis.total)
    total[5] = replace(total[5], proof=total[6].proof)
    assert _mixed_paths(_with_slots(total=tuple(total))) == ["contests[1].sum[5]"]
    # valid bits of another vote's sum: every proof holds, the sum does not
    other = encrypt_ballot(
        CONTEXT, STATION, MIXED, {"majlis": ("1001",)}, NONCE, device=DEVICE
    ).contests[0]
    assert isinstance(other, SlotContest)
    assert _mixed_paths(_with_slots(total=other.total)) == ["contests[1].sum"]
    assert _mixed_paths(_with_slots(gaps=majlis.gaps[:5])) == ["contests[1].slots"]


def test_a_contest_in_the_other_form_is_named() -> None:
    vector = replace(vector_at(VOTE, 1), contest="majlis")
    as_vector = replace(MIXED_VOTE, contests=(MIXED_VOTE.contests[0], vector))
    assert _mixed_paths(as_vector) == ["contests[1]"]
    majlis = MIXED_VOTE.contests[1]
    as_slots = replace(VOTE, contests=(replace(majlis, contest="president"), VOTE.contests[1]))
    assert problem_paths(as_slots) == ["contests[0]"]


def test_a_challenged_slot_ballot_opens_and_a_lie_is_named_by_bit() -> None:
    opened = open_challenged(
        CONTEXT, STATION, MIXED, MIXED_VOTE, device=DEVICE, nonce=NONCE, choices=MIXED_CHOICES
    )
    assert opened == []
    lie = {"president": ("21",), "majlis": ("1299", "1000", "1151")}
    paths = [
        p.path
        for p in open_challenged(
            CONTEXT, STATION, MIXED, MIXED_VOTE, device=DEVICE, nonce=NONCE, choices=lie
        )
    ]
    # only the second gap (149 → 150) and the third (148 → 147) change: x_L, so the sum, stays
    assert "contests[1].slots[1][0]" in paths
    assert all(p.startswith(("contests[1].slots[1]", "contests[1].slots[2]")) for p in paths)


@pytest.mark.parametrize(
    ("station", "device"),
    [("ST-0801-0002", DEVICE), (STATION, bytes(32))],
    ids=["another station", "another box"],
)
def test_a_ballot_copied_into_another_chain_fails_every_proof_there(
    station: str, device: bytes
) -> None:
    """Finding S17-1: a box that copies another station's ballot into its own chain (relabelled)
    for the guardians to decrypt it alone: its proofs hold only for the box that made them."""
    copied = replace(MIXED_VOTE, station=station)
    problems = check_ballot(CONTEXT, copied, MIXED, station=station, device=device)
    president, majlis = MIXED_VOTE.contests
    assert isinstance(president, EncryptedContest)
    assert isinstance(majlis, SlotContest)
    proofs = len(president.selections) + 1 + (len(majlis.gaps) + 1) * len(majlis.total)
    assert len(problems) == proofs
    assert {p.message for p in problems} == {
        "the 0..1 proof does not verify",
        "the 0..0 contest proof does not verify",
        "the 0/1 proof does not verify",
    }
    assert check_ballot(CONTEXT, MIXED_VOTE, MIXED, station=STATION, device=DEVICE) == []
