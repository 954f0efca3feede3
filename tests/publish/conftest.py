"""A store holding the runoff slice of tests/publish/build.py, with its boxes open."""

from __future__ import annotations

import pytest

from sandogh.services.memory import MemoryStore, MemoryUnitOfWork

from .build import NewUnitOfWork, set_up


@pytest.fixture
def uow() -> NewUnitOfWork:
    """An in-memory store: the runoff loaded, a box enrolled and opened at each station."""
    store = MemoryStore()

    def new() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    set_up(new)
    return new
