"""A snapshot folder served by `publish.serve` on uvicorn, on a free loopback port, in a thread."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sandogh.publish.serve import static_app
from tests.loopback import served


@contextmanager
def serving(root: Path) -> Iterator[str]:
    """The base URL of `root` served until the block ends."""
    with served(static_app(root), "the snapshot server") as url:
        yield url
