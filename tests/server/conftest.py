"""A live centre over each test's store, SQLite and PostgreSQL (`store_url`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .live import Live, load_kerman, serving


@pytest.fixture
def live(store_url: str) -> Iterator[Live]:
    load_kerman(store_url)
    with serving(store_url) as centre:
        yield centre
