"""`sandogh audit` refuses bad input naming the option, file, line, column or JSON path and what
is wrong, in Persian (the default) and English, and stores nothing of it: a risk limit, the
dice, a hand count, the boards' sheets and the records."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from sandogh.cli.app import app
from sandogh.core.access import Role
from sandogh.formats.definition_file import canonical_bytes
from sandogh.formats.tally_csv import write_tally_csv
from tests.cli.test_audit_commands import AUDIT_BOARD, SUPERVISOR
from tests.core.definition.kerman import PRESIDENT, with_contest
from tests.server.operators_live import add_account
from tests.services.audit_build import sheets_of

SMALL = with_contest(PRESIDENT)
STATIONS = ("ST-0801-0001", "ST-0801-0002", "ST-0802-0001")
ROLL = "ستاد=3071945268581209374"  # 19 digits, one short


def _run(db: str, *args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(app, [*args, "--db", db, "-e", SMALL.id])


BOARD = ("--as", "nazer", "--role", "supervisor", "--place", "IR")


def _loaded(
    folder: Path, votes: tuple[int, int], papers: int = 300, secret: Path | None = None
) -> str:
    definition = folder / "definition.json"
    definition.write_bytes(canonical_bytes(SMALL))
    results = folder / "results.csv"
    with results.open("w", encoding="utf-8", newline="") as out:
        write_tally_csv(sheets_of(dict.fromkeys(STATIONS, votes), papers=papers), out)
    db = f"sqlite:///{folder / 'audit.sqlite'}"
    runner = CliRunner()
    # a tie's lot is drawn from a secret committed before any result is stored (docs/lots.md)
    commit = ["lot", "commit", "--secret-file", str(secret), *BOARD, "--body", "guardian-council"]
    steps = [["init"], ["load", str(definition)]]
    steps += [commit] if secret is not None else []
    for args in [*steps, ["results", "import", str(results)]]:
        done = runner.invoke(app, [*args, "--db", db] + (["-e", SMALL.id] if len(args) > 2 else []))
        assert done.exit_code == 0, done.output
    return db


@pytest.fixture(scope="module")
def tied(tmp_path_factory: pytest.TempPathFactory) -> str:
    """450 votes each: the one seat goes by lot, its secret committed before the results."""
    folder = tmp_path_factory.mktemp("tied")
    secret = folder / "secret.txt"
    secret.write_text("راز هیئت نظارت ۱۴۰۳ — 41c9e0a7\n", encoding="utf-8")
    return _loaded(folder, (150, 150), secret=secret)


def test_a_risk_limit_that_is_no_share_is_refused(tied: str) -> None:
    fa = _run(tied, "audit", "start", *SUPERVISOR, "--contest", "president", "--risk-limit", "پنج")
    assert fa.exit_code == 2
    assert "--risk-limit: 'پنج' سهمی مانند ۵٪، 0.05 یا 1/20 نیست" in fa.output
    en = _run(
        tied,
        "audit",
        "start",
        *SUPERVISOR,
        "--contest",
        "president",
        "--risk-limit",
        "1/0",
        "--lang",
        "en",
    )
    assert "--risk-limit: '1/0' is not a share such as 5%, 0.05 or 1/20" in en.output
    high = _run(
        tied, "audit", "start", *SUPERVISOR, "--contest", "president", "--risk-limit", "150%"
    )
    assert high.exit_code == 1
    assert "حد ریسک: 3/2: باید بیش از ۰ و کمتر از ۱ باشد" in high.output  # the field in words
    assert "no audit" in _run(tied, "audit", "status", "--lang", "en").output  # nothing stored


def test_a_tie_without_its_lot_is_refused_in_persian_and_with_it_started(tied: str) -> None:
    bare = _run(tied, "audit", "start", *SUPERVISOR, "--contest", "president")
    assert bare.exit_code == 1
    assert "sandogh: حسابرسی ممکن نیست" in bare.output
    assert "contests[0].outcome.status: قرعه هنوز کشیده نشده است: نتیجه‌ای نیست" in bare.output
    assert not any(c.isascii() and c.isalpha() for c in bare.output.split(":", 2)[-1])
    secret = str(Path(tied.removeprefix("sqlite:///")).parent / "secret.txt")
    nobody = ["--constituency", "IR", "--secret-file", secret, "--drawn-by", " "]
    for lang, field in (("fa", "«قرعه‌کشان» (--drawn-by)"), ("en", "«drawn by» (--drawn-by)")):
        refused = _run(tied, "lot", "draw", "president", *nobody, *BOARD, "--lang", lang)
        assert (refused.exit_code, field in str(refused.exception)) == (1, True), refused.output
    add_account(tied, "nazer", Role.SUPERVISOR, "IR")  # who draws is an account (S20, F7)
    lot = ["--constituency", "IR", "--secret-file", secret, "--drawn-by", "nazer"]
    drawn = _run(tied, "lot", "draw", "president", *lot, *BOARD, "--body", "guardian-council")
    assert drawn.exit_code == 0, drawn.output
    started = _run(tied, "audit", "start", *SUPERVISOR, "--contest", "president")
    assert started.exit_code == 0, started.output


def test_the_dice_are_refused_naming_the_roll(tied: str) -> None:
    short = _run(tied, "audit", "seed", *SUPERVISOR, "--roll", ROLL)
    assert short.exit_code == 1
    assert "بذر: ۱۹ رقم؛ دست‌کم ۲۰ رقم باید ریخته شود" in short.output
    letters = _run(
        tied, "audit", "seed", *SUPERVISOR, "--roll", "ستاد=30719452685812O93746", "--lang", "en"
    )
    assert "rolls[0].digits: '30719452685812O93746' is not digits 0–9 as rolled" in letters.output
    fa = _run(tied, "audit", "seed", *SUPERVISOR, "--roll", "ستاد=30719452685812O93746")
    assert "رقم‌های تاس‌ریزی ۱: '30719452685812O93746' رقم‌های ۰ تا ۹ ریخته‌شده نیست" in fa.output
    no_who = _run(tied, "audit", "seed", *SUPERVISOR, "--roll", "30719452685812093746")
    assert (no_who.exit_code, "به شکل WHO=DIGITS نیست" in no_who.output) == (2, True)
    # the same dice read in Persian digits: the seed is written in 0–9
    persian = _run(tied, "audit", "seed", *SUPERVISOR, "--roll", "ستاد=۳۰۷۱۹۴۵۲۶۸۵۸۱۲۰۹۳۷۴۶")
    assert persian.exit_code == 0, persian.output
    assert "30719452685812093746" in persian.output


def test_a_hand_count_of_bad_figures_is_refused_and_not_stored(tied: str) -> None:
    hand = ["audit", "hand-count", "--contest", "president:IR", "--valid", "900"]
    good = ["--votes", "21=450", "--votes", "25=450"]
    negative = _run(tied, *hand, "--cast", "-900", *good)
    assert negative.exit_code == 2
    assert "--cast: -900 شماری از ۰ تا ۱۰^۱۸ نیست" in negative.output
    twice = _run(tied, *hand, "--cast", "900", *good, "--votes", "21=1", "--lang", "en")
    assert "--votes: 21 is given twice" in twice.output
    long = _run(tied, *hand, "--cast", "900", "--votes", "21=" + "9" * 19, "--votes", "25=0")
    assert (long.exit_code, "با شماری از ۰ تا ۱۰^۱۸ نیست" in long.output) == (2, True)
    minus = _run(tied, *hand, "--cast", "900", "--votes", "21=-5", "--votes", "25=450")
    assert minus.exit_code == 2
    more = _run(tied, *hand, "--cast", "800", *good, "--lang", "en")
    assert "--valid and --invalid make 900 ballots, --cast 800" in more.output
    blank = _run(tied, *hand, "--cast", "1000", *good, "--invalid", "blank=50")
    assert (blank.exit_code, "--valid و --invalid با هم ۹۵۰" in blank.output) == (2, True)
    status = _run(tied, "audit", "status", "--json")
    assert json.loads(status.stdout)["hand_counts"] == []


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """An audit with round 1 drawn and its blank sheet."""
    folder = tmp_path_factory.mktemp("drawn")
    db = _loaded(folder, (1600, 1400), papers=3000)
    for args in (
        ["audit", "start", *SUPERVISOR, "--contest", "president"],
        ["audit", "seed", *SUPERVISOR, "--roll", "ستاد=30719452685812093746"],
        ["audit", "sample", *SUPERVISOR, "--sheet", str(folder / "sheet.csv")],
    ):
        done = _run(db, *args)
        assert done.exit_code == 0, done.output
    return db, folder / "sheet.csv"


def _read(db: str) -> int:
    opened = json.loads(_run(db, "audit", "status", "--json").stdout)["open"]
    assert isinstance(opened["read"], int)
    return opened["read"]


def test_a_sheet_naming_a_contest_twice_is_refused_whole(
    drawn: tuple[str, Path], tmp_path: Path
) -> None:
    db, blank = drawn
    rows = list(csv.reader(blank.open(encoding="utf-8")))
    rows[0].append("president")
    for row in rows[1:]:
        row[1:] = ["yes", "K", "21", "25"]
    sheet = tmp_path / "sheet.csv"
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    fa = _run(db, "audit", "record", *AUDIT_BOARD, str(sheet))
    assert fa.exit_code == 1
    assert f"sandogh: {sheet}:" in fa.output
    assert "ستون ۵: سرستون president را دوباره نام می‌برد" in fa.output
    en = _run(db, "audit", "record", *AUDIT_BOARD, str(sheet), "--lang", "en")
    assert "column 5: the header names president again" in en.output
    assert _read(db) == 0  # nothing of it is stored


def test_a_sheet_with_one_bad_row_stores_none_of_the_good_ones(
    drawn: tuple[str, Path], tmp_path: Path
) -> None:
    db, blank = drawn
    rows = list(csv.reader(blank.open(encoding="utf-8")))
    for row in rows[1:]:
        row[1:] = ["yes", "K", "21"]
    rows[3][1] = "شاید"
    sheet = tmp_path / "sheet.csv"
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    fa = _run(db, "audit", "record", *AUDIT_BOARD, str(sheet))
    assert fa.exit_code == 1
    assert "سطر ۴: found برابر 'شاید' است، نه yes و نه no" in fa.output
    assert _read(db) == 0


def test_records_that_are_no_json_are_refused_naming_the_place(
    drawn: tuple[str, Path], tmp_path: Path
) -> None:
    db, _ = drawn
    records = tmp_path / "records.json"
    records.write_text('{"K-1": {"president": ["21"]},\n "K-2": }', encoding="utf-8")
    fa = _run(db, "audit", "close", *SUPERVISOR, "--records", str(records))
    assert fa.exit_code == 1
    assert "JSON نیست: سطر ۲، ستون ۹" in fa.output
    records.write_text('{"K-1": {"president": ["21"]}, "K-1": null}', encoding="utf-8")
    twice = _run(db, "audit", "close", *SUPERVISOR, "--records", str(records), "--lang", "en")
    assert "not JSON: the key K-1 comes twice in one object" in twice.output
    assert _read(db) == 0
