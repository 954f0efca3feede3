"""The Kerman 1403 example: regenerates byte for byte, adds up to the published figures, and every
station sheet reconciles (DESIGN.md §3, "Everything reconciles"; reference/seed-facts.md)."""

from __future__ import annotations

import csv
import importlib
from collections import defaultdict
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from sandogh.core.counting.aggregate import aggregate
from sandogh.core.counting.conformity import nonconformities
from sandogh.core.counting.reconcile import reconcile_aggregate, reconcile_sheets
from sandogh.core.counting.statement import PrintedMargin, Verdict, check_statement
from sandogh.core.counting.tally import INVALID_FIGURES
from sandogh.core.counting.turnout import turnout
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import RoundLink, UnitKind
from sandogh.formats.definition_file import LoadedDefinition, load_definition
from sandogh.formats.statement_file import read_statement
from sandogh.formats.tally_csv import load_tally_csv
from sandogh.locale.digits import format_percent, format_points

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kerman-1403"
FILES = [
    "README.md",
    "round1.yaml",
    "round2.yaml",
    "round1-results.csv",
    "round2-results.csv",
    "statement-round2.yaml",
    "calendar.json",
    "candidacy.json",
    "papers.csv",
]
JALILI, PEZESHKIAN = "21", "25"
ELIGIBLE = 2_324_254
STATIONS = 2_427
ELECTRONIC = 92
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _definition(name: str) -> dict[str, Any]:
    with (EXAMPLE / name).open(encoding="utf-8") as file:
        loaded: dict[str, Any] = yaml.load(file, Loader=Loader)
    return loaded


def _sheets(name: str) -> dict[str, list[dict[str, str]]]:
    """The CSV rows of each station, in file order."""
    by_station: dict[str, list[dict[str, str]]] = defaultdict(list)
    with (EXAMPLE / name).open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            by_station[row["station"]].append(row)
    return by_station


@pytest.fixture(scope="module")
def round1() -> dict[str, Any]:
    """Round 1 without its units, which must be round 2's to the byte (parsing them is slow)."""
    head, units = (EXAMPLE / "round1.yaml").read_text(encoding="utf-8").split("\nunits:\n")
    units, contests = units.split("\ncontests:\n")
    round2_text = (EXAMPLE / "round2.yaml").read_text(encoding="utf-8")
    assert f"\nunits:\n{units}\ncontests:\n" in round2_text
    loaded: dict[str, Any] = yaml.load(f"{head}\ncontests:\n{contests}", Loader=Loader)
    return loaded


@pytest.fixture(scope="module")
def round2() -> dict[str, Any]:
    return _definition("round2.yaml")


@pytest.fixture(scope="module", params=["round1-results.csv", "round2-results.csv"])
def sheets(request: pytest.FixtureRequest) -> dict[str, list[dict[str, str]]]:
    return _sheets(request.param)


def _total(sheets: dict[str, list[dict[str, str]]], column: str) -> int:
    return sum(int(rows[0][column]) for rows in sheets.values())


def _votes(sheets: dict[str, list[dict[str, str]]]) -> dict[str, int]:
    votes: dict[str, int] = defaultdict(int)
    for rows in sheets.values():
        for row in rows:
            votes[row["candidate"]] += int(row["votes"])
    return dict(votes)


INVALID_COLUMNS = list(INVALID_FIGURES.values())


def _invalid(row: dict[str, str]) -> int:
    return sum(int(row[column]) for column in INVALID_COLUMNS)


def test_regenerating_gives_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(EXAMPLE)  # generate.py imports the modules beside it
    written = importlib.import_module("generate").generate(tmp_path)
    assert sorted(path.name for path in written) == sorted(FILES)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (EXAMPLE / name).read_bytes(), name


def test_round2_adds_up_to_the_published_figures() -> None:
    sheets = _sheets("round2-results.csv")
    assert _total(sheets, "cast") == 1_276_092
    assert _total(sheets, "valid") == 1_252_840
    assert sum(_invalid(rows[0]) for rows in sheets.values()) == 23_252
    assert _votes(sheets) == {JALILI: 773_591, PEZESHKIAN: 479_249}


def test_round1_adds_up_to_the_published_figures() -> None:
    sheets = _sheets("round1-results.csv")
    votes = _votes(sheets)
    assert _total(sheets, "cast") == 1_070_286
    assert votes[JALILI] - votes[PEZESHKIAN] == 148_119
    assert max(votes, key=votes.__getitem__) == JALILI
    assert set(votes) == {JALILI, PEZESHKIAN, "33", "44"}


@pytest.mark.parametrize("basis", ["cast", "papers_used"])
def test_turnout_is_as_reported(basis: str) -> None:
    round_1 = Fraction(_total(_sheets("round1-results.csv"), basis), ELIGIBLE)
    round_2 = Fraction(_total(_sheets("round2-results.csv"), basis), ELIGIBLE)
    assert format_percent(round_1, "en", places=0) == "46%"
    assert format_percent(round_2, "en", places=0) == "55%"
    assert format_points(round_2 - round_1, "en") == "+9 points"


def test_every_station_sheet_reconciles(
    sheets: dict[str, list[dict[str, str]]], round2: dict[str, Any]
) -> None:
    eligible = {u["code"]: u["eligible_voters"] for u in round2["units"] if u["kind"] == "station"}
    assert sheets.keys() == eligible.keys()
    figures = [
        name for name in next(iter(sheets.values()))[0] if name not in {"candidate", "votes"}
    ]
    for station, rows in sheets.items():
        assert all({f: row[f] for f in figures} == {f: rows[0][f] for f in figures} for row in rows)
        sheet = {name: int(value) for name, value in rows[0].items() if name in figures[2:]}
        cast, valid = sheet["cast"], sheet["valid"]
        assert valid + _invalid(rows[0]) == cast, station
        assert sum(int(row["votes"]) for row in rows) == valid, station
        assert cast <= sheet["papers_used"] <= sheet["papers_received"], station
        assert sheet["papers_received"] == (
            sheet["papers_used"] + sheet["papers_unused"] + sheet["papers_spoiled"]
        ), station
        assert sheet["papers_received"] == -(-eligible[station] * 11 // 10), station
        assert sheet["void"] == 0, station
        assert cast <= eligible[station], station
        assert min(sheet.values()) >= 0, station


def test_only_paper_stations_have_paper_only_invalid_kinds(
    round2: dict[str, Any], sheets: dict[str, list[dict[str, str]]]
) -> None:
    """An electronic box's invalid ballots are blank (`core.report.ballot`); crossed-out,
    illegible, non-candidate and two-name ballots are found at the paper stations."""
    modes = {u["code"]: u["station"]["mode"] for u in round2["units"] if u["kind"] == "station"}
    paper_only = [column for column in INVALID_COLUMNS if column != "invalid_blank"]
    for station, rows in sheets.items():
        if modes[station] == "electronic":
            assert all(rows[0][column] == "0" for column in paper_only), station
    paper = {s: rows for s, rows in sheets.items() if modes[s] == "semi-electronic"}
    assert all(_total(paper, column) > 0 for column in paper_only)


def test_geography(round2: dict[str, Any]) -> None:
    units = {unit["code"]: unit for unit in round2["units"]}
    stations = [unit for unit in round2["units"] if unit["kind"] == "station"]
    counties = {code for code, unit in units.items() if unit["kind"] == "county"}
    assert len(units) == len(round2["units"])
    assert len(stations) == STATIONS
    assert len(counties) == 23
    assert units["IR-08"]["eligible_voters"] == ELIGIBLE
    assert sum(s["eligible_voters"] for s in stations) == ELIGIBLE
    assert {s["parent"] for s in stations} == counties
    assert {units[c]["parent"] for c in counties} == {"IR-08"}
    assert sum(s["station"]["hard_to_reach"] for s in stations) == 100
    electronic = [s for s in stations if s["station"]["mode"] == "electronic"]
    assert {s["station"]["mode"] for s in stations} == {"electronic", "semi-electronic"}
    assert len(electronic) == ELECTRONIC  # Kerman city's fixed stations; the rest on paper
    assert {
        (s["parent"], s["station"]["setting"], s["station"]["mobility"]) for s in electronic
    } == {("IR-08-0808", "urban", "fixed")}
    assert {s["station"]["mobility"] for s in stations} == {"fixed", "mobile"}
    assert {s["station"]["setting"] for s in stations} == {"urban", "rural"}
    assert not any(
        letter in unit["name"]["fa"] for unit in round2["units"] for letter in "يك"
    )  # Persian ی and ک only
    for station in stations:  # inside Kerman province's bounding box
        assert 25 < float(station["station"]["location"]["lat"]) < 32.5
        assert 54 < float(station["station"]["location"]["lon"]) < 60


def test_contests(round1: dict[str, Any], round2: dict[str, Any]) -> None:
    (first,) = round1["contests"]
    (runoff,) = round2["contests"]
    assert str(round1["election"]["date"]) == "2024-06-28"
    assert str(round2["election"]["date"]) == "2024-07-05"
    assert first["rule"] == {
        "kind": "majority",
        "base": "cast",
        "share": "1/2",
        "runoff_candidates": 2,
    }
    assert runoff["rule"] == {"kind": "plurality"}
    assert runoff["previous_round"] == {
        "election": round1["election"]["id"],
        "contest": "president",
    }
    assert [c["name"]["en"] for c in runoff["candidates"]] == ["Saeed Jalili", "Masoud Pezeshkian"]
    assert len(first["candidates"]) == 4
    assert all(c["constituency"] == "IR" for c in first["candidates"] + runoff["candidates"])


def test_statement_is_what_the_report_printed() -> None:
    statement = _definition("statement-round2.yaml")
    assert statement["election"] == "kerman-1403-r2"
    assert statement["unit"] == "IR-08"
    figures = statement["figures"]
    assert (figures["cast"], figures["valid"], figures["invalid"]) == (1_276_092, 1_252_840, 23_252)
    assert figures["votes"] == {JALILI: 773_591, PEZESHKIAN: 479_249}
    assert figures["margin"] == {"leader": JALILI, "runner_up": PEZESHKIAN, "printed": 294_349}
    assert figures["turnout"] == {"printed": "55", "places": 0}
    assert figures["turnout_change_points"]["printed"] == "9"


@pytest.fixture(scope="module")
def loaded() -> dict[int, LoadedDefinition]:
    return {n: load_definition(EXAMPLE / f"round{n}.yaml") for n in (1, 2)}


def test_definitions_load_through_the_reader(loaded: dict[int, LoadedDefinition]) -> None:
    first, runoff = loaded[1].election, loaded[2].election
    assert (first.id, runoff.id) == ("kerman-1403-r1", "kerman-1403-r2")
    assert runoff.contests[0].previous_round == RoundLink("kerman-1403-r1", "president")
    assert sum(u.kind is UnitKind.STATION for u in runoff.units) == STATIONS
    assert loaded[1].definition_hash != loaded[2].definition_hash


@pytest.mark.parametrize("number", [1, 2])
def test_sheets_load_conform_and_reconcile(
    loaded: dict[int, LoadedDefinition], number: int
) -> None:
    geography = Geography.of(loaded[number].election)
    sheets = load_tally_csv(EXAMPLE / f"round{number}-results.csv")
    assert len(sheets) == STATIONS
    assert nonconformities(geography, sheets) == ()
    assert reconcile_sheets(geography, sheets) == ()
    totals = aggregate(geography, sheets)
    assert reconcile_aggregate(geography, totals) == ()
    province = totals.units["president"]["IR-08"]
    assert province.stations_reported == province.stations_total == STATIONS
    assert province.counts.cast == (1_070_286 if number == 1 else 1_276_092)


def test_only_the_printed_margin_disagrees(loaded: dict[int, LoadedDefinition]) -> None:
    read = read_statement(EXAMPLE / "statement-round2.yaml")
    stored = {}
    for number in (1, 2):
        geography = Geography.of(loaded[number].election)
        sheets = load_tally_csv(EXAMPLE / f"round{number}-results.csv")
        stored[number] = aggregate(geography, sheets).units["president"]["IR-08"].counts
    checks = check_statement(
        read.statement,
        stored[2],
        eligible=ELIGIBLE,
        seats=1,
        previous=turnout(stored[1], ELIGIBLE),
    )
    verdicts = {(c.figure, c.basis.value): c.verdict for c in checks}
    assert {key for key, verdict in verdicts.items() if verdict is not Verdict.AGREES} == {
        ("margin[21-25]", "stored"),
        ("margin[21-25]", "printed"),
    }


def test_statement_loads_through_the_reader() -> None:
    read = read_statement(EXAMPLE / "statement-round2.yaml")
    assert read.election == "kerman-1403-r2"
    assert read.previous_election == "kerman-1403-r1"
    assert read.statement.margin == PrintedMargin(JALILI, PEZESHKIAN, 294_349)
    assert read.statement.votes == {JALILI: 773_591, PEZESHKIAN: 479_249}
