"""The centre's server key, which seals the operators' TOTP secrets at rest (issue 9, §4).

Whoever reads the centre's database must not be able to make a privileged operator's second
factor, so a TOTP secret is stored only sealed under a key that is never in the database: 32
random bytes in a file of its own, mode 0600, in the format of the other key files
(`formats.key_file`; `sandogh server-key keygen`), named by `SANDOGH_SERVER_KEY_FILE` or
`--server-key`.

Sealed with libsodium's XChaCha20-Poly1305 (IETF AEAD, through PyNaCl's bindings), a random
192-bit nonce each time, and the account's username as associated data, rather than with
`SecretBox` (XSalsa20-Poly1305): both are authenticated encryption with nonces random enough to
draw, but only the AEAD binds the username, so a sealed secret copied into another account's row
does not open there. Without it, whoever may write the operators table (but not read the key)
could give a privileged account the sealed secret of an account whose codes they have, and log
in as it. A sealed secret is stored as the nonce followed by the ciphertext and its tag.
"""

from __future__ import annotations

from pathlib import Path

import nacl.utils
from nacl.bindings import (
    crypto_aead_xchacha20poly1305_ietf_decrypt,
    crypto_aead_xchacha20poly1305_ietf_encrypt,
    crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
)
from nacl.exceptions import CryptoError

from sandogh.core.errors import SandoghError
from sandogh.formats.key_file import KeyFileError, read_seed_file, write_seed_file
from sandogh.server.environment import SERVER_KEY_VAR

#: The file name a run of its own (`sandogh simulate`, the live demo) keeps its server key in.
SERVER_KEY = "server.key"
_NONCE = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES


class ServerKeyError(SandoghError):
    """A server key file the centre cannot use; the message names the file and the setting."""


def server_key_name(path: Path) -> str:
    """How a message names the server key file and where it is set."""
    return f"{path} (--server-key or ${SERVER_KEY_VAR})"


class ServerKey:
    """Seals and opens the operators' TOTP secrets."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    @classmethod
    def read(cls, path: Path) -> ServerKey:
        """The key in `path`; a missing or unsafe file is a `ServerKeyError`."""
        try:
            return cls(read_seed_file(path))
        except (KeyFileError, OSError) as error:
            refused = ServerKeyError(f"the server key {server_key_name(path)}: {error}")
            refused.said = getattr(error, "said", None)  # the key file's line, in words
            raise refused from error

    @classmethod
    def write(cls, path: Path) -> ServerKey:
        """A fresh key, written to a new file at `path` (mode 0600)."""
        return cls(write_seed_file(path))

    def seal(self, secret: str, username: str) -> bytes:
        nonce = nacl.utils.random(_NONCE)
        sealed: bytes = crypto_aead_xchacha20poly1305_ietf_encrypt(
            secret.encode("ascii"), username.encode("utf-8"), nonce, self._key
        )
        return nonce + sealed

    def open(self, sealed: bytes, username: str) -> str | None:
        """The secret, or None when it was not sealed with this key for this username."""
        try:
            secret: bytes = crypto_aead_xchacha20poly1305_ietf_decrypt(
                sealed[_NONCE:], username.encode("utf-8"), sealed[:_NONCE], self._key
            )
        except CryptoError:
            return None
        return secret.decode("ascii")
