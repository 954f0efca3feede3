"""Who is acting and when: the command is where the clock and the operator are read, so that the
services, the store and the core take both as given (DESIGN.md §2)."""

from __future__ import annotations

import datetime
import getpass


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def actor() -> str:
    """The operating-system account running the command, as the event log's actor."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no passwd entry, as in some containers
        return "cli:unknown"
