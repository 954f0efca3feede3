"""The console's stores: one partial store built per session, copied for each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from .build import build_partial, copy_store


@pytest.fixture(scope="session")
def partial_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("console-template")
    build_partial(f"sqlite:///{folder / 'store.sqlite'}")
    return folder / "store.sqlite"


@pytest.fixture
def console_store(partial_template: Path, tmp_path: Path) -> str:
    """A SQLite store of the partial day (`build`), this test's own."""
    return copy_store(partial_template, tmp_path)
