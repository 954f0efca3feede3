"""A station's directory: its database and its device key, each in a file of its own.

DESIGN.md §6: a box holds an Ed25519 key registered at enrolment. It is kept at rest in
`device.key` (`formats.key_file`: its seed in hex, mode 0600) in a directory of mode 0700, never in
the database: a copy of the database (for audit, or taken off a broken box) does not carry the key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sandogh.core.report import SigningKey
from sandogh.formats.key_file import KeyFileError, read_key_file, write_key_file
from sandogh.station.errors import StationFilesError
from sandogh.station.local_store import LocalStore

DATABASE_FILE = "station.sqlite"
KEY_FILE = "device.key"
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

    def create(self, *, new_id: Callable[[], bytes] | None = None) -> tuple[LocalStore, SigningKey]:
        """A new station here: the directory (0700), a fresh device key (0600) and an empty
        database. An existing station here is refused, never overwritten."""
        self.path.mkdir(mode=_PRIVATE_DIRECTORY, parents=True, exist_ok=True)
        if self.key_file.exists() or self.database.exists():
            raise StationFilesError(f"{self.path} already holds a station")
        try:
            key = write_key_file(self.key_file)
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
            refused = StationFilesError(str(unsafe))
            refused.said = unsafe.said  # the key file's line, in words
            raise refused from None
