"""What every sandogh HTTP server writes to its terminal of itself (the centre, the results site,
the box's kiosk, all on uvicorn: `server.listening`), in the language of the command.

uvicorn's own lines are English ("Started server process", "Invalid HTTP request received.")
and they came into a Persian terminal between the command's Persian lines (session 24, F5). In
Persian, `ServerWords` says each of them in the words of `locale.server_lines`, whose English
is uvicorn's own (a line is known by it), without uvicorn's English level ("INFO:", "WARNING:");
a line it does not know passes as uvicorn wrote it, and a failure's traceback stays whole. A
client that leaves before its answer is not a failure and writes nothing (`server.listening`).
The line of each request answered (uvicorn's access log, on for `sandogh serve`) is said in
Persian words by `AccessWords`: its method, path and client as sent, its status in Persian digits
without HTTP's English phrase (session 25, G4).

A server also stops quietly (issue 13): Ctrl-C printed uvicorn's English account of its stopping
("Shutting down", …, "Finished server process") before the command's one line in its language
(`cli.failures.stopped`). `QuietStop` drops uvicorn's words below a warning from the first of
that account on, in each process: the supervisor of several and every worker.

Both are filters of uvicorn's handler, named by path in its logging configuration, so that the
worker processes of `serve --workers`, which configure their own, find them too.
"""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

from uvicorn.config import LOGGING_CONFIG

from sandogh.locale.digits import to_persian_digits
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in
from sandogh.locale.server_lines import ANSWERED_FA, CATALOGUE, EN

#: what uvicorn says first as it begins to stop: a server process, the supervisor of several
STOPPING = frozenset({"Shutting down", "Received SIGINT, exiting.", "Received SIGTERM, exiting."})

#: what each value of uvicorn's lines may be
_VALUES = {"pid": r"(?P<pid>\d+)", "url": r"(?P<url>\S+)"}
#: uvicorn's advice to install a WebSocket library after an upgrade refused: no sandogh server
#: speaks WebSocket, and the refusal has its own line
_UNSAID = ("No supported WebSocket library detected.",)


def _pattern(english: str) -> re.Pattern[str]:
    """uvicorn's line of which `english` is the template."""
    parts = re.split(r"\{(\w+)\}", english)  # literal, name, literal, name, …
    return re.compile(
        "".join(_VALUES[part] if index % 2 else re.escape(part) for index, part in enumerate(parts))
    )


_LINES = tuple((key, _pattern(english)) for key, english in EN.items())


class QuietStop(logging.Filter):
    """Passes uvicorn's words until it begins to stop, then only its warnings and errors."""

    def __init__(self) -> None:
        super().__init__()
        self.stopping = False

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage() in STOPPING:
            self.stopping = True
        return not self.stopping or record.levelno >= logging.WARNING


class ServerWords(logging.Filter):
    """uvicorn's lines that `locale.server_lines` knows, said in Persian."""

    def __init__(self) -> None:
        super().__init__()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage().rstrip()
        if message.startswith(_UNSAID):
            return False
        for key, pattern in _LINES:
            found = pattern.fullmatch(message)
            if found is not None:
                # a process's number is a name, not a count: its digits, not grouped
                values = {
                    name: to_persian_digits(value) if name == "pid" else value
                    for name, value in found.groupdict().items()
                }
                record.msg = text_in(CATALOGUE, key, "fa", **values)
                record.args = None
                record.__dict__.pop("color_message", None)  # uvicorn's, coloured, in English
                break
        return True


class AccessWords(logging.Formatter):
    """uvicorn's line of a request answered, in Persian words."""

    def __init__(self, use_colors: bool | None = None) -> None:  # noqa: ARG002 -- uvicorn's
        # uvicorn sets `use_colors` on its access formatter when asked to colour or not
        super().__init__()

    def format(self, record: logging.LogRecord) -> str:
        assert isinstance(record.args, tuple)  # uvicorn's: client, method, path, version, status
        client, method, path, _version, status = record.args
        return ANSWERED_FA.format(
            client=client, method=method, path=path, status=to_persian_digits(str(status))
        )


def log_config(lang: Lang) -> dict[str, Any]:
    """uvicorn's logging, its lines quiet once it stops; in Persian, in Persian words."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"quiet_stop": {"()": f"{__name__}.{QuietStop.__name__}"}}
    config["handlers"]["default"]["filters"] = ["quiet_stop"]
    if lang == "fa":  # in English, uvicorn's own words
        config["filters"]["words"] = {"()": f"{__name__}.{ServerWords.__name__}"}
        config["handlers"]["default"]["filters"].append("words")
        config["formatters"]["default"]["fmt"] = "%(message)s"  # no English level
        config["formatters"]["access"] = {"()": f"{__name__}.{AccessWords.__name__}"}
    return config
