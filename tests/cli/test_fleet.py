"""`sandogh fleet`: approve and revoke a build, ship a box to its station, over SQLite; a step
out of order is refused in Persian naming the box and the step expected."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sandogh.cli.app import app
from sandogh.core.readiness import Register
from sandogh.formats.readiness_csv import write_register

from ..core.readiness.kerman import (
    BARDSIR,
    ELECTION,
    KERMAN,
    KERMAN_STATIONS,
    PROVINCE,
    registers,
)
from .test_readiness import db  # noqa: F401 (the fixture)

NATIONAL = ("--as", "keshvari", "--role", "national-hq", "--place", "IR")
PROVINCIAL = ("--as", "rahimi", "--role", "provincial-hq", "--place", PROVINCE)
COUNTY = ("--as", "kermani", "--role", "county-hq", "--place", KERMAN)
BOX = "SB-0801-0001"
BUILD = "sha256:" + "a1" * 32


BEFORE_THE_DAY = datetime.datetime(2024, 7, 1, 5, 30, tzinfo=datetime.UTC)  # the day is 2024-07-05


@pytest.fixture(autouse=True)
def before_the_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's clock before polling day: after it no box moves (review S20 F14)."""
    monkeypatch.setattr("sandogh.cli.fleet.now", lambda: BEFORE_THE_DAY)


def run(url: str, *args: str, code: int = 0) -> str:
    done = CliRunner().invoke(app, [*args, "--db", url], catch_exceptions=False)
    assert done.exit_code == code, done.output
    return done.output


@pytest.fixture
def fleet(db: str, tmp_path: Path) -> str:  # noqa: F811 (the fixture above)
    path = tmp_path / "fleet.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        write_register(Register.FLEET, registers().fleet, out)
    run(db, "readiness", "import", "fleet", str(path), *NATIONAL)
    return db


def _officials(url: str, folder: Path) -> list[Path]:
    """Two officials, one of each body, and the record drafted that names them (k = 2)."""
    keys, authorities = [], []
    for body in ("hq", "supervisory-board"):
        path = folder / f"{body}.key"
        made = CliRunner().invoke(app, ["staff", "keygen", "--out", str(path)])
        key = made.output.strip()
        keys.append(path)
        authorities.append(f"--authority={body}:{body} official:{key}")
    draft = ("anchor", "draft", "--election", ELECTION, *authorities, "--threshold", "2")
    run(url, *draft, "--out", str(folder / "record.json"))
    return keys


def _signed(url: str, decision: Path, keys: list[Path]) -> str:
    for key in keys:
        signed = CliRunner().invoke(app, ["anchor", "sign", str(decision), "--key", str(key)])
        assert signed.exit_code == 0, signed.output
    signatures = str(decision.with_suffix(".signatures.json"))
    return run(url, "fleet", "sign-build", str(decision), signatures, *NATIONAL)


def test_a_build_approved_then_revoked_by_k_officials(fleet: str, tmp_path: Path) -> None:
    """Review S19 F7: one national account approved or revoked a build; it now proposes, and
    the decision takes effect once k officials of the record, of both bodies, have signed."""
    hq, board = _officials(fleet, tmp_path)
    decision = tmp_path / "approve.json"
    proposed = run(
        fleet, "fleet", "approve-build", BUILD, "--label", "۴.۲", "--out", str(decision), *NATIONAL
    )
    assert "sandogh fleet sign-build" in proposed
    assert "در انتظار امضای مقام‌ها؛ ۱ امضا تاکنون: hq official" in _signed(fleet, decision, [hq])
    builds = run(fleet, "fleet", "builds", *NATIONAL)
    assert "پیشنهاد تأیید" in builds
    assert "hq official" in builds
    assert "تأیید شد: hq official، supervisory-board official" in _signed(fleet, decision, [board])
    assert BUILD in run(fleet, "fleet", "builds", *NATIONAL)
    revocation = tmp_path / "revoke.json"
    run(fleet, "fleet", "revoke-build", BUILD, "--out", str(revocation), *NATIONAL)
    assert "لغو شد" not in run(fleet, "fleet", "builds", *NATIONAL)
    assert "لغو شد" in _signed(fleet, revocation, [hq, board])
    listed = run(fleet, "fleet", "builds", *NATIONAL).replace("\n", "")
    assert "تأییدشده، به پیشنهاد keshvari" in listed
    assert "؛ تأیید آن لغو شد، به پیشنهاد keshvari" in listed
    assert "revoked" not in listed  # no English on a Persian screen
    english = run(fleet, "fleet", "builds", "--lang", "en", *NATIONAL).replace("\n", "")
    assert "; its approval revoked, proposed by keshvari" in english
    # refused: the revocation again, and a signature of no official, each in Persian
    again = run(fleet, "fleet", "revoke-build", BUILD, "--out", str(revocation), *NATIONAL, code=1)
    assert "پیش‌تر لغو شده است" in again
    stranger = tmp_path / "stranger.key"
    CliRunner().invoke(app, ["staff", "keygen", "--out", str(stranger)])
    other = "sha256:" + "b2" * 32
    decision = tmp_path / "other.json"
    run(fleet, "fleet", "approve-build", other, "--label", "۴.۳", "--out", str(decision), *NATIONAL)
    CliRunner().invoke(app, ["anchor", "sign", str(decision), "--key", str(stranger)])
    signatures = str(decision.with_suffix(".signatures.json"))
    refused = run(fleet, "fleet", "sign-build", str(decision), signatures, *NATIONAL, code=1)
    assert "امضای ۱: کلید ed25519:" in refused
    assert "از مقام‌های سیاهه پیش از انتخابات نیست" in refused.replace("\n", "")
    elsewhere = str(revocation.with_suffix(".signatures.json"))  # another decision's signatures
    mixed = run(fleet, "fleet", "sign-build", str(decision), elsewhere, *NATIONAL, code=1)
    assert "سند تصمیم نسخه‌ای نیست" in mixed.replace("\n", "")


def test_a_box_shipped_to_its_station_and_one_step_out_of_order(fleet: str) -> None:
    out_of_order = run(fleet, "fleet", "receive", BOX, *NATIONAL, code=1)
    assert f"صندوق {BOX}" in out_of_order
    assert "آماده‌سازی در ستاد انتخابات کشور" in out_of_order
    assert "«مرحله»: این فرمان تنها این مرحله‌ها را ثبت می‌کند: تحویل" in out_of_order
    assert "received-by" not in out_of_order  # no machine step name (review S19, F12)
    run(fleet, "fleet", "prepare", BOX, *NATIONAL)
    to_a_station = run(fleet, "fleet", "ship", BOX, "--to", KERMAN_STATIONS[0], *NATIONAL, code=1)
    assert f"«مقصد»: {KERMAN_STATIONS[0]} مقصد این مرحله نیست" in to_a_station
    assert "is not a province" not in to_a_station
    run(fleet, "fleet", "ship", BOX, "--to", PROVINCE, *NATIONAL)
    # the province records its receipt, not the country above it (review S19, F13)
    by_the_country = run(fleet, "fleet", "receive", BOX, *NATIONAL, code=1)
    assert f"صندوق {BOX} را تنها حسابی از خود «{PROVINCE}» ثبت می‌کند" in by_the_country
    assert "حکم keshvari برای «IR» است" in by_the_country
    assert "may not" not in by_the_country
    run(fleet, "fleet", "receive", BOX, *PROVINCIAL)
    run(fleet, "fleet", "ship", BOX, "--to", KERMAN, *PROVINCIAL)
    run(fleet, "fleet", "receive", BOX, *COUNTY)
    run(fleet, "fleet", "ship", BOX, "--to", KERMAN_STATIONS[0], *COUNTY)
    assert "تحویل شعبه" in run(fleet, "fleet", "receive", BOX, *COUNTY)
    english = run(fleet, "fleet", "ship", BOX, "--to", KERMAN, *COUNTY, "--lang", "en", code=1)
    assert f"box {BOX}" in english
    assert "installed at the station" in english
    run(fleet, "fleet", "install", BOX, *COUNTY)
    ready = run(fleet, "readiness", "show", *COUNTY)
    assert "نصب و راه‌اندازی در شعبه: ۱" in ready
    assert "هنوز آماده نشده: ۲" in ready
    shown = run(fleet, "fleet", "show", "--unit", KERMAN, *COUNTY)
    assert shown.count("نصب") == 1  # one box installed; the table wraps the words
    assert "SB-0801-0002" in shown


def test_a_grant_at_no_unit_of_the_day_is_named_in_persian(fleet: str) -> None:
    """Review S19: `fleet receive` under a grant at IR-01 said "unit: IR-01 is not a unit of …"
    in English on a Persian screen; it names the unit and the grant's place in the command's
    language."""
    elsewhere = ("--as", "x", "--role", "provincial-hq", "--place", "IR-01")
    said = run(fleet, "fleet", "receive", BOX, *elsewhere, code=1)
    assert "«IR-01» از بخش‌های کشوری انتخابات" in said
    assert "حکم شما برای «IR-01» است" in said
    assert "is not a unit" not in said
    english = run(fleet, "fleet", "receive", BOX, *elsewhere, "--lang", "en", code=1)
    assert "IR-01 is not a unit of" in english
    assert "your grant is at IR-01" in english
    unknown = run(fleet, "fleet", "prepare", "SB-NONE", *NATIONAL, code=1)
    assert "صندوق SB-NONE در فهرست ناوگان این انتخابات نیست" in unknown


def test_the_attack_off_the_way_and_after_the_day(
    fleet: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review S20 F13 and F14: a province shipped a box to a county not its station's, and the
    county's refusal named the box's first step as next; a hand-over after polling day was
    refused, if at all, with "this command records only these steps"."""
    run(fleet, "fleet", "prepare", BOX, *NATIONAL)
    run(fleet, "fleet", "ship", BOX, "--to", PROVINCE, *NATIONAL)
    run(fleet, "fleet", "receive", BOX, *PROVINCIAL)
    off = run(fleet, "fleet", "ship", BOX, "--to", BARDSIR, *PROVINCIAL, code=1)
    assert f"از آنِ شعبه {KERMAN_STATIONS[0]} است: به {KERMAN} می‌رود، نه به {BARDSIR}" in off
    run(fleet, "fleet", "ship", BOX, "--to", KERMAN, *PROVINCIAL)
    not_yet = run(fleet, "fleet", "install", BOX, *COUNTY, code=1)
    assert "مرحله بعدی آن «تحویل فرمانداری» است" in not_yet  # the box's own next step
    after = datetime.datetime(2024, 7, 6, 8, tzinfo=datetime.UTC)
    monkeypatch.setattr("sandogh.cli.fleet.now", lambda: after)
    late = run(fleet, "fleet", "install", BOX, *COUNTY, code=1)
    assert f"روز رأی‌گیری {KERMAN_STATIONS[0]} ۱۵ تیر ۱۴۰۳ بود" in late
    assert "تنها این مرحله‌ها" not in late
    assert "polled on 15 Tir 1403" in run(
        fleet, "fleet", "receive", BOX, *COUNTY, "--lang", "en", code=1
    )
