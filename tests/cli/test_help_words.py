"""`sandogh --help` in Persian, the default language, and in English with `--lang en` (issue 13:
the help was English only, then only the commands' lines were Persian): the command's line, each
command's, each option's and argument's, and Typer's own words around them. In this process, as
`main` runs it: the group reads the language from the arguments."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

import pytest
import typer
from typer.core import TyperGroup

from sandogh.cli import help_words
from sandogh.cli.app import _help_args, app
from sandogh.cli.commands import COMMANDS, LazyGroup, load

#: What a Persian line may keep in Latin letters: code between backticks, option names,
#: environment variables, metavars, formats and codes in capitals (FILE, CSV, IR-08), and what is
#: typed as it is written: paths, URLs, keys and KEY=VALUE (sqlite:///FILE, ed25519:HEX,
#: docs/audit.md, ROLE=FILE, sandogh/calendar@1), file names and their endings (rows.json, .pq).
KEPT = re.compile(
    r"`[^`]*`"
    r"|--?[a-z][a-z0-9-]*"
    r"|\$[A-Z_]+"
    r"|[^\s،؛()]*[:/=@][^\s،؛()]*"
    r"|[\w.-]*\.(?:md|json|jsonl|csv|txt|parquet|pq)\b"
    r"|\b[A-Z][A-Z0-9_]*\b"
)
PERSIAN = re.compile(r"[\u0600-\u06ff]")
#: Typer's and Click's English around the help, none of which a Persian screen shows.
ENGLISH_FRAME = ("Usage:", "Options", "Arguments", "Commands", "[required]", "[default:")


def _persian(line: str) -> None:
    assert PERSIAN.search(line), line
    assert re.search(r"[A-Za-z]", KEPT.sub("", line)) is None, line


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
    [["--help"], ["void", "--help"], ["void", "station", "--help"], ["station", "close", "--help"]],
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
    if args == ["void", "station", "--help"]:
        assert "Polling station code. [required]" in shown
        assert "کد شعبه اخذ رأی. [لازم]" in persian
        assert "Why the board voided." in shown
        assert help_words.OPTIONS["Why the board voided."] in persian
        assert not PERSIAN.search(shown)  # nothing Persian on the English screen
