"""A large contest on a ballot, as slots (`docs/e2e.md` §6, §11.2–§11.3): its form (V7), its
validity (V21), its slot ciphertexts X_1..X_L for the mix input (V22) and, for a challenged
ballot, its encryption again from the ballot nonce (V13). Written from the spec's text.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sandogh.core.e2e.hashing import Domain, hash_to_scalar, text, u32
from sandogh.verify_election.checks import Check, Ledger
from sandogh.verify_election.definition import ContestBallot
from sandogh.verify_election.election import GROUP, Context
from sandogh.verify_election.errors import RecordError
from sandogh.verify_election.proofs import Statement, range_proof, range_proof_holds
from sandogh.verify_election.reading import field, read_ciphertext, scalars

Pair = tuple[bytes, bytes]


@dataclass(frozen=True, slots=True)
class Bit:
    alpha: bytes
    beta: bytes
    challenges: list[int]
    responses: list[int]


@dataclass(frozen=True, slots=True)
class SlotContest:
    """B_{j,i} for the gaps j = 1..L (`gaps[j − 1][i]`) and B_{0,i} of their sum (`total[i]`)."""

    ballot: ContestBallot
    gaps: tuple[tuple[Bit, ...], ...]
    total: tuple[Bit, ...]

    def ciphertexts(self) -> list[Pair]:
        """What χ takes of it (§6): every gap's bits in order, then the sum's."""
        return [(b.alpha, b.beta) for bits in (*self.gaps, self.total) for b in bits]


def weights(m: int) -> list[int]:
    """w_i = 2^i for i < k − 1 and w_{k−1} = m − 2^(k−1) + 1 (§11.2)."""
    k = m.bit_length()
    return [2**i for i in range(k - 1)] + [m - 2 ** (k - 1) + 1]


def _bit(document: Any, where: str) -> Bit:
    if not isinstance(document, dict) or sorted(document) != ["alpha", "beta", "proof"]:
        raise RecordError(where, "a bit has exactly alpha, beta and proof")
    proof = field(document, "proof", where, dict)
    challenges = scalars(GROUP, field(proof, "c", where), f"{where}.proof.c")
    responses = scalars(GROUP, field(proof, "v", where), f"{where}.proof.v")
    if len(challenges) != 2 or len(responses) != 2:
        raise RecordError(where, "a bit's proof has 2 challenges and 2 responses")
    return Bit(
        *read_ciphertext(GROUP, document, where, where),
        challenges,
        responses,
    )


def read_slots(entry: Any, expected: ContestBallot, place: str) -> SlotContest:
    """V7 for a large contest: exactly `contest`, `slots` and `sum`; L gaps and a sum of k bits."""
    if sorted(entry) != ["contest", "slots", "sum"]:
        raise RecordError(place, f"{expected.contest} is large (§11.1): contest, slots and sum")
    k = len(expected.candidates).bit_length()
    gaps = field(entry, "slots", place, list)
    total = field(entry, "sum", place, list)
    if len(gaps) != expected.seats or any(
        not isinstance(g, list) or len(g) != k for g in (*gaps, total)
    ):
        raise RecordError(place, f"{expected.seats} gaps and a sum of {k} bits each")
    return SlotContest(
        expected,
        tuple(
            tuple(_bit(b, f"{place}.slots[{j}][{i}]") for i, b in enumerate(bits))
            for j, bits in enumerate(gaps)
        ),
        tuple(_bit(b, f"{place}.sum[{i}]") for i, b in enumerate(total)),
    )


def _combine(bits: Sequence[Bit], w: Sequence[int]) -> Pair:
    """Π_i B_i^{w_i}."""
    return (
        GROUP.product(GROUP.exp(b.alpha, wi) for b, wi in zip(bits, w, strict=True)),
        GROUP.product(GROUP.exp(b.beta, wi) for b, wi in zip(bits, w, strict=True)),
    )


def check_slots(
    ledger: Ledger, context: Context, box: bytes, contest: SlotContest, where: str
) -> None:
    """V21: every bit's 0..1 proof, label (c, "#j.i"), keyed with H_D `box`, and
    Π_i B_{0,i}^{w_i} = Π_j Y_j."""
    c = contest.ballot.contest
    holds = True
    for j, bits in [*enumerate(contest.gaps, start=1), (0, contest.total)]:
        for i, b in enumerate(bits):
            statement = Statement(context.key, c, f"#{j}.{i}", 1, b.alpha, b.beta)
            proved = range_proof_holds(GROUP, box, statement, b.challenges, b.responses)
            holds &= ledger.record(
                Check.SLOT_BALLOTS,
                proved,
                f"{where}, {c} bit #{j}.{i}",
                "the 0..1 proof of a slot bit does not verify",
            )
    if not holds:
        return
    w = weights(len(contest.ballot.candidates))
    gaps = [_combine(bits, w) for bits in contest.gaps]
    product = (GROUP.product(a for a, _ in gaps), GROUP.product(b for _, b in gaps))
    ledger.record(
        Check.SLOT_BALLOTS,
        _combine(contest.total, w) == product,
        f"{where}, {c}",
        "the sum's bits do not combine to the product of the gaps",
    )


def slot_row(contest: SlotContest) -> tuple[Pair, ...]:
    """X_j = (Π_{l≤j} Y_l) · (1, g^j), j = 1..L (§11.3)."""
    w = weights(len(contest.ballot.candidates))
    alpha, beta = GROUP.identity, GROUP.identity
    row = []
    for j, bits in enumerate(contest.gaps, start=1):
        a, b = _combine(bits, w)
        alpha, beta = GROUP.op(alpha, a), GROUP.op(beta, b)
        row.append((alpha, GROUP.op(beta, GROUP.base_exp(j))))
    return tuple(row)


def _decompose(value: int, m: int) -> list[int]:
    w = weights(m)
    top = len(w) - 1
    rest, high = (value, 0) if value < 2**top else (value - w[top], 1)
    return [(rest >> i) & 1 for i in range(top)] + [high]


def reencrypts_slots(
    context: Context, box: bytes, contest: SlotContest, nonce: bytes, chosen: set[str]
) -> str | None:
    """V13 for a slot contest: each bit again from ξ_B and the choices (§11.3); what differs."""
    c = contest.ballot.contest
    candidates = contest.ballot.candidates
    m, seats = len(candidates), contest.ballot.seats
    picked = sorted(candidates.index(code) + 1 for code in chosen)
    row = [*picked, *range(m + 1, m + 1 + seats - len(picked))]
    gaps = [row[0] - 1, *(b - a - 1 for a, b in itertools.pairwise(row))]
    w = weights(m)

    def xi(j: int, i: int) -> int:
        return hash_to_scalar(GROUP, box, Domain.SLOT_NONCE, nonce, text(c), u32(j), u32(i))

    gap_nonces = [[xi(j, i) for i in range(len(w))] for j in range(1, seats + 1)]
    nu = sum(wi * x for nonces in gap_nonces for wi, x in zip(w, nonces, strict=True))
    sum_nonces = [xi(0, i) for i in range(len(w) - 1)]
    last = (nu - sum(wi * x for wi, x in zip(w, sum_nonces, strict=False))) * pow(
        w[-1], -1, GROUP.q
    )
    sum_nonces.append(last % GROUP.q)
    expected = [
        (j, bits, _decompose(value, m), nonces)
        for j, bits, value, nonces in [
            *(
                (j, contest.gaps[j - 1], gaps[j - 1], gap_nonces[j - 1])
                for j in range(1, seats + 1)
            ),
            (0, contest.total, sum(gaps), sum_nonces),
        ]
    ]
    for j, bits, values, nonces in expected:
        for i, (b, value, x) in enumerate(zip(bits, values, nonces, strict=True)):
            beta = GROUP.op(GROUP.base_exp(value), GROUP.exp(context.key, x))
            if (b.alpha, b.beta) != (GROUP.base_exp(x), beta):
                return f"{c} bit #{j}.{i}: the ciphertext"
            statement = Statement(context.key, c, f"#{j}.{i}", 1, b.alpha, b.beta)
            proof = range_proof(
                GROUP,
                box,
                statement,
                value=value,
                encryption_nonce=x,
                ballot_nonce=nonce,
            )
            if proof != (b.challenges, b.responses):
                return f"{c} bit #{j}.{i}: the range proof"
    return None
