"""Reading the record's files (`docs/e2e.md` §9): JSON, hex fields, and the snapshot's files.

Every value read from the record is checked for its form here — an element is decoded and
refused unless canonical (§1), a scalar unless it is 32 bytes below q — and a field missing or
of another type raises `RecordError` naming the file, the line and the field. Files are read
from a folder or over HTTP(S); a station's chain is read line by line, never whole.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from sandogh.core.e2e.group import Group

_HEX32 = re.compile(r"[0-9a-f]{64}")
_PREFIXED = re.compile(r"(sha256|ed25519):([0-9a-f]{64})")


class VerifierError(Exception):
    """Anything that stops the verifier from reading the record."""


class RecordError(VerifierError):
    """A file of the record that does not read as §9 says: `where` names the file, line, field."""

    def __init__(self, where: str, detail: str) -> None:
        self.where = where
        self.detail = detail
        super().__init__(f"{where}: {detail}")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise ValueError("a key appears twice")
    return document


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_json(data: bytes | str, where: str) -> Any:
    """JSON, with a key given twice, NaN or Infinity refused (each would let two readers differ)."""
    try:
        return json.loads(data, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except ValueError as error:
        raise RecordError(where, f"not JSON: {error}") from error


def canonical_bytes(value: Any) -> bytes:
    """A parsed JSON value's canonical bytes (RFC 8785 for the values a report holds: keys sorted
    — ASCII here, so code points and UTF-16 agree —, no white space, UTF-8 as is, integers)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def field(document: Any, name: str, where: str, kind: type | tuple[type, ...] = object) -> Any:
    """`document[name]`, which must be there and of `kind` (an int is never a bool)."""
    if not isinstance(document, dict):
        raise RecordError(where, "not a JSON object")
    if name not in document:
        raise RecordError(where, f"no field {name!r}")
    value = document[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise RecordError(where, f"{name!r} is not of the right type")
    return value


def count(document: Any, name: str, where: str) -> int:
    value: int = field(document, name, where, int)
    if value < 0:
        raise RecordError(where, f"{name!r} is negative")
    return value


def digest(document: Any, name: str, where: str) -> bytes:
    """A hash of §2 or a nonce: 64 lower-case hex digits, as its 32 bytes."""
    value = field(document, name, where, str)
    if not _HEX32.fullmatch(value):
        raise RecordError(where, f"{name!r} is not 64 lower-case hex digits")
    return bytes.fromhex(value)


def prefixed(document: Any, name: str, prefix: str, where: str) -> bytes:
    """A `sha256:…` hash or `ed25519:…` key, as its 32 bytes."""
    value = field(document, name, where, str)
    matched = _PREFIXED.fullmatch(value)
    if matched is None or matched.group(1) != prefix:
        raise RecordError(where, f"{name!r} is not {prefix}: and 64 hex digits")
    return bytes.fromhex(matched.group(2))


def element(group: Group, value: Any, where: str) -> bytes:
    if not isinstance(value, str) or not _HEX32.fullmatch(value):
        raise RecordError(where, "an element is 64 lower-case hex digits")
    data = bytes.fromhex(value)
    if not group.is_element(data):
        raise RecordError(where, f"not an element of {group.name}")
    return data


def scalar(group: Group, value: Any, where: str) -> int:
    if not isinstance(value, str) or not _HEX32.fullmatch(value):
        raise RecordError(where, "a scalar is 64 lower-case hex digits")
    number = int(value, 16)
    if number >= group.q:
        raise RecordError(where, "a scalar is below q")
    return number


def scalars(group: Group, value: Any, where: str) -> list[int]:
    if not isinstance(value, list):
        raise RecordError(where, "not a list of scalars")
    return [scalar(group, each, f"{where}[{i}]") for i, each in enumerate(value)]


class Source:
    """The snapshot's files by their path under its root: a folder, or an http(s) URL."""

    def __init__(self, location: str) -> None:
        self.location = location
        self._web = location.startswith(("http://", "https://"))
        self._client: httpx.Client | None = None
        if not self._web and not Path(location).is_dir():
            raise VerifierError(f"{location}: no such folder")

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(timeout=60.0, follow_redirects=True)
        return self._client

    def _url(self, relative: str) -> str:
        return self.location.rstrip("/") + "/" + relative

    def read(self, relative: str) -> bytes | None:
        """The file's bytes; None when it is not there; `VerifierError` on any other failure."""
        if not self._web:
            try:
                return (Path(self.location) / relative).read_bytes()
            except FileNotFoundError:
                return None
            except OSError as error:
                raise VerifierError(f"{relative}: {error.strerror or error}") from error
        try:
            response = self._http().get(self._url(relative))
        except httpx.HTTPError as error:
            raise VerifierError(f"{self._url(relative)}: {error}") from error
        if response.status_code in (404, 410):
            return None
        if response.status_code != httpx.codes.OK:
            raise VerifierError(f"{self._url(relative)}: HTTP {response.status_code}")
        return response.content

    def lines(self, relative: str, hasher: hashlib._Hash) -> Iterator[bytes]:
        """The file's lines, streamed, each also fed to `hasher` (for the manifest's check);
        none when the file is not there."""
        if not self._web:
            try:
                with (Path(self.location) / relative).open("rb") as stream:
                    for line in stream:
                        hasher.update(line)
                        yield line
            except FileNotFoundError:
                return
            return
        with self._http().stream("GET", self._url(relative)) as response:
            if response.status_code in (404, 410):
                return
            if response.status_code != httpx.codes.OK:
                raise VerifierError(f"{self._url(relative)}: HTTP {response.status_code}")
            pending = b""
            for chunk in response.iter_bytes():
                hasher.update(chunk)
                pending += chunk
                *complete, pending = pending.split(b"\n")
                for line in complete:
                    yield line + b"\n"
            if pending:
                yield pending

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
