"""A stand-in for the E2E box's cast-or-challenge (docs/e2e.md §7) while the real one is built:
`prepare` holds one ballot with a random nonce and a chained code, `cast` and `challenge` put it
in `chain` and print its code. Only the kiosk's tests use it."""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sandogh.core.report import Choice
from sandogh.station.box import Box, Status
from sandogh.station.printers import FilePrinter


@dataclass(frozen=True)
class PreparedBallot:
    code: bytes
    readable: str


@dataclass(frozen=True)
class OpenedBallot:
    code: bytes
    readable: str
    nonce: bytes
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class SealingStatus(Status):
    challenged: int = 0


def readable(code: bytes) -> str:
    digits = f"{int.from_bytes(code[:8], 'big'):020d}"
    return " ".join(digits[i : i + 4] for i in range(0, 20, 4))


class SealingBox(Box):
    e2e = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.chain: list[tuple[str, bytes]] = []
        self._pending: tuple[str, tuple[Choice, ...], bytes, bytes] | None = None

    def _copy(self, lines: Sequence[str]) -> None:
        printer = self._printer
        assert isinstance(printer, FilePrinter)
        printer.copies.append(tuple(lines))

    def prepare(self, token: str, choices: Sequence[Choice]) -> PreparedBallot:
        nonce = secrets.token_bytes(32)
        head = self.chain[-1][1] if self.chain else b"start"
        code = hashlib.sha256(head + nonce + repr(tuple(choices)).encode()).digest()
        self._pending = (token, tuple(choices), nonce, code)
        return PreparedBallot(code, readable(code))

    def cast(self, token: str, choices: Sequence[Choice] | None = None) -> None:
        if choices is not None:
            super().cast(token, choices)
            return
        assert self._pending is not None
        assert self._pending[0] == token
        _, chosen, _, code = self._pending
        super().cast(token, chosen)
        self._pending = None
        self.chain.append(("cast", code))
        printer = self._printer
        assert isinstance(printer, FilePrinter)
        printer.copies[-1] = (*printer.copies[-1], readable(code))

    def challenge(self, token: str) -> OpenedBallot:
        assert self._pending is not None
        assert self._pending[0] == token
        _, chosen, nonce, code = self._pending
        self._pending = None
        self.chain.append(("challenged", code))
        self._copy(["CHALLENGED - NOT COUNTED", readable(code), nonce.hex()])
        return OpenedBallot(code, readable(code), nonce, chosen)

    def status(self) -> SealingStatus:
        status = super().status()
        fields = {f.name: getattr(status, f.name) for f in dataclasses.fields(status)}
        challenged = sum(1 for state, _ in self.chain if state == "challenged")
        return SealingStatus(**fields, challenged=challenged)
