"""`sandogh … --help` in the command's language (issue 13): Persian unless `--lang en`.

Typer prints a command's help from the command's own `help`, each parameter's `help`, its help
option's and the words of `typer.rich_utils` (the panels' titles, "[required]", "[default: …]"),
and Click's formatter gives the usage line its "Usage:". When the `sandogh` group is built in
Persian, those words are set in Persian here and each command, as it is loaded, gets the Persian
of its parameters' help (`help_words.OPTIONS`, keyed by the English the command declares), so
the printer itself is Typer's, unchanged. Option names, metavars and values stay as typed.
"""

from __future__ import annotations

from typing import Any

import typer
from typer import rich_utils
from typer._click.formatting import HelpFormatter

from sandogh.cli import help_words
from sandogh.locale.language import Lang

#: Typer's own words, as it has them, for a process whose help is English
_ENGLISH = {name: getattr(rich_utils, name) for name in help_words.HEADINGS}


def frame(lang: Lang) -> None:
    """Typer's headings and marks in `lang`, for this process (each prints one language)."""
    words = help_words.HEADINGS if lang == "fa" else _ENGLISH
    for name, said in words.items():
        setattr(rich_utils, name, said)


class _PersianFormatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, help_words.USAGE if prefix is None else prefix)


class _PersianContext(typer.Context):
    formatter_class = _PersianFormatter


def in_persian(command: Any) -> None:
    """`command`'s usage line, its parameters' help and its help option's in Persian; a line
    with no Persian yet stays in English rather than failing the help."""
    command.context_class = _PersianContext
    for param in command.params:
        if param.help:
            param.help = help_words.OPTIONS.get(param.help, param.help)
    # Click makes the help option on first use and keeps it: made now, it keeps these words
    shown = command.get_help_option(typer.Context(command))
    if shown is not None:
        shown.help = help_words.HELP_OPTION
