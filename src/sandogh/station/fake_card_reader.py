"""A card reader for tests and the demo: a card is put in and taken out by hand."""

from __future__ import annotations


class FakeCardReader:
    """`station.ports.CardReader`, holding the token of the card put in it."""

    def __init__(self) -> None:
        self._token: str | None = None

    def put_in(self, token: str) -> None:
        self._token = token

    def take_out(self) -> None:
        self._token = None

    def card(self) -> str | None:
        return self._token
