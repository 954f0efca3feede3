"""bench/checkin_workers.py reads the workers to run and puts each W's rate beside the first's
(its runs are bench/checkin.py's, timed in bench/, never asserted here)."""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "checkin_workers.py"


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCH.parent))  # the bench imports its neighbour checkin.py
    spec = importlib.util.spec_from_file_location("bench_checkin_workers", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_workers_are_a_range_or_a_list(bench: ModuleType) -> None:
    assert bench.worker_counts("1-4") == [1, 2, 3, 4]
    assert bench.worker_counts("1,2,4") == [1, 2, 4]
    assert bench.worker_counts("3") == [3]
    with pytest.raises(argparse.ArgumentTypeError):
        bench.worker_counts("0-2")


def _run(workers: int, per_second: float, centre_cpu: float) -> dict[str, object]:
    seconds = 10.0
    check_ins = int(per_second * seconds)
    return {
        "setup": {"workers": workers, "cores": 2},
        "load": {
            "per_second": per_second,
            "seconds": seconds,
            "p99_ms": 20.0,
            "cpu_s": {"centre": centre_cpu},
            "cpu_ms_per_check_in": {"centre": 1000 * centre_cpu / check_ins},
            "machine_busy_s": 20.0,
            "machine_cpu_s": 20.0,
        },
    }


def test_each_rate_stands_beside_the_one_worker_rate(bench: ModuleType) -> None:
    rows = bench.table([_run(1, 1_000.0, 9.0), _run(2, 1_500.0, 15.0)])
    assert [row["times_first"] for row in rows] == [1.0, 1.5]
    assert [round(row["per_centre_core"]) for row in rows] == [1_111, 1_000]
    assert "2 cores" in rows[1]["limited_by"]
