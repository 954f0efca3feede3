"""A large contest's ballot as L slots (`docs/e2e.md` §11.1–§11.3, §11.5).

A vote for j ≤ L of m candidates is the row x_1 < … < x_L in 1..m + L: the chosen indices in
increasing order, then the empty slots m + 1, …. The ballot carries the gaps y_1 = x_1 − 1,
y_i = x_i − x_{i−1} − 1 and their sum s = x_L − L, each in 0..m by k bits with 0/1 proofs
(`range_proof`, R = 1) and weights 1, 2, …, 2^(k−2), m − 2^(k−1) + 1, whose sums are exactly
0..m; the sum's bits are encrypted so that their combination is the gaps' product itself. So
a valid slot contest names at most L distinct candidates with (L + 1)·k proofs, where a
selection vector takes m + 1: the distinctness is proved, not checked after decryption. The
slot ciphertexts X_j = Π_{l≤j} Y_l · (1, g^j) are what the mix-net (`shuffle`) takes.

Pure: the ballot nonce ξ_B is an argument, every other nonce is derived from it; every nonce
and proof is keyed with the box's H_D (`box`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.elgamal import Ciphertext, encrypt, shift
from sandogh.core.e2e.group import Group
from sandogh.core.e2e.hashing import Domain, hash_to_scalar, text, u32
from sandogh.core.e2e.range_proof import RangeProof, derived_randomness, prove_range, verify_range
from sandogh.core.errors import SandoghError

#: below this many candidates a selection vector is kept whatever the seats (§11.1)
LARGE_FROM = 256


class SlotChoicesError(SandoghError):
    """Choices that no slot ballot can carry; `problems` names each."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


@dataclass(frozen=True, slots=True)
class Bit:
    """One bit's ciphertext with its 0/1 proof."""

    ciphertext: Ciphertext
    proof: RangeProof


@dataclass(frozen=True, slots=True)
class SlotContest:
    """A large contest on a ballot: L gaps of k bits each, then the k bits of their sum."""

    contest: str
    gaps: tuple[tuple[Bit, ...], ...]
    total: tuple[Bit, ...]


def is_large(candidates: int, seats: int) -> bool:
    """§11.1: m ≥ 256 and 2·(L + 1)·k ≤ m + 1."""
    return candidates >= LARGE_FROM and 2 * (seats + 1) * candidates.bit_length() <= candidates + 1


def weights(candidates: int) -> tuple[int, ...]:
    """w_0..w_{k−1}: 2^i, and m − 2^(k−1) + 1 last, whose 0/1 sums are exactly 0..m."""
    if candidates < 1:
        raise SlotChoicesError([Problem("candidates", "a slot contest has candidates")])
    k = candidates.bit_length()
    return (*(2**i for i in range(k - 1)), candidates - 2 ** (k - 1) + 1)


def decompose(value: int, candidates: int) -> tuple[int, ...]:
    """§11.2's bits of `value` in 0..m, low first: the top bit set only from 2^(k−1) on."""
    w = weights(candidates)
    top = len(w) - 1
    rest, high = (value, 0) if value < 2**top else (value - w[top], 1)
    return (*((rest >> i) & 1 for i in range(top)), high)


def row_of(chosen: Sequence[int], candidates: int, seats: int) -> tuple[int, ...]:
    """The row x of the 1-based indices `chosen`: them in increasing order, then m + 1, …."""
    ordered = sorted(chosen)
    return (*ordered, *range(candidates + 1, candidates + 1 + seats - len(ordered)))


def read_row(values: Sequence[int], candidates: int, seats: int) -> tuple[tuple[int, ...], bool]:
    """A decrypted row's chosen indices (its values ≤ m; none for a blank ballot) and whether
    its empty slots are exactly m + 1, … as an honest box makes them (§11.5). A row that does
    not strictly increase within 1..m + L cannot come from valid ballots: `SlotChoicesError`."""
    if (
        len(values) != seats
        or any(not 1 <= x <= candidates + seats for x in values)
        or any(a >= b for a, b in itertools.pairwise(values))
    ):
        raise SlotChoicesError([Problem("row", f"{list(values)} is no row of {seats} slots")])
    chosen = tuple(x for x in values if x <= candidates)
    return chosen, tuple(values) == row_of(chosen, candidates, seats)


def encrypt_slots(
    group: Group,
    key: bytes,
    box: bytes,
    ballot_nonce: bytes,
    *,
    contest: str,
    candidates: Sequence[str],
    seats: int,
    chosen: Sequence[str],
) -> SlotContest:
    """§11.3: the slot contest of the codes `chosen` among `candidates` (the constituency's, in
    the definition's order), with every nonce and proof derived from `ballot_nonce`."""
    m = len(candidates)
    index = {code: i + 1 for i, code in enumerate(candidates)}
    problems = [
        Problem(f"chosen[{n}]", f"{code} is not a candidate of {contest}")
        for n, code in enumerate(chosen)
        if code not in index
    ]
    if len(set(chosen)) != len(chosen):
        problems.append(Problem("chosen", "a code is chosen twice"))
    if len(chosen) > seats:
        problems.append(Problem("chosen", f"{len(chosen)} codes for {seats} seats"))
    if problems:
        raise SlotChoicesError(problems)
    w = weights(m)
    row = row_of([index[code] for code in chosen], m, seats)
    gaps = [row[0] - 1, *(b - a - 1 for a, b in itertools.pairwise(row))]

    def bit(j: int, i: int, value: int, nonce: int) -> Bit:
        ciphertext = encrypt(group, key, value, nonce)
        label = f"#{j}.{i}"
        proof = prove_range(
            group,
            key,
            box,
            ciphertext,
            value=value,
            nonce=nonce,
            bound=1,
            contest=contest,
            option=label,
            randomness=derived_randomness(group, box, ballot_nonce, contest, label),
        )
        return Bit(ciphertext, proof)

    def nonce(j: int, i: int) -> int:
        return hash_to_scalar(
            group, box, Domain.SLOT_NONCE, ballot_nonce, text(contest), u32(j), u32(i)
        )

    gap_bits = []
    total_nonce = 0
    for j, gap in enumerate(gaps, start=1):
        nonces = [nonce(j, i) for i in range(len(w))]
        total_nonce += sum(wi * xi for wi, xi in zip(w, nonces, strict=True))
        gap_bits.append(
            tuple(
                bit(j, i, b, xi)
                for i, (b, xi) in enumerate(zip(decompose(gap, m), nonces, strict=True))
            )
        )
    top = len(w) - 1
    sum_nonces = [nonce(0, i) for i in range(top)]
    last = (total_nonce - sum(wi * xi for wi, xi in zip(w, sum_nonces, strict=False))) * pow(
        w[top], -1, group.q
    )
    sum_nonces.append(last % group.q)
    total = tuple(
        bit(0, i, b, xi)
        for i, (b, xi) in enumerate(zip(decompose(sum(gaps), m), sum_nonces, strict=True))
    )
    return SlotContest(contest, tuple(gap_bits), total)


def slot_problems(
    group: Group,
    key: bytes,
    box: bytes,
    slots: SlotContest,
    *,
    candidates: int,
    seats: int,
) -> list[Problem]:
    """§11.3's validity, every problem with its path: L gaps and a sum of k bits each, every
    bit's 0/1 proof under its label (c, "#j.i"), and the sum's bits combining to the gaps'
    product exactly."""
    k = candidates.bit_length()
    if len(slots.gaps) != seats or any(len(g) != k for g in (*slots.gaps, slots.total)):
        return [Problem("slots", f"{seats} gaps and a sum of {k} bits each are needed")]
    problems = []
    for j, bits in [*enumerate(slots.gaps, start=1), (0, slots.total)]:
        for i, one in enumerate(bits):
            at = f"sum[{i}]" if j == 0 else f"slots[{j - 1}][{i}]"
            if not verify_range(
                group,
                key,
                box,
                one.ciphertext,
                one.proof,
                bound=1,
                contest=slots.contest,
                option=f"#{j}.{i}",
            ):
                problems.append(Problem(at, "the 0/1 proof does not verify"))
    if problems:
        return problems
    w = weights(candidates)
    gaps = [combine(group, bits, w) for bits in slots.gaps]
    product = Ciphertext(group.product(g.alpha for g in gaps), group.product(g.beta for g in gaps))
    if combine(group, slots.total, w) != product:
        problems.append(Problem("sum", "the sum's bits do not combine to the gaps' product"))
    return problems


def slot_ciphertexts(group: Group, slots: SlotContest, candidates: int) -> tuple[Ciphertext, ...]:
    """X_1..X_L, encrypting x_1..x_L: X_j = Π_{l≤j} Y_l shifted by j (§11.3)."""
    w = weights(candidates)
    found = []
    alpha, beta = group.identity, group.identity
    for j, bits in enumerate(slots.gaps, start=1):
        gap = combine(group, bits, w)
        alpha, beta = group.op(alpha, gap.alpha), group.op(beta, gap.beta)
        found.append(shift(group, Ciphertext(alpha, beta), j))
    return tuple(found)


def combine(group: Group, bits: Sequence[Bit], w: Sequence[int]) -> Ciphertext:
    """Π_i B_i^{w_i}: the low bits' powers of two by doubling (Horner), one exponentiation
    for the top weight, which is no power of two in general."""
    top = len(w) - 1

    def component(parts: list[bytes]) -> bytes:
        low = group.identity
        for part in reversed(parts[:top]):
            low = group.op(group.op(low, low), part)
        return group.op(low, group.exp(parts[top], w[top]))

    return Ciphertext(
        component([b.ciphertext.alpha for b in bits]), component([b.ciphertext.beta for b in bits])
    )
