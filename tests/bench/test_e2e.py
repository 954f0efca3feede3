"""bench/e2e.py runs: every figure of it, on tiny sizes, over both groups (a smoke test; its
figures are read from a full run, never asserted: speed targets live in bench/)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "e2e.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_e2e", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured(bench: ModuleType) -> tuple[dict[str, float], list[Any]]:
    result: tuple[dict[str, float], list[Any]] = bench.run(bench.QUICK)
    return result


def test_every_figure_is_measured_over_both_groups(
    measured: tuple[dict[str, float], list[Any]],
) -> None:
    baselines, figures = measured
    assert all(seconds > 0 for seconds in baselines.values())
    assert figures
    for figure in figures:
        assert figure.ristretto255 > 0, figure.name
        assert figure.integer is None or figure.integer > 0, figure.name


def test_the_table_prints_every_figure_and_the_aims(
    bench: ModuleType,
    measured: tuple[dict[str, float], list[Any]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    baselines, figures = measured
    bench.print_table(baselines, figures)
    out = capsys.readouterr().out
    assert all(figure.name in out for figure in figures)
    assert all(aim in out for aim in bench.aims(figures))
