"""The guardians' shares in transit and the complaints about them (`docs/e2e.md` §5, steps 2–4).

Hashed ElGamal to the recipient's ceremony key, as ElectionGuard 2.1 §3.2.2 sends shares: with
nonce ξ, α = g^ξ and the Diffie–Hellman secret β = Κ_ℓ^ξ key a one-time pad
H(HB; 0x11, i, ℓ, Κ_ℓ, α, β) over the share's 32 bytes and a tag H(HB; 0x12, …, C) over the
result (encrypt-then-MAC; Abdalla, Bellare, Rogaway, "DHIES", CT-RSA 2001). Published, a share
is read only by its recipient; a complaint is decided by anyone from the sender's reveal of ξ
and the share, which must give back exactly the bytes the sender signed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.e2e.ceremony import share_checks
from sandogh.core.e2e.group import Group
from sandogh.core.e2e.hashing import Domain, hash_bytes, u32
from sandogh.core.errors import SandoghError


class ShareFault(StrEnum):
    """Why a recipient complains of a share."""

    TAG = "tag"  # the tag does not match: the share does not decrypt
    SCALAR = "scalar"  # it decrypts to 32 bytes that are not below q
    CHECK = "check"  # it fails the share check against the sender's commitments


class BadShareError(SandoghError):
    """A share its recipient cannot accept, and why."""

    def __init__(self, sender: int, fault: ShareFault) -> None:
        self.sender = sender
        self.fault = fault
        super().__init__(f"the share from guardian {sender} is bad ({fault})")


@dataclass(frozen=True, slots=True)
class EncryptedShare:
    """Guardian `sender`'s share for `recipient`: (α, C, T)."""

    sender: int
    recipient: int
    alpha: bytes
    body: bytes
    tag: bytes


@dataclass(frozen=True, slots=True)
class Complaint:
    """Guardian `by` says the share `against` sent it is bad."""

    by: int
    against: int
    fault: ShareFault


@dataclass(frozen=True, slots=True)
class Reveal:
    """Guardian `sender`'s answer to a complaint: the nonce and the share it sent `recipient`."""

    sender: int
    recipient: int
    nonce: int
    share: int


def _hash(base: bytes, domain: Domain, sender: int, recipient: int, *parts: bytes) -> bytes:
    """The pad (0x11: parts Κ_ℓ, α, β) or the tag (0x12: parts Κ_ℓ, α, β, C)."""
    return hash_bytes(base, domain, u32(sender), u32(recipient), *parts)


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def encrypt_share(
    group: Group,
    base: bytes,
    sender: int,
    recipient: int,
    *,
    recipient_key: bytes,
    share: int,
    nonce: int,
) -> EncryptedShare:
    """`share` P_i(ℓ) from `sender` to `recipient` under its ceremony key Κ_ℓ, with `nonce` ξ."""
    alpha = group.base_exp(nonce)
    dh = group.exp(recipient_key, nonce)
    pad = _hash(base, Domain.SHARE_KEY, sender, recipient, recipient_key, alpha, dh)
    body = _xor(group.scalar_bytes(share), pad)
    return EncryptedShare(
        sender,
        recipient,
        alpha,
        body,
        _hash(base, Domain.SHARE_MAC, sender, recipient, recipient_key, alpha, dh, body),
    )


def decrypt_share(
    group: Group,
    base: bytes,
    encrypted: EncryptedShare,
    ceremony_secret: int,
    commitments: Sequence[bytes],
) -> int:
    """The share in `encrypted`, opened with the recipient's κ_ℓ and checked against the sender's
    `commitments`; `BadShareError` says why it cannot be accepted."""
    key = group.base_exp(ceremony_secret)
    dh = group.exp(encrypted.alpha, ceremony_secret)
    sender, recipient = encrypted.sender, encrypted.recipient
    tag = _hash(base, Domain.SHARE_MAC, sender, recipient, key, encrypted.alpha, dh, encrypted.body)
    if tag != encrypted.tag:
        raise BadShareError(sender, ShareFault.TAG)
    pad = _hash(base, Domain.SHARE_KEY, sender, recipient, key, encrypted.alpha, dh)
    try:
        share = group.scalar(_xor(encrypted.body, pad))
    except ValueError:
        raise BadShareError(sender, ShareFault.SCALAR) from None
    if not share_checks(group, commitments, recipient, share):
        raise BadShareError(sender, ShareFault.CHECK)
    return share


def complaint_upheld(
    group: Group,
    base: bytes,
    sent: EncryptedShare,
    reveal: Reveal | None,
    *,
    recipient_key: bytes,
    commitments: Sequence[bytes],
) -> bool:
    """Whether a complaint about `sent` stands, so that its sender is named (§5, step 4): no
    reveal, or a reveal whose nonce and share do not give back the signed (α, C, T) under the
    recipient's ceremony key `recipient_key`, or a share that fails the check."""
    if reveal is None or (reveal.sender, reveal.recipient) != (sent.sender, sent.recipient):
        return True
    if not 0 <= reveal.share < group.q:
        return True
    again = encrypt_share(
        group,
        base,
        sent.sender,
        sent.recipient,
        recipient_key=recipient_key,
        share=reveal.share,
        nonce=reveal.nonce,
    )
    if again != sent:
        return True
    return not share_checks(group, commitments, sent.recipient, reveal.share)
