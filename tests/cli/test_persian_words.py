"""The outsider's S20 findings F2, F5 and F10: under the default `--lang fa` the command line says
documents, contests, places, its own usage errors and a file refused whole in Persian, with no
machine id (`birth-certificate`, `president`, `IR`) or English sentence on the line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from rich.console import Console

from sandogh.cli.candidates_text import CandidatesCommandError
from sandogh.cli.live_demo_accounts import print_addresses
from sandogh.cli.usage_words import problem_line
from sandogh.core.access import Grant, Role
from sandogh.formats.calendar_file import CalendarFileError
from sandogh.formats.definition_file import load_definition

from .test_app import EXAMPLE, sandogh
from .test_candidates import EXAMPLES, HQ, MINISTRY, Run, _drafted

PERSON = (
    *("--national-code", "۰۰۱۳۵۴۲۴۱۹", "--name-fa", "مریم کرمانی", "--name-en", "Maryam Kermani"),
    *("--born", "1975-03-01", "--education", "master"),
)
REGISTER = ("candidates", "register", "-e", "majlis-1402", "--contest", "majlis")


def _latin_words(line: str) -> list[str]:
    """The Latin words of a line but the command's own name and a file's."""
    return [w for w in re.findall(r"[A-Za-z][A-Za-z_-]+", line) if w not in {"sandogh", "help"}]


def test_f2_documents_contests_and_places_are_named_in_persian(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = Run(tmp_path, monkeypatch)
    run((2023, 10, 19), "init")
    _drafted(run, tmp_path)
    run((2023, 10, 19), "candidates", "calendar", str(EXAMPLES / "majlis-1402.json"), *MINISTRY)
    with pytest.raises(CandidatesCommandError) as refused:
        run((2023, 10, 20), *REGISTER, "--constituency", "P1", *PERSON, *HQ)
    said = str(refused.value)
    assert "شناسنامه داده نشده است (" in said
    assert "کارت ملی داده نشده است (" in said
    assert _latin_words(said) == []
    (tmp_path / "d.pdf").write_bytes(b"d")
    docs = [f"--document={k}={tmp_path / 'd.pdf'}" for k in ("birth-certificate", "national-card")]
    run((2023, 10, 20), *REGISTER, "--constituency", "P1", *PERSON, *docs, "--document",
        f"degree={tmp_path / 'd.pdf'}", *HQ)  # fmt: skip
    listed = run((2023, 10, 20), "candidates", "list", "-e", "majlis-1402")
    row = next(line for line in listed.splitlines() if "مریم کرمانی" in line)
    assert "مجلس" in row
    assert "کرمان" in row
    assert _latin_words(row) == []


def test_f2_f10_usage_errors_init_and_a_file_refused_whole_say_themselves_in_persian(
    tmp_path: Path,
) -> None:
    db = f"sqlite:///{tmp_path / 'c.sqlite'}"
    ready = sandogh("init", db=db).stdout
    assert ready.startswith("پایگاه داده آماده است:")
    missing = sandogh("candidates", "calendar", "x.json", db=db, check=False)
    assert missing.returncode == 2
    assert "گزینه «--as» داده نشده است" in missing.stderr
    assert "Missing" not in missing.stderr
    assert "see" not in missing.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ndate: 2026-13-45\n")
    refused = sandogh("load", str(bad), db=db, check=False)
    assert refused.returncode == 1
    first, summary = refused.stderr.splitlines()
    assert first.startswith(f"{bad}: ")
    assert "تاریخی که در تقویم نیست" in first
    assert _latin_words(first.removeprefix(str(bad))) == ["YAML", "JSON"]
    assert summary == "sandogh: ۱ مشکل؛ هیچ چیز ذخیره نشد"
    english = sandogh("load", str(bad), "--lang", "en", db=db, check=False)
    assert "not valid YAML or JSON" in english.stderr
    assert english.stderr.endswith("1 problem(s); nothing was stored\n")


def test_f5_a_calendar_refused_says_its_problems_in_persian(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = Run(tmp_path, monkeypatch)
    run((2023, 10, 19), "init")
    _drafted(run, tmp_path)
    calendar = json.loads((EXAMPLES / "majlis-1402.json").read_text())
    stages = calendar["schedules"][0]["stages"]
    stages[1]["first"] = stages[0]["first"]  # begins before registration has closed
    overlapping = tmp_path / "overlapping.json"
    overlapping.write_text(json.dumps(calendar))
    with pytest.raises(CalendarFileError) as refused:
        run((2023, 10, 19), "candidates", "calendar", str(overlapping), *MINISTRY)
    (problem,) = refused.value.problems
    line = problem_line(problem, "fa")
    assert line.startswith("schedules[0].stages[1].first: ")
    assert "پیش از آنکه ثبت‌نام داوطلبان بسته شود" in line
    assert _latin_words(line.split(": ", 1)[1]) == []
    assert "before registration has closed" in problem_line(problem, "en")


def test_f5_the_live_demo_names_each_account_s_role_and_place() -> None:
    election = load_definition(EXAMPLE / "round2.yaml").election
    plan = SimpleNamespace(loaded=SimpleNamespace(election=election))
    grant = Grant(Role.COUNTY_HQ, "IR-08-0808")
    out = Console(record=True, width=400)
    urls = {"site": "s", "api": "a", "kiosk": "k", "db": "d"}
    accounts = [("kerman-hq", "pw", grant, None)]
    print_addresses(out, "fa", plan, urls, "ST-1", accounts, [], [])  # type: ignore[arg-type]
    line = next(li for li in out.export_text().splitlines() if "kerman-hq / pw" in li)
    assert line.endswith("(ستاد انتخابات شهرستان در کرمان)")
