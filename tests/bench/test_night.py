"""bench/night.py's timeline: the reports spread over the 2024 runoff's 7 hours as its shape
says, compressed into the run's seconds (the night itself is timed in bench/, not here)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "night.py"


@pytest.fixture(scope="module")
def bench() -> Iterator[ModuleType]:
    # the bench imports its neighbour province.py, as it does when run from bench/
    sys.path.insert(0, str(BENCH.parent))
    try:
        yield _loaded()
    finally:
        sys.path.remove(str(BENCH.parent))
        sys.modules.pop("bench_night", None)


def _loaded() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_night", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # a dataclass of the bench looks its module up by name (its annotations are strings)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_timeline_is_compressed_and_keeps_its_shape(bench: ModuleType) -> None:
    times = bench.schedule(1_000, 420.0)  # 7 hours into 7 minutes: an hour a minute
    assert times == sorted(times)
    assert times[0] > 0
    assert times[-1] < 420.0
    by_hour = [sum(1 for t in times if t < 60.0 * hour) for hour in (1, 2, 3, 7)]
    assert by_hour == [100, 400, 700, 1_000]  # TIMELINE's shares at the end of those hours
    assert bench.peak_rate(times) == pytest.approx(5.0, abs=0.2)  # 30 % in the second hour


def test_a_percentile_is_by_nearest_rank(bench: ModuleType) -> None:
    values = [float(n) for n in range(1, 101)]
    assert bench.percentile(values, 0.5) == 50.0
    assert bench.percentile(values, 0.99) == 99.0
    assert bench.percentile([], 0.99) == 0.0
