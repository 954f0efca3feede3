"""The `sandogh` command as a person runs it: a real process, a real database file."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kerman-1403"


def sandogh(*args: str, db: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-c", "from sandogh.cli.app import main; main()", *args, "--db", db],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if check and done.returncode != 0:
        raise AssertionError(f"sandogh {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return done


def as_json(done: subprocess.CompletedProcess[str]) -> Any:
    return json.loads(done.stdout)


@dataclass(frozen=True)
class Demo:
    db: str
    output: str


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """A store with both Kerman rounds loaded by the demo (in English, to read it here)."""
    db = f"sqlite:///{tmp_path_factory.mktemp('kerman') / 'kerman.sqlite'}"
    return Demo(db, sandogh("demo", "--lang", "en", db=db).stdout)


@pytest.fixture
def kerman(demo: Demo) -> str:
    return demo.db


def test_demo_prints_the_kerman_figures(demo: Demo) -> None:
    shown = demo.output
    for figure in ("1,276,092", "1,252,840", "773,591", "479,249", "1,070,286", "2,427"):
        assert figure in shown
    assert "+9 points" in shown
    assert "294,349" in shown
    assert "disagrees" in shown


def test_results_show_json_has_the_seed_figures_and_the_turnout_change(kerman: str) -> None:
    shown = as_json(
        sandogh("results", "show", "-e", "kerman-1403-r2", "--unit", "IR-08", "--json", db=kerman)
    )
    (result,) = shown["results"]
    counts = result["counts"]
    assert (counts["cast"], counts["valid"], counts["invalid_total"]) == (1276092, 1252840, 23252)
    assert [v["votes"] for v in counts["votes"]] == [773591, 479249]
    assert result["stations_reported"] == result["stations_total"] == 2427
    assert result["eligible_voters"] == 2324254
    change = result["compared_with_previous_round"]
    assert round(float(change["turnout_change_points"]["percent"])) == 9
    assert change["margin"]["votes"] == 294342
    assert change["previous_margin"]["votes"] == 148119
    assert shown["findings"] == []
    assert shown["election"]["definition_hash"].startswith("sha256:")


def test_round_one_goes_to_a_runoff_of_the_two_leaders(kerman: str) -> None:
    shown = as_json(sandogh("outcome", "-e", "kerman-1403-r1", "--json", db=kerman))
    (constituency,) = shown["contests"][0]["constituencies"]
    assert constituency["status"] == "runoff"
    assert constituency["base"] == 1070286
    assert constituency["votes_needed"] == 535144
    assert len(constituency["advancing"]) == 2


def test_check_statement_names_the_misprinted_margin_and_exits_3(kerman: str) -> None:
    done = sandogh(
        "check-statement", str(EXAMPLE / "statement-round2.yaml"), "--json", db=kerman, check=False
    )
    assert done.returncode == 3
    disagreeing = [c for c in as_json(done)["checks"] if c["verdict"] == "disagrees"]
    assert {c["figure"] for c in disagreeing} == {"margin[21-25]"}
    assert {c["difference"] for c in disagreeing} == {"7"}


def test_runoff_writes_a_definition_that_loads(kerman: str, tmp_path: Path) -> None:
    planned = tmp_path / "runoff.json"
    sandogh(
        "runoff", "-e", "kerman-1403-r1", "--id", "kerman-runoff", "--date", "2024-07-05",
        "--out", str(planned), db=kerman,
    )  # fmt: skip
    document = json.loads(planned.read_text(encoding="utf-8"))
    (contest,) = document["contests"]
    assert contest["round"] == 2
    assert contest["previous_round"] == {"election": "kerman-1403-r1", "contest": "president"}
    assert {c["code"] for c in contest["candidates"]} == {"21", "25"}
    loaded = as_json(sandogh("load", str(planned), "--json", db=kerman))
    assert loaded["created"] is True


def test_persian_is_the_default(kerman: str) -> None:
    shown = sandogh("results", "show", "-e", "kerman-1403-r2", "--unit", "IR-08", db=kerman).stdout
    assert "۱٬۲۷۶٬۰۹۲" in shown
    assert "یک میلیون و دویست و هفتاد و شش هزار و نود و دو" in shown
    assert "۱۵ تیر ۱۴۰۳" in shown


def test_results_show_pages_the_units_below_a_unit(kerman: str) -> None:
    """Issue 14: a unit's read shows a page of the units just below it (100 to a page; the
    county IR-08-0808's 337 stations are 4 pages), saying which in Persian digits; a page past
    the last is refused naming it."""
    county = ("results", "show", "-e", "kerman-1403-r2", "--unit", "IR-08-0808")
    shown = sandogh(*county, "--page", "4", db=kerman).stdout
    assert "صفحهٔ ۴ از ۴ صفحهٔ واحدهای زیر این واحد (۳۳۷ واحد)" in shown
    paged = as_json(sandogh(*county, "--page", "4", "--json", db=kerman))
    assert paged["page"] == {"number": 4, "pages": 4, "units_below": 337, "page_size": 100}
    (result,) = paged["results"]
    assert len(result["parts"]) == 37
    assert result["stations_total"] == 337
    refused = sandogh(*county, "--page", "5", db=kerman, check=False)
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert "صفحهٔ ۵ ندارد؛ صفحهٔ آخر آن ۴ است." in refused.stderr


def test_results_show_refuses_uncertified_kept_totals_rewritten_by_sql(
    kerman: str, tmp_path: Path
) -> None:
    """The session-26 outsider's F2 (their case `r2tot`): in an uncertified round, the kept
    totals of the nation, a province and a county rewritten consistently by SQL were shown by
    every read. Each read now holds its rows to the root the log last recorded
    (`services.running_trees`) and refuses, naming the unit and the contest, in Persian and
    English; until then each uncertified contest says how its figures are held."""
    read = ("results", "show", "-e", "kerman-1403-r2", "--contest", "president")
    shown = " ".join(sandogh(*read, db=kerman).stdout.split())
    assert "هنوز تأیید نشده است: جمع هر واحد همان جمعی است که" in shown
    assert "با ریشه‌ای که دفتر رویدادها آخرین بار ثبت کرده است می‌سنجد" in shown
    copy = tmp_path / "kerman.sqlite"
    shutil.copyfile(kerman.removeprefix("sqlite:///"), copy)
    with sqlite3.connect(copy) as attack:
        for candidate, moved in (("21", 10), ("25", -10)):
            attack.execute(
                "UPDATE results_total_votes SET votes = votes + ? WHERE code IN "
                "('IR', 'IR-08', 'IR-08-0808') AND scope = 'unit' AND contest = 'president' "
                "AND candidate = ?",
                (moved, candidate),
            )
    db = f"sqlite:///{copy}"
    for unit in ((), ("--unit", "IR-08"), ("--unit", "IR-08-0808", "--page", "4")):
        refused = sandogh(*read, *unit, db=db, check=False)
        assert refused.returncode == 1
        assert refused.stdout == ""
        assert "به ریشه‌ای که دفتر رویدادها آخرین بار" in refused.stderr
    county = ("--unit", "IR-08-0808", "--page", "4", "--lang", "en")
    english = " ".join(sandogh(*read, *county, db=db, check=False).stderr.split())
    assert "The kept totals of" in english
    assert "(IR-08-0808), contest" in english
    assert "do not lead to the root the event log last recorded" in english


def test_check_totals_agrees_then_names_a_figure_changed_by_raw_sql(
    kerman: str, tmp_path: Path
) -> None:
    """Issue 14: the kept totals against every stored sheet added again, in Persian and English."""
    copy = tmp_path / "kerman.sqlite"
    shutil.copyfile(kerman.removeprefix("sqlite:///"), copy)
    db = f"sqlite:///{copy}"
    agreed = sandogh("results", "check-totals", "-e", "kerman-1403-r2", db=db).stdout
    assert "با جمع دوبارهٔ همهٔ صورتجلسه‌های ثبت‌شده یکی است" in agreed
    with sqlite3.connect(copy) as attack:
        attack.execute(
            "UPDATE results_total_votes SET votes = votes + 1000 WHERE code = 'IR-08' "
            "AND scope = 'unit' AND candidate = '21'"
        )
    found = sandogh("results", "check-totals", "-e", "kerman-1403-r2", db=db, check=False)
    assert found.returncode == 1
    assert "نمی‌خواند" in found.stdout
    assert "کرمان" in found.stdout  # the province, by its name
    assert "آرای نامزد ۲۱" in found.stdout
    assert "IR" not in found.stdout  # a Persian line names no machine id
    english = sandogh(
        "results", "check-totals", "-e", "kerman-1403-r2", "--lang", "en", db=db, check=False
    ).stdout
    assert "1 figures of the kept totals" in english
    assert "votes of candidate 21: kept" in english
    assert "(IR-08)" in english


def test_check_totals_names_a_tree_row_deleted_or_rewritten_by_raw_sql(
    kerman: str, tmp_path: Path
) -> None:
    """The session-29 outsider's A3: a county's tree row deleted, another's pages rewritten;
    the totals agree, the trees do not: each county named, in Persian and English, exit 1."""
    copy = tmp_path / "kerman.sqlite"
    shutil.copyfile(kerman.removeprefix("sqlite:///"), copy)
    db = f"sqlite:///{copy}"
    agreed = sandogh("results", "check-totals", "-e", "kerman-1403-r2", db=db).stdout
    assert "به ریشه‌ای می‌رسد که دفتر رویدادها آخرین بار ثبت کرده است" in agreed
    with sqlite3.connect(copy) as attack:
        attack.execute("DELETE FROM certified_totals_nodes WHERE code = 'IR-08-0808'")
        attack.execute("UPDATE certified_totals_nodes SET pages = 'x' WHERE code = 'IR-08-0801'")
    found = sandogh("results", "check-totals", "-e", "kerman-1403-r2", db=db, check=False)
    assert found.returncode == 1
    assert "ردیف درخت جمع‌های \u2068شهرستان کرمان\u2069، رقابت" in found.stdout
    assert "در پایگاه داده نیست" in found.stdout
    assert "شهرستان بافت" in found.stdout
    assert "IR" not in found.stdout
    english = sandogh(
        "results", "check-totals", "-e", "kerman-1403-r2", "--lang", "en", db=db, check=False
    ).stdout
    assert "row of Kerman County (IR-08-0808), contest \u2068President\u2069, is missing" in english
    assert "row of Baft County (IR-08-0801)" in english


def test_results_show_refuses_a_nation_row_changed_by_raw_sql(kerman: str, tmp_path: Path) -> None:
    """Finding N2, the outsider's attack: the nation's kept votes of one candidate raised in a
    certified contest's store; `results show` says so in one line, in Persian and English."""
    copy = tmp_path / "kerman.sqlite"
    shutil.copyfile(kerman.removeprefix("sqlite:///"), copy)
    db = f"sqlite:///{copy}"
    with sqlite3.connect(copy) as attack:
        attack.execute(
            "update results_total_votes set votes=votes+100000 where "
            "election_id='kerman-1403-r2' and code='IR' and candidate='21'"
        )
    refused = sandogh("results", "show", "-e", "kerman-1403-r2", db=db, check=False)
    assert refused.returncode == 1
    assert refused.stdout == ""  # no figure
    (line,) = refused.stderr.strip().splitlines()
    assert line.startswith("sandogh: جمع نگه‌داشتهٔ ایران، رقابت ")
    assert "\u2068sandogh results check-totals\u2069" in line
    english = sandogh(
        "results", "show", "-e", "kerman-1403-r2", "--lang", "en", db=db, check=False
    ).stderr
    assert "The kept total of " in english
    assert "(IR), contest " in english
    assert "Run `sandogh results check-totals`" in english


def test_a_bad_definition_gets_every_problem_and_stores_nothing(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'bad.sqlite'}"
    sandogh("init", db=db)
    text = (EXAMPLE / "round2.yaml").read_text(encoding="utf-8")
    bad = text.replace("kind: province", "kind: provinc", 1).replace("code: '25'", "code: '21'", 1)
    (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
    done = sandogh("load", str(tmp_path / "bad.yaml"), db=db, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "units[1].kind" in done.stderr
    assert "هیچ چیز ذخیره نشد" in done.stderr  # the default --lang fa
    listed = sandogh("results", "show", db=db, check=False)
    assert listed.returncode == 1
    assert listed.stderr.startswith("sandogh: هنوز انتخاباتی در پایگاه داده نیست")  # issue 13


def test_a_300_byte_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    # "Billion laughs": nine lines of nested aliases stand for 9⁹ values; it once ran for minutes.
    lines = ["- &a [x,x,x,x,x,x,x,x,x]"]
    lines += [
        f"- &{b} [{','.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    bomb = "\n".join(lines) + "\n"
    assert len(bomb.encode()) <= 300
    (tmp_path / "bomb.yaml").write_text(bomb, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'bomb.sqlite'}"
    started = time.monotonic()
    done = sandogh("load", str(tmp_path / "bomb.yaml"), "--lang", "en", db=db, check=False)
    assert time.monotonic() - started < 30  # the command's own start-up included
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "the aliases stand for more than 100,000 values" in done.stderr
    assert "(line 6, column" in done.stderr


def test_a_bad_csv_row_stores_nothing_and_names_the_row(loaded_db: str, tmp_path: Path) -> None:
    db = loaded_db
    lines = (EXAMPLE / "round2-results.csv").read_text(encoding="utf-8").splitlines()
    lines[40] = lines[40].rsplit(",", 1)[0] + ",many"
    (tmp_path / "bad.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = sandogh(
        "results", "import", str(tmp_path / "bad.csv"), "-e", "kerman-1403-r2", db=db, check=False
    )
    assert done.returncode == 1
    assert "41" in done.stderr
    assert "Traceback" not in done.stderr
    shown = as_json(sandogh("results", "show", "-e", "kerman-1403-r2", "--json", db=db))
    assert shown["results"][0]["stations_reported"] == 0


def test_an_unknown_election_is_one_clear_line(kerman: str) -> None:
    done = sandogh("results", "show", "-e", "nowhere", db=kerman, check=False)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0
    assert "nowhere" in done.stderr


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("publish",), "--out"),
        (("anchor", "show"), "--election"),
        (("results", "show", "--unit"), "--unit"),
    ],
)
def test_a_missing_option_is_one_line_not_a_traceback(args: tuple[str, ...], named: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from sandogh.cli.app import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert named in done.stderr
    assert "Traceback" not in done.stderr


def test_python_m_sandogh_is_the_sandogh_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sandogh", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "verify-election" in done.stdout
