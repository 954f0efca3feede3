"""Large contests (`docs/e2e.md` §11): a Tehran Majlis ballot as slots against a selection
vector, and the mix-net's shuffle of whole rows, on one core.

    .venv/bin/python bench/e2e_large.py [--rows N] [--seats L] [--candidates M] [--vector V]
                                        [--json]

- slots: encrypt + prove, and verify, one slot contest of L seats among M candidates (§11.3).
- selection vector: §6's encryption of V options (each with its 0/1 proof, the blank indicator,
  and the contest's 0..L−1 proof) measured at V (300 by default) and extrapolated linearly to M,
  since every option costs the same.
- shuffle: shuffle + prove, and verify, N rows of L slot ciphertexts (§11.4), and what a
  constituency of a million ballots would take per mixer at that pace.
- decryption: one guardian's share of a slot with its proof, its verification, and the
  combination of three guardians' shares (§8 as §11.5 uses it), per slot.
- the bare exponentiations of the same run, to read the rest by.

Times are the process's CPU time (one core), since machines are shared and the wall clock
counts the others' work; still, read the ratios rather than the figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from collections.abc import Callable
from typing import Any

from sandogh.core.e2e import decryption, elgamal, shuffle, slots
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.hashing import Domain, hash_to_scalar, text
from sandogh.core.e2e.range_proof import derived_randomness, prove_range, verify_range

G = RISTRETTO255
#: 0/1 proofs and bit ciphertexts as published: α, β, two challenges and two responses
BIT_BYTES = 2 * 32 + 4 * 32


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    """The process's CPU seconds for `action`: on a shared machine the wall clock counts the
    others' work too."""
    start = time.process_time()
    result = action()
    return time.process_time() - start, result


def vector(key: bytes, he: bytes, codes: list[str], seats: int, chosen: set[str]) -> list[Any]:
    """§6's selection vector of one contest: what a large contest would be without slots."""
    nonce = b"\x07" * 32
    made = []
    total = elgamal.Ciphertext(G.identity, G.identity)
    total_nonce = 0
    for option in [*codes, ""]:
        value = int(option in chosen) if option else int(not chosen)
        xi = hash_to_scalar(G, he, Domain.SELECTION_NONCE, nonce, text("majlis"), text(option))
        ciphertext = elgamal.encrypt(G, key, value, xi)
        proof = prove_range(
            G,
            key,
            he,
            ciphertext,
            value=value,
            nonce=xi,
            bound=1,
            contest="majlis",
            option=option,
            randomness=derived_randomness(G, he, nonce, "majlis", option),
        )
        made.append((option, ciphertext, proof))
        times = seats if option == "" else 1
        total = elgamal.add(G, total, elgamal.scale(G, ciphertext, times))
        total_nonce += times * xi
    contest = elgamal.shift(G, total, -1)
    proof = prove_range(
        G,
        key,
        he,
        contest,
        value=len(chosen) - 1 if chosen else seats - 1,
        nonce=total_nonce,
        bound=seats - 1,
        contest="majlis",
        option="*",
        randomness=derived_randomness(G, he, nonce, "majlis", "*"),
    )
    made.append(("*", contest, proof))
    return made


def verify_vector(key: bytes, he: bytes, made: list[Any], seats: int) -> bool:
    ok = True
    for option, ciphertext, proof in made:
        bound = seats - 1 if option == "*" else 1
        ok &= verify_range(
            G, key, he, ciphertext, proof, bound=bound, contest="majlis", option=option
        )
    return ok


def run(args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(20260101)
    key = G.base_exp(rng.randrange(1, G.q))
    he = hashlib.sha256(b"bench e2e large").digest()
    out: dict[str, Any] = {"candidates": args.candidates, "seats": args.seats, "rows": args.rows}
    point = G.base_exp(rng.randrange(G.q))
    out["exp_ms"] = timed(lambda: [G.exp(point, rng.randrange(G.q)) for _ in range(500)])[0] * 2
    out["base_exp_ms"] = timed(lambda: [G.base_exp(rng.randrange(G.q)) for _ in range(500)])[0] * 2
    out |= ballots(rng, key, he, args)
    mixed, timings = mixing(rng, key, he, args)
    out |= timings
    out |= decrypting(rng, he, [c for row in mixed[: max(1, 300 // args.seats)] for c in row])
    return out


def ballots(rng: random.Random, key: bytes, he: bytes, args: argparse.Namespace) -> dict[str, Any]:
    """One ballot as slots, and as a selection vector extrapolated from `args.vector` options."""
    m, seats = args.candidates, args.seats
    codes = [str(1000 + i) for i in range(m)]
    chosen = rng.sample(codes, seats)
    out: dict[str, Any] = {}
    seconds, contest = timed(
        lambda: slots.encrypt_slots(
            G, key, he, b"\x01" * 32, contest="majlis", candidates=codes, seats=seats, chosen=chosen
        )
    )
    out["slots_encrypt_s"] = seconds
    seconds, problems = timed(
        lambda: slots.slot_problems(G, key, he, contest, candidates=m, seats=seats)
    )
    assert problems == []
    out["slots_verify_s"] = seconds
    out["slots_bits"] = (seats + 1) * m.bit_length()
    out["slots_bytes"] = out["slots_bits"] * BIT_BYTES

    v = args.vector
    small = codes[:v]
    seconds, made = timed(lambda: vector(key, he, small, seats, set(small[:seats])))
    out["vector_measured_options"] = v
    out["vector_encrypt_s_measured"] = seconds
    seconds, ok = timed(lambda: verify_vector(key, he, made, seats))
    assert ok
    out["vector_verify_s_measured"] = seconds
    scale = (m + 1) / (v + 1)
    out["vector_encrypt_s"] = out["vector_encrypt_s_measured"] * scale
    out["vector_verify_s"] = out["vector_verify_s_measured"] * scale
    out["vector_bytes"] = (m + 1) * BIT_BYTES + 2 * seats * 32
    return out


def mixing(
    rng: random.Random, key: bytes, he: bytes, args: argparse.Namespace
) -> tuple[Any, dict[str, Any]]:
    """One shuffle of `args.rows` rows of `args.seats` slots, proved and verified."""
    n, seats = args.rows, args.seats
    rows = [
        tuple(elgamal.encrypt(G, key, 1 + k, rng.randrange(G.q)) for k in range(seats))
        for _ in range(n)
    ]
    permutation = list(range(n))
    rng.shuffle(permutation)
    nonces = [[rng.randrange(G.q) for _ in range(seats)] for _ in range(n)]
    context = shuffle.MixContext(G, key, he, "majlis/tehran/1")

    def mix() -> tuple[Any, Any]:
        mixed = shuffle.shuffle(G, key, rows, permutation=permutation, nonces=nonces)
        proof = shuffle.prove_shuffle(
            context, rows, mixed, permutation=permutation, nonces=nonces, seed=b"\x02" * 32
        )
        return mixed, proof

    out: dict[str, Any] = {}
    seconds, (mixed, proof) = timed(mix)
    out["shuffle_prove_s"] = seconds
    seconds, _ = timed(lambda: shuffle.check_shuffle(context, rows, mixed, proof))
    out["shuffle_verify_s"] = seconds
    out["shuffle_proof_bytes"] = 32 * (4 * n + 4 + seats)
    out["million_rows_prove_h"] = out["shuffle_prove_s"] * 1_000_000 / n / 3600
    out["million_rows_verify_h"] = out["shuffle_verify_s"] * 1_000_000 / n / 3600
    return mixed, out


def decrypting(rng: random.Random, he: bytes, sample: list[elgamal.Ciphertext]) -> dict[str, Any]:
    """Guardians' shares of mixed slots with their proofs, verified and combined, per slot."""
    share = rng.randrange(G.q)
    share_key = G.base_exp(share)

    def partials(guardian: int) -> list[decryption.PartialDecryption]:
        return [
            decryption.partial_decrypt(G, he, guardian, share, c, nonce=rng.randrange(G.q))
            for c in sample
        ]

    out: dict[str, Any] = {}
    seconds, made = timed(lambda: partials(1))
    out["decrypt_share_ms"] = seconds / len(sample) * 1000
    seconds, checked = timed(
        lambda: [
            decryption.verify_partial(G, he, share_key, c, p)
            for c, p in zip(sample, made, strict=True)
        ]
    )
    assert all(checked)
    out["decrypt_verify_ms"] = seconds / len(sample) * 1000
    three = [made, partials(2), partials(3)]
    seconds, _ = timed(
        lambda: [decryption.combine(G, c, [p[i] for p in three], 3) for i, c in enumerate(sample)]
    )
    out["decrypt_combine3_ms"] = seconds / len(sample) * 1000
    return out


def report(out: dict[str, Any]) -> str:
    m, seats, n = out["candidates"], out["seats"], out["rows"]
    lines = [
        f"CPU time, one core; exponentiation {out['exp_ms']:.3f} ms, "
        f"fixed-base {out['base_exp_ms']:.3f} ms",
        f"ballot of {seats} seats among {m} candidates:",
        f"  slots ({out['slots_bits']} bits, {out['slots_bytes'] / 1000:.0f} KB): "
        f"encrypt+prove {out['slots_encrypt_s']:.3f} s, verify {out['slots_verify_s']:.3f} s",
        f"  selection vector ({m + 1} options, {out['vector_bytes'] / 1000:.0f} KB), "
        f"from {out['vector_measured_options']} options measured "
        f"({out['vector_encrypt_s_measured']:.3f} s, {out['vector_verify_s_measured']:.3f} s): "
        f"encrypt+prove {out['vector_encrypt_s']:.3f} s, verify {out['vector_verify_s']:.3f} s",
        f"  vector / slots: encrypt {out['vector_encrypt_s'] / out['slots_encrypt_s']:.1f}x, "
        f"verify {out['vector_verify_s'] / out['slots_verify_s']:.1f}x, "
        f"size {out['vector_bytes'] / out['slots_bytes']:.1f}x",
        f"shuffle of {n} rows of {seats} slots (proof {out['shuffle_proof_bytes'] / 1000:.0f} KB):",
        f"  shuffle+prove {out['shuffle_prove_s']:.2f} s, verify {out['shuffle_verify_s']:.2f} s",
        f"  per row: prove {out['shuffle_prove_s'] / n * 1000:.1f} ms, "
        f"verify {out['shuffle_verify_s'] / n * 1000:.1f} ms",
        f"  a million rows per mixer, one core: prove {out['million_rows_prove_h']:.1f} h, "
        f"verify {out['million_rows_verify_h']:.1f} h",
        f"decryption per slot: a guardian's share+proof {out['decrypt_share_ms']:.2f} ms, "
        f"its verification {out['decrypt_verify_ms']:.2f} ms, "
        f"combining three {out['decrypt_combine3_ms']:.2f} ms",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--seats", type=int, default=30)
    parser.add_argument("--candidates", type=int, default=3000)
    parser.add_argument("--vector", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    out = run(args)
    print(json.dumps(out, indent=2, sort_keys=True) if args.json else report(out))


if __name__ == "__main__":
    main()
