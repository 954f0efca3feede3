"""The `sandogh` process's entry point (the `sandogh` script, `python -m sandogh`).

Importing the command (typer, rich, the command table) takes a third of a second; Ctrl-C in
that time stops it with the same one line as later, not a traceback of the import."""

from __future__ import annotations

import signal
import sys


def main() -> None:
    try:
        from sandogh.cli.app import main as run
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # while the line's words are imported
        from sandogh.cli.failures import stopped

        stopped(sys.argv)
    run()
