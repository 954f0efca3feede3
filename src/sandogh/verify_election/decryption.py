"""V16 and V17 of `docs/e2e.md` §10 for one decrypted ciphertext (a station's tally or an
aggregate's): every guardian's partial decryption and its Chaum–Pedersen proof (§8), then their
combination with the Lagrange coefficients of the guardians present, which must give g^t.
"""

from __future__ import annotations

from typing import Any

from sandogh.verify_election.checks import Check, Ledger
from sandogh.verify_election.election import GROUP, Context
from sandogh.verify_election.errors import RecordError
from sandogh.verify_election.proofs import Share, lagrange, share_proof_holds
from sandogh.verify_election.reading import count, element, field, scalar


def read_shares(shares: Any, where: str) -> list[Share]:
    if not isinstance(shares, list):
        raise RecordError(where, "'shares' is not a list")
    read: list[Share] = []
    for i, entry in enumerate(shares):
        place = f"{where}.shares[{i}]"
        proof = field(entry, "proof", place, dict)
        read.append(
            Share(
                count(entry, "guardian", place),
                element(GROUP, field(entry, "share", place), f"{place}.share"),
                scalar(GROUP, field(proof, "c", place), f"{place}.proof.c"),
                scalar(GROUP, field(proof, "v", place), f"{place}.proof.v"),
            )
        )
    return read


def check_decryption(
    ledger: Ledger,
    context: Context,
    where: str,
    *,
    ciphertext: tuple[bytes, bytes],
    value: int,
    shares: list[Share],
    checks: tuple[Check, Check] = (Check.PARTIAL_DECRYPTIONS, Check.COMBINATION),
) -> None:
    """V16 for each share of (α, β), then V17: β / Π M_ℓ^{w_ℓ} = g^value (a decrypted row's
    slot, V24, counts both under its own number, `checks`)."""
    partial_check, combination_check = checks
    alpha, beta = ciphertext
    guardians = [share.guardian for share in shares]
    present_ok = (
        len(guardians) >= context.quorum
        and guardians == sorted(set(guardians))
        and all(g in context.share_keys for g in guardians)
    )
    if not ledger.record(
        partial_check,
        present_ok,
        where,
        f"shares of guardians {guardians}: at least {context.quorum} distinct ones of "
        f"1..{len(context.share_keys)}, in order",
    ):
        return
    proofs_hold = True
    for share in shares:
        holds = share_proof_holds(
            GROUP, context.extended, context.share_keys[share.guardian], (alpha, beta), share
        )
        proofs_hold &= ledger.record(
            partial_check,
            holds,
            f"{where}, guardian {share.guardian}",
            "the Chaum–Pedersen proof of the partial decryption does not verify",
        )
    if not proofs_hold:
        return
    weights = lagrange(GROUP.q, guardians)
    combined = GROUP.product(GROUP.exp(share.share, weights[share.guardian]) for share in shares)
    ledger.record(
        combination_check,
        GROUP.div(beta, combined) == GROUP.base_exp(value),
        where,
        f"the guardians' shares do not decrypt to {value}",
    )
