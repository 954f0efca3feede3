"""A staff card opens to its holder's key with the right PIN only, and holds neither in clear."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.report import SigningKey
from sandogh.formats.staff_card import (
    CardRefusal,
    StaffCardError,
    card_holder,
    issue_card,
    open_card,
)

FAST = {"opslimit": 1, "memlimit": 8192}  # argon2id's least cost: these tests test the format
PIN = "246810"


def test_the_right_pin_opens_the_holders_key() -> None:
    seed = os.urandom(32)
    card = issue_card(seed, PIN, **FAST)
    key = SigningKey.from_seed(seed)
    assert card_holder(card) == key.public_key
    assert open_card(card, PIN).public_key == key.public_key
    assert seed.hex() not in card
    assert PIN not in card.split(".", 1)[1]
    assert card.isascii()  # one line, which a keyboard-wedge scanner types
    assert "\n" not in card


@settings(max_examples=20, deadline=None)
@given(st.text(alphabet="0123456789", min_size=6, max_size=8).filter(lambda pin: pin != PIN))
def test_any_other_pin_is_refused(other: str) -> None:
    card = issue_card(os.urandom(32), PIN, **FAST)
    with pytest.raises(StaffCardError) as refused:
        open_card(card, other)
    assert refused.value.reason is CardRefusal.WRONG_PIN


def test_an_altered_or_foreign_card_is_refused() -> None:
    card = issue_card(os.urandom(32), PIN, **FAST)
    prefix, holder, salt, ops, mem, sealed = card.split(".")
    flipped = sealed[:-1] + ("0" if sealed[-1] != "0" else "1")
    with pytest.raises(StaffCardError) as altered:
        open_card(".".join((prefix, holder, salt, ops, mem, flipped)), PIN)
    assert altered.value.reason is CardRefusal.WRONG_PIN
    other = SigningKey.from_seed(os.urandom(32)).public_key.raw.hex()
    with pytest.raises(StaffCardError) as foreign:  # someone else's name on this card's key
        open_card(".".join((prefix, other, salt, ops, mem, sealed)), PIN)
    assert foreign.value.reason is CardRefusal.MALFORMED
    no_cost = ".".join((prefix, holder, salt, "0", mem, sealed))  # below argon2id's least
    for broken in (card[:40], "ed25519:" + holder, no_cost):
        with pytest.raises(StaffCardError) as malformed:
            open_card(broken, PIN)
        assert malformed.value.reason is CardRefusal.MALFORMED


def test_a_short_or_non_digit_pin_is_not_issued() -> None:
    for pin in ("12345", "abcdef", "۲۴۶۸۱۰"):
        with pytest.raises(ValueError, match="6 digits"):
            issue_card(os.urandom(32), pin, **FAST)
