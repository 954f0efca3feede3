"""A ballot card writer for tests and the demo: the cards it wrote, in memory, and a jam."""

from __future__ import annotations

from sandogh.station.ports import CardWriterError


class FakeCardWriter:
    """`station.ports.CardWriter`: the tokens of the cards written, in `cards`, in memory only
    (as the real writer's cards leave with the voters); while `jammed`, it writes none."""

    def __init__(self) -> None:
        self.cards: list[str] = []
        self.jammed = False

    def write(self, token: str) -> None:
        if self.jammed:
            raise CardWriterError("the card writer is jammed")
        self.cards.append(token)
