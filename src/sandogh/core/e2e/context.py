"""The election's base hashes (`docs/e2e.md` §4): HB, which fixes the definition and the
ceremony's size, HE, which adds the joint key and every guardian's commitments, and a box's H_D,
which adds the station and the box's device key.

ElectionGuard 2.1 §3.1.3 and §3.2.3: every proof of the ceremony is keyed with HB, every proof on
a tally with HE, so that none can be carried to another election, another definition or another
set of guardians. Every proof a box makes on a ballot is keyed with its H_D (§6), so that a ballot
copied into another station's or another box's chain fails its proofs there: a box cannot pass
off another station's voter as its own, for the guardians to decrypt alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from sandogh.core.e2e.group import Group
from sandogh.core.e2e.hashing import Domain, hash_bytes, parameter_hash, text, u32

DEFINITION_HASH_BYTES = 32


def base_hash(group: Group, definition_hash: bytes, guardians: int, quorum: int) -> bytes:
    """HB = H(HP; 0x01, definition hash (32 raw bytes), u32(n), u32(k))."""
    if len(definition_hash) != DEFINITION_HASH_BYTES:
        raise ValueError(f"a definition hash has 32 bytes, not {len(definition_hash)}")
    return hash_bytes(
        parameter_hash(group), Domain.ELECTION, definition_hash, u32(guardians), u32(quorum)
    )


def extended_hash(base: bytes, joint_key: bytes, commitments: Sequence[Sequence[bytes]]) -> bytes:
    """HE = H(HB; 0x02, el(K), el(K_{1,0}), …, el(K_{n,k−1})): `commitments` by guardian, each
    guardian's in the order of its coefficients."""
    parts = [key for keys in commitments for key in keys]
    return hash_bytes(base, Domain.EXTENDED, joint_key, *parts)


def box_hash(extended: bytes, station: str, device: bytes) -> bytes:
    """H_D = H(HE; 0x27, text(station), device): the key of every proof and derived nonce of a
    ballot that `station`'s box with the Ed25519 key `device` (32 raw bytes) encrypts (§6)."""
    return hash_bytes(extended, Domain.BOX, text(station), device)
