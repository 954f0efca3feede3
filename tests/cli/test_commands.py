"""The table of `sandogh`'s commands: what `--help` lists is what each command says of itself, and
starting one imports that one only."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from sandogh.cli.app import app
from sandogh.cli.commands import COMMANDS, LazyGroup, load

#: Modules of commands: importing one of them is what starting `sandogh` no longer pays for.
MODULES = sorted({"sandogh.cli." + entry.target.split(":")[0] for entry in COMMANDS.values()})


@pytest.mark.parametrize("name", COMMANDS)
def test_the_listed_line_is_the_command_s_own(name: str) -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, LazyGroup)
    group.lang = "en"  # the English help is each command's own docstring (Persian: test_help_words)
    command = load(name, group)
    assert command.name == name
    assert not command.hidden
    own = inspect.cleandoc(command.short_help or command.help or "").split("\n\n")[0]
    assert COMMANDS[name].help == own


def _imported_by(*args: str) -> set[str]:
    # a fresh interpreter: this test process has imported every command already
    code = (
        "import json, sys\n"
        "from sandogh.cli.app import main\n"
        f"sys.argv = ['sandogh', *{list(args)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps([name for name in {MODULES!r} if name in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert "results" in done.stdout  # the commands were listed
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_help_lists_every_command_and_imports_none_of_them() -> None:
    assert _imported_by("--help") == set()


def test_a_command_imports_its_own_module_only() -> None:
    assert _imported_by("results", "--help") == {"sandogh.cli.election_commands"}


def test_a_mistyped_command_is_still_matched_against_every_name() -> None:
    done = CliRunner().invoke(app, ["resluts"])
    assert done.exit_code == 2
    assert "Did you mean 'results'?" in done.output
