"""`sandogh --help` in Persian, the default language, and in English with `--lang en` (issue 13:
the help was English only): the command's line, each command's and each group's commands'."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import typer
from typer.core import TyperGroup

from sandogh.cli import help_words
from sandogh.cli.app import app
from sandogh.cli.commands import COMMANDS, LazyGroup, load

ENTRY = "from sandogh.cli.entry import main; main()"
#: What a Persian line may keep in Latin letters: formats, options, keys a person types.
KEPT = re.compile(r"--[a-z-]+|sandogh serve|file:PATH|JSON|CSV|NIST|API|QR|Ctrl-C|decrypt|combine")


def _help(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", ENTRY, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "200"},
        check=True,
    )
    return done.stdout


def _persian(line: str) -> None:
    assert re.search(r"[A-Za-z]{2,}", KEPT.sub("", line)) is None, line


def test_every_command_and_each_of_its_commands_has_a_persian_line() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, LazyGroup)
    group.lang = "fa"
    assert set(help_words.TOP) == {"sandogh", *COMMANDS}
    said: set[str] = set()
    for name in COMMANDS:
        command = load(name, group)
        assert command.help == help_words.TOP[name]
        _persian(command.help)
        if isinstance(command, TyperGroup):
            for sub, inner in command.commands.items():
                assert inner.help == help_words.COMMANDS[f"{name} {sub}"]
                _persian(inner.help)
                said.add(f"{name} {sub}")
    assert said == set(help_words.COMMANDS)  # no line of a command that is not there


def test_help_is_persian_unless_english_is_asked_for() -> None:
    persian = _help("--help")
    assert help_words.TOP["sandogh"].split("؛")[0][:20] in persian
    assert "فرمان‌ها" in persian
    assert help_words.TOP["void"] in persian
    assert "Void a box" not in persian
    english = _help("--help", "--lang", "en")
    assert COMMANDS["void"].help in english
    assert "Commands" in english
    grouped = _help("void", "--help")
    assert help_words.COMMANDS["void station"] in grouped
    assert "Void a station" not in grouped
    assert "Void a station's box" in _help("void", "station", "--help", "--lang", "en")
