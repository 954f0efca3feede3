"""Ctrl-C and an unforeseen failure as an operator meets them: a real `sandogh` process, stopped by
SIGINT or failing, says one line in its language and never prints a traceback (issue 13)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sandogh.cli.failures import command_of, refusal_line
from sandogh.services.unrecorded import UnrecordedDecisionError

START_SECONDS = 120
#: What the installed `sandogh` script runs.
ENTRY = "from sandogh.cli.entry import main; main()"
#: The child runs the command with its demo's work replaced by a failure no command foresees.
FAILING = (
    "import sandogh.cli.demo as demo\n"
    "def run(*given):\n"
    "    raise ZeroDivisionError('the demo divided by zero')\n"
    "demo.run = run\n"
    "from sandogh.cli.app import main\n"
    "main()\n"
)


def _started(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", ENTRY, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        # unbuffered: to a pipe the command's lines wait in a buffer, and its first line came out
        # only as it ended, after which the Ctrl-C found nothing to stop (exit 0 on a busy CI)
        env={**os.environ, "COLUMNS": "200", "PYTHONUNBUFFERED": "1"},
    )


def _interrupted_once_it_speaks(process: subprocess.Popen[str]) -> tuple[str, str]:
    """SIGINT once the command has printed its first line, while it is at work."""
    assert process.stdout is not None
    deadline = time.monotonic() + START_SECONDS
    first = process.stdout.readline()
    assert first, process.communicate()[1]
    assert time.monotonic() < deadline
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=START_SECONDS)
    return first + out, err


def test_ctrl_c_on_the_live_demo_is_one_line_in_english(tmp_path: Path) -> None:
    process = _started(
        [
            *("demo", "--live", "--dir", str(tmp_path / "run"), "--lang", "en"),
            *("--port", "0", "--site-port", "0", "--kiosk-port", "0", "--stations", "2"),
        ],
        tmp_path,
    )
    out, err = _interrupted_once_it_speaks(process)
    assert process.returncode == 130, out + err
    assert err.strip() == "sandogh: `demo` stopped.", err
    assert "Traceback" not in out + err


def test_ctrl_c_on_a_command_at_work_says_so_in_persian_by_default(tmp_path: Path) -> None:
    process = _started(["demo", "--db", f"sqlite:///{tmp_path / 'demo.sqlite'}"], tmp_path)
    out, err = _interrupted_once_it_speaks(process)
    assert process.returncode == 130, out + err
    assert err.strip() == "sandogh: فرمان «demo» متوقف شد.", err
    assert "Traceback" not in out + err


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_an_unforeseen_failure_is_one_line_naming_its_report(tmp_path: Path, lang: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", FAILING, "demo", "--lang", lang, "--db", "sqlite://"],
        capture_output=True,
        text=True,
        timeout=START_SECONDS,
        check=False,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    (report,) = tmp_path.glob("sandogh-failure-*.txt")
    assert line.endswith(str(report) if lang == "en" else f"{report} نوشته شد.")
    if lang == "en":
        assert line.startswith("sandogh: `demo` failed unexpectedly (ZeroDivisionError: the demo")
    else:  # the exception's English words stay in the report
        assert line.startswith("sandogh: فرمان «demo» با خطایی پیش‌بینی‌نشده متوقف شد؛")
        assert "ZeroDivision" not in line
    written = report.read_text(encoding="utf-8")
    assert "command: sandogh demo\n" in written
    assert "Traceback" in written
    assert "ZeroDivisionError: the demo divided by zero" in written
    assert report.stat().st_mode & 0o077 == 0  # the owner's alone


def test_a_report_names_the_command_and_none_of_its_values() -> None:
    assert command_of(["sandogh", "station", "open", "--pin", "1234"]) == "station open"
    assert command_of(["sandogh", "load", "secret.yaml"]) == "load"
    assert command_of(["sandogh", "staff", "علی"]) == "staff"
    assert command_of(["-c"]) == "sandogh"


def test_a_file_the_system_refuses_is_named_in_persian(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "server.key"
    done = subprocess.run(
        [sys.executable, "-m", "sandogh", "server-key", "keygen", "--out", str(missing)],
        capture_output=True,
        text=True,
        timeout=START_SECONDS,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == f"sandogh: پرونده یا پوشه‌ای به نام {missing} نیست."


def test_a_changed_store_s_refusal_is_said_in_persian_by_default() -> None:
    """Finding A4 of session 23: `sandogh outcome` over a store whose certification row was
    deleted refused in English under the Persian default; the refusal carries its words in both
    languages (`UnrecordedDecisionError.fa`/`en`), and the line takes the command's."""
    why = "the store holds no certification that entry 12392 records"
    refused = UnrecordedDecisionError("certification", None, why, entry=12392)
    persian = refusal_line(refused, ["sandogh", "outcome", "--election", "kerman-1403-r2"])
    assert persian.startswith("sandogh: تأیید صحت رویداد ۱۲۳۹۲ دفتر رویدادها در پایگاه داده")
    assert not [word for word in persian.split() if word.isascii() and word != "sandogh:"]
    english = refusal_line(refused, ["sandogh", "outcome", "--lang", "en"])
    assert english.startswith("sandogh: The certification of log entry 12392 is not as the event")
