"""A signed report carried by QR codes: cut into numbered parts small enough to scan off a receipt.

DESIGN.md §3: the report is printed with QR codes carrying the signed bytes, so anyone with a
phone can read it off the printout and re-add it (Brazil's Boletim de Urna prints its QR codes the
same way, several per report). A QR code holds at most 2,331 bytes at error-correction level M,
and dense codes do not scan off thermal paper, so the bytes are cut into parts of `PART_BYTES`.

Each payload is the ASCII line `sandogh-qr/1 ID I/N` and a newline, then part I of N (from 1) of
the bytes; ID is the first 16 hex digits of the SHA-256 of the whole, so parts of two reports
cannot be mixed, and the joined bytes are checked against it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from sandogh.core.definition.problems import Problem
from sandogh.station.errors import QrError

PART_BYTES = 800
_HEADER = re.compile(rb"sandogh-qr/1 ([0-9a-f]{16}) ([1-9][0-9]*)/([1-9][0-9]*)\n")


def _id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def qr_parts(data: bytes, size: int = PART_BYTES) -> tuple[bytes, ...]:
    """The payloads of the QR codes that carry `data`, in order."""
    pieces = [data[i : i + size] for i in range(0, len(data), size)] or [b""]
    ident = _id(data)
    return tuple(
        f"sandogh-qr/1 {ident} {i}/{len(pieces)}\n".encode("ascii") + piece
        for i, piece in enumerate(pieces, start=1)
    )


def join_qr_parts(payloads: Iterable[bytes]) -> bytes:
    """The bytes the payloads carry, scanned in any order; a payload that is not a part, parts of
    different reports, a part missing or read twice with different bytes raise `QrError`."""
    problems: list[Problem] = []
    parts: dict[int, bytes] = {}
    idents: set[bytes] = set()
    totals: set[int] = set()
    for n, payload in enumerate(payloads):
        match = _HEADER.match(payload)
        if match is None:
            problems.append(Problem(f"payloads[{n}]", "is not a sandogh-qr/1 part"))
            continue
        ident, index, total = match[1], int(match[2]), int(match[3])
        idents.add(ident)
        totals.add(total)
        piece = payload[match.end() :]
        if index > total:
            problems.append(Problem(f"payloads[{n}]", f"part {index} of {total}"))
        elif parts.setdefault(index, piece) != piece:
            problems.append(Problem(f"payloads[{n}]", f"part {index} read twice, differently"))
    if len(idents) > 1 or len(totals) > 1:
        problems.append(Problem("payloads", "the parts belong to different reports"))
    if not problems and totals:
        (total,) = totals
        problems.extend(
            Problem("payloads", f"part {i} of {total} is missing")
            for i in range(1, total + 1)
            if i not in parts
        )
    if not totals and not problems:
        problems.append(Problem("payloads", "no part was given"))
    if problems:
        raise QrError(problems)
    data = b"".join(parts[i] for i in sorted(parts))
    if _id(data).encode("ascii") not in idents:
        raise QrError([Problem("payloads", "the joined parts do not match their report's id")])
    return data
