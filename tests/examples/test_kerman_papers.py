"""The Kerman example's ballot-paper register (examples/kerman-1403/papers.csv): papers sent to
every semi-electronic station in time, none short; one station short is named by the readiness
summary (`core.readiness.summary`), as shortages are a known failure (reference/seed-facts.md)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import VotingMode
from sandogh.core.readiness import Gap, Missing, PaperStock, Readiness, Register, Registers, assess
from sandogh.core.supervision.modes import station_mode
from sandogh.formats.definition_file import load_definition
from sandogh.formats.readiness_csv import read_register

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kerman-1403"
PAPER_GAPS = {Gap.NO_PAPERS, Gap.PAPERS_NOT_RECEIVED, Gap.PAPERS_SHORT}


@pytest.fixture(scope="module")
def geography() -> Geography:
    return Geography.of(load_definition(EXAMPLE / "round2.yaml").election)


@pytest.fixture(scope="module")
def papers() -> tuple[PaperStock, ...]:
    with (EXAMPLE / "papers.csv").open(encoding="utf-8", newline="") as stream:
        rows = read_register(Register.PAPERS, stream, source_name="papers.csv")
    return tuple(row for row in rows if isinstance(row, PaperStock))


def _assess(geography: Geography, papers: tuple[PaperStock, ...]) -> Readiness:
    return assess(geography, Registers(papers=papers), "IR-08", enrolled={}, statuses={})


def _paper_gaps(readiness: Readiness) -> list[Missing]:
    return [m for m in readiness.missing if m.gap in PAPER_GAPS]


def test_every_paper_station_received_what_it_was_sent(
    geography: Geography, papers: tuple[PaperStock, ...]
) -> None:
    on_paper = {
        s for s in geography.stations if station_mode(geography, s) is not VotingMode.ELECTRONIC
    }
    assert {p.station for p in papers} == on_paper
    assert len(on_paper) == 2_427 - 92
    assert all(p.received == p.sent > 0 and p.used == 0 for p in papers)
    readiness = _assess(geography, papers)
    assert readiness.summary.stations_short_of_papers == 0
    assert _paper_gaps(readiness) == []


def test_a_station_short_of_papers_is_named(
    geography: Geography, papers: tuple[PaperStock, ...]
) -> None:
    short, missing = papers[10], papers[20]
    arrived = dataclasses.replace(short, received=short.sent // 3)
    rows = tuple(
        arrived if p is short else p for p in papers if p is not missing
    )  # one received a third of its papers, one has no row at all
    readiness = _assess(geography, rows)
    assert readiness.summary.stations_short_of_papers == 2
    needed = -(-geography.unit(short.station).eligible_voters // 2)  # ½ of its voters, up
    assert _paper_gaps(readiness) == [
        Missing(
            short.station,
            Gap.PAPERS_NOT_RECEIVED,
            "",
            (("sent", short.sent), ("received", arrived.received)),
        ),
        Missing(short.station, Gap.PAPERS_SHORT, "", (("left", arrived.left), ("needed", needed))),
        Missing(missing.station, Gap.NO_PAPERS),
    ]
    county = {p.unit: p.stations_short_of_papers for p in readiness.parts}
    assert sum(county.values()) == 2
