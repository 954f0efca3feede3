"""A station's directory: its database, its device key and its card key, each in a file of its
own.

DESIGN.md §6: a box holds an Ed25519 key registered at enrolment. It is kept at rest in
`device.key` (`formats.key_file`: its seed in hex, mode 0600) in a directory of mode 0700, never in
the database: a copy of the database (for audit, or taken off a broken box) does not carry the key.
Beside it, `card.key` holds the box's card key (32 random bytes in the same format, used as an
X25519 secret key): the staff cards made for this box are sealed to its public half, so a PIN can
be tried only here (`formats.staff_card`, review S21 F8). It is made with the station; a station
set up by an earlier version makes it when it is first asked for, since no card can have been
sealed to a key it did not have.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nacl.public

from sandogh.core.report import SigningKey
from sandogh.formats.key_file import (
    KeyFileError,
    read_key_file,
    read_seed_file,
    write_key_file,
    write_seed_file,
)
from sandogh.station.errors import StationFilesError
from sandogh.station.local_store import LocalStore

DATABASE_FILE = "station.sqlite"
KEY_FILE = "device.key"
CARD_KEY_FILE = "card.key"
_PRIVATE_DIRECTORY = 0o700


@dataclass(frozen=True)
class StationDirectory:
    path: Path

    @property
    def database(self) -> Path:
        return self.path / DATABASE_FILE

    @property
    def key_file(self) -> Path:
        return self.path / KEY_FILE

    @property
    def card_key_file(self) -> Path:
        return self.path / CARD_KEY_FILE

    def create(self, *, new_id: Callable[[], bytes] | None = None) -> tuple[LocalStore, SigningKey]:
        """A new station here: the directory (0700), a fresh device key and card key (0600) and
        an empty database. An existing station here is refused, never overwritten."""
        self.path.mkdir(mode=_PRIVATE_DIRECTORY, parents=True, exist_ok=True)
        if self.key_file.exists() or self.database.exists() or self.card_key_file.exists():
            raise StationFilesError(f"{self.path} already holds a station")
        try:
            key = write_key_file(self.key_file)
            write_seed_file(self.card_key_file)
        except KeyFileError as unsafe:
            raise StationFilesError(str(unsafe)) from None
        store = LocalStore(self.database, create=True, new_id=new_id)
        return store, key

    def open(self, *, new_id: Callable[[], bytes] | None = None) -> tuple[LocalStore, SigningKey]:
        """The station here: its database and its device key."""
        key = self.key()
        return LocalStore(self.database, new_id=new_id), key

    def key(self) -> SigningKey:
        if not self.key_file.exists():
            missing = StationFilesError(f"{self.path} holds no device key ({KEY_FILE})")
            missing.said = ("no-device-key", {"folder": str(self.path), "file": KEY_FILE})
            raise missing
        try:
            return read_key_file(self.key_file)
        except KeyFileError as unsafe:
            raise _refused(unsafe) from None

    def card_key(self) -> nacl.public.PrivateKey:
        """The box's card key (the station must be here: `key` refuses otherwise), made now if
        the station was set up before boxes had one."""
        self.key()
        if not self.card_key_file.exists():
            with contextlib.suppress(KeyFileError):  # made meanwhile by another process: kept
                write_seed_file(self.card_key_file)
        try:
            return nacl.public.PrivateKey(read_seed_file(self.card_key_file))
        except KeyFileError as unsafe:
            raise _refused(unsafe) from None


def _refused(unsafe: KeyFileError) -> StationFilesError:
    """A key file's refusal as the station's, with the key file's line in words."""
    refused = StationFilesError(str(unsafe))
    refused.said = unsafe.said
    return refused
