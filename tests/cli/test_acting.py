"""`cli.acting`: one command's `actor` comes from `--as --role --place` (and `--body`), given
where the command declared it; a missing or unknown option is refused as any other."""

from __future__ import annotations

from typing import Annotated

import typer
from typer.testing import CliRunner, Result

from sandogh.cli.acting import acting, acting_for_a_body
from sandogh.core.access import Body, Grant, Role
from sandogh.services.acting import Actor

made: list[tuple[str, Actor, int]] = []
app = typer.Typer()


@app.command("plain")
@acting
def plain(
    box: Annotated[str, typer.Argument()],
    actor: Actor,
    count: Annotated[int, typer.Option("--count")] = 1,
) -> None:
    made.append((box, actor, count))


@app.command("for-a-body")
@acting_for_a_body
def for_a_body(
    actor: Actor,
    count: Annotated[int, typer.Option("--count")],
) -> None:
    made.append(("", actor, count))


GIVEN = ("--as", "nazer", "--role", "supervisor", "--place", "IR-08")


def _run(*args: str) -> Result:
    made.clear()
    return CliRunner().invoke(app, list(args))


def test_the_actor_is_the_one_given_and_the_command_keeps_its_own_options() -> None:
    assert _run("plain", "B-1", *GIVEN, "--count", "3").exit_code == 0
    assert made == [("B-1", Actor("nazer", Grant(Role.SUPERVISOR, "IR-08")), 3)]

    assert _run("for-a-body", "--count", "2", *GIVEN, "--body", "majlis").exit_code == 0
    assert made == [("", Actor("nazer", Grant(Role.SUPERVISOR, "IR-08", Body.MAJLIS)), 2)]
    assert _run("for-a-body", *GIVEN, "--count", "2").exit_code == 0
    assert made[0][1].grant.body is None


def test_the_options_stand_where_the_actor_stood() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    plain_options = [p.opts[0] for p in group.commands["plain"].params]
    assert plain_options == ["box", "--as", "--role", "--place", "--count"]
    body_options = [p.opts[0] for p in group.commands["for-a-body"].params]
    assert body_options == ["--as", "--role", "--place", "--body", "--count"]


def test_a_missing_or_unknown_option_is_refused_before_the_command_runs() -> None:
    missing = _run("plain", "B-1", "--as", "nazer", "--role", "supervisor")
    assert missing.exit_code == 2
    assert "--place" in missing.output
    unknown = _run("plain", "B-1", "--as", "nazer", "--role", "king", "--place", "IR")
    assert unknown.exit_code == 2
    assert "--role" in unknown.output
    assert made == []
