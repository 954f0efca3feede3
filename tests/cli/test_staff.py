"""`sandogh staff keygen|card|add|list` as a person runs them: a real process, a real database
file."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import nacl.public
import pytest

from sandogh.formats.key_file import read_key_file
from sandogh.formats.staff_card import StaffCardError, open_card, read_box_key
from sandogh.station.directory import StationDirectory

from .test_app import sandogh

ELECTION = "kerman-1403-r2"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from sandogh.cli.app import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_a_staff_member_makes_a_key_and_the_hq_registers_it(loaded_db: str, tmp_path: Path) -> None:
    db = loaded_db
    key_file = tmp_path / "head.key"

    made = _run("staff", "keygen", "--out", str(key_file))
    public = made.stdout.strip()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert read_key_file(key_file).public_key.text == public
    again = _run("staff", "keygen", "--out", str(key_file))
    assert again.returncode == 1
    assert "از پیش هست" in again.stderr  # Persian by default

    hq = ("--as", "kerman-hq", "--role", "county-hq", "--place", "IR-08-0801")
    args = ("--election", ELECTION, "--person", "مریم کرمانی", "--key", public, *hq)
    sandogh("staff", "add", "--station", "ST-0801-0001", "--station-role", "head", *args, db=db)
    listed = json.loads(sandogh("staff", "list", "--election", ELECTION, "--json", db=db).stdout)
    assert listed == [
        {"station": "ST-0801-0001", "role": "head", "person": "مریم کرمانی", "key": public}
    ]
    head = ("--station-role", "head", "--lang", "en")
    refused = sandogh("staff", "add", "--station", "IR-08", *head, *args, db=db, check=False)
    assert refused.returncode == 1
    assert "IR-08 is not a polling station" in refused.stderr


def test_the_attack_the_observer_is_not_the_head_and_no_one_unnamed_registers(
    loaded_db: str, tmp_path: Path
) -> None:
    """Review S19, F8, as `a10_staff.sh` ran it: without a grant `staff add` is refused; the
    board's observer cannot also be registered as the station's head, said in Persian."""
    db = loaded_db
    keys = [
        _run("staff", "keygen", "--out", str(tmp_path / f"k{n}.key")).stdout.strip() for n in (1, 2)
    ]
    station = ("--election", ELECTION, "--station", "ST-0801-0001", "--person", "P-obs")
    unnamed = sandogh(
        "staff", "add", *station, "--station-role", "head", "--key", keys[0], db=db, check=False
    )
    assert unnamed.returncode != 0
    assert "--as" in unnamed.stderr
    board = ("--as", "nazer", "--role", "supervisor", "--place", "IR-08")
    observer = ("--station-role", "supervisor", "--key", keys[0])
    sandogh("staff", "add", *station, *observer, *board, db=db)
    hq = ("--as", "kerman-hq", "--role", "county-hq", "--place", "IR-08-0801")
    head = ("--station-role", "head", "--key", keys[1])
    refused = sandogh("staff", "add", *station, *head, *hq, db=db, check=False)
    assert refused.returncode == 1
    assert "ناظر هیئت نظارت هرگز از رئیس و اعضای شعبه نیست" in refused.stderr


def test_a_staff_card_is_made_under_a_pin_asked_twice_and_opens_at_its_box(
    tmp_path: Path,
) -> None:
    """The card is sealed to the box's public card key, which `station card-key` prints (review
    S21 F8), or to the box of `--box`; it opens with that box's secret and the PIN only."""
    key_file, card_file, box = tmp_path / "head.key", tmp_path / "head.card", tmp_path / "box"
    StationDirectory(box).create()[0].close()
    public = _run("staff", "keygen", "--out", str(key_file)).stdout.strip()
    box_key = _run("station", "card-key", "--dir", str(box)).stdout.strip()
    assert read_box_key(box_key) == StationDirectory(box).card_key().public_key
    command = [sys.executable, "-c", "from sandogh.cli.app import main; main()"]
    args = ["staff", "card", "--key", str(key_file), "--out", str(card_file), "--lang", "en"]

    def card(*given: str, pins: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, *args, *given],
            input=pins,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    short = card("--box", str(box), pins="1234\n1234\n")
    assert short.returncode == 1
    assert "at least 6 digits" in short.stderr
    not_a_box = card("--box-key", public, pins="246810\n246810\n")
    assert not_a_box.returncode == 1
    assert "not a box's card key" in not_a_box.stderr
    assert not card_file.exists()
    made = card("--box-key", box_key, pins="۲۴۶۸۱۰\n۲۴۶۸۱۰\n")
    assert made.returncode == 0, made.stderr
    assert public in made.stdout
    assert "246810" not in made.stdout + card_file.read_text()
    text = card_file.read_text()
    assert open_card(text, "246810", StationDirectory(box).card_key()).public_key.text == public
    with pytest.raises(StaffCardError):  # at any other box, not even the PIN is tried
        open_card(text, "246810", nacl.public.PrivateKey.generate())
