"""Writing the snapshot's files: whole or not at all, and only when their bytes change.

docs/publish.md: a reader never sees half a file, and a file whose content has not changed is not
rewritten, so its `Last-Modified` and `ETag` (which static servers derive from the file's time and
size) stay the same and caches keep it. Each file is written to a temporary name beside it and
renamed over it (`os.replace`, atomic on POSIX); the old bytes are compared first. Nothing is
fsync'd: a snapshot is regenerated from the store, so a file lost to a power cut is written again
by the next full regeneration, and 290,000 syncs would cost minutes.
"""

from __future__ import annotations

import filecmp
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

#: orjson writes what the standard library writes with `ensure_ascii=False` and no white space,
#: keys in the order given (`"`, `\\` and the control characters escaped alike, `\\u00xx` in lower
#: case), several times faster: the snapshot's ~300,000 documents and the NIST report's ~400,000
#: pieces. What it would write and the standard library would not (a date, a dataclass) it
#: refuses as the standard library does; what it refuses (an integer beyond 64 bits, a lone
#: surrogate, keys that are not text) the standard library writes or refuses as before. No
#: document of the snapshot holds a float (shares are text), where the two would differ
#: (tests/publish/test_writer.py draws documents to compare the two).
_ORJSON = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME


def _standard(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def json_text(document: Any) -> str:
    """A document as the snapshot writes it, before its UTF-8: compact JSON, keys in the order
    given."""
    try:
        return orjson.dumps(document, option=_ORJSON).decode("utf-8")
    except orjson.JSONEncodeError:
        return _standard(document)


def json_bytes(document: Any) -> bytes:
    """A document as the snapshot writes it: compact UTF-8 JSON, keys in the order given."""
    try:
        return orjson.dumps(document, option=_ORJSON)
    except orjson.JSONEncodeError:
        return _standard(document).encode("utf-8")


#: a file as found on disk (inode, size, nanoseconds of its last change), None where there is
#: none: a file written is renamed over the old, so a change of its bytes changes its stamp
Stamp = tuple[int, int, int] | None


def file_stamp(status: os.stat_result) -> Stamp:
    return (status.st_ino, status.st_size, status.st_mtime_ns)


#: the documents a writer keeps at most (`Writer.documents`): a pass writes a few hundred files
MOST_DOCUMENTS = 1_000


#: a temporary file opened as `open(…, "wb")` opens it
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


@dataclass
class Writer:
    """Writes files under `root`, counting what it wrote and what it found unchanged."""

    root: Path
    written: list[str] = field(default_factory=list)  # relative paths, in the order written
    unchanged: int = 0
    #: the files' permissions, where they must not depend on the process's umask (the site's
    #: pages, read by the web server); None: the umask's
    mode: int | None = None
    #: where kept (not None), the documents the files written decode to, as their writers gave
    #: them (`write`'s `document`), with the file's stamp: a night's pass hands them to the
    #: site's rendering, which would otherwise read them again (`publish.site_passes`)
    documents: dict[str, tuple[Stamp, Any]] | None = None
    _folders: set[str] = field(default_factory=set, repr=False)  # known to exist

    def keeps_documents(self) -> bool:
        """Whether a document given with a file is kept: up to `MOST_DOCUMENTS` of them (a
        pass that writes an election's files again, after a board's decision, keeps the first)."""
        return self.documents is not None and len(self.documents) < MOST_DOCUMENTS

    def _folder(self, path: str) -> None:
        folder = os.path.dirname(path)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)

    def write(self, relative: str, data: bytes, document: Any = None) -> bool:
        """Write `data` at `root/relative` unless the file holds it already; True if written.
        `document`: what `data` decodes to, kept in `documents` if they are kept."""
        # `os` on strings, not `pathlib`: a national snapshot is ~300,000 files, and building
        # paths took a tenth of writing them (measured)
        path = os.path.join(self.root, relative)
        try:
            if os.stat(path).st_size == len(data):
                with open(path, "rb") as stream:
                    if stream.read() == data:
                        self.unchanged += 1
                        return False
        except FileNotFoundError:
            self._folder(path)
        head, name = os.path.split(path)
        temporary = os.path.join(head, f".{name}.{os.getpid()}.tmp")
        # the descriptor's calls, not a buffered file object: a regeneration writes ~360,000
        # files into empty folders, and the object, its buffer and the folder's `Path` were
        # two thirds of a write's own CPU (40,000 files: 0.7-0.87 -> 0.24-0.35 s, measured;
        # the system's, making the files, is the rest and most)
        descriptor = os.open(temporary, _CREATE, 0o666)
        try:
            written = os.write(descriptor, data)
            while written < len(data):  # a short write: a signal, a full disk's last bytes
                written += os.write(descriptor, data[written:])
            if self.mode is not None:
                os.fchmod(descriptor, self.mode)
        finally:
            os.close(descriptor)
        kept = self.documents
        if document is not None and kept is not None and len(kept) < MOST_DOCUMENTS:
            # the file's stamp once in place: a rename keeps its inode, size and time
            kept[relative] = (file_stamp(os.stat(temporary)), document)
        os.replace(temporary, path)
        self.written.append(relative)
        return True

    def write_json(self, relative: str, document: Any) -> bool:
        return self.write(relative, json_bytes(document))

    def write_chunks(self, relative: str, chunks: Iterable[bytes]) -> bool:
        """Write a file too large to hold in memory at once, from its chunks."""
        path = self.root / relative
        self._folder(str(path))
        temporary = _temporary(path)
        try:
            with temporary.open("wb") as stream:
                for chunk in chunks:
                    stream.write(chunk)
            if path.exists() and filecmp.cmp(temporary, path, shallow=False):
                self.unchanged += 1
                return False
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
        self.written.append(relative)
        return True
