"""An Ed25519 signing key kept in a file of its own: its 32-byte seed in hex, mode 0600.

DESIGN.md §6. The key is made here, at the edge, from `os.urandom` (the core draws no randomness:
`core.report.keys`); the file is created with mode 0600 (owner read/write only) and never
overwritten, and one that others can read or write is refused rather than used. A ballot box
keeps its device key so (`station.directory`), a person theirs (staff, officials: `sandogh staff
keygen`), and the centre its log key (`sandogh log keygen`) and its server key (`sandogh
server-key keygen`: 32 random bytes used as they are, as a symmetric key, in the same format;
`server.server_key`). Protecting a key beyond file
permissions (a TPM, a smart card) is the deployment's choice.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sandogh.core.errors import SandoghError
from sandogh.core.report import SigningKey
from sandogh.core.report.keys import KEY_BYTES

PRIVATE_FILE = 0o600


class KeyFileError(SandoghError):
    """A key file that is missing, unsafe or does not hold a key; the message names the file,
    and `said` the command's line for it (`locale.command_failures`, `key-file-…`)."""

    def __init__(self, message: str, key: str, **values: str | int) -> None:
        super().__init__(message)
        self.said = (f"key-file-{key}", values)


def write_key_file(path: Path) -> SigningKey:
    """A fresh key, its seed written to a new file at `path`; an existing file is refused."""
    return SigningKey.from_seed(write_seed_file(path))


def read_key_file(path: Path) -> SigningKey:
    """The key in a file `write_key_file` made; one that others may read or write is refused
    rather than used, as is anything but 32 bytes in hex."""
    return SigningKey.from_seed(read_seed_file(path))


def write_seed_file(path: Path) -> bytes:
    """32 fresh random bytes, written in hex to a new file at `path` (mode 0600); an existing
    file is refused."""
    seed = os.urandom(KEY_BYTES)
    try:
        # O_EXCL: two processes creating the same key file cannot both write a key
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        raise KeyFileError(f"{path} already exists", "exists", file=str(path)) from None
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(seed.hex() + "\n")
        file.flush()
        os.fsync(file.fileno())
    return seed


def read_seed_file(path: Path) -> bytes:
    """The 32 bytes in a file `write_seed_file` made; one that others may read or write is
    refused rather than used, as is anything but 32 bytes in hex."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        raise KeyFileError(f"{path}: no such key file", "missing", file=str(path)) from None
    if mode & ~PRIVATE_FILE:
        raise KeyFileError(
            f"{path} has mode {mode:o}: only its owner may read it (chmod 600)",
            "open",
            file=str(path),
            mode=f"{mode:o}",
        )
    return _seed_from_text(path.read_text(encoding="ascii", errors="replace"), str(path))


def key_from_text(text: str, where: str) -> SigningKey:
    """The key whose seed a key file's `text` holds in hex (`where` names the file); the kiosk
    reads a staff key file so from the file its staff choose."""
    return SigningKey.from_seed(_seed_from_text(text, where))


def _seed_from_text(text: str, where: str) -> bytes:
    try:
        seed = bytes.fromhex(text.strip())
    except ValueError:
        raise KeyFileError(f"{where} does not hold a key in hex", "not-hex", file=where) from None
    if len(seed) != KEY_BYTES:
        raise KeyFileError(
            f"{where} holds {len(seed)} bytes, not {KEY_BYTES}",
            "length",
            file=where,
            bytes=len(seed),
            expected=KEY_BYTES,
        )
    return seed
