"""Acting under a grant given with the command: `--as NAME --role ROLE --place CODE`.

Until operator accounts land, every operator command is told who acts and under which grant
(DESIGN.md §6); the use case checks it like any other (`core.access.may`) and logs a refusal.
`acting` gives a command's `actor` parameter from those three options, `acting_for_a_body` from
them and `--body`, so that each command declares one parameter and builds no grant of its own.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from sandogh.core.access import Body, Grant, Role
from sandogh.core.errors import SandoghError
from sandogh.services.acting import Actor

T = TypeVar("T")

AsOption = Annotated[str, typer.Option("--as", help="The operator acting (username).")]
RoleOption = Annotated[Role, typer.Option("--role", help="The role they act in.")]
PlaceOption = Annotated[
    str, typer.Option("--place", help="The unit code their role is held at (e.g. IR-08).")
]
BodyOption = Annotated[
    Body | None,
    typer.Option(
        "--body",
        help="The supervisory body they act for; the Guardian Council's boards by default.",
    ),
]

# Keyword-only, so that `--body` (with a default) may stand before a command's required options;
# typer passes every option by name. The names are not the options': the options keep theirs.
_ONLY = inspect.Parameter.KEYWORD_ONLY
_GRANT = (
    inspect.Parameter("acting_as", _ONLY, annotation=AsOption),
    inspect.Parameter("acting_role", _ONLY, annotation=RoleOption),
    inspect.Parameter("acting_place", _ONLY, annotation=PlaceOption),
)
_FOR_A_BODY = (
    *_GRANT,
    inspect.Parameter("acting_body", _ONLY, default=None, annotation=BodyOption),
)


def acting(command: Callable[..., T]) -> Callable[..., T]:
    """`command` with its `actor` given as `--as NAME --role ROLE --place CODE`, where it stood."""
    return _given_actor(command, _GRANT)


def acting_for_a_body(command: Callable[..., T]) -> Callable[..., T]:
    """`command` with its `actor` given as `--as --role --place` and `--body` (optional)."""
    return _given_actor(command, _FOR_A_BODY)


def _given_actor(
    command: Callable[..., T], options: tuple[inspect.Parameter, ...]
) -> Callable[..., T]:
    # typer reads a command's options from its signature: this one has the options in the place
    # of `actor`, evaluated here, where the command's module may import `Actor` for its types only
    declared = inspect.signature(command, eval_str=True, locals={"Actor": Actor})
    if "actor" not in declared.parameters:
        raise TypeError(f"{command.__name__} takes no actor")
    parameters: list[inspect.Parameter] = []
    for parameter in declared.parameters.values():
        if parameter.name == "actor":
            parameters.extend(options)
        else:
            parameters.append(parameter.replace(kind=_ONLY))

    @functools.wraps(command)
    def run(**given: Any) -> T:
        grant = Grant(
            given.pop("acting_role"), given.pop("acting_place"), given.pop("acting_body", None)
        )
        try:
            return command(actor=Actor(given.pop("acting_as"), grant), **given)
        except SandoghError as refused:
            _in_language(refused, given.get("lang"))
            raise

    run.__signature__ = declared.replace(parameters=parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in parameters}
    run.__annotations__["return"] = declared.return_annotation
    return run


def _in_language(refused: SandoghError, lang: Any) -> None:
    """Make a refusal that is worded in both languages (its `fa` and `en`) say only the one the
    command was run in: `sandogh` prints an error's text as its one line (review S19, F12: the
    English sentence first on a Persian screen)."""
    fa, en = getattr(refused, "fa", None), getattr(refused, "en", None)
    if isinstance(fa, str) and isinstance(en, str):
        refused.args = (en if getattr(lang, "lang", "fa") == "en" else fa,)
