"""Shares in transit and complaints (`docs/e2e.md` §5, steps 2–4): a bad share names its sender,
a false complaint is dismissed."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.e2e.share_encryption import (
    BadShareError,
    Reveal,
    ShareFault,
    complaint_upheld,
    decrypt_share,
    encrypt_share,
)
from tests.core.e2e.ceremony_build import BASE, G, run

CEREMONY = run()
scalars = st.integers(min_value=0, max_value=G.q - 1)


@settings(max_examples=20)
@given(scalars, scalars, scalars)
def test_a_share_decrypts_for_its_recipient_only(share: int, nonce: int, kappa: int) -> None:
    key = G.base_exp(kappa)
    sent = encrypt_share(G, BASE, 1, 2, recipient_key=key, share=share, nonce=nonce)
    assert sent.body != G.scalar_bytes(share)
    # the share check is against commitments; one commitment g^share checks any share's value
    assert decrypt_share(G, BASE, sent, kappa, [G.base_exp(share)]) == share
    with pytest.raises(BadShareError) as caught:
        decrypt_share(G, BASE, sent, (kappa + 1) % G.q, [G.base_exp(share)])
    assert caught.value.fault is ShareFault.TAG


def _bad_share() -> tuple[int, int]:
    """Guardian 1's share for guardian 2 made off its commitments: the value + 1."""
    good = CEREMONY.secrets[1].share_for(G, 2)
    return good + 1, CEREMONY.nonces[1, 2]


def test_a_bad_share_is_complained_of_and_its_sender_named() -> None:
    value, nonce = _bad_share()
    key = CEREMONY.publics[2].ceremony_key.key
    sent = encrypt_share(G, BASE, 1, 2, recipient_key=key, share=value, nonce=nonce)
    with pytest.raises(BadShareError) as caught:
        decrypt_share(G, BASE, sent, CEREMONY.secrets[2].ceremony_secret, CEREMONY.publics[1].keys)
    assert (caught.value.sender, caught.value.fault) == (1, ShareFault.CHECK)
    commitments = CEREMONY.publics[1].keys
    honest_reveal = Reveal(1, 2, nonce, value)
    assert complaint_upheld(
        G, BASE, sent, honest_reveal, recipient_key=key, commitments=commitments
    )
    # revealing the good share instead does not match what was signed
    lie = Reveal(1, 2, nonce, value - 1)
    assert complaint_upheld(G, BASE, sent, lie, recipient_key=key, commitments=commitments)
    assert complaint_upheld(G, BASE, sent, None, recipient_key=key, commitments=commitments)


def test_garbage_that_does_not_decrypt_names_its_sender() -> None:
    sent = dataclasses.replace(CEREMONY.shares[1][2], body=bytes(32))
    with pytest.raises(BadShareError) as caught:
        decrypt_share(G, BASE, sent, CEREMONY.secrets[2].ceremony_secret, CEREMONY.publics[1].keys)
    assert caught.value.fault is ShareFault.TAG
    value, nonce = CEREMONY.secrets[1].share_for(G, 2), CEREMONY.nonces[1, 2]
    key = CEREMONY.publics[2].ceremony_key.key
    assert complaint_upheld(
        G,
        BASE,
        sent,
        Reveal(1, 2, nonce, value),
        recipient_key=key,
        commitments=CEREMONY.publics[1].keys,
    )


def test_a_false_complaint_is_dismissed() -> None:
    sent = CEREMONY.shares[1][2]
    reveal = Reveal(1, 2, CEREMONY.nonces[1, 2], CEREMONY.secrets[1].share_for(G, 2))
    key = CEREMONY.publics[2].ceremony_key.key
    assert not complaint_upheld(
        G, BASE, sent, reveal, recipient_key=key, commitments=CEREMONY.publics[1].keys
    )
