"""A large contest's slots (`docs/e2e.md` §11.1–§11.3, §11.5): the k-bit range, completeness
(a valid ballot verifies and its slots decrypt to its row), and soundness against slots that
go above m + L, repeat a candidate, or move a bit."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.e2e import shuffle, slots
from sandogh.core.e2e.elgamal import Ciphertext, encrypt
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.range_proof import derived_randomness, prove_range

G = RISTRETTO255
SECRET = 0x51075
KEY = G.base_exp(SECRET)
HE = hashlib.sha256(b"a large election").digest()
NONCE = bytes(range(32))
CONTEST = "majlis"


def _codes(m: int) -> list[str]:
    return [str(1000 + i) for i in range(m)]


def _decrypt(ciphertext: Ciphertext, most: int) -> int:
    plain = G.div(ciphertext.beta, G.exp(ciphertext.alpha, SECRET))
    return next(x for x in range(most + 1) if G.base_exp(x) == plain)


def _problems(contest: slots.SlotContest, m: int, seats: int) -> list[str]:
    found = slots.slot_problems(G, KEY, HE, contest, candidates=m, seats=seats)
    return [p.path for p in found]


def _bit(j: int, i: int, encrypted: int, nonce: int) -> slots.Bit:
    """A bit that encrypts `encrypted` with a proof that claims 0 or 1: what a cheating box can
    make."""
    ciphertext = encrypt(G, KEY, encrypted, nonce)
    label = f"#{j}.{i}"
    proof = prove_range(
        G,
        KEY,
        HE,
        ciphertext,
        value=min(max(encrypted, 0), 1),
        nonce=nonce,
        bound=1,
        contest=CONTEST,
        option=label,
        randomness=derived_randomness(G, HE, NONCE, CONTEST, label),
    )
    return slots.Bit(ciphertext, proof)


def _forged(m: int, gaps: list[list[int]], total: list[int]) -> slots.SlotContest:
    """Bits encrypting the values given, with the sum's nonces fitted to the gaps' as §11.3
    fits them: so only the values can make it fail."""
    w = slots.weights(m)
    gap_nonces = [[7 * j + i + 1 for i in range(len(w))] for j in range(1, len(gaps) + 1)]
    nonce = sum(wi * n for row in gap_nonces for wi, n in zip(w, row, strict=True))
    total_nonces = [11 * i + 3 for i in range(len(w) - 1)]
    rest = nonce - sum(wi * n for wi, n in zip(w, total_nonces, strict=False))
    total_nonces.append(rest * pow(w[-1], -1, G.q) % G.q)
    return slots.SlotContest(
        CONTEST,
        tuple(
            tuple(_bit(j, i, b, n) for i, (b, n) in enumerate(zip(bits, row, strict=True)))
            for j, (bits, row) in enumerate(zip(gaps, gap_nonces, strict=True), start=1)
        ),
        tuple(_bit(0, i, b, n) for i, (b, n) in enumerate(zip(total, total_nonces, strict=True))),
    )


@pytest.mark.parametrize("m", [*range(1, 70), 255, 256, 300, 3000, 4095, 4096])
def test_the_weights_make_exactly_zero_to_m(m: int) -> None:
    w = slots.weights(m)
    assert len(w) == m.bit_length()
    for value in range(m + 1):
        bits = slots.decompose(value, m)
        assert set(bits) <= {0, 1}
        assert sum(b * wi for b, wi in zip(bits, w, strict=True)) == value
    if m < 70:
        sums = {0}
        for wi in w:
            sums |= {s + wi for s in sums}
        assert sums == set(range(m + 1))


def test_which_contests_are_large() -> None:
    assert slots.is_large(3000, 30)
    assert slots.is_large(300, 6)
    assert not slots.is_large(300, 30)
    assert not slots.is_large(255, 1)
    assert not slots.is_large(2, 1)


@settings(max_examples=6, deadline=None)
@given(st.data(), st.integers(1, 40), st.integers(1, 4))
def test_a_ballot_verifies_and_its_slots_decrypt_to_its_row(
    data: st.DataObject, m: int, seats: int
) -> None:
    codes = _codes(m)
    chosen = data.draw(st.lists(st.sampled_from(codes), max_size=seats, unique=True))
    contest = slots.encrypt_slots(
        G, KEY, HE, NONCE, contest=CONTEST, candidates=codes, seats=seats, chosen=chosen
    )
    assert _problems(contest, m, seats) == []
    values = [_decrypt(x, m + seats) for x in slots.slot_ciphertexts(G, contest, m)]
    indices = sorted(codes.index(code) + 1 for code in chosen)
    assert slots.read_row(values, m, seats) == (tuple(indices), True)
    again = slots.encrypt_slots(
        G, KEY, HE, NONCE, contest=CONTEST, candidates=codes, seats=seats, chosen=chosen[::-1]
    )
    assert again == contest  # a challenged ballot is checked by encrypting it again (§7)


def test_a_blank_ballot_is_the_row_of_empty_slots() -> None:
    codes = _codes(9)
    contest = slots.encrypt_slots(
        G, KEY, HE, NONCE, contest=CONTEST, candidates=codes, seats=3, chosen=[]
    )
    assert _problems(contest, 9, 3) == []
    values = [_decrypt(x, 12) for x in slots.slot_ciphertexts(G, contest, 9)]
    assert values == [10, 11, 12]
    assert slots.read_row(values, 9, 3) == ((), True)


def test_the_forgery_helper_makes_valid_slots_from_honest_values() -> None:
    # m = 5 (weights 1, 2, 2), two seats: row (2, 5), gaps 1 and 2, sum 3
    assert _problems(_forged(5, [[1, 0, 0], [0, 1, 0]], [1, 1, 0]), 5, 2) == []


def test_a_slot_above_m_plus_seats_fails_its_proof() -> None:
    # m = 5, two seats: gaps 3 and 3 are each in 0..5 but sum to 6 > m, so x_2 = 8 > m + L = 7
    m, seats = 5, 2
    gaps = [[1, 1, 0], [1, 1, 0]]
    # the sum 6 has no 0/1 bits: a bit that encrypts 2 cannot prove 0/1
    assert "sum[2]" in _problems(_forged(m, gaps, [0, 0, 3]), m, seats)
    # and honest bits of any value ≤ m do not combine to the gaps' product
    assert _problems(_forged(m, gaps, [1, 0, 2]), m, seats) == ["sum[2]"]
    assert _problems(_forged(m, gaps, [1, 0, 1]), m, seats) == ["sum"]
    # a gap above m: its top bit would have to encrypt 2
    assert "slots[0][2]" in _problems(_forged(m, [[1, 1, 2], [0, 0, 0]], [1, 1, 2]), m, seats)


def test_a_repeated_candidate_fails_its_proof() -> None:
    # x_2 = x_1 needs the gap −1: some bit of it encrypts −1, which no 0/1 proof covers
    assert "slots[1][0]" in _problems(_forged(5, [[1, 0, 0], [-1, 0, 0]], [0, 0, 0]), 5, 2)


def test_a_bit_moved_to_another_place_fails() -> None:
    m, seats = 9, 3
    contest = slots.encrypt_slots(
        G, KEY, HE, NONCE, contest=CONTEST, candidates=_codes(m), seats=seats, chosen=["1004"]
    )
    first, second, third = contest.gaps
    swapped = dataclasses.replace(contest, gaps=(second, first, third))
    assert _problems(swapped, m, seats)
    other = dataclasses.replace(contest, contest="another")
    assert _problems(other, m, seats)


def test_a_contest_of_the_wrong_shape_is_refused() -> None:
    m, seats = 9, 3
    contest = slots.encrypt_slots(
        G, KEY, HE, NONCE, contest=CONTEST, candidates=_codes(m), seats=seats, chosen=[]
    )
    assert _problems(dataclasses.replace(contest, gaps=contest.gaps[:2]), m, seats) == ["slots"]
    assert _problems(dataclasses.replace(contest, total=contest.total[:3]), m, seats) == ["slots"]


def test_choices_that_no_slot_ballot_carries_are_refused() -> None:
    codes = _codes(9)
    with pytest.raises(slots.SlotChoicesError) as refused:
        slots.encrypt_slots(
            G,
            KEY,
            HE,
            NONCE,
            contest=CONTEST,
            candidates=codes,
            seats=2,
            chosen=["1001", "77", "1001"],
        )
    assert [p.path for p in refused.value.problems] == ["chosen[1]", "chosen", "chosen"]


def test_a_decrypted_row_is_read_and_an_odd_one_reported() -> None:
    assert slots.read_row([3, 10, 12], 9, 3) == ((3,), False)
    assert slots.read_row([3, 9, 10], 9, 3) == ((3, 9), True)
    for bad in ([3, 3, 10], [0, 10, 11], [3, 10, 13], [3, 10]):
        with pytest.raises(slots.SlotChoicesError):
            slots.read_row(bad, 9, 3)


def test_ballots_mixed_as_rows_decrypt_to_the_same_votes() -> None:
    m, seats = 12, 3
    codes = _codes(m)
    votes = [["1003", "1011"], [], ["1000", "1001", "1002"], ["1011"]]
    rows = [
        slots.slot_ciphertexts(
            G,
            slots.encrypt_slots(
                G,
                KEY,
                HE,
                bytes([n]) * 32,
                contest=CONTEST,
                candidates=codes,
                seats=seats,
                chosen=chosen,
            ),
            m,
        )
        for n, chosen in enumerate(votes)
    ]
    context = shuffle.MixContext(G, KEY, HE, f"{CONTEST}/k/1")
    permutation = [2, 0, 3, 1]
    nonces = [[9 * j + k + 1 for k in range(seats)] for j in range(len(rows))]
    mixed = shuffle.shuffle(G, KEY, rows, permutation=permutation, nonces=nonces)
    proof = shuffle.prove_shuffle(
        context, rows, mixed, permutation=permutation, nonces=nonces, seed=b"mixer"
    )
    shuffle.check_shuffle(context, rows, mixed, proof)
    read = sorted(
        slots.read_row([_decrypt(x, m + seats) for x in row], m, seats)[0] for row in mixed
    )
    expected = sorted(tuple(sorted(codes.index(c) + 1 for c in chosen)) for chosen in votes)
    assert read == expected


@settings(max_examples=25, deadline=None)
@given(st.data(), st.integers(2, 12), st.integers(1, 3))
def test_forged_bits_verify_exactly_when_they_make_a_row(
    data: st.DataObject, m: int, seats: int
) -> None:
    k = m.bit_length()
    values = st.lists(st.sampled_from([-1, 0, 1, 2]), min_size=k, max_size=k)
    gaps = data.draw(st.lists(values, min_size=seats, max_size=seats))
    total = data.draw(values)
    w = slots.weights(m)
    honest = all(set(bits) <= {0, 1} for bits in (*gaps, total)) and sum(
        b * wi for bits in gaps for b, wi in zip(bits, w, strict=True)
    ) == sum(b * wi for b, wi in zip(total, w, strict=True))
    assert (_problems(_forged(m, gaps, total), m, seats) == []) == honest
