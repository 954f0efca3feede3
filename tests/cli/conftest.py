"""The store the commands' tests start from: the Kerman runoff loaded by `sandogh init` and
`sandogh load` themselves, once a test process (two commands' start-up and the definition's
parse, which each test would otherwise pay again; `test_app` tests the two commands)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .test_app import EXAMPLE, sandogh


@pytest.fixture(scope="session")
def loaded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("loaded") / "centre.sqlite"
    db = f"sqlite:///{path}"
    sandogh("init", db=db)
    sandogh("load", str(EXAMPLE / "round2.yaml"), db=db)
    return path


@pytest.fixture
def loaded_db(loaded_template: Path, tmp_path: Path) -> str:
    """This test's own copy of the loaded store, as a `--db` URL."""
    path = tmp_path / "centre.sqlite"
    shutil.copyfile(loaded_template, path)
    return f"sqlite:///{path}"
