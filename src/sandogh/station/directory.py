"""A station's directory: its database and its device key, each in a file of its own.

DESIGN.md §6: a box holds an Ed25519 key registered at enrolment. The key is made here, by the
adapter, from `os.urandom` (the core draws no randomness: `core.report.keys`), and kept at rest as
its 32-byte seed in hex in `device.key`, a file created with mode 0600 (owner read/write only)
in a directory of mode 0700, never in the database: a copy of the database (for audit, or taken
off a broken box) does not carry the key. A key file others can read or write is refused rather
than used. Protecting it beyond file permissions (a TPM, a smart card) is the deployment's choice.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sandogh.core.report import SigningKey
from sandogh.core.report.keys import KEY_BYTES
from sandogh.station.errors import StationFilesError
from sandogh.station.local_store import LocalStore

DATABASE_FILE = "station.sqlite"
KEY_FILE = "device.key"
_PRIVATE_DIRECTORY = 0o700
_PRIVATE_FILE = 0o600


@dataclass(frozen=True)
class StationDirectory:
    path: Path

    @property
    def database(self) -> Path:
        return self.path / DATABASE_FILE

    @property
    def key_file(self) -> Path:
        return self.path / KEY_FILE

    def create(self, *, new_id: Callable[[], bytes] | None = None) -> tuple[LocalStore, SigningKey]:
        """A new station here: the directory (0700), a fresh device key (0600) and an empty
        database. An existing station here is refused, never overwritten."""
        self.path.mkdir(mode=_PRIVATE_DIRECTORY, parents=True, exist_ok=True)
        if self.key_file.exists() or self.database.exists():
            raise StationFilesError(f"{self.path} already holds a station")
        key = write_key_file(self.key_file)
        store = LocalStore(self.database, create=True, new_id=new_id)
        return store, key

    def open(self, *, new_id: Callable[[], bytes] | None = None) -> tuple[LocalStore, SigningKey]:
        """The station here: its database and its device key."""
        key = self.key()
        return LocalStore(self.database, new_id=new_id), key

    def key(self) -> SigningKey:
        if not self.key_file.exists():
            raise StationFilesError(f"{self.path} holds no device key ({KEY_FILE})")
        return read_key_file(self.key_file)


def write_key_file(path: Path) -> SigningKey:
    """A fresh Ed25519 key, its seed written in hex to a new file of mode 0600 at `path`: a box's
    device key, or a person's (staff, officials). An existing file is never overwritten."""
    seed = os.urandom(KEY_BYTES)
    try:
        # O_EXCL: two processes creating the same key file cannot both write a key
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _PRIVATE_FILE)
    except FileExistsError:
        raise StationFilesError(f"{path} already exists") from None
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(seed.hex() + "\n")
        file.flush()
        os.fsync(file.fileno())
    return SigningKey.from_seed(seed)


def read_key_file(path: Path) -> SigningKey:
    """The key in a file `write_key_file` made; one that others may read or write is refused
    rather than used, as is anything but 32 bytes in hex."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise StationFilesError(f"{path}: no such key file") from None
    if stat.S_IMODE(mode) & ~_PRIVATE_FILE:
        raise StationFilesError(
            f"{path} has mode {stat.S_IMODE(mode):o}: only its owner may read it (chmod 600)"
        )
    text = path.read_text(encoding="ascii", errors="replace").strip()
    try:
        seed = bytes.fromhex(text)
    except ValueError:
        raise StationFilesError(f"{path} does not hold a key in hex") from None
    if len(seed) != KEY_BYTES:
        raise StationFilesError(f"{path} holds {len(seed)} bytes, not {KEY_BYTES}")
    return SigningKey.from_seed(seed)
