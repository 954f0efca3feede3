"""`sandogh serve` as an operator runs it: a real process on a loopback port."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from sandogh.core.access import Role
from sandogh.server.server_key import ServerKey
from sandogh.store.schema import init_database

from .live import load_kerman, server_key_file
from .operators_live import add_account

#: the server's line naming the port it bound (in Persian by default)
RUNNING = re.compile(r"سرور روی http://127\.0\.0\.1:(?P<port>\d+) ")
COMMAND = [sys.executable, "-c", "from sandogh.cli.app import main; main()", "serve"]
ENV = {
    **os.environ,
    "SANDOGH_LEDGER_SECRET": "ab" * 32,
    "SANDOGH_DATABASE_URL": "",
    "SANDOGH_REGISTRY": "",
    "SANDOGH_SERVER_KEY_FILE": "",
}


def test_serve_answers_on_loopback_until_ctrl_c_stops_it_quietly(tmp_path: Path) -> None:
    """Ctrl-C at the terminal reaches the command and every process it runs. Issue 13:
    uvicorn then printed its English account of the stop ("Shutting down", …, "Finished server
    process") and the command none of its own; now it says its one line, in Persian by default."""
    db = f"sqlite:///{tmp_path / 'centre.sqlite'}"
    init_database(db)
    load_kerman(db)
    key = tmp_path / "server.key"
    ServerKey.write(key)
    process = subprocess.Popen(
        [
            *COMMAND,
            # any free port, bound by the command itself: its first line says which
            *("--port", "0", "--db", db, "--registry", "synthetic:1:100"),
            *("--server-key", str(key)),
        ],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )
    said: list[str] = []
    try:
        assert process.stderr is not None  # piped above
        while (running := RUNNING.search(said[-1] if said else "")) is None:
            said.append(process.stderr.readline())
            assert said[-1], "".join(said)  # it ended before it listened
        port = int(running["port"])
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, process.communicate()[1]
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "sandogh serve did not answer"
                time.sleep(0.1)
        assert answer.json()["status"] == "ok"
    finally:
        os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: the whole group
        _, rest = process.communicate(timeout=60)
    err = "".join(said) + rest
    assert process.returncode == 130, err
    assert f"http://127.0.0.1:{port}" in err
    assert err.splitlines()[-1] == "sandogh: فرمان «serve» متوقف شد."
    assert "Shutting down" not in err
    assert "Finished server process" not in err
    assert "Traceback" not in err
    # session 24, F5: the server's own lines in the command's language, none of uvicorn's
    assert "sandogh: سرور آماده است." in err.splitlines()
    assert "INFO:" not in err
    assert "Uvicorn" not in err


def test_serve_says_what_is_missing_and_serves_nothing(tmp_path: Path) -> None:
    env = {**ENV, "SANDOGH_LEDGER_SECRET": ""}
    done = subprocess.run(
        [*COMMAND, "--db", f"sqlite:///{tmp_path / 'none.sqlite'}", "--port", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()  # every problem, on one line in Persian (issue 13)
    assert line.startswith("sandogh: سامانه مرکزی آغاز نشد: SANDOGH_LEDGER_SECRET: تنظیم نشده است")
    assert "سامانه ثبت احوال را با --registry" in line
    assert "SANDOGH_SERVER_KEY_FILE: تنظیم نشده است" in line
    assert "sandogh server-key keygen" in line
    schemaless = subprocess.run(
        [*COMMAND, "--db", f"sqlite:///{tmp_path / 'empty.sqlite'}", "--registry", "synthetic:1:1"],
        env={**ENV, "SANDOGH_SERVER_KEY_FILE": str(server_key_file())},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert schemaless.returncode == 1
    assert "sandogh init" in schemaless.stderr
    assert "Traceback" not in schemaless.stderr


def test_serve_with_another_centre_s_server_key_says_so_and_serves_nothing(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'centre.sqlite'}"
    init_database(db)
    load_kerman(db)
    add_account(db, "kerman-hq", Role.PROVINCIAL_HQ, "IR-08")  # sealed with the tests' key
    other = tmp_path / "other.key"
    ServerKey.write(other)
    for key, says in [
        (other, f"کلید سرور {other} (--server-key یا $SANDOGH_SERVER_KEY_FILE) هیچ‌یک از"),
        (tmp_path / "lost.key", f"پرونده کلیدی به نام {tmp_path / 'lost.key'} نیست."),
    ]:
        done = subprocess.run(
            [*COMMAND, "--db", db, "--registry", "synthetic:1:1", "--port", "0"],
            env={**ENV, "SANDOGH_SERVER_KEY_FILE": str(key)},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 1
        assert says in done.stderr
        assert "Traceback" not in done.stderr
