"""A command's own refusals as an operator meets them, in a real `sandogh` process: one line in
the command's language, Persian unless `--lang en` (F1 of session 21: English on the Persian
default)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nacl.public

from sandogh.formats.key_file import write_key_file
from sandogh.formats.staff_card import box_key_text
from tests.cli.test_supervise import SUPERVISOR, db  # noqa: F401 (the loaded store, a fixture)

ENTRY = "from sandogh.cli.entry import main; main()"
LATIN = re.compile(r"[A-Za-z]{3,}")


def _sandogh(*args: str, given: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", ENTRY, *args],
        input=given,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )


def _persian_words(line: str, *allowed: str) -> None:
    """Nothing in `line` is English but its paths, codes and the words `allowed`."""
    for kept in ("sandogh", *allowed):
        line = line.replace(kept, "")
    assert LATIN.search(line) is None, line


def test_a_box_folder_without_its_key_is_said_in_the_chosen_language(tmp_path: Path) -> None:
    folder = str(tmp_path / "nowhere")
    for command in ("kiosk", "status"):
        done = _sandogh("station", command, "--dir", folder)
        (line,) = done.stderr.splitlines()
        assert (done.returncode, line) == (
            1,
            f"sandogh: در پوشه {folder} کلید دستگاه (device.key) نیست؛ پوشه صندوق را بررسی کنید.",
        )
    done = _sandogh("station", "status", "--dir", folder, "--lang", "en")
    assert done.stderr.splitlines() == [f"sandogh: {folder} holds no device key (device.key)"]


def test_a_store_without_a_schema_is_said_in_persian(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    done = _sandogh("results", "show", "--election", "nope", "--db", url)
    (line,) = done.stderr.splitlines()
    assert done.returncode == 1
    _persian_words(line.replace(url, ""), "init")


def test_a_bad_staff_option_is_said_in_persian(tmp_path: Path) -> None:
    done = _sandogh("station", "report", "--dir", str(tmp_path), "--staff", "head:FILE")
    first = done.stderr.splitlines()[0]
    assert done.returncode == 2
    _persian_words(first, "--staff", "head:FILE", "head", "secretary", "member", "supervisor")


def test_a_void_without_its_reason_is_refused_in_persian(db: str) -> None:  # noqa: F811
    done = _sandogh(
        *("void", "station", "ST-0801-0001", "--reason", " ", "--reference", " "),
        *(*SUPERVISOR, "--db", db),
    )
    lines = done.stderr.splitlines()
    assert done.returncode == 1
    assert lines[0].startswith("decision.reason: ")  # a blank reason is no words (core)
    for line in lines:
        _persian_words(line.replace("decision.reason", "").replace("decision.reference", ""))


def test_the_staff_card_asks_its_pin_twice_in_persian(tmp_path: Path) -> None:
    write_key_file(tmp_path / "head.key")
    box = box_key_text(nacl.public.PrivateKey.generate().public_key)
    asked = ("staff", "card", "--key", str(tmp_path / "head.key"), "--out", str(tmp_path / "c"))
    unsealed = _sandogh(*asked, given="482913\n482913\n")  # no box named: refused, in Persian
    assert unsealed.returncode == 1
    _persian_words(unsealed.stderr, "box-key", "station", "card-key", "box")
    done = _sandogh(*asked, "--box-key", box, given="482913\n482914\n")
    assert done.returncode == 1
    assert "رمز شخصی (۶ رقم یا بیشتر)" in done.stdout + done.stderr
    _persian_words(done.stdout)
    # without a terminal, Python's getpass warns first that it cannot hide the PIN
    said = done.stdout + done.stderr
    assert "همان رمز شخصی، دوباره" in said
    assert "Repeat" not in said
    assert (
        done.stderr.splitlines()[-1] == "sandogh: دو رمز شخصی داده‌شده یکی نیستند؛ کارتی ساخته نشد"
    )
    assert not (tmp_path / "c").exists()
