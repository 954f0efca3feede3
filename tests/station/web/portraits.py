"""A candidate's photo for the ballot screen's tests, made here: no image file in the repository."""

from __future__ import annotations

import struct
import zlib


def portrait_png(width: int = 72, height: int = 90) -> bytes:
    """A small neutral portrait (a head and shoulders in grey on blue), written as a PNG."""
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter: none
        for x in range(width):
            head = (x - width / 2) ** 2 + (y - height * 0.38) ** 2 < (width * 0.22) ** 2
            body = y > height * 0.66 and abs(x - width / 2) < width * 0.4
            row += bytes((120, 124, 130) if head or body else (205, 219, 235))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )
