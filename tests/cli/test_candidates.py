"""`sandogh candidates …` through one Majlis candidacy of 1402, in Persian and in English, on the
dates of the stages (the command's clock is set for each)."""

from __future__ import annotations

import dataclasses
import datetime
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandogh.cli import candidates, candidates_draw
from sandogh.cli.app import app
from sandogh.cli.candidates_text import CandidatesCommandError
from sandogh.core.access import Role
from sandogh.core.candidacy.draw_commitment import code_seed
from sandogh.core.candidacy.process import Authority
from sandogh.core.log import EventType
from sandogh.formats.definition_file import canonical_bytes, parse_definition
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.conftest import TEST_NOW

from ..server.operators_live import add_account
from ..services.build import IRST, day, parliament

EXAMPLES = Path(__file__).parents[2] / "examples" / "calendars"
HQ = ("--as", "governorate", "--role", "county-hq", "--place", "IR-08-0801")
MINISTRY = ("--as", "ministry", "--role", "national-hq", "--place", "IR")
BOARD = ("--as", "board", "--role", "supervisor", "--place", "IR")
ART = ("--article", "ماده ۲۸ قانون انتخابات مجلس")


def _drafted(run: Run, tmp_path: Path) -> Path:
    """The election's draft, one Majlis seat for Kerman and no candidates, loaded before the
    calendar as candidacy needs (R3 of the S19 re-attack); its file."""
    majlis = parliament(False)
    one_seat = dataclasses.replace(majlis.constituencies[0], seats=1)
    majlis = dataclasses.replace(majlis, id="majlis", constituencies=(one_seat,), candidates=())
    draft = tmp_path / "draft.json"
    draft.write_bytes(canonical_bytes(day("majlis-1402", (majlis,), datetime.date(2024, 3, 1))))
    run((2023, 10, 19), "load", str(draft))
    return draft


class Run:
    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.db = f"sqlite:///{tmp_path / 'centre.sqlite'}"
        self.monkeypatch = monkeypatch
        self.runner = CliRunner()

    def __call__(self, on: tuple[int, int, int], *args: str) -> str:
        moment = datetime.datetime(*on, 10, tzinfo=IRST)
        for module in (candidates, candidates_draw):
            self.monkeypatch.setattr(module, "now", lambda: moment)
        done = self.runner.invoke(app, [*args, "--db", self.db], catch_exceptions=True)
        if done.exception is not None and not isinstance(done.exception, SystemExit):
            raise done.exception
        return done.stdout


def test_a_majlis_candidacy_from_the_calendar_to_the_drawn_definition(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = Run(tmp_path, monkeypatch)
    run((2023, 10, 19), "init")
    draft = _drafted(run, tmp_path)
    said = run(
        (2023, 10, 19), "candidates", "calendar", str(EXAMPLES / "majlis-1402.json"), *MINISTRY
    )
    assert "۲۷ مهر ۱۴۰۲" in said  # registration opens
    (tmp_path / "degree.pdf").write_bytes(b"degree")
    person = [
        "--national-code",
        "۰۰۱۳۵۴۲۴۱۹",
        "--name-fa",
        "مریم کرمانی",
        "--name-en",
        "Maryam Kermani",
        "--born",
        "1975-03-01",
        "--education",
        "master",
    ]
    docs = [
        f"--document={kind}={tmp_path / 'degree.pdf'}"
        for kind in ("birth-certificate", "national-card", "degree")
    ]
    register = (
        "candidates",
        "register",
        "-e",
        "majlis-1402",
        "--contest",
        "majlis",
        "--constituency",
        "P1",
        *person,
        *docs,
        *HQ,
    )
    assert "با شماره ۱ ثبت‌نام شد" in run((2023, 10, 20), *register)
    with pytest.raises(CandidatesCommandError) as late:
        run((2023, 10, 26), *register)
    assert str(late.value) == (
        "ثبت‌نام داوطلبان برای «majlis» در ۴ آبان ۱۴۰۲ پذیرفته نیست: "
        "بازه آن از ۲۷ مهر ۱۴۰۲ تا ۳ آبان ۱۴۰۲ است."
    )
    folder = tmp_path / "authorities"
    run(
        (2023, 10, 27),
        "candidates",
        "inquire",
        "-e",
        "majlis-1402",
        "1",
        "--folder",
        str(folder),
        *HQ,
    )
    for authority in Authority:
        (folder / authority / "answers").mkdir(parents=True)
        (folder / authority / "answers" / "A1.json").write_text(
            json.dumps(
                {
                    "format": "sandogh/inquiry-answer@1",
                    "id": "A1",
                    "election": "majlis-1402",
                    "applicant": 1,
                    "authority": authority.value,
                    "clear": True,
                    "answered_on": "2023-10-28",
                }
            )
        )
    assert "۴ پاسخ" in run((2023, 10, 28), "candidates", "answer", "--folder", str(folder), *HQ)
    decide = ("candidates", "decide", "-e", "majlis-1402", "1", *ART)
    run((2023, 10, 30), *decide, "--board", "executive", "--outcome", "qualified", *HQ)
    run((2023, 12, 1), *decide, "--board", "supervisory", "--outcome", "not-established", *BOARD)
    shown = run((2023, 12, 1), "candidates", "show", "-e", "majlis-1402", "1")
    assert all(name in shown for name in ("ثبت احوال", "قوه قضاییه", "وزارت اطلاعات"))
    assert shown.count("بی‌مانع") == 4  # every answer where the board decides
    shown = run((2023, 12, 1), "candidates", "show", "-e", "majlis-1402", "1", "--lang", "en")
    assert "the civil registry" in shown
    assert "not-established" in shown or "not established" in shown
    run((2024, 1, 8), "candidates", "object", "-e", "majlis-1402", "1", "--grounds", "مدرک", *HQ)
    run(
        (2024, 2, 1),
        *decide,
        "--board",
        "supervisory",
        "--outcome",
        "qualified",
        "--on-objection",
        *BOARD,
    )
    secret = tmp_path / "secret.txt"
    secret.write_text("dice 3 1 4 1 5 9 2 6 5 3 5 8 9 7\n", encoding="utf-8")
    commit = ("candidates", "commit", "-e", "majlis-1402", "--contest", "majlis")
    committed = run((2024, 2, 19), *commit, "--secret-file", str(secret), *HQ, "--lang", "en")
    assert "commitment to the code draw of majlis is recorded" in committed
    published = run(
        (2024, 2, 20),
        "candidates",
        "final-list",
        "-e",
        "majlis-1402",
        "--contest",
        "majlis",
        *HQ,
        "--lang",
        "en",
    )
    assert "published on 1 Esfand 1402: 1 candidates" in published
    with pytest.raises(CandidatesCommandError) as twice:  # the usability review: once
        run(
            (2024, 2, 21),
            "candidates",
            "final-list",
            "-e",
            "majlis-1402",
            "--contest",
            "majlis",
            *HQ,
        )
    assert "یک بار منتشر" in str(twice.value)
    ground = tmp_path / "ground.txt"  # R5: a secret chosen now, knowing the list
    ground.write_text("a secret ground after the list was known", encoding="utf-8")
    with pytest.raises(CandidatesCommandError) as late:
        run((2024, 2, 20), *commit, "--secret-file", str(ground), *HQ, "--lang", "en")
    assert "the final list was published on 1 Esfand 1402" in str(late.value)
    out = tmp_path / "final.json"
    draw = (
        "candidates",
        "draw",
        "--contest",
        "majlis",
        "--definition",
        str(draft),
        "--secret-file",
        str(secret),
        "--drawn-by",
        "governorate",
        "--code",
        "17",
        "--out",
        str(out),
        *HQ,
    )
    withdraw = ("candidates", "withdraw-listed", "-e", "majlis-1402", "1", *HQ)
    with pytest.raises(CandidatesCommandError) as late:
        run((2024, 3, 1), *withdraw)  # polling day: too late to leave the list
    assert str(late.value) == (
        "انصراف نامزد از فهرست نهایی برای «majlis» در ۱۱ اسفند ۱۴۰۲ پذیرفته نیست: "
        "بازه آن از ۱ اسفند ۱۴۰۲ تا ۱۰ اسفند ۱۴۰۲ است."
    )
    # S20 F7: who drew was free text; each drawer is an operator account, as board members are
    putin = [part if part != "governorate" else "President Putin" for part in draw[:-6]]
    with pytest.raises(CandidatesCommandError) as nobody:
        run((2024, 2, 20), *putin, *draw[-6:])
    assert str(nobody.value) == "این نام‌ها حساب کاربری این سامانه نیستند: President Putin"
    add_account(run.db, "governorate", Role.COUNTY_HQ, "IR-08-0801")
    ground_draw = [str(ground) if part == str(secret) else part for part in draw]
    with pytest.raises(CandidatesCommandError) as mismatch:
        run((2024, 2, 20), *ground_draw)
    assert "نمی‌خواند" in str(mismatch.value)
    drawn = run((2024, 2, 20), *draw)
    final = parse_definition(out.read_bytes(), source_name="final.json")
    assert final.definition_hash in drawn
    (candidate,) = final.election.contests[0].candidates
    assert (candidate.code, candidate.name.fa) == ("17", "مریم کرمانی")  # the pool's first
    assert run((2024, 2, 20), *draw) == drawn  # a re-run gives the same definition
    with pytest.raises(CandidatesCommandError) as drawn_already:
        run((2024, 2, 21), *withdraw)
    assert "sandogh candidates withdraw" in str(drawn_already.value)  # the definition's now
    listed = run((2024, 2, 21), "candidates", "list", "-e", "majlis-1402", "--lang", "en")
    assert "Maryam Kermani" in listed
    assert "published on 1 Esfand 1402" in listed
    files = json.loads(run((2024, 2, 21), "candidates", "list", "-e", "majlis-1402", "--json"))
    (applicant,) = files["applicants"]
    assert applicant["standing"] == "qualified"
    assert [d["outcome"] for d in applicant["decisions"]] == [
        "qualified",
        "not-established",
        "qualified",
    ]
    assert "national_code" not in json.dumps(files)
    assert files["draws"][0]["seed"] == code_seed("dice 3 1 4 1 5 9 2 6 5 3 5 8 9 7", "majlis", [1])
    assert files["commitments"][0]["contest"] == "majlis"


def test_a_county_s_headquarters_is_kept_to_its_constituencies_and_told_the_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = Run(tmp_path, monkeypatch)
    run((2023, 10, 19), "init")
    majlis = dataclasses.replace(parliament(False), id="majlis")  # P1: county 0801, P2: 0802
    draft = tmp_path / "draft.json"
    draft.write_bytes(canonical_bytes(day("majlis-1402", (majlis,), datetime.date(2024, 3, 1))))
    run((2023, 10, 19), "load", str(draft))
    run((2023, 10, 19), "candidates", "calendar", str(EXAMPLES / "majlis-1402.json"), *MINISTRY)
    person = ("--national-code", "0013542419", "--name-fa", "مریم", "--name-en", "Maryam")
    (tmp_path / "degree.pdf").write_bytes(b"degree")
    docs = [
        f"--document={kind}={tmp_path / 'degree.pdf'}"
        for kind in ("birth-certificate", "national-card", "degree")
    ]
    register = (
        *("candidates", "register", "-e", "majlis-1402", "--contest", "majlis"),
        *(*person, "--born", "1975-03-01", "--education", "master", *docs, *HQ),
    )
    with pytest.raises(CandidatesCommandError) as outside:
        run((2023, 10, 20), *register, "--constituency", "P2")
    assert str(outside.value).startswith("حوزه «بم» («IR-08-0802») بیرون از حوزه حکم governorate")
    with pytest.raises(CandidatesCommandError) as in_english:
        run((2023, 10, 20), *register, "--constituency", "P2", "--lang", "en")
    assert "lies outside the place of governorate's grant («IR-08-0801»)" in str(in_english.value)
    bad_code = [a if a != "0013542419" else "1234567890" for a in register]
    with pytest.raises(CandidatesCommandError) as wrong:  # review S19, F12: it was English
        run((2023, 10, 20), *bad_code, "--constituency", "P1")
    assert (
        str(wrong.value) == "«--national-code» 1234567890: رقم کنترل نمی‌خواند؛ کد را دوباره بخوانید"
    )
    assert "با شماره ۱ ثبت‌نام شد" in run((2023, 10, 20), *register, "--constituency", "P1")
    with pytest.raises(CandidatesCommandError) as unknown:  # was refused only at the draw
        run((2023, 10, 20), *register[:-6], *MINISTRY, "--constituency", "P9")
    assert str(unknown.value).startswith("حوزه P9 از حوزه‌های رقابت «majlis» در تعریف")
    council_board = (*BOARD, "--body", "majlis")  # the Majlis's boards vet councils only
    decide = ("candidates", "decide", "-e", "majlis-1402", "1", *ART, "--board", "supervisory")
    with pytest.raises(CandidatesCommandError) as wrong_body:
        run((2023, 12, 1), *decide, "--outcome", "rejected", *council_board)
    assert "شورای نگهبان" in str(wrong_body.value)
    # every applicant is of P1, yet the code draw's commitment is the whole contest's
    (tmp_path / "secret.txt").write_text("dice 3 1 4 1 5 9 2 6 5 3 5 8 9 7", encoding="utf-8")
    commit = ("candidates", "commit", "-e", "majlis-1402", "--contest", "majlis")
    with pytest.raises(CandidatesCommandError) as whole:
        run((2024, 2, 19), *commit, "--secret-file", str(tmp_path / "secret.txt"), *HQ)
    assert str(whole.value).startswith("حوزه «بم» («IR-08-0802») بیرون از حوزه حکم governorate")

    engine = make_engine(run.db)
    try:
        with SqlUnitOfWork(engine, now=TEST_NOW) as work:
            denied = work.events.of_type(EventType.ACCESS_DENIED, "majlis-1402")
    finally:
        engine.dispose()
    assert [(e.event.details.get("constituency"), e.event.details["denied"]) for e in denied] == [
        ("P2", ["IR-08-0802"]),
        ("P2", ["IR-08-0802"]),
        (None, ["IR-08-0801"]),  # the Majlis's board, at its applicant's place
        ("P2", ["IR-08-0802"]),
    ]


def test_the_attack_a_calendar_swapped_on_polling_day_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review S19, F6 (`a7_calendar_swap.py`): on polling day Tehran's county HQ stored a calendar
    moving polling day to the next. Refused, and so is the national HQ's same change."""
    run = Run(tmp_path, monkeypatch)
    run((2023, 10, 19), "init")
    store = ("candidates", "calendar", str(EXAMPLES / "majlis-1402.json"), *MINISTRY)
    with pytest.raises(CandidatesCommandError) as no_definition:  # R8 of the S19 re-attack
        run((2023, 10, 19), *store, "--lang", "en")
    assert "definition of majlis-1402 is not loaded" in str(no_definition.value)
    assert "sandogh load" in str(no_definition.value)
    _drafted(run, tmp_path)
    with pytest.raises(CandidatesCommandError, match="IR-01-0101"):  # not the country's root
        run(
            (2023, 10, 19),
            *store[:3],
            "--as",
            "t",
            "--role",
            "national-hq",
            "--place",
            "IR-01-0101",
        )
    run((2023, 10, 19), *store)
    calendar = json.loads((EXAMPLES / "majlis-1402.json").read_text())
    for stage in calendar["schedules"][0]["stages"]:
        if stage["stage"] == "polling":
            stage["first"] = stage["last"] = "2024-03-02"
        if stage["stage"] == "results":
            stage["first"] = "2024-03-03"
    evil = tmp_path / "evil.json"
    evil.write_text(json.dumps(calendar))
    tehran = ("--as", "tehran", "--role", "county-hq", "--place", "IR-01-0101")
    with pytest.raises(CandidatesCommandError, match="تنها ستاد انتخابات کشور"):
        run((2024, 3, 1), "candidates", "calendar", str(evil), *tehran)
    with pytest.raises(CandidatesCommandError) as moved:
        run((2024, 3, 1), "candidates", "calendar", str(evil), *MINISTRY)
    assert "رأی‌گیری" in str(moved.value)
    assert "آغاز شده است (بازه آن از ۱۱ اسفند ۱۴۰۲ تا ۱۱ اسفند ۱۴۰۲)" in str(moved.value)
