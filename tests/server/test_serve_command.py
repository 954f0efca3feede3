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

from sandogh.store.schema import init_database

from .live import load_kerman

COMMAND = [sys.executable, "-c", "from sandogh.cli.app import main; main()", "serve"]
ENV = {
    **os.environ,
    "SANDOGH_LEDGER_SECRET": "ab" * 32,
    "SANDOGH_DATABASE_URL": "",
    "SANDOGH_REGISTRY": "",
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
    process = subprocess.Popen(
        [*COMMAND, "--port", str(port), "--db", db, "--registry", "synthetic:1:100"],
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
    assert "Traceback" not in done.stderr
    schemaless = subprocess.run(
        [*COMMAND, "--db", f"sqlite:///{tmp_path / 'empty.sqlite'}", "--registry", "synthetic:1:1"],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert schemaless.returncode == 1
    assert "sandogh init" in schemaless.stderr
    assert "Traceback" not in schemaless.stderr
