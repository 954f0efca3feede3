"""A staff card: a member of staff's signing key, sealed under their PIN, as one line of text.

Issue 13: staff log in at the kiosk by card and PIN. The card carries the person's own key as
issued at registration (the seed of `key_file`), never in clear: argon2id (RFC 9106, libsodium's
`crypto_pwhash`) stretches the PIN with the card's random salt into a 32-byte key, and
XSalsa20-Poly1305 (`crypto_secretbox`) seals the seed under it. The PIN is neither stored nor
sent anywhere; only someone holding both the card and its PIN gets the key, and a wrong PIN
fails the box's authentication rather than giving another key. The card names its holder's
public key in clear, so the kiosk finds the registered member (and counts that member's wrong
PINs, `station.web.sessions`) before it stretches anything, and checks that the opened key is
that one.

One line of ASCII, so that a keyboard-wedge scanner reading the card's QR code or barcode types
it into the log-in field: `sandogh-card-1.PUBLIC.SALT.OPS.MEM.SEALED`, hex and decimal, dots
between. What the card does not protect: whoever holds the card can try PINs offline at argon2's
cost each, so a PIN has at least `MIN_PIN` digits and a lost card is revoked at the centre.
"""

from __future__ import annotations

import re
from enum import StrEnum

import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils

from sandogh.core.errors import SandoghError
from sandogh.core.report import PublicKey, SigningKey
from sandogh.core.report.keys import KEY_BYTES

PREFIX = "sandogh-card-1"
MIN_PIN = 6
#: RFC 9106 §4, the second recommended option: 3 passes over 64 MiB
OPSLIMIT = 3
MEMLIMIT = 64 * 1024 * 1024
_ARGON = nacl.pwhash.argon2id
_CARD = re.compile(
    rf"{re.escape(PREFIX)}\.([0-9a-f]{{64}})\.([0-9a-f]{{{2 * _ARGON.SALTBYTES}}})"
    r"\.([0-9]{1,3})\.([0-9]{1,12})\.([0-9a-f]+)"
)


class CardRefusal(StrEnum):
    MALFORMED = "malformed"  # not a card (a scan cut short, another code)
    WRONG_PIN = "wrong-pin"  # or a card whose sealed key was altered: the box does not open


class StaffCardError(SandoghError):
    def __init__(self, reason: CardRefusal) -> None:
        super().__init__(f"staff card refused: {reason.value}")
        self.reason = reason


def issue_card(seed: bytes, pin: str, *, opslimit: int = OPSLIMIT, memlimit: int = MEMLIMIT) -> str:
    """The card of the key of `seed` (a key file's) under `pin`: digits, at least `MIN_PIN`."""
    if not pin.isascii() or not pin.isdigit() or len(pin) < MIN_PIN:
        raise ValueError(f"a PIN is at least {MIN_PIN} digits")
    holder = SigningKey.from_seed(seed).public_key
    salt = nacl.utils.random(_ARGON.SALTBYTES)
    sealed = nacl.secret.SecretBox(_stretch(pin, salt, opslimit, memlimit)).encrypt(seed)
    parts = (holder.raw.hex(), salt.hex(), str(opslimit), str(memlimit), bytes(sealed).hex())
    return ".".join((PREFIX, *parts))


def card_holder(text: str) -> PublicKey:
    """The public key a card names (not yet proved: `open_card` proves it)."""
    return PublicKey(bytes.fromhex(_parts(text)[0].group(1)))


def open_card(text: str, pin: str) -> SigningKey:
    """The key on the card, opened with `pin`; `StaffCardError` if it is no card, or if the PIN
    (or anything on the card) is wrong."""
    found, holder = _parts(text)
    salt, ops, mem = bytes.fromhex(found.group(2)), int(found.group(3)), int(found.group(4))
    if not (_ARGON.OPSLIMIT_MIN <= ops <= _ARGON.OPSLIMIT_MAX) or not (
        _ARGON.MEMLIMIT_MIN <= mem <= _ARGON.MEMLIMIT_MAX
    ):
        raise StaffCardError(CardRefusal.MALFORMED)
    try:
        box = nacl.secret.SecretBox(_stretch(pin, salt, ops, mem))
        seed = box.decrypt(bytes.fromhex(found.group(5)))
    except (nacl.exceptions.CryptoError, ValueError):
        raise StaffCardError(CardRefusal.WRONG_PIN) from None
    if len(seed) != KEY_BYTES:
        raise StaffCardError(CardRefusal.MALFORMED)
    key = SigningKey.from_seed(seed)
    if key.public_key.raw != holder:
        raise StaffCardError(CardRefusal.MALFORMED)  # sealed for another holder
    return key


def _parts(text: str) -> tuple[re.Match[str], bytes]:
    found = _CARD.fullmatch(text.strip())
    if found is None or len(found.group(5)) % 2:
        raise StaffCardError(CardRefusal.MALFORMED)
    return found, bytes.fromhex(found.group(1))


def _stretch(pin: str, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    return _ARGON.kdf(
        nacl.secret.SecretBox.KEY_SIZE,
        pin.encode("ascii"),
        salt,
        opslimit=opslimit,
        memlimit=memlimit,
    )
