"""A staff card opens to its holder's key at its own box with the right PIN only, and holds neither
in clear; the attack of review S21 F8 (every PIN tried offline on a card's bytes) is mounted."""

from __future__ import annotations

import os
import struct
from collections.abc import Callable

import nacl.exceptions
import nacl.public
import nacl.pwhash
import nacl.secret
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.report import SigningKey
from sandogh.formats.staff_card import (
    MAX_OPSLIMIT,
    BoxKeyError,
    CardRefusal,
    StaffCardError,
    box_key_text,
    card_holder,
    issue_card,
    open_card,
    read_box_key,
)

FAST = {"opslimit": 1, "memlimit": 8192}  # argon2id's least cost: these tests test the format
PIN = "246810"
BOX = nacl.public.PrivateKey.generate()  # the box's card key, as `station.directory` keeps it
#: An attacker's few guesses, the right PIN among them: a bounded stand-in for all 10^6
GUESSES = ("000000", "123456", "111111", PIN, "999999", "246801")


def _card(seed: bytes | None = None) -> str:
    return issue_card(seed or os.urandom(32), PIN, BOX.public_key, **FAST)


def test_the_right_pin_opens_the_holders_key_at_its_box() -> None:
    seed = os.urandom(32)
    card = _card(seed)
    key = SigningKey.from_seed(seed)
    assert card_holder(card) == key.public_key
    assert open_card(card, PIN, BOX).public_key == key.public_key
    assert seed.hex() not in card
    assert PIN not in card.split(".", 1)[1]
    assert card.isascii()  # one line, which a keyboard-wedge scanner types
    assert "\n" not in card


@settings(max_examples=20, deadline=None)
@given(st.text(alphabet="0123456789", min_size=6, max_size=8).filter(lambda pin: pin != PIN))
def test_any_other_pin_is_refused(other: str) -> None:
    with pytest.raises(StaffCardError) as refused:
        open_card(_card(), other, BOX)
    assert refused.value.reason is CardRefusal.WRONG_PIN


def _opened_by(guesses: tuple[str, ...], opens: Callable[[str], object]) -> list[str]:
    """The guesses under which `opens` gives something rather than failing."""
    found = []
    for pin in guesses:
        try:
            opens(pin)
        except (StaffCardError, nacl.exceptions.CryptoError, ValueError):
            continue
        found.append(pin)
    return found


def test_a_stolen_card_alone_cannot_tell_its_pin_offline() -> None:
    """Review S21 F8, mounted: with the card's bytes, the attacker tries each PIN as the first
    cards allowed (argon2id with the salt, then the secret box, over the bytes after the name) and
    as this card asks (with a box key of their own); no guess opens it, the right one included, and
    each fails the same way. With the box's secret the same loop finds the PIN: guessing needs the
    box, where the lock-out counts."""
    card = _card()
    sealed = bytes.fromhex(card.split(".")[2])
    salt, body = sealed[:16], sealed[16:]

    def as_the_first_cards(pin: str) -> bytes:
        key = nacl.pwhash.argon2id.kdf(32, pin.encode(), salt, **FAST)
        return nacl.secret.SecretBox(key).decrypt(body)

    own_box = nacl.public.PrivateKey.generate()
    assert _opened_by(GUESSES, as_the_first_cards) == []
    assert _opened_by(GUESSES, lambda pin: open_card(card, pin, own_box)) == []
    reasons = set()
    for pin in GUESSES:
        with pytest.raises(StaffCardError) as refused:
            open_card(card, pin, own_box)
        reasons.add(refused.value.reason)
    assert reasons == {CardRefusal.OTHER_BOX}  # the right PIN is refused as every other is
    assert _opened_by(GUESSES, lambda pin: open_card(card, pin, BOX)) == [PIN]


def test_a_card_under_another_name_is_refused_before_its_pin_is_tried() -> None:
    """The sealed part of one member's card under another member's name would have let a
    guesser spend the other's tries on the first one's PIN; it is refused, whatever the PIN."""
    card = _card()
    prefix, _, sealed = card.split(".")
    other = SigningKey.from_seed(os.urandom(32)).public_key.raw.hex()
    for pin in (PIN, "135790"):
        with pytest.raises(StaffCardError) as foreign:
            open_card(".".join((prefix, other, sealed)), pin, BOX)
        assert foreign.value.reason is CardRefusal.NOT_HOLDERS


def forged(holder: str, box: nacl.public.PublicKey, prefix: str = "sandogh-card-3") -> str:
    """The outsider's forge of review S23 A5 (`forge.py`), from public data only: the holder's
    key as the published record gives it, the box's public card key from its set-up sheet; a
    random salt, argon2's cost, and random bytes for what the holder's key would have made."""
    raw = bytes.fromhex(holder.split(":")[1])
    made_up = os.urandom(64) if prefix == "sandogh-card-3" else raw  # a signature, or the name
    inside = made_up + struct.pack(">16sIQ", os.urandom(16), 3, 64 * 1024**2)
    sealed = nacl.public.SealedBox(box).encrypt(inside + os.urandom(24 + 16 + 32))
    return f"{prefix}.{raw.hex()}.{sealed.hex()}"


def test_a_card_forged_from_public_data_is_refused_before_any_pin_is_stretched() -> None:
    """Review S23 A5, mounted: a card sealed to the box's public card key under the holder's
    public key opened the seal and failed its PIN, a wrong PIN counted against the holder; now it
    fails the holder's signature (the forger holds no key to make one), whatever the PIN, and
    the forger's cost is never spent (the check comes before argon2). The outsider's card as
    written (the second version's layout) is refused as old."""
    holder = SigningKey.from_seed(os.urandom(32)).public_key.text
    for pin in (PIN, "135790"):
        with pytest.raises(StaffCardError) as refused:
            open_card(forged(holder, BOX.public_key), pin, BOX)
        assert refused.value.reason is CardRefusal.NOT_HOLDERS
        with pytest.raises(StaffCardError) as old:
            open_card(forged(holder, BOX.public_key, "sandogh-card-2"), pin, BOX)
        assert old.value.reason is CardRefusal.OLD_CARD


def test_a_card_signed_for_another_box_is_not_its_holders_at_this_one() -> None:
    """The signature names the box the card is sealed to: a card's inside sealed again to
    another box (by whoever holds the first box's secret) does not pass as its holder's there."""
    card = _card()
    prefix, holder, sealed = card.split(".")
    inside = nacl.public.SealedBox(BOX).decrypt(bytes.fromhex(sealed))
    other = nacl.public.PrivateKey.generate()
    moved = nacl.public.SealedBox(other.public_key).encrypt(inside).hex()
    with pytest.raises(StaffCardError) as refused:
        open_card(".".join((prefix, holder, moved)), PIN, other)
    assert refused.value.reason is CardRefusal.NOT_HOLDERS


def test_a_card_fits_its_qr_code() -> None:
    """The card is printed as one QR code (byte mode, version 40 at level M holds 2,331
    bytes): the holder's signature adds 64 bytes sealed, 128 hex digits."""
    card = _card()
    assert len(card) == 15 + 64 + 1 + 2 * (48 + 64 + 16 + 12 + 32 + 40)
    assert len(card) < 2331


def test_an_altered_cut_or_costly_card_is_refused() -> None:
    card = _card()
    prefix, holder, sealed = card.split(".")
    flipped = sealed[:-1] + ("0" if sealed[-1] != "0" else "1")
    with pytest.raises(StaffCardError) as altered:
        open_card(".".join((prefix, holder, flipped)), PIN, BOX)
    assert altered.value.reason is CardRefusal.OTHER_BOX
    seed = os.urandom(32)  # a card asking the kiosk for more passes than it spends on a PIN
    costly = issue_card(seed, PIN, BOX.public_key, opslimit=MAX_OPSLIMIT + 1, memlimit=8192)
    for broken in (card[:40], "ed25519:" + holder, costly, card[:-1]):
        with pytest.raises(StaffCardError) as malformed:
            open_card(broken, PIN, BOX)
        assert malformed.value.reason is CardRefusal.MALFORMED


def test_a_card_of_an_earlier_version_is_refused_as_old() -> None:
    """The first version (under the PIN only) and the second (not signed by its holder)."""
    holder = SigningKey.from_seed(os.urandom(32)).public_key.raw.hex()
    first = f"sandogh-card-1.{holder}.{'ab' * 16}.3.67108864.{'cd' * 72}"
    second = f"sandogh-card-2.{holder}.{'ef' * 180}"
    for old in (first, second):
        for read in (card_holder, lambda text: open_card(text, PIN, BOX)):
            with pytest.raises(StaffCardError) as refused:
                read(old)
            assert refused.value.reason is CardRefusal.OLD_CARD


def test_a_box_key_is_read_back_from_its_line_only() -> None:
    line = box_key_text(BOX.public_key)
    assert read_box_key(f" {line}\n") == BOX.public_key
    for wrong in ("", line[:-2], "ed25519:" + "ab" * 32, line.replace("key-1", "key-2")):
        with pytest.raises(BoxKeyError):
            read_box_key(wrong)


def test_a_short_or_non_digit_pin_is_not_issued() -> None:
    for pin in ("12345", "abcdef", "۲۴۶۸۱۰"):
        with pytest.raises(ValueError, match="6 digits"):
            issue_card(os.urandom(32), pin, BOX.public_key, **FAST)
