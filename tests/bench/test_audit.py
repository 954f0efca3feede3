"""bench/audit.py runs: every figure of it on the Kerman example's three stations and the risk
of 50 readings (a smoke test; its figures are read from a national run, never asserted: speed
targets live in bench/)."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from sandogh.core.definition.model import VotingMode
from tests.core.definition.kerman import KERMAN

BENCH = Path(__file__).resolve().parents[2] / "bench" / "audit.py"


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCH.parent))  # the bench imports its neighbour nation.py
    spec = importlib.util.spec_from_file_location("bench_audit", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_figure_is_measured(bench: ModuleType) -> None:
    papers = {"ST-0801-0001": [400, 120], "ST-0801-0002": [90], "ST-0802-0001": [300]}
    on_paper = tuple(
        replace(u, station=replace(u.station, mode=VotingMode.PAPER))
        if u.code == "ST-0801-0002" and u.station is not None
        else u
        for u in KERMAN.units
    )
    figures = bench.run(replace(KERMAN, units=on_paper), papers, 50)
    assert figures["stations"] == 3
    assert figures["papers"] == figures["frame_papers"] == 910
    assert figures["papers_pulled"] <= 50
    assert all(value > 0 for value in figures.values())


def test_every_risk_figure_is_measured(bench: ModuleType) -> None:
    figures = bench.risk(50)
    assert figures["risk_readings"] == 50
    assert len(figures) == 3 + 5 * 3
    assert all(value > 0 for value in figures.values())
