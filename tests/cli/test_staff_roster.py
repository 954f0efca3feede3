"""`sandogh staff assign|session|roster` and `sandogh readiness plan|past` over SQLite: the
seeds' Karaj briefing and Kerman training recorded per person, a hard-to-reach station's plan
and its past problem shown by `readiness show`, Persian first."""

from __future__ import annotations

import datetime
import json

import pytest
from typer.testing import CliRunner

from sandogh.cli.app import app
from sandogh.core.readiness import RegisterError

from ..core.readiness.kerman import BARDSIR, BARDSIR_STATIONS, KERMAN_STATIONS
from .test_readiness import PROVINCIAL, db, run

__all__ = ["db"]  # the fixture, used by name

STATION, REMOTE = KERMAN_STATIONS[0], BARDSIR_STATIONS[1]
BEFORE_THE_DAY = datetime.datetime(2024, 7, 1, 5, 30, tzinfo=datetime.UTC)  # the day is 07-05


@pytest.fixture(autouse=True)
def before_the_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's clock before polling day: after it no staff is named (review S20 F8)."""
    monkeypatch.setattr("sandogh.cli.staff_roster.now", lambda: BEFORE_THE_DAY)


def _assign(db: str, person: str, role: str, *grant: str, station: str = STATION) -> list[str]:
    name = ("--name", f"کارمند {person}", "--station-role", role)
    return ["staff", "assign", *grant, "--station", station, "--person", person, *name, "--db", db]


def test_the_attack_a_second_head_after_the_day_and_a_refusal_in_english(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review S20 F8: `staff assign` named a second head at a station, after polling day too,
    and refused an account of another county in English on a Persian screen."""
    run(db, *_assign(db, "1001", "head", *PROVINCIAL)[:-2])
    second = CliRunner().invoke(app, _assign(db, "1002", "head", *PROVINCIAL))
    assert second.exit_code == 1
    assert str(second.exception) == f"شعبه {STATION} «رئیس شعبه» خود را دارد: کارمند 1001."
    run(db, *_assign(db, "1001", "secretary", *PROVINCIAL)[:-2])  # moved: the head's place is free
    run(db, *_assign(db, "1002", "head", *PROVINCIAL)[:-2])
    bardsir = ("--as", "bardsiri", "--role", "county-hq", "--place", BARDSIR)
    elsewhere = CliRunner().invoke(app, _assign(db, "1003", "member", *bardsir))
    said = str(elsewhere.exception)
    assert (
        said == "حساب \u2066bardsiri\u2069 با نقش «ستاد انتخابات شهرستان» در "
        f"\u2066{BARDSIR}\u2069 اجازه این کار را در \u2066{STATION}\u2069 ندارد."
    )
    english = CliRunner().invoke(app, [*_assign(db, "1003", "member", *bardsir), "--lang", "en"])
    assert "bardsiri (county-hq at IR-08-0803) may not manage-readiness at" in str(
        english.exception
    )
    after = datetime.datetime(2024, 7, 5, 20, 31, tzinfo=datetime.UTC)  # 16 Tir, 00:01 in Iran
    monkeypatch.setattr("sandogh.cli.staff_roster.now", lambda: after)
    late = CliRunner().invoke(app, _assign(db, "1004", "member", *PROVINCIAL))
    assert str(late.exception) == (
        f"روز رأی‌گیری شعبه {STATION} ۱۵ تیر ۱۴۰۳ بود؛ پس از آن رئیس و اعضای شعبه نام برده یا "
        "جابه‌جا نمی‌شوند."
    )


def test_staff_are_named_trained_briefed_and_listed_in_persian(db: str) -> None:
    people = (("2980001111", "مریم احمدی", "head"), ("2980002222", "علی‌اکبر رضایی", "governor-rep"))
    for person, name, role in people:
        out = run(
            db,
            "staff",
            "assign",
            *PROVINCIAL,
            "--station",
            STATION,
            "--person",
            person,
            "--name",
            name,
            "--station-role",
            role,
        )
    assert out.strip() == f"{STATION}: علی‌اکبر رضایی، نماینده فرماندار"
    trained = run(
        db,
        "staff",
        "session",
        *PROVINCIAL,
        "--kind",
        "training",
        "--held",
        "2024-06-20",
        "--where",
        "فرمانداری کرمان",
        "--topic",
        "آموزش اعضای شعب",
        "--person",
        "2980001111",
    )
    assert trained.strip() == "آموزش شماره ۱، ۳۱ خرداد ۱۴۰۳، ۱ نفر"
    run(
        db,
        "staff",
        "session",
        *PROVINCIAL,
        "--kind",
        "briefing",
        "--held",
        "2024-07-01",
        "--where",
        "سالن شهیدان نژاد فلاح",
        "--topic",
        "نشست توجیهی",
        "--person",
        "2980002222",
    )
    listed = run(db, "staff", "roster", *PROVINCIAL)
    assert "رئیس شعبه" in listed
    assert "آموزش‌ندیده" in listed
    rows = json.loads(run(db, "staff", "roster", *PROVINCIAL, "--json"))
    assert [(r["person"], r["sessions"]) for r in rows] == [
        ("2980002222", [2]),
        ("2980001111", [1]),
    ]
    shown = run(db, "readiness", "show", *PROVINCIAL, "--json")
    assert (json.loads(shown)["named"], json.loads(shown)["trained"]) == (2, 1)
    untrained = [m for m in json.loads(shown)["missing"] if m["gap"] == "untrained"]
    assert untrained == [
        {"place": STATION, "gap": "untrained", "subject": "علی‌اکبر رضایی", "figures": {}}
    ]


def test_a_hard_to_reach_plan_and_a_past_problem_show_in_readiness(db: str) -> None:
    out = run(
        db,
        "readiness",
        "plan",
        *PROVINCIAL,
        "--station",
        REMOTE,
        "--transport",
        "خودروی کمک‌دار",
        "--report-grace-hours",
        "8",
        "--helicopter",
        "--link-tested",
        "2024-07-01",
        "--link-ok",
    )
    assert out.strip() == f"برنامه شعبه {REMOTE} ذخیره شد."
    run(
        db,
        "readiness",
        "past",
        *PROVINCIAL,
        "--station",
        REMOTE,
        "--happened-in",
        "1402-majlis",
        "--note",
        "قطع ارتباط ماهواره‌ای",
    )
    shown = run(db, "readiness", "show", *PROVINCIAL, "--unit", BARDSIR)
    assert "شعبه‌های مناطق صعب‌العبور" in shown
    assert "│ خودروی کمک‌دار │ دارد" in shown  # the helicopter on standby
    assert "موفق، ۱۱ تیر" in shown
    assert "آسیب‌شناسی دوره‌های قبل" in shown
    assert "قطع ارتباط ماهواره‌ای" in shown
    assert "نماینده فرماندار" in shown  # the complement's gaps, in Persian
    body = json.loads(run(db, "readiness", "show", *PROVINCIAL, "--unit", BARDSIR, "--json"))
    assert body["plans"][0]["report_grace_minutes"] == 480
    assert body["past"] == [
        {"station": REMOTE, "election": "1402-majlis", "number": 1, "note": "قطع ارتباط ماهواره‌ای"}
    ]
    assert "Hard-to-reach stations" in run(
        db, "readiness", "show", *PROVINCIAL, "--unit", BARDSIR, "--lang", "en"
    )


def test_a_plan_tested_after_the_day_is_refused_naming_the_field(db: str) -> None:
    done = CliRunner().invoke(
        app,
        [
            "readiness",
            "plan",
            *PROVINCIAL,
            "--station",
            REMOTE,
            "--transport",
            "x",
            "--report-grace-hours",
            "3",
            "--link-tested",
            "2024-08-01",
            "--db",
            db,
        ],
    )
    assert isinstance(done.exception, RegisterError)
    assert [p.path for p in done.exception.problems] == ["link_tested"]
