"""The key ceremony (`docs/e2e.md` §5): 3 guardians, quorum 2; shares, checks, keys."""

from __future__ import annotations

import dataclasses

from sandogh.core.e2e.ceremony import (
    evaluate,
    joint_key,
    public_problems,
    public_share_key,
    secret_share,
    share_checks,
)
from sandogh.core.e2e.share_encryption import decrypt_share
from tests.core.e2e.ceremony_build import BASE, G, run


def test_the_whole_ceremony_gives_shares_of_one_secret() -> None:
    ceremony = run()
    for public in ceremony.publics.values():
        assert public_problems(G, BASE, 2, public) == []
    publics = list(ceremony.publics.values())
    secret = sum(s.coefficients[0] for s in ceremony.secrets.values()) % G.q
    assert joint_key(G, publics) == G.base_exp(secret)
    for ell, own in ceremony.secrets.items():
        received = [
            decrypt_share(
                G,
                BASE,
                ceremony.shares[i][ell],
                own.ceremony_secret,
                ceremony.publics[i].keys,
            )
            for i in ceremony.secrets
            if i != ell
        ]
        z = secret_share(G, [*received, own.share_for(G, ell)])
        assert G.base_exp(z) == public_share_key(G, publics, ell)


def test_shares_interpolate_to_the_secret() -> None:
    ceremony = run(n=4, k=3)
    total = [
        sum(evaluate(G, s.coefficients, x) for s in ceremony.secrets.values()) % G.q
        for x in (1, 2, 3)
    ]
    secret = sum(s.coefficients[0] for s in ceremony.secrets.values()) % G.q
    # Lagrange at 0 through x = 1, 2, 3: 3, −3, 1
    assert (3 * total[0] - 3 * total[1] + total[2]) % G.q == secret


def test_a_share_off_the_commitments_fails_its_check() -> None:
    ceremony = run()
    good = ceremony.secrets[1].share_for(G, 2)
    assert share_checks(G, ceremony.publics[1].keys, 2, good)
    assert not share_checks(G, ceremony.publics[1].keys, 2, good + 1)
    assert not share_checks(G, ceremony.publics[1].keys, 3, good)


def test_a_public_file_with_a_wrong_proof_or_count_is_named() -> None:
    ceremony = run()
    public = ceremony.publics[2]
    swapped = dataclasses.replace(public, guardian=3)  # guardian 2's proofs as guardian 3's
    assert [p.path for p in public_problems(G, BASE, 2, swapped)] == [
        "commitments[0].proof",
        "commitments[1].proof",
        "ceremony_key.proof",
    ]
    short = dataclasses.replace(public, commitments=public.commitments[:1])
    assert "commitments" in [p.path for p in public_problems(G, BASE, 2, short)]
