"""What `sandogh` does when a command is stopped (Ctrl-C) or fails in a way no command foresaw:
one line in the command's language on stderr, never a traceback (issue 13). An unforeseen failure's
traceback goes to a report file, named on that line, for whoever has to find its cause.

This module imports nothing beyond the standard library and the locale, so that `cli/entry.py`
can say its line even while the command's machinery is still being imported.
"""

from __future__ import annotations

import datetime
import os
import platform
import re
import signal
import sys
import tempfile
import traceback
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import NoReturn

from sandogh.locale.command_failures import CATALOGUE, say
from sandogh.locale.language import Lang

_COMMAND_WORD = re.compile(r"[a-z][a-z-]*")

#: The exit status of a process stopped by SIGINT, as a shell reports it (128 + 2).
STOPPED = 130


def lang_of(argv: Sequence[str]) -> Lang:
    """The `--lang` the arguments give, Persian when none or another is given."""
    for i, word in enumerate(argv):
        if word == "--lang=en" or (word == "--lang" and argv[i + 1 : i + 2] == ["en"]):
            return "en"
    return "fa"


def command_of(argv: Sequence[str]) -> str:
    """The command's words (`station open`), without its options and arguments: their values
    may be secrets or a voter's data, and the line and the report name only the command."""
    words: list[str] = []
    for word in argv[1:3]:
        if _COMMAND_WORD.fullmatch(word) is None:
            break
        words.append(word)
    return " ".join(words) or "sandogh"


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def stopped(argv: Sequence[str]) -> NoReturn:
    """Ctrl-C: say that the command stopped, and exit as a process SIGINT stopped does."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the line short
    _say(say("stopped", lang_of(argv), command=command_of(argv)))
    sys.exit(STOPPED)


def aborted(argv: Sequence[str]) -> NoReturn:
    """A prompt's input ended (EOF) before the answer it asked for."""
    _say(say("aborted", lang_of(argv), command=command_of(argv)))
    sys.exit(STOPPED)


def system_line(failure: OSError, argv: Sequence[str]) -> str:
    """The system's refusal of a file in the command's language, when it is one of the common
    few (no such file, no permission, a folder); else the system's own words."""
    kind = failure.__class__.__name__
    if failure.filename is None or kind not in CATALOGUE["en"]:
        return f"sandogh: {failure}"
    return say(kind, lang_of(argv), name=str(failure.filename))


def refusal_line(failure: BaseException, argv: Sequence[str]) -> str:
    """A command's own refusal in the command's language, when the failure carries its line's key
    (`SandoghError.said`) or its words in both languages (`fa` and `en`, as the services' errors
    that name a contest or a body do); else its message as it is."""
    lang = lang_of(argv)
    said: tuple[str, dict[str, str | int]] | None = getattr(failure, "said", None)
    if said is not None:
        key, values = said
        return say(key, lang, **values)
    worded = getattr(failure, lang, None)
    if isinstance(worded, str) and worded:
        return f"sandogh: {worded}"
    return f"sandogh: {failure}"


def unforeseen(failure: BaseException, argv: Sequence[str], *, database: bool) -> NoReturn:
    """A failure no command foresaw: one line naming the command and the report written."""
    command = command_of(argv)
    key = "database" if database else "unexpected"
    error = f"{failure.__class__.__name__}: {failure}".splitlines()[0][:200]
    try:
        report = write_report(failure, command)
    except OSError as unwritten:
        line = say(
            f"{key}_unreported",
            lang_of(argv),
            command=command,
            error=error,
            reason=unwritten.__class__.__name__,
        )
    else:
        line = say(key, lang_of(argv), command=command, error=error, report=str(report))
    _say(line)
    sys.exit(1)


def write_report(failure: BaseException, command: str) -> Path:
    """The report of `failure`: when, which sandogh and Python, the command, the traceback; in a
    new file readable by its owner only (a traceback can show paths and a store's address)."""
    try:
        version = metadata.version("sandogh")
    except metadata.PackageNotFoundError:
        version = "unknown"
    descriptor, name = tempfile.mkstemp(prefix="sandogh-failure-", suffix=".txt")
    with os.fdopen(descriptor, "w", encoding="utf-8") as report:
        report.write(
            f"when: {datetime.datetime.now(datetime.UTC).isoformat(timespec='seconds')}\n"
            f"sandogh: {version}\npython: {platform.python_version()} ({platform.platform()})\n"
            f"command: sandogh {command}\n\n"
        )
        report.writelines(traceback.format_exception(failure))
    return Path(name)
