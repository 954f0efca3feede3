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

from sandogh.cli.failures import refusal_line
from sandogh.formats.key_file import write_key_file
from sandogh.formats.staff_card import box_key_text
from sandogh.formats.tally_csv import write_tally_csv
from sandogh.services.errors import ResultsAlreadyImportedError
from tests.cli.test_supervise import SUPERVISOR, db  # noqa: F401 (the loaded store, a fixture)
from tests.services.build import DEVICE, ROUND_2, ROUND_2_DAY, ST_1, final
from tests.services.test_supervision import VOTES
from tests.station.build import COUNTERS, PAPERS, new_station

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
    # piped, the PIN is read as a line: no GetPassWarning, English, before the Persian prompt
    said = done.stdout + done.stderr
    assert "Warning" not in said
    assert "echo" not in said
    assert "همان رمز شخصی، دوباره" in said
    assert "Repeat" not in said
    assert (
        done.stderr.splitlines()[-1] == "sandogh: دو رمز شخصی داده‌شده یکی نیستند؛ کارتی ساخته نشد"
    )
    assert not (tmp_path / "c").exists()


def test_a_box_already_reported_refuses_to_report_again_in_the_chosen_language(
    tmp_path: Path,
) -> None:
    """Issue 13: "station is reported: cannot report: it allows nothing", in English on the
    Persian default (the status and the English line: tests/cli/test_station.py)."""
    station = new_station(tmp_path)
    box = station.box
    box.open(PAPERS)
    box.start_voting()
    box.close()
    box.count(staff=COUNTERS)
    box.report(COUNTERS)
    box.store.close()
    done = _sandogh("station", "report", "--dir", str(tmp_path / "station"))
    (line,) = done.stderr.splitlines()
    assert done.returncode == 1
    assert line.startswith("sandogh: صورتجلسه پایانی این صندوق پیش‌تر امضا شده است")
    _persian_words(line, "station status", "station sync")


def test_sheets_already_stored_are_refused_in_the_chosen_language(
    tmp_path: Path,
    db: str,  # noqa: F811
) -> None:
    """Issue 13: "3 sheet(s) of election … are already stored" on the Persian default."""
    again = tmp_path / "again.csv"
    with again.open("w", encoding="utf-8", newline="") as stream:
        write_tally_csv(final(ROUND_2_DAY, ST_1, DEVICE, VOTES[ST_1]).sheets, stream)
    done = _sandogh("results", "import", str(again), "-e", ROUND_2, "--db", db)
    line = done.stderr.splitlines()[-1]
    assert done.returncode == 1
    assert line.startswith("sandogh: ۲ صورتجلسه از انتخابات")
    assert line.endswith(f"(شعبه‌های \u2066{ST_1}\u2069)؛ هیچ چیز وارد نشد.")
    _persian_words(line, ROUND_2)
    refused = ResultsAlreadyImportedError(ROUND_2, [(ST_1, "president"), (ST_1, "parliament")])
    english = refusal_line(refused, ["sandogh", "results", "import", "--lang", "en"])
    assert english == (
        f"sandogh: 2 tally sheets of {ROUND_2} are already stored (stations {ST_1}); "
        "nothing was imported"
    )


NATIONAL = ("--as", "tehrani", "--role", "supervisor", "--place", "IR")
DECIDED = ("--reason", "ارقام بررسی شد", "--reference", "هیئت ۱۴۰۳/۱")


def test_a_certified_contest_refuses_a_void_and_an_import_in_the_chosen_language(
    tmp_path: Path,
    db: str,  # noqa: F811
) -> None:
    """Review S22 A5: `void station` and `results import` over a certified contest refused in
    English on the Persian default; certify and uncertify named the contest by its id
    («تأیید president … لغو شد»)."""
    made = _sandogh("certify", "president", *DECIDED, *NATIONAL, "--db", db)
    assert made.stdout.startswith("نتیجه انتخابات ریاست جمهوری (همه حوزه‌ها) تأیید شد")
    _persian_words(made.stdout.split("چکیده")[0])
    void = ("void", "station", ST_1, "--contest", "president", *DECIDED, *SUPERVISOR, "--db", db)
    again = tmp_path / "again.csv"
    with again.open("w", encoding="utf-8", newline="") as stream:
        write_tally_csv(final(ROUND_2_DAY, ST_1, DEVICE, VOTES[ST_1]).sheets, stream)
    imported = ("results", "import", str(again), "-e", ROUND_2, "--db", db)
    for refused in (void, imported):
        done = _sandogh(*refused)
        assert done.returncode == 1, done.stderr
        line = done.stderr.splitlines()[-1]  # after the import's progress
        assert line.startswith("sandogh: انتخابات ریاست جمهوری (همه حوزه‌ها) را \u2068tehrani\u2069")
        assert "باید این تأیید را لغو کند" in line
        _persian_words(line, "tehrani")
    english = _sandogh(*void, "--lang", "en").stderr.splitlines()[-1]
    assert english.startswith("sandogh: contest President (every constituency) is certified")
    undone = _sandogh(
        *("uncertify", "president", *DECIDED, "--as", "dovom", "--role", "supervisor"),
        *("--place", "IR", "--db", db),
    )
    assert undone.stdout.strip() == "تأیید انتخابات ریاست جمهوری (همه حوزه‌ها) لغو شد."
    none = _sandogh("uncertify", "president", *DECIDED, *NATIONAL, "--db", db, "--lang", "en")
    assert none.stderr.strip() == (
        "sandogh: No certification of contest President (every constituency) is in force to undo."
    )
