"""The console's stores: one partial store built per session, copied for each test; the Kerman
day before printing, for the candidacy pages that rewrite its definition. Its pages are walked in
the test process's Chromium (`tests.chromium`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandogh.store.schema import init_database
from tests.server.live import load_kerman

from .build import build_partial, copy_store


@pytest.fixture(scope="session")
def partial_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("console-template")
    build_partial(f"sqlite:///{folder / 'store.sqlite'}")
    return folder / "store.sqlite"


@pytest.fixture(scope="session")
def unprinted_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Kerman day loaded, no box enrolled and no result imported: before printing."""
    folder = tmp_path_factory.mktemp("unprinted-template")
    url = f"sqlite:///{folder / 'store.sqlite'}"
    init_database(url)
    load_kerman(url)
    return folder / "store.sqlite"


@pytest.fixture
def console_store(partial_template: Path, tmp_path: Path) -> str:
    """A SQLite store of the partial day (`build`), this test's own."""
    return copy_store(partial_template, tmp_path)
