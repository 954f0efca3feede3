"""`sandogh serve` as an operator runs it: a real process on a loopback port."""

from __future__ import annotations

import os
import signal
import socket
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

COMMAND = [sys.executable, "-c", "from sandogh.cli.app import main; main()", "serve"]
ENV = {
    **os.environ,
    "SANDOGH_LEDGER_SECRET": "ab" * 32,
    "SANDOGH_DATABASE_URL": "",
    "SANDOGH_REGISTRY": "",
    "SANDOGH_SERVER_KEY_FILE": "",
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_serve_answers_on_loopback_until_interrupted(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'centre.sqlite'}"
    init_database(db)
    load_kerman(db)
    port = _free_port()
    key = tmp_path / "server.key"
    ServerKey.write(key)
    process = subprocess.Popen(
        [
            *COMMAND,
            *("--port", str(port), "--db", db, "--registry", "synthetic:1:100"),
            *("--server-key", str(key)),
        ],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
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
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert f"http://127.0.0.1:{port}" in err


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
    assert "SANDOGH_LEDGER_SECRET: is not set" in done.stderr
    assert "name the civil registry" in done.stderr
    assert "SANDOGH_SERVER_KEY_FILE: is not set" in done.stderr
    assert "sandogh server-key keygen" in done.stderr
    assert "Traceback" not in done.stderr
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
        (other, f"the server key {other} (--server-key or $SANDOGH_SERVER_KEY_FILE) opens none"),
        (tmp_path / "lost.key", f"{tmp_path / 'lost.key'}: no such key file"),
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
