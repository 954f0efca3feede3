"""A forensic reader of a copy of a ballot box's directory: every byte, cut as SQLite lays it out.

Issue 9 §1's attacker holds a byte-for-byte copy of the box's directory. This reader does not ask
SQLite what the files hold (SQLite shows live rows only): it reads every file whole, and cuts a
database file into its pages by the header's page size (https://sqlite.org/fileformat.html §1.3),
marking the freelist's trunk and leaf pages free (§1.5), and a write-ahead log into its frames
(§4.1: a 32-byte header, then frames of a 24-byte header and one page), every frame, whatever its
salt: frames a checkpoint has left behind are read too. A needle is sought in each file's bytes
whole, so one that straddles two pages is found as well, and each hit is placed in its page or
frame.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
WAL_MAGICS = (0x377F0682, 0x377F0683)
WAL_HEADER = 32
FRAME_HEADER = 24


@dataclass(frozen=True)
class Piece:
    """Where a byte lies: a file (relative to the copy), the kind of piece (`page`, `free page`,
    `wal frame`, `wal header`, `file`) and its number (a page's, a frame's from 1; 0 otherwise)."""

    file: str
    kind: str
    number: int


@dataclass(frozen=True)
class Layout:
    """What the reader made of one copy: every piece it read."""

    pieces: tuple[tuple[Piece, int, int], ...]  # each piece with its start and end offset

    def count(self, kind: str) -> int:
        return sum(1 for piece, _, _ in self.pieces if piece.kind == kind)

    def at(self, file: str, offset: int) -> Piece:
        for piece, start, end in self.pieces:
            if piece.file == file and start <= offset < end:
                return piece
        return Piece(file, "file", 0)


def _big(data: bytes, at: int, size: int) -> int:
    return int.from_bytes(data[at : at + size], "big")


def _database(name: str, data: bytes) -> Iterator[tuple[Piece, int, int]]:
    size = _big(data, 16, 2)
    size = 65536 if size == 1 else size
    free = set()
    trunk = _big(data, 32, 4)
    while trunk > 0 and trunk * size <= len(data):
        page = data[(trunk - 1) * size : trunk * size]
        free.add(trunk)
        leaves = _big(page, 4, 4)
        free.update(_big(page, 8 + 4 * i, 4) for i in range(min(leaves, size // 4 - 2)))
        trunk = _big(page, 0, 4)
    for number in range(1, len(data) // size + 1):
        kind = "free page" if number in free else "page"
        yield Piece(name, kind, number), (number - 1) * size, number * size


def _wal(name: str, data: bytes) -> Iterator[tuple[Piece, int, int]]:
    yield Piece(name, "wal header", 0), 0, WAL_HEADER
    size = _big(data, 8, 4)
    frame = FRAME_HEADER + size
    for number, start in enumerate(range(WAL_HEADER, len(data) - frame + 1, frame), start=1):
        yield Piece(name, "wal frame", number), start, start + frame


def read(folder: Path) -> tuple[Layout, dict[str, bytes]]:
    """Every file under `folder` (by its path relative to it) and how it is laid out."""
    files = {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
    pieces: list[tuple[Piece, int, int]] = []
    for name, data in files.items():
        if data.startswith(SQLITE_MAGIC):
            pieces.extend(_database(name, data))
        elif len(data) >= WAL_HEADER and _big(data, 0, 4) in WAL_MAGICS:
            pieces.extend(_wal(name, data))
        else:
            pieces.append((Piece(name, "file", 0), 0, len(data)))
    return Layout(tuple(pieces)), files


def find(needles: Mapping[str, bytes], folder: Path) -> list[tuple[str, Piece]]:
    """Each (needle's name, piece) where a needle occurs, anywhere in any file under `folder`."""
    layout, files = read(folder)
    found = []
    for name, data in files.items():
        for label, needle in needles.items():
            at = data.find(needle)
            while at >= 0:
                found.append((label, layout.at(name, at)))
                at = data.find(needle, at + 1)
    return found


def column(database: Path, scratch: Path, query: str) -> list[object]:
    """The values of a one-column `query`, read by SQLite from a copy of `database` and its WAL
    made in `scratch`, so that the copy under study is left as it was."""
    scratch.mkdir(parents=True)
    for suffix in ("", "-wal", "-shm"):
        source = database.with_name(database.name + suffix)
        if source.exists():
            shutil.copyfile(source, scratch / (database.name + suffix))
    with sqlite3.connect(scratch / database.name) as connection:
        return [row[0] for row in connection.execute(query)]
