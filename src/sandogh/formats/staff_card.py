"""A staff card: a member of staff's signing key, sealed under their PIN and to their ballot box,
as one line of text.

Issue 13: staff log in at the kiosk by card and PIN. The card carries the person's own key as
issued at registration (the seed of `key_file`), never in clear: argon2id (RFC 9106, libsodium's
`crypto_pwhash`) stretches the PIN with a random salt into a 32-byte key, and XSalsa20-Poly1305
(`crypto_secretbox`) seals the seed under it. The PIN is neither stored nor sent anywhere, and a
wrong PIN fails the box's authentication rather than giving another key.

Review S21, F8: sealed under the PIN alone, a card let whoever held its bytes try every 6-digit
PIN offline (0.32 s a try: all 10^6 in ~89 core-hours), so the kiosk's lock-out bound only the
kiosk. So the PIN's box is sealed once more, to the ballot box's card key: an X25519 key pair the
box makes at set-up and keeps in its directory beside its device key (`station.directory`),
never on a card (libsodium's sealed box, `crypto_box_seal`: an ephemeral key, X25519 and
XSalsa20-Poly1305). Making a card needs only the box's public card key (`box_key_text`, printed
by `sandogh station card-key`); opening it needs the box's secret, so a PIN can be tried only
where the box is: at its kiosk, under its lock-out. What the sealing does not protect, a seized
box and a card together, is in docs/threat-model.md.

Review S23, A5: anyone can seal to a box's public card key, so a card forged from public data
alone (the holder's public key from the published record, a random salt and ciphertext) opened
its outer seal, failed its PIN, and counted a wrong PIN against the holder: five such posts
locked the head of station out, every 30 minutes again, at an argon2 cost the forger chose. So
the holder's own Ed25519 key signs what it seals (the box's card key, the salt, the cost and the
PIN's sealed seed, `_signed`) when the card is made, and the box checks that signature against
the holder's public key before any PIN is stretched: a card not made by its holder's key is
refused as `NOT_HOLDERS`, uncounted. The signature is sealed with the rest; it is a function of
the holder's key and the ciphertext only, so even with the box's secret it tells nothing of the
PIN that the ciphertext does not (docs/threat-model.md).

One line of ASCII, so that a keyboard-wedge scanner reading the card's QR code or barcode types
it into the log-in field: `sandogh-card-3.PUBLIC.SEALED`, hex, a dot between. The holder's public
key is in clear, so that the kiosk finds the registered member (and counts that member's wrong
PINs, `station.web.sessions`) before it opens anything; the signature inside binds the sealed
part to that key, so that it cannot be put under another member's name to try their PINs on.
A card of an earlier version (the first: PIN only; the second: unsigned) is refused as
`OLD_CARD`: its holder makes a new one.
"""

from __future__ import annotations

import re
import struct
from enum import StrEnum

import nacl.exceptions
import nacl.public
import nacl.pwhash
import nacl.secret
import nacl.utils

from sandogh.core.errors import SandoghError
from sandogh.core.report import PublicKey, SigningKey
from sandogh.core.report.keys import KEY_BYTES

PREFIX = "sandogh-card-3"
#: sealed under the PIN only (review S21, F8), then not signed by the holder (review S23, A5)
OLD_PREFIXES = ("sandogh-card-1", "sandogh-card-2")
BOX_KEY_PREFIX = "sandogh-box-card-key-1"
MIN_PIN = 6
#: RFC 9106 §4, the second recommended option: 3 passes over 64 MiB
OPSLIMIT = 3
MEMLIMIT = 64 * 1024 * 1024
#: The most a card may ask the kiosk to spend on one PIN: a card asking more is refused unopened
MAX_OPSLIMIT = 16
MAX_MEMLIMIT = 256 * 1024 * 1024
_ARGON = nacl.pwhash.argon2id
SIGNATURE_BYTES = 64
#: Sealed to the box: the holder's signature of the rest (`_signed`); the salt, the cost; then
#: the PIN's sealed seed
_INSIDE = struct.Struct(f">{_ARGON.SALTBYTES}sIQ")
_CARD = re.compile(rf"{re.escape(PREFIX)}\.([0-9a-f]{{64}})\.((?:[0-9a-f]{{2}})+)")
_BOX_KEY = re.compile(rf"{re.escape(BOX_KEY_PREFIX)}\.([0-9a-f]{{64}})")


class CardRefusal(StrEnum):
    MALFORMED = "malformed"  # not a card (a scan cut short, another code)
    OLD_CARD = "old-card"  # sealed under its PIN only, by an earlier version: make a new one
    OTHER_BOX = "other-box"  # sealed to another box's card key, or altered
    NOT_HOLDERS = "not-holders"  # not signed by the key it names: forged from public data
    WRONG_PIN = "wrong-pin"


class StaffCardError(SandoghError):
    def __init__(self, reason: CardRefusal) -> None:
        super().__init__(f"staff card refused: {reason.value}")
        self.reason = reason


class BoxKeyError(SandoghError):
    """The text given as a box's public card key is not one."""


def box_key_text(public: nacl.public.PublicKey) -> str:
    """A box's public card key as one line, which `read_box_key` reads."""
    return f"{BOX_KEY_PREFIX}.{bytes(public).hex()}"


def read_box_key(text: str) -> nacl.public.PublicKey:
    """The box's public card key `box_key_text` wrote; anything else raises `BoxKeyError`."""
    found = _BOX_KEY.fullmatch(text.strip())
    if found is None:
        raise BoxKeyError(f"{text.strip()[:80]!r} is not {BOX_KEY_PREFIX}. and 64 hex digits")
    return nacl.public.PublicKey(bytes.fromhex(found.group(1)))


def issue_card(
    seed: bytes,
    pin: str,
    box: nacl.public.PublicKey,
    *,
    opslimit: int = OPSLIMIT,
    memlimit: int = MEMLIMIT,
) -> str:
    """The card of the key of `seed` (a key file's) under `pin` (digits, at least `MIN_PIN`),
    sealed to the box whose public card key is `box`."""
    if not pin.isascii() or not pin.isdigit() or len(pin) < MIN_PIN:
        raise ValueError(f"a PIN is at least {MIN_PIN} digits")
    key = SigningKey.from_seed(seed)
    holder = key.public_key
    salt = nacl.utils.random(_ARGON.SALTBYTES)
    under_pin = bytes(nacl.secret.SecretBox(_stretch(pin, salt, opslimit, memlimit)).encrypt(seed))
    rest = _INSIDE.pack(salt, opslimit, memlimit) + under_pin
    inside = key.sign(_signed(holder, box, rest)) + rest
    sealed = nacl.public.SealedBox(box).encrypt(inside)
    return f"{PREFIX}.{holder.raw.hex()}.{sealed.hex()}"


def card_holder(text: str) -> PublicKey:
    """The public key a card names (not yet proved: `open_card` proves it)."""
    return PublicKey(_parts(text)[0])


def open_card(text: str, pin: str, box: nacl.public.PrivateKey) -> SigningKey:
    """The key on the card, opened at the box whose card key is `box` with `pin`;
    `StaffCardError` says why not. Nothing of the PIN is tried until the card is known to be
    sealed to this box and signed by the key of the holder it names: a forged card is refused
    as `NOT_HOLDERS` and counts no wrong PIN (review S23, A5)."""
    raw, sealed = _parts(text)
    holder = PublicKey(raw)
    try:
        inside = nacl.public.SealedBox(box).decrypt(sealed)
    except nacl.exceptions.CryptoError:
        raise StaffCardError(CardRefusal.OTHER_BOX) from None
    if len(inside) <= SIGNATURE_BYTES + _INSIDE.size:
        raise StaffCardError(CardRefusal.MALFORMED)
    signature, rest = inside[:SIGNATURE_BYTES], inside[SIGNATURE_BYTES:]
    if not holder.verifies(_signed(holder, box.public_key, rest), signature):
        raise StaffCardError(CardRefusal.NOT_HOLDERS)
    salt, ops, mem = _INSIDE.unpack_from(rest)
    under_pin = rest[_INSIDE.size :]
    if not (
        _ARGON.OPSLIMIT_MIN <= ops <= MAX_OPSLIMIT and _ARGON.MEMLIMIT_MIN <= mem <= MAX_MEMLIMIT
    ):
        raise StaffCardError(CardRefusal.MALFORMED)
    try:
        box_of_pin = nacl.secret.SecretBox(_stretch(pin, salt, ops, mem))
        seed = box_of_pin.decrypt(under_pin)
    except (nacl.exceptions.CryptoError, ValueError):
        raise StaffCardError(CardRefusal.WRONG_PIN) from None
    if len(seed) != KEY_BYTES:
        raise StaffCardError(CardRefusal.MALFORMED)
    key = SigningKey.from_seed(seed)
    if key.public_key != holder:
        raise StaffCardError(CardRefusal.MALFORMED)  # its maker sealed another's key under it
    return key


def _parts(text: str) -> tuple[bytes, bytes]:
    """The holder's public key and the sealed part of a card's `text`."""
    if text.strip().startswith(tuple(old + "." for old in OLD_PREFIXES)):
        raise StaffCardError(CardRefusal.OLD_CARD)
    found = _CARD.fullmatch(text.strip())
    if found is None:
        raise StaffCardError(CardRefusal.MALFORMED)
    return bytes.fromhex(found.group(1)), bytes.fromhex(found.group(2))


def _signed(holder: PublicKey, box: nacl.public.PublicKey, rest: bytes) -> bytes:
    """What the holder's key signs on their card: the box it is sealed to, and all it seals
    beside the signature (the salt, the cost, the PIN's sealed seed)."""
    return b"".join((PREFIX.encode(), b"\0", holder.raw, bytes(box), rest))


def _stretch(pin: str, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    return _ARGON.kdf(
        nacl.secret.SecretBox.KEY_SIZE,
        pin.encode("ascii"),
        salt,
        opslimit=opslimit,
        memlimit=memlimit,
    )
