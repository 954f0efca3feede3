"""What `sandogh` says when the command line itself is wrong, or a file is refused whole, in the
language the command was given (`--lang`, Persian unless `--lang en`).

Click words its usage errors in English; `main` catches them before any command runs, so the
language is read from the arguments here rather than from a parsed option.
"""

from __future__ import annotations

import re

import typer
from typer._click.exceptions import BadParameter, MissingParameter, NoSuchOption

from sandogh.core.definition.problems import Problem
from sandogh.locale.definition_problems import in_persian
from sandogh.locale.digits import to_persian_digits
from sandogh.locale.language import Lang


def _hint(hint: str) -> str:
    return "«" + hint.strip("'\"") + "»"


def usage_line(usage: typer.TyperException, lang: Lang) -> str:
    """Click's complaint about the command line, in Persian when `lang` is."""
    if lang == "en":
        return usage.format_message()
    if isinstance(usage, NoSuchOption):
        return f"این فرمان گزینه‌ای به نام {_hint(usage.option_name)} ندارد."
    if isinstance(usage, BadParameter):
        hint = usage.param.get_error_hint() if usage.param is not None else usage.param_hint
        if isinstance(usage, MissingParameter):
            kind = "ورودی" if usage.param_type == "argument" else "گزینه"
            if usage.param is not None and usage.param.param_type_name == "argument":
                kind = "ورودی"
            return f"{kind} {_hint(str(hint or ''))} داده نشده است؛ این فرمان بی آن اجرا نمی‌شود."
        where = f" برای {_hint(str(hint))}" if hint else ""
        return f"مقدار داده‌شده{where} پذیرفته نیست{_why(usage.message)}."
    return _other(str(getattr(usage, "message", usage)))


#: Click's and Typer's reasons for a value refused, in Persian: a value not among the choices,
#: not a whole number, a file or folder not there; any other is left out (not said in English)
_WHY: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:Value error, )?'(.*)' is not one of (.*)\."), "«{0}» یکی از این‌ها نیست: {1}"),
    (re.compile(r"Input should be a valid integer.*|'(.*)' is not a valid integer\."), "عدد نیست"),
    (
        re.compile(r"(?:file|directory|path|File|Directory|Path) '(.*)' does not exist\."),
        "{0} نیست",
    ),
    (re.compile(r"(?:file|File) '(.*)' is a directory\."), "{0} پوشه است، نه پرونده"),
    (re.compile(r"(?:directory|Directory) '(.*)' is a file\."), "{0} پرونده است، نه پوشه"),
)


def _why(message: str) -> str:
    for pattern, persian in _WHY:
        found = pattern.fullmatch(message)
        if found is not None:
            return " (" + persian.format(*(g or "" for g in found.groups())) + ")"
    return ""


def _other(message: str) -> str:
    if message.startswith("Option ") and message.endswith(" requires an argument."):
        return f"گزینه {_hint(message.split(' ')[1])} مقداری می‌خواهد که داده نشده است."
    if message.startswith("No such command"):
        return f"فرمانی به نام {_hint(message.split(' ', 3)[-1].rstrip('.'))} نیست."
    if message.startswith("Got unexpected extra argument"):
        return f"ورودی‌ای بیش از آنچه فرمان می‌گیرد داده شده است: {message.split(' ', 4)[-1]}"
    return f"فرمان درست نوشته نشده است: {message}"


def help_line(lang: Lang) -> str:
    if lang == "en":
        return "see `sandogh COMMAND --help`"
    return "راهنمای هر فرمان: sandogh <فرمان> --help"


def problem_line(problem: Problem, lang: Lang) -> str:
    """One problem of a refused file, in Persian when it has Persian words or is one of the
    definition's rules (`locale.definition_problems`), under the path the file has it at."""
    if lang == "en":
        return str(problem)
    said = problem.fa or in_persian(problem.message)
    return f"{problem.path}: {said}" if problem.path else said


def refused_line(count: int, lang: Lang) -> str:
    if lang == "en":
        return f"{count} problem(s); nothing was stored"
    return to_persian_digits(f"{count} مشکل؛ هیچ چیز ذخیره نشد")


def ready_line(url: str, lang: Lang) -> str:
    return f"ready: {url}" if lang == "en" else f"پایگاه داده آماده است: {url}"
