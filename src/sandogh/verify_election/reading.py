"""Reading the record's files (`docs/e2e.md` §9): JSON, hex fields, and the snapshot's files.

Every value read from the record is checked for its form here — an element is decoded and
refused unless canonical (§1), a scalar unless it is 32 bytes below q — and a field missing or
of another type raises `RecordError` naming the file, the line and the field. Files are read
from a folder or over HTTP(S) (`web`); a station's chain is read line by line, never whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sandogh.core.e2e.group import Group
from sandogh.verify_election.errors import RecordError, Refusal, RefusedError, VerifierError
from sandogh.verify_election.web import Limits, Remote

_HEX32 = re.compile(r"[0-9a-f]{64}")
_PREFIXED = re.compile(r"(sha256|ed25519):([0-9a-f]{64})")
# A path the manifest may list: relative, below e2e/, of the characters the record's own paths
# use (codes, ids, hex), so that no reader — a folder, a URL — can resolve it elsewhere.
_PATH = re.compile(r"[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*")
# The widest integer a record's field holds: §2 hashes counts as u32; the manifest's lengths are
# checked against `MAX_FILE`. A larger one is refused when read, never handed to a hash.
U32 = 2**32 - 1
# The most a file the manifest lists may hold (a station's chain is the largest).
MAX_FILE = 256 * 2**20
CHUNK = 2**16
_MIB = 2**20
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
# The most the verifier reads of a file the manifest does not bound, by its path (§10, "Bounded
# reads"): about twice the largest a national election makes (bench/nation.py: 58,640 stations,
# 15,000 parliament candidates), so a hostile server gets that much of memory and no more. The
# national definition is 33.1 MiB; the manifest lists about 190,000 files (two per station,
# 65,536 code shards, the aggregates), 23 MiB; the pre-election record holds every station's
# boxes and staff, 68 MiB with two boxes and seven staff a station. A station's report or result
# file is its sheets' figures (Tehran's 3,000 candidates: about 100 KiB). Anything else unlisted
# is an e2e/ file the manifest fails to list (V1 fails it), or the snapshot's list of elections.
UNLISTED: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"data/[^/]+/anchor/record\.json"), 128 * _MIB),
    (re.compile(r"data/[^/]+/definition\.json"), 64 * _MIB),
    (re.compile(r"data/[^/]+/e2e/manifest\.json"), 64 * _MIB),
    (re.compile(r"data/[^/]+/(reports|results)/.+"), 4 * _MIB),
)
UNLISTED_OTHER = 4 * _MIB


def unlisted_bound(relative: str) -> int:
    """The most the verifier reads of `relative` when the manifest does not bound it."""
    for pattern, bound in UNLISTED:
        if pattern.fullmatch(relative):
            return bound
    return UNLISTED_OTHER


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise ValueError("a key appears twice")
    return document


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > 20:  # before int(): 10**400 would be read, then overflow a hash
        raise ValueError(f"the integer {text[:24]}… is out of range")
    return int(text)


def parse_json(data: bytes | str, where: str) -> Any:
    """JSON, with a key given twice, NaN or Infinity refused (each would let two readers differ),
    an integer of more than 20 digits refused, and nesting too deep for the parser a named
    failure rather than a `RecursionError` (a line of 100,000 `[`)."""
    try:
        return json.loads(
            data,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_int=_bounded_int,
        )
    except RecursionError as error:
        raise RecordError(where, "not JSON: nested too deeply") from error
    except ValueError as error:
        raise RecordError(where, f"not JSON: {error}") from error


def safe_path(path: str, where: str) -> str:
    """A manifest's path, refused (`RecordError`) unless relative and inside e2e/: no leading
    `/`, no `..` or `.` component, no backslash, nothing but the characters of §9's paths."""
    if (
        not _PATH.fullmatch(path)
        or posixpath.normpath(path) != path
        or any(part in (".", "..") for part in path.split("/"))
    ):
        raise RecordError(where, f"the path {path!r} leaves e2e/ or is not of §9's form")
    return path


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


def count(document: Any, name: str, where: str, maximum: int = U32) -> int:
    """A count: an integer from 0 to `maximum` (a u32 of §2 unless said otherwise)."""
    value: int = field(document, name, where, int)
    if value < 0:
        raise RecordError(where, f"{name!r} is negative")
    if value > maximum:
        raise RecordError(where, f"{name!r} is above {maximum}")
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


def read_ciphertext(group: Group, document: Any, where: str, at: str) -> tuple[bytes, bytes]:
    """(α, β) of `document` (read at `where`), each an element, named `at.alpha`/`at.beta`."""
    return (
        element(group, field(document, "alpha", where), f"{at}.alpha"),
        element(group, field(document, "beta", where), f"{at}.beta"),
    )


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
    """The snapshot's files by their path under its root: a folder, or an http(s) URL (`web`),
    read within `limits` (the run's deadline, and over HTTP each file's)."""

    def __init__(self, location: str, limits: Limits | None = None) -> None:
        self.location = location
        self.limits = limits or Limits()
        self._remote = Remote(location, self.limits) if _URL.match(location) else None
        if self._remote is None and not Path(location).is_dir():
            raise VerifierError(f"{location}: no such folder")

    def _local(self, relative: str) -> Path | None:
        """The file under the folder, or None when it is not there. A path that resolves
        (through `..` or a symlink) outside the folder, or to anything but a regular file
        (`/dev/zero`, a FIFO), is refused: `VerifierError`. Past the run's deadline, none is."""
        left = self.limits.run_left()
        if left is not None and left <= 0:
            raise self.limits.run_over(relative)
        root = os.path.realpath(self.location)
        resolved = os.path.realpath(os.path.join(root, relative))
        if os.path.commonpath([root, resolved]) != root:
            raise VerifierError(f"{relative}: leads outside the snapshot")
        try:
            mode = os.stat(resolved).st_mode
        except FileNotFoundError:
            return None
        except OSError as error:
            raise VerifierError(f"{relative}: {error.strerror or error}") from error
        if not stat.S_ISREG(mode):
            raise VerifierError(f"{relative}: not a regular file")
        return Path(resolved)

    def read(self, relative: str, limit: int | None = None) -> bytes | None:
        """The file's bytes; None when it is not there; `VerifierError` on any other failure.
        With `limit` (a manifest's length + 1) at most that many bytes are read: a longer file
        then fails V1 on its length. Without, a file past `unlisted_bound` is refused."""
        bound = unlisted_bound(relative)
        cap = bound + 1 if limit is None else limit
        if self._remote is None:
            path = self._local(relative)
            if path is None:
                return None
            try:
                with path.open("rb") as stream:
                    data = stream.read(cap)
            except OSError as error:
                raise VerifierError(f"{relative}: {error.strerror or error}") from error
        else:
            body = self._remote.open(relative, cap, bound if limit is None else None)
            if body is None:
                return None
            data = b"".join(body)
        if limit is None and len(data) > bound:
            where = relative if self._remote is None else self._remote.url(relative)
            raise RefusedError(where, Refusal.TOO_LONG, {"bytes": bound})
        return data

    def lines(
        self, relative: str, hasher: hashlib._Hash, limit: int | None = None
    ) -> Iterator[bytes]:
        """The file's lines, streamed, each also fed to `hasher` (for the manifest's check);
        none when the file is not there. At most `limit` bytes (default `unlisted_bound`) are
        read, the last line cut there: a longer file then fails V1 on its length."""
        remaining = unlisted_bound(relative) + 1 if limit is None else limit
        if self._remote is None:
            path = self._local(relative)
            if path is None:
                return
            with path.open("rb") as stream:
                while remaining > 0:
                    line = stream.readline(remaining)
                    if not line:
                        return
                    remaining -= len(line)
                    hasher.update(line)
                    yield line
            return
        body = self._remote.open(relative, remaining, None)
        if body is None:
            return
        pending = b""
        for chunk in body:
            hasher.update(chunk)
            pending += chunk
            *complete, pending = pending.split(b"\n")
            for line in complete:
                yield line + b"\n"
        if pending:
            yield pending

    def close(self) -> None:
        if self._remote is not None:
            self._remote.close()
