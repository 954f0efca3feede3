"""A whole key ceremony in memory, from a seeded generator, for the tests."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sandogh.core.e2e.ceremony import GuardianPublic, GuardianSecret, publish
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.e2e.share_encryption import EncryptedShare, encrypt_share

G = RISTRETTO255
BASE = bytes(range(32))


@dataclass(frozen=True)
class Ceremony:
    secrets: dict[int, GuardianSecret]
    publics: dict[int, GuardianPublic]
    nonces: dict[tuple[int, int], int]
    shares: dict[int, dict[int, EncryptedShare]]


def run(n: int = 3, k: int = 2, seed: int = 1) -> Ceremony:
    rng = random.Random(seed)

    def draw() -> int:
        return rng.randrange(G.q)

    secrets = {
        i: GuardianSecret(i, tuple(draw() for _ in range(k)), draw()) for i in range(1, n + 1)
    }
    publics = {i: publish(G, BASE, s, [draw() for _ in range(k + 1)]) for i, s in secrets.items()}
    nonces = {(i, ell): draw() for i in secrets for ell in secrets if i != ell}
    shares = {
        i: {
            ell: encrypt_share(
                G,
                BASE,
                i,
                ell,
                recipient_key=publics[ell].ceremony_key.key,
                share=s.share_for(G, ell),
                nonce=nonces[i, ell],
            )
            for ell in secrets
            if ell != i
        }
        for i, s in secrets.items()
    }
    return Ceremony(secrets, publics, nonces, shares)
