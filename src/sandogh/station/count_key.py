"""The station's count key: every ballot is sealed to it when cast, and its secret is held by
the station's staff, any two of them together, never by the box.

Issue 9 §1: whoever copies the box's disk at any moment of the day (database, WAL, free pages,
key files, printer output, logs), and also holds the centre's database, must not link a voter or
a check-in position to a ballot's content. The box's file erases the order of its writes after
every cast (`station.local_store`), but copies taken at two moments differ by what was cast
between them, and a cast commits its card's consumption with its ballot; so a ballot is never
written in a form that can be read without the staff.

The scheme, with every input:
- At opening (`draw`) the box makes a fresh X25519 key pair (libsodium's `crypto_box_keypair`,
  through PyNaCl's `PrivateKey.generate`). It keeps the public key; the 32-byte secret is split
  among the station's registered staff (the enrolment's `staff`: keys registered at the centre
  and published before polls open) and dropped: it is never written anywhere.
- 2 of n by pairs: for every pair {i, j} of the n staff keys (sorted), a fresh random r of 32
  bytes (`nacl.utils.random`) is sealed to i, and secret XOR r to j. A sealed share is a
  libsodium sealed box (`crypto_box_seal`: an ephemeral key, X25519 and XSalsa20-Poly1305) to
  the X25519 key derived from the member's registered Ed25519 key, so no other key is needed.
  Either half alone is a uniformly random string; both together give the secret. n staff hold
  n(n-1)/2 pairs, n-1 shares each. With one registered member the secret is sealed to them whole
  (1 of 1); with none the box refuses to open.
- Why two: no single person (a staff member, the technician, whoever takes the box) can open a
  ballot, yet any two of the staff can count, so the count does not wait for every member. A
  larger k would make one absent member block more counts; the pair scheme stays simple to
  check, and the threshold schemes of the end-to-end work (DESIGN.md §7) replace it.
- At casting (`seal`), the record's canonical bytes (`core.report.encode_record`) are padded to
  one length per station: ISO/IEC 7816-4 (0x80, then zeros; libsodium's `sodium_pad`) to the
  longest record the ballot allows plus one (`core.report.record_bound`), so the padding is
  unambiguous and every ballot is padded to the same length; then sealed to the count key. Every
  stored ballot is `SEAL_OVERHEAD + bound + 1` bytes, and two equal ballots give unrelated bytes.
- At counting (`recover`), the staff keys present must each be registered for the station in
  the role given, and be two (or the only one). Their shares are opened, the secret rebuilt in
  memory and checked against the kept public key; the ballots are opened in memory only.

What this leaves open is written in docs/threat-model.md.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import nacl.bindings
import nacl.exceptions
import nacl.public
import nacl.utils

from sandogh.core.definition.problems import Problem
from sandogh.core.report import PublicKey, SigningKey, StaffRole
from sandogh.station.errors import StaffKeyError, StaffKeyRefusal

SECRET_BYTES = nacl.public.PrivateKey.SIZE
#: A sealed box's ephemeral public key and authentication tag, around the message.
SEAL_OVERHEAD = nacl.bindings.crypto_box_SEALBYTES


@dataclass(frozen=True)
class SealedShare:
    """One half of a pair's split of the secret (or, 1 of 1, the whole), sealed to `holder`;
    `pair` names the pair: its members' keys in order, space-separated."""

    pair: str
    holder: PublicKey
    sealed: bytes


@dataclass(frozen=True)
class CountKey:
    """What the box keeps of its count key: the X25519 public key and the sealed shares."""

    public: bytes
    shares: tuple[SealedShare, ...]


def draw(staff: Iterable[PublicKey]) -> CountKey:
    """A fresh count key, split among `staff` (see the module docstring); the secret is gone
    when this returns."""
    holders = sorted(set(staff), key=lambda key: key.raw)
    if not holders:
        raise _no_staff()
    secret = nacl.public.PrivateKey.generate()
    whole = bytes(secret)
    if len(holders) == 1:
        (only,) = holders
        shares = [SealedShare(only.text, only, _seal_to(only, whole))]
    else:
        shares = []
        for first, second in itertools.combinations(holders, 2):
            pair = f"{first.text} {second.text}"
            mask = nacl.utils.random(SECRET_BYTES)
            shares.append(SealedShare(pair, first, _seal_to(first, mask)))
            shares.append(SealedShare(pair, second, _seal_to(second, _xor(whole, mask))))
    return CountKey(bytes(secret.public_key), tuple(shares))


def seal(public: bytes, record: bytes, bound: int) -> bytes:
    """`record` padded to `bound` + 1 bytes and sealed to the count key `public`."""
    if len(record) > bound:
        raise ValueError(f"a record of {len(record)} bytes is longer than the bound {bound}")
    padded = nacl.bindings.sodium_pad(record, bound + 1)
    return nacl.public.SealedBox(nacl.public.PublicKey(public)).encrypt(padded)


def sealed_length(bound: int) -> int:
    """The length of every ballot a station of this `bound` stores."""
    return SEAL_OVERHEAD + bound + 1


class Opener:
    """The rebuilt count key, in memory only: it opens the station's sealed ballots."""

    def __init__(self, secret: nacl.public.PrivateKey, bound: int) -> None:
        self._box = nacl.public.SealedBox(secret)
        self._bound = bound

    def open(self, sealed: bytes) -> bytes:
        """The record's canonical bytes."""
        return nacl.bindings.sodium_unpad(self._box.decrypt(sealed), self._bound + 1)


def recover(
    key: CountKey,
    registered: Sequence[tuple[StaffRole, PublicKey]],
    present: Sequence[tuple[StaffRole, SigningKey]],
    bound: int,
) -> Opener:
    """The count key rebuilt from the shares of the staff `present` (see the module docstring);
    `StaffKeyError` names every key that is not registered or not in its role, or says how many
    are missing."""
    roles = {public: role for role, public in registered}
    if not roles:
        raise _no_staff()
    unregistered, miscast = [], []
    for i, (role, signing) in enumerate(present):
        public = signing.public_key
        if public not in roles:
            unregistered.append(
                Problem(f"staff[{i}]", f"{public.text} is not registered for this station")
            )
        elif roles[public] is not role:
            miscast.append(
                Problem(
                    f"staff[{i}]", f"{public.text} is registered as {roles[public]}, not {role}"
                )
            )
    if unregistered or miscast:
        reason = StaffKeyRefusal.UNREGISTERED if unregistered else StaffKeyRefusal.WRONG_ROLE
        raise StaffKeyError(reason, unregistered + miscast)
    signing_keys = {signing.public_key: signing for _, signing in present}
    needed = min(2, len(roles))
    if len(signing_keys) < needed:
        raise StaffKeyError(
            StaffKeyRefusal.TOO_FEW,
            [Problem("staff", f"{len(signing_keys)} staff key(s) given; counting needs {needed}")],
        )
    by_pair: dict[str, dict[PublicKey, bytes]] = {}
    for share in key.shares:
        by_pair.setdefault(share.pair, {})[share.holder] = share.sealed
    holders = sorted(signing_keys, key=lambda k: k.raw)
    pair = holders[0].text if needed == 1 else f"{holders[0].text} {holders[1].text}"
    halves = by_pair.get(pair, {})
    try:
        opened = [_open_with(signing_keys[holder], halves[holder]) for holder in holders[:needed]]
    except (KeyError, nacl.exceptions.CryptoError):
        raise _broken(pair) from None
    secret = opened[0] if needed == 1 else _xor(opened[0], opened[1])
    rebuilt = nacl.public.PrivateKey(secret)
    if bytes(rebuilt.public_key) != key.public:
        raise _broken(pair)
    return Opener(rebuilt, bound)


def _no_staff() -> StaffKeyError:
    return StaffKeyError(
        StaffKeyRefusal.NO_STAFF,
        [Problem("staff", "no staff member is registered for this station")],
    )


def _broken(pair: str) -> StaffKeyError:
    return StaffKeyError(
        StaffKeyRefusal.SHARES_BROKEN,
        [Problem("shares", f"the shares of {pair} do not give this station's count key")],
    )


def _seal_to(holder: PublicKey, message: bytes) -> bytes:
    return nacl.public.SealedBox(holder.x25519()).encrypt(message)


def _open_with(holder: SigningKey, sealed: bytes) -> bytes:
    return nacl.public.SealedBox(holder.x25519()).decrypt(sealed)


def _xor(left: bytes, right: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(left, right, strict=True))
