"""`sandogh --help` in Persian, the default language, and in English with `--lang en` (issue 13:
the help was English only, then only the commands' lines were Persian): the command's line, each
command's, each option's and argument's, and Typer's own words around them. In this process, as
`main` runs it: the group reads the language from the arguments."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer.core import TyperArgument, TyperGroup

from sandogh.cli import help_words
from sandogh.cli.app import _help_args, app
from sandogh.cli.commands import COMMANDS, LazyGroup, load

#: What a Persian line may keep in Latin letters: code between backticks, option names,
#: environment variables, formats and codes in capitals (CSV, IR-08), and what is typed as it
#: is written: paths, URLs, keys and KEY=VALUE (sqlite:///پرونده, ed25519:شانزده‌شانزدهی,
#: docs/audit.md, نقش=پرونده, sandogh/calendar@1), file names and their endings (rows.json, .pq).
KEPT = re.compile(
    r"`[^`]*`"
    r"|--?[a-z][a-z0-9-]*"
    r"|\$[A-Z_]+"
    r"|[^\s،؛()]*[:/=@][^\s،؛()]*"
    r"|[\w.-]*\.(?:md|json|jsonl|csv|txt|parquet|pq)\b"
    r"|\b[A-Z][A-Z0-9_]*\b"
)
PERSIAN = re.compile(r"[\u0600-\u06ff]")
LATIN = re.compile(r"[A-Za-z]")
#: The words in capitals a Persian line may say as they are: formats, protocols, the units' codes
#: (IR-08); a value's placeholder (FILE, HEX, CONTEST=N) is Persian (session 24's F7).
ACRONYMS = frozenset(
    ("API", "CSV", "E2E", "ESC", "HTTP", "HTTPS", "IR", "JSON", "NIST", "POS", "QR", "TCP")
) | {"TOTP", "URL", "UTF", "YAML"}
#: Typer's and Click's English around the help, none of which a Persian screen shows: its
#: frame, its usage line's words, the names it gives values, a flag pair's default.
ENGLISH_FRAME = (
    *("Usage:", "Options", "Arguments", "Commands", "[required]", "[default:"),
    *("[OPTIONS]", "COMMAND", "[ARGS]", "<str>", "<int>", "<bool>", "<path>", "x>=", "{station}"),
)


def _persian(line: str) -> None:
    assert PERSIAN.search(line), line
    assert LATIN.search(KEPT.sub("", line)) is None, line
    typed = re.sub(r"`[^`]*`|\$[A-Z_]+|[\w.-]*\.md\b", "", line)
    assert set(re.findall(r"\b[A-Z][A-Z0-9_]*\b", typed)) <= ACRONYMS, line
    assert re.search(r"<[A-Za-z_]+>", typed) is None, line  # a path's placeholder: data/<election>


def _group(lang: str, monkeypatch: pytest.MonkeyPatch) -> LazyGroup:
    """The `sandogh` group as a process run with `--lang lang` builds it."""
    monkeypatch.setattr(sys, "argv", ["sandogh", "--lang", lang])
    group = typer.main.get_command(app)
    assert isinstance(group, LazyGroup)
    assert group.lang == lang
    return group


def _commands(group: LazyGroup) -> Iterator[tuple[str, typer.core.TyperCommand]]:
    """Every command `sandogh` runs, by its words, each group's own included."""
    yield "sandogh", group
    for name in COMMANDS:
        command = load(name, group)
        yield name, command
        if isinstance(command, TyperGroup):
            for sub, inner in command.commands.items():
                yield f"{name} {sub}", inner


def test_every_command_and_each_of_its_commands_has_a_persian_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    group = _group("fa", monkeypatch)
    assert set(help_words.TOP) == {"sandogh", *COMMANDS}
    said: set[str] = set()
    for words, command in _commands(group):
        lines = help_words.COMMANDS if " " in words else help_words.TOP
        assert command.help == lines[words]
        _persian(command.help)
        said.add(words)
    assert said - {"sandogh", *COMMANDS} == set(help_words.COMMANDS)  # none that is not there


def test_every_option_and_argument_has_its_persian_help(monkeypatch: pytest.MonkeyPatch) -> None:
    english = dict(_commands(_group("en", monkeypatch)))
    persian = dict(_commands(_group("fa", monkeypatch)))
    assert english.keys() == persian.keys()
    declared: set[str] = set()
    for words, command in english.items():
        ctx = typer.Context(command)
        shown = zip(command.get_params(ctx), persian[words].get_params(ctx), strict=True)
        for said, put in shown:
            if said.hidden:
                continue
            where = f"{words} {said.opts[0]}"
            assert said.help, f"{where} has no help"
            if said is command.get_help_option(ctx):
                assert put.help == help_words.HELP_OPTION
                continue
            declared.add(said.help)
            assert said.help in help_words.OPTIONS, f"{where}: no Persian for {said.help!r}"
            assert put.help == help_words.OPTIONS[said.help], where
            _persian(put.help)
    assert set(help_words.OPTIONS) == declared  # no Persian of a line no option says
    for words in (*help_words.HEADINGS.values(), help_words.USAGE, help_words.HELP_OPTION):
        _persian(words)


def _default(param: Any, ctx: typer.Context) -> str | None:
    """The default Typer's help says of `param` (`typer.rich_utils`), if it says one."""
    value = param._extract_default_help_str(ctx=ctx)
    given = isinstance(param.show_default, str)
    if not given and (value is None or not (param.show_default or ctx.show_default)):
        return None
    return str(param._get_default_string(ctx=ctx, show_default_is_str=given, default_value=value))


def _values(command: Any, ctx: typer.Context) -> Iterator[tuple[Any, list[str | None]]]:
    """Each parameter shown, with what Typer's help says of it beside its help: its name (an
    argument's), the kind of its value, the numbers it takes, its default."""
    for param in command.get_params(ctx):
        if not param.hidden:
            name = param._rich_display_name() if isinstance(param, TyperArgument) else None
            kind, numbers = param.display_type_rich(ctx), param._get_number_range_help_str()
            yield param, [name, kind, numbers, _default(param, ctx)]


def test_the_usage_line_names_kinds_ranges_and_defaults_are_in_the_help_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Session 24's F7: every Persian usage line said `[OPTIONS] COMMAND [ARGS]...`, arguments
    went by their English names (`{username}`), values by Typer's (`<str>`, `x>=1`), a flag
    pair's default by its English word (`no-helicopter`). Now Persian on a Persian screen but
    for what is typed as it is (option names, a choice's values), English on an English one."""
    english = dict(_commands(_group("en", monkeypatch)))
    persian = dict(_commands(_group("fa", monkeypatch)))
    for words, command in persian.items():
        ctx, said = typer.Context(command), typer.Context(english[words])
        assert LATIN.search(" ".join(command.collect_usage_pieces(ctx))) is None, words
        assert not PERSIAN.search(" ".join(english[words].collect_usage_pieces(said))), words
        shown = zip(_values(command, ctx), _values(english[words], said), strict=True)
        for (param, values), (_, english_values) in shown:
            where = f"{words} {param.opts[0]}"
            typed = {*param.opts, *param.secondary_opts}
            # a choice's values, a text's or a path's default: typed as they are
            kept = [param.type_descriptor.is_choice] * 3 + [
                param.type_descriptor.annotation not in (bool, int, float)
            ]
            for value, in_english, same in zip(values, english_values, kept, strict=True):
                assert not PERSIAN.search(in_english or ""), where
                if value and not (same and value == in_english) and value not in typed:
                    assert LATIN.search(value) is None, f"{where}: {value}"
    plan = dict(_values(persian["readiness plan"], typer.Context(persian["readiness plan"])))
    helicopter = next(values for param, values in plan.items() if param.name == "helicopter")
    assert helicopter[3] == "--no-helicopter"


def _screen(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    """What `sandogh *args` prints, at 100 columns, as `main` runs it."""
    monkeypatch.setattr(sys, "argv", ["sandogh", *args])
    monkeypatch.setenv("COLUMNS", "100")
    capsys.readouterr()
    assert app(args=_help_args(args), standalone_mode=False) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["void", "--help"],
        ["void", "station", "--help"],
        ["station", "close", "--help"],
        ["station", "open", "--help"],
    ],
)
def test_help_is_persian_unless_english_is_asked_for(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    persian = _screen(args, monkeypatch, capsys)
    for english in (*ENGLISH_FRAME, "Show this message", "Void a", "Database URL"):
        assert english not in persian
    assert help_words.USAGE.strip() in persian
    assert help_words.HELP_OPTION in persian
    shown = _screen([*args, "--lang", "en"], monkeypatch, capsys)
    assert "Usage:" in shown
    assert "Show this message and exit." in shown
    assert help_words.HELP_OPTION not in shown
    if args[0] == "--help":
        assert "Commands" in shown
        assert COMMANDS["void"].help in shown
        assert help_words.TOP["void"] in persian
        return
    assert "Options" in shown
    assert "گزینه‌ها" in persian
    if args[:2] == ["station", "open"]:  # a flag pair's default, a number's
        assert "[default: start]" in shown
        assert "[پیش‌فرض: --start]" in persian
        assert "[پیش‌فرض: ۱۰]" in persian  # not «۱۰.۰»: no Latin point among Persian digits
    if args == ["void", "station", "--help"]:
        assert "Polling station code. [required]" in shown
        assert "کد شعبه اخذ رأی. [لازم]" in persian
        assert "Why the board voided." in shown
        assert help_words.OPTIONS["Why the board voided."] in persian
        assert not PERSIAN.search(shown)  # nothing Persian on the English screen
