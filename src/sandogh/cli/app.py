"""The `sandogh` command: every command listed, the one invoked imported (cli/commands.py)."""

from __future__ import annotations

import gc
import signal
import sys

import typer
from rich.console import Console

from sandogh.cli.commands import LazyGroup, StoppedError
from sandogh.cli.failures import (
    aborted,
    lang_of,
    refusal_line,
    stopped,
    system_line,
    unforeseen,
)
from sandogh.cli.usage_words import help_line, problem_line, refused_line, usage_line
from sandogh.core.definition.problems import DefinitionError
from sandogh.core.errors import SandoghError
from sandogh.server.collector import GC_THRESHOLDS
from sandogh.store.errors import StoreError

app = typer.Typer(
    name="sandogh",
    help="sandogh (صندوق): election definitions, results, outcomes and checks.",
    cls=LazyGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

err = Console(stderr=True, highlight=False, soft_wrap=True)


@app.callback()
def _group() -> None:
    # without a callback, a Typer with no command of its own cannot be a group
    pass


def main() -> None:
    """Run the command; every failure is one clear line on stderr and a non-zero exit, in the
    command's language: Ctrl-C exits 130, an unforeseen failure names the report it wrote."""
    # A national definition is millions of small objects that live as long as the command; at the
    # default thresholds the collector rescans them again and again (bench/national.py: -40 %).
    gc.set_threshold(*GC_THRESHOLDS)
    # Ctrl-C stops the command even when its parent ignored it (a script's background job, a
    # test runner's worker after a stopped command): Python keeps an ignored SIGINT ignored
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        _run()
    except KeyboardInterrupt:  # between typer's handling and ours, or in a failure's handling
        stopped(sys.argv)


def _run() -> None:
    try:
        # Without standalone mode typer returns a command's `typer.Exit` code instead of exiting.
        code = app(args=_help_args(sys.argv[1:]), standalone_mode=False)
    except StoppedError:
        stopped(sys.argv)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort:
        aborted(sys.argv)
    except typer.TyperException as usage:
        # typer keeps its own copy of click: a missing or bad option is one of these
        err.print(f"sandogh: {usage_line(usage, lang_of(sys.argv))}", markup=False)
        err.print(f"sandogh: {help_line(lang_of(sys.argv))}", markup=False)
        sys.exit(usage.exit_code)
    except DefinitionError as bad:
        for problem in bad.problems:
            err.print(problem_line(problem, lang_of(sys.argv)), markup=False)
        err.print(f"sandogh: {refused_line(len(bad.problems), lang_of(sys.argv))}", markup=False)
        sys.exit(1)
    except (SandoghError, StoreError) as failure:
        err.print(refusal_line(failure, sys.argv), markup=False)
        sys.exit(1)
    except OSError as failure:
        err.print(system_line(failure, sys.argv), markup=False)
        sys.exit(1)
    except Exception as failure:
        from sqlalchemy.exc import SQLAlchemyError

        unforeseen(failure, sys.argv, database=isinstance(failure, SQLAlchemyError))
    if isinstance(code, int) and code:
        sys.exit(code)


def _help_args(args: list[str]) -> list[str]:
    """The arguments as given; for `--help`, without `--lang`: the help is in the language the
    arguments name (`lang_of`, which the group reads: cli/help_language.py), which a group
    (`sandogh --help --lang en`) takes no option for."""
    if "--help" not in args:
        return args
    kept: list[str] = []
    skip = False
    for word in args:
        if skip:
            skip = False
        elif word == "--lang":
            skip = True
        elif not word.startswith("--lang="):
            kept.append(word)
    return kept
