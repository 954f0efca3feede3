"""`sandogh audit` on the Kerman runoff from the command line: start, seed, sample, the boards'
sheets with a few discrepancies, close, status and the published folder (docs/audit.md §7);
and the refusals said in Persian."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner, Result

from sandogh.cli.app import app
from sandogh.core.audit.audit_record import shows_json
from sandogh.formats.definition_file import canonical_bytes
from sandogh.formats.tally_csv import write_tally_csv
from tests.core.audit.audits import EXAMPLE, Records, kerman
from tests.core.definition.kerman import PRESIDENT, with_contest
from tests.services.audit_build import sheets_of

ELECTION = "kerman-1403-r2"
DICE = ["--roll", "ستاد انتخابات=3071945268", "--roll", "ناظر=5812093746", "--roll", "نماینده=4409"]
RECORDS = Records(kerman().sheets)
# who runs the audit: a supervisor of the Guardian Council's boards (competent for the
# presidency) over the whole country; who enters what the boards read: an audit board
SUPERVISOR = ("--as", "nazer", "--role", "supervisor", "--place", "IR")
AUDIT_BOARD = ("--as", "hey-at", "--role", "audit-board", "--place", "IR")


def _run(db: str, *args: str, ok: bool = True) -> Result:
    done = CliRunner(env={"COLUMNS": "200"}).invoke(app, [*args, "--db", db])
    if ok:
        assert done.exit_code == 0, done.output
    return done


def _code(paper: str) -> str:
    station, _, position = paper.rsplit("/", 2)
    return f"{station}#{position}"


def _fill(sheet: Path, wrong: dict[int, list[str]]) -> None:
    """Fill in the boards' sheet faithfully, but for the rows in `wrong`."""
    rows = list(csv.reader(sheet.open(encoding="utf-8")))
    for i, row in enumerate(rows[1:]):
        code = _code(row[0])
        record = RECORDS[code]
        shows = json.loads(json.dumps(shows_json(record)))["president"]
        cells = wrong.get(i, ["yes", " ".join(shows) if isinstance(shows, list) else shows])
        row[1:] = [cells[0], code, *cells[1:]]
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)


def test_the_kerman_runoff_is_audited_from_the_command(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'audit.sqlite'}"
    _run(db, "init")
    _run(db, "load", str(EXAMPLE / "round2.yaml"))
    _run(db, "results", "import", str(EXAMPLE / "round2-results.csv"), "-e", ELECTION)
    # the runoff's results are tally sheets: no cast-vote record was committed, so its boxes'
    # copies are read as ballots are (ballot polling; a province's records are tested in
    # tests/services/test_audits.py)
    started = _run(db, "audit", "start", *SUPERVISOR, "-e", ELECTION, "--contest", "president")
    assert "حسابرسی" in started.output
    short = _run(db, "audit", "seed", *SUPERVISOR, "-e", ELECTION, "--roll", "HQ=12345", ok=False)
    assert "بذر پذیرفته نشد" in short.output
    assert "دست‌کم ۲۰ رقم" in short.output
    _run(db, "audit", "seed", *SUPERVISOR, "-e", ELECTION, *DICE)
    again = _run(
        db, "audit", "seed", *SUPERVISOR, "-e", ELECTION, "--roll", "HQ=" + "1" * 20, ok=False
    )
    assert "هرگز دوباره" in again.output
    number = 0
    while True:
        number += 1
        sheet = tmp_path / f"sheet-{number}.csv"
        drawn = _run(
            db,
            "audit",
            "sample",
            *SUPERVISOR,
            "-e",
            ELECTION,
            "--sheet",
            str(sheet),
            "--lang",
            "en",
        )
        assert f"Round {number}:" in drawn.output
        # round 1: a blank paper, a paper not found, a vote for the other candidate
        wrong = {0: ["no", ""], 3: ["yes", "invalid"], 5: ["yes", "21"]} if number == 1 else {}
        _fill(sheet, wrong)
        _run(db, "audit", "record", *AUDIT_BOARD, str(sheet), "-e", ELECTION)
        if number == 1:
            twice = _run(db, "audit", "record", *AUDIT_BOARD, str(sheet), "-e", ELECTION, ok=False)
            assert (twice.exit_code, "دو بار خوانده شده است" in twice.output) == (1, True)
        closed = _run(db, "audit", "close", *SUPERVISOR, "-e", ELECTION)
        if "تأیید شد" in closed.output:
            break
        assert "دور دیگری لازم است" in closed.output
        assert number < 5
    status = _run(db, "audit", "status", "-e", ELECTION, "--lang", "en")
    assert "confirmed" in status.output
    assert "ballot polling" in status.output
    ended = _run(db, "audit", "sample", *SUPERVISOR, "-e", ELECTION, ok=False)
    assert "حسابرسی پایان یافته است" in ended.output
    folder = tmp_path / "published"
    _run(db, "audit", "report", "-e", ELECTION, str(folder))
    names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.json"))
    rounds = [f"rounds/{k}.json" for k in range(1, number + 1)]
    assert names == sorted(
        ["definition.json", "manifest.json", "plan.json", "seed.json", "samples/1.json", *rounds]
    )
    assert (folder / "results.csv").is_file()
    first = json.loads((folder / "rounds/1.json").read_text(encoding="utf-8"))
    assert first["discrepancies"] == []  # polling compares no paper with a record
    assert all("#" not in json.dumps(p) for p in first["papers"])  # no code is published
    sample = json.loads((folder / "samples/1.json").read_text(encoding="utf-8"))
    assert len(sample["rounds"]) == number


def test_a_close_margin_is_sent_to_a_hand_count_that_waits_for_certification(
    tmp_path: Path,
) -> None:
    election = with_contest(PRESIDENT)
    stations = ("ST-0801-0001", "ST-0801-0002", "ST-0802-0001")
    definition = tmp_path / "definition.json"
    definition.write_bytes(canonical_bytes(election))
    results = tmp_path / "results.csv"
    with results.open("w", encoding="utf-8", newline="") as out:
        write_tally_csv(sheets_of(dict.fromkeys(stations, (151, 149))), out)
    db = f"sqlite:///{tmp_path / 'audit.sqlite'}"
    _run(db, "init")
    _run(db, "load", str(definition))
    _run(db, "results", "import", str(results), "-e", election.id)
    _run(
        db,
        "audit",
        "start",
        *SUPERVISOR,
        "-e",
        election.id,
        "--contest",
        "president",
        "--risk-limit",
        "1/20",
    )
    _run(db, "audit", "seed", *SUPERVISOR, "-e", election.id, *DICE)
    status = _run(db, "audit", "status", "-e", election.id)
    assert "شمارش دستی کامل" in status.output
    votes = ["--votes", "21=440", "--votes", "25=460"]
    counted = _run(
        db,
        "audit",
        "hand-count",
        "-e",
        election.id,
        "--contest",
        "president:IR",
        "--cast",
        "900",
        "--valid",
        "900",
        *votes,
    )
    assert "نتیجه تغییر کرد" in counted.output
    assert "در انتظار تأیید هیئت نظارت" in counted.output
    again = _run(
        db,
        "audit",
        "hand-count",
        "-e",
        election.id,
        "--contest",
        "president:IR",
        "--cast",
        "900",
        "--valid",
        "900",
        *votes,
        "--lang",
        "en",
        ok=False,
    )
    assert "this contest's hand count is already recorded" in again.output
    board = ["--as", "tehrani", "--role", "supervisor", "--place", "IR", "--reason", "minutes 12"]
    certified = _run(
        db, "audit", "certify-hand-count", "-e", election.id, "--contest", "president:IR", *board
    )
    assert "به‌عنوان نتیجه تأیید شد" in certified.output
    assert "منتخب: 25" in certified.output
    twice = [*board, "--lang", "en"]
    refused = _run(
        db,
        "audit",
        "certify-hand-count",
        "-e",
        election.id,
        "--contest",
        "president:IR",
        *twice,
        ok=False,
    )
    assert "this contest's hand count is already certified" in refused.output
    shown = _run(db, "results", "show", "-e", election.id, "--lang", "en")
    assert "hand count of constituency IR certified on" in shown.output
    decided = _run(db, "outcome", "-e", election.id)
    assert "این نتیجه از شمارش دستی کامل حوزه" in decided.output
    assert "tehrani" in decided.output
    as_json = json.loads(_run(db, "outcome", "-e", election.id, "--json").output)
    (constituency,) = as_json["contests"][0]["constituencies"]
    assert constituency["hand_count"]["certified_by"] == "tehrani"
    second = ["--as", "dovom", "--role", "supervisor", "--place", "IR", "--reason", "minutes 13"]
    undone = _run(
        db, "audit", "uncertify-hand-count", "-e", election.id, "--contest", "president:IR", *second
    )
    assert "دوباره در انتظار تأیید است" in undone.output
    shown = _run(db, "results", "show", "-e", election.id, "--lang", "en")
    assert "hand count of constituency IR certified on" not in shown.output
