"""`sandogh … --help` in the command's language (issue 13): Persian unless `--lang en`.

Typer prints a command's help from the command's own `help`, each parameter's `help`, its help
option's and the words of `typer.rich_utils` (the panels' titles, "[required]", "[default: …]"),
and Click's formatter gives the usage line its "Usage:". When the `sandogh` group is built in
Persian, those words are set in Persian here and each command, as it is loaded, gets the Persian
of its parameters' help (`help_words.OPTIONS`, keyed by the English the command declares), so
the printer itself is Typer's, unchanged. The usage line's words, each argument's name and what
Typer says of a value — its kind (`<str>`), its range, its default — are Persian too: Typer asks
the parameter for them, so each parameter of a Persian command is made a `_PersianOption` or a
`_PersianArgument`, the same parameter that says them in Persian. Option names, a choice's
values and a default that is a text, a path or a choice stay as they are typed; a number's
default is in Persian digits (read as well); a flag pair's default is named by its option
(`--no-helicopter`, where Typer says `no-helicopter`). tests/cli/test_help_words.py walks every
parameter of every command in both languages.
"""

from __future__ import annotations

from typing import Any

import typer
from typer import rich_utils
from typer._click.core import Context
from typer._click.formatting import HelpFormatter
from typer.core import TyperArgument, TyperGroup, TyperOption

from sandogh.cli import help_words
from sandogh.locale.digits import to_persian_digits
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


def _kind(param: TyperArgument | TyperOption, ctx: Context) -> str:
    """What Typer names the value of `param` (`<str>`), in Persian (`help_words.TYPES`); a
    choice's values as they are typed; a name with no Persian yet in English."""
    english = TyperArgument.display_type(param, ctx)  # Typer's, an option's or an argument's
    if param.type_descriptor.is_choice:
        return english
    label = english.removeprefix("<").removesuffix(">")
    said = help_words.TYPES.get(label)
    if said is None:
        return english
    if not said:
        return ""
    return f"<{said}>..." if label.startswith("list[") else f"<{said}>"


def _range(param: TyperArgument | TyperOption) -> str | None:
    """The numbers `param` takes, in Persian words and digits (Typer says `x>=1`)."""
    low, high = (None if n is None else to_persian_digits(str(n)) for n in (param.min, param.max))
    if low is None and high is None:
        return None
    if high is None:
        return f"دست‌کم {low}"
    if low is None:
        return f"دست‌بالا {high}"
    return f"{low} تا {high}"


def _default(param: TyperArgument | TyperOption, english: str) -> str:
    """A default as Typer says it (`english`), in Persian: a flag pair's by its option, as it is
    typed (Typer gives the option's name without its dashes), a number in Persian digits (they
    are read as well), any other value (a text, a path, a choice) as it is typed."""
    if isinstance(param, TyperOption) and param.is_bool_flag and param.secondary_opts:
        for option in (*param.opts, *param.secondary_opts):
            if option.lstrip("-") == english:
                return option
    if param.type_descriptor.annotation in (int, float):
        # «۱۰.۰» mixed a Latin point into Persian digits; a whole number needs none, and a
        # fraction keeps the point it is typed with (the Persian «٫» is not read back)
        whole = english.removesuffix(".0") if param.type_descriptor.annotation is float else english
        return to_persian_digits(whole)
    return english


class _PersianOption(TyperOption):
    """An option of a Persian command: Typer's help asks it for these words."""

    def display_type_rich(self, ctx: Context) -> str | None:
        return self.metavar or _kind(self, ctx)

    def _get_number_range_help_str(self) -> str | None:
        return None if self.count and self.min == 0 and self.max is None else _range(self)

    def _get_default_string(self, **given: Any) -> str:
        return _default(self, super()._get_default_string(**given))


class _PersianArgument(TyperArgument):
    """An argument of a Persian command: Typer's help asks it for these words."""

    def display_type_rich(self, ctx: Context) -> str | None:
        return _kind(self, ctx)

    def _get_number_range_help_str(self) -> str | None:
        return _range(self)

    def _get_default_string(self, **given: Any) -> str:
        return _default(self, super()._get_default_string(**given))


def in_persian(command: Any) -> None:
    """`command`'s usage line, its parameters' help, names and values and its help option's
    in Persian; a line with no Persian yet stays in English rather than failing the help."""
    command.context_class = _PersianContext
    command.options_metavar = help_words.USAGE_OPTIONS
    if isinstance(command, TyperGroup):
        command.subcommand_metavar = help_words.USAGE_COMMAND
    for param in command.params:
        if param.help:
            param.help = help_words.OPTIONS.get(param.help, param.help)
        if type(param) is TyperOption:
            param.__class__ = _PersianOption
        elif type(param) is TyperArgument:
            param.__class__ = _PersianArgument
            if param.metavar is None:
                param.metavar = help_words.ARGUMENTS.get(param.name, param.name)
    # Click makes the help option on first use and keeps it: made now, it keeps these words
    shown = command.get_help_option(typer.Context(command))
    if shown is not None:
        shown.help = help_words.HELP_OPTION
        if type(shown) is TyperOption:
            shown.__class__ = _PersianOption
