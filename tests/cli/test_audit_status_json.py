"""`sandogh audit status --json`: a round closed with discrepancies and the next one half read
give every figure as exact rationals beside their decimals, in a fixed key order; the command
prints the same document (docs/audit.md §6.5)."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

from typer.testing import CliRunner

from sandogh.cli.app import app
from sandogh.cli.audit_status_json import rational_json, status_json
from sandogh.core.audit.reading import Reading
from sandogh.formats.definition_file import canonical_bytes
from sandogh.formats.tally_csv import write_tally_csv
from sandogh.services.audit_rounds import close_round, draw_round, record_readings
from sandogh.services.audit_status import audit_status
from sandogh.services.audits import record_seed, start_audit
from sandogh.services.memory import MemoryStore, MemoryUnitOfWork
from tests.cli.test_audit_commands import SUPERVISOR
from tests.conftest import TEST_NOW
from tests.core.audit.audits import DICE
from tests.core.definition.kerman import PRESIDENT, with_contest
from tests.services.audit_build import (
    FIVE_PERCENT,
    faithful,
    load,
    records_of,
    sheets_of,
    showing,
)

SMALL = with_contest(PRESIDENT)
STATIONS = ("ST-0801-0001", "ST-0801-0002", "ST-0802-0001")
SHEETS = sheets_of(dict.fromkeys(STATIONS, (1600, 1400)), papers=3000)
RECORDS = records_of(SHEETS)
NOW = {"now": TEST_NOW}
CONTEST_KEYS = [
    "contest",
    "kind",
    "sample",
    "decision",
    "reason",
    "detail",
    "p_value",
    "assertions",
    "next_size",
]


def test_a_p_value_is_exact_and_decimal() -> None:
    assert rational_json(Fraction(1, 20)) == {"exact": "1/20", "decimal": "0.050000"}
    assert rational_json(Fraction(1, 3))["decimal"] == "0.333333"
    assert rational_json(Fraction(2, 3))["decimal"] == "0.666667"  # half up
    assert rational_json(Fraction(1))["exact"] == "1/1"


def test_the_status_of_an_audit_between_rounds() -> None:
    store = MemoryStore()

    def uow() -> MemoryUnitOfWork:
        return MemoryUnitOfWork(store)

    load(uow, SMALL, SHEETS)
    start_audit(uow, SMALL.id, ["president"], FIVE_PERCENT, records=RECORDS.cast(), **NOW)
    record_seed(uow, SMALL.id, DICE, **NOW)
    read = faithful(RECORDS)
    drawn = [p.paper for p in draw_round(uow, SMALL.id, **NOW).papers]
    wrong = {drawn[0]: showing(drawn[0], None), drawn[1]: showing(drawn[1], Reading.invalid())}
    record_readings(uow, SMALL.id, [wrong.get(p) or read(p) for p in drawn], **NOW)
    closed = close_round(uow, SMALL.id, RECORDS.cast(), **NOW)
    second = draw_round(uow, SMALL.id, **NOW)
    record_readings(uow, SMALL.id, [read(second.papers[0].paper)], **NOW)

    document = status_json(audit_status(uow, SMALL.id))
    assert list(document) == [
        "election",
        "manifest_hash",
        "papers",
        "risk_limit",
        "seed",
        "contests",
        "next_sizes",
        "rounds",
        "open",
        "hand_counts",
    ]
    assert document["risk_limit"] == {"exact": "1/20", "decimal": "0.050000"}
    assert document["seed"] == "".join(r.digits for r in DICE)
    (contest,) = document["contests"]
    assert list(contest) == CONTEST_KEYS
    assert (contest["contest"], contest["kind"]) == ("president:IR", "ballot-comparison")
    (risk,) = closed.contests
    assert contest["decision"] == risk.decision.value == "another-round"
    assert contest["p_value"] == rational_json(risk.p_value)
    assert [a["assertion"] for a in contest["assertions"]] == [a.key for a in risk.assertions]
    for shown, measured in zip(contest["assertions"], risk.assertions, strict=True):
        assert Fraction(shown["p_value"]["exact"]) == measured.p_value
    assert document["next_sizes"] == {}  # a round is open: its sizes are drawn
    (one,) = document["rounds"]
    assert (one["number"], one["hash"]) == (1, closed.hash)
    assert one["discrepancies"] == len(closed.discrepancies) >= 2
    assert document["open"] == {
        "number": 2,
        "drawn": len(second.papers),
        "read": 1,
        "sizes": dict(second.sizes),
    }
    assert document["hand_counts"] == []


def test_the_command_prints_it_with_a_hand_count(tmp_path: Path) -> None:
    """A close margin goes to a full hand count; --json names the hand count recorded."""
    definition = tmp_path / "definition.json"
    definition.write_bytes(canonical_bytes(SMALL))
    results = tmp_path / "results.csv"
    with results.open("w", encoding="utf-8", newline="") as out:
        write_tally_csv(sheets_of(dict.fromkeys(STATIONS, (151, 149))), out)
    db = f"sqlite:///{tmp_path / 'audit.sqlite'}"
    runner = CliRunner()
    hand = ["--cast", "900", "--valid", "900", "--votes", "21=440", "--votes", "25=460"]
    for args in (
        ["init"],
        ["load", str(definition)],
        ["results", "import", str(results), "-e", SMALL.id],
        ["audit", "start", *SUPERVISOR, "-e", SMALL.id, "--contest", "president"],
        ["audit", "hand-count", "-e", SMALL.id, "--contest", "president:IR", *hand],
    ):
        done = runner.invoke(app, [*args, "--db", db])
        assert done.exit_code == 0, done.output
    shown = runner.invoke(app, ["audit", "status", "-e", SMALL.id, "--json", "--db", db])
    assert shown.exit_code == 0, shown.output
    document = json.loads(shown.stdout)
    (contest,) = document["contests"]
    assert (contest["decision"], contest["reason"]) == ("full-hand-count", "sample-reaches-frame")
    assert document["seed"] is None
    (counted,) = document["hand_counts"]
    assert counted == {
        "contest": "president:IR",
        "cast": 900,
        "valid": 900,
        "votes": {"21": 440, "25": 460},
        "elected": ["25"],
        "changed": True,
        "status": "pending-certification",
    }
