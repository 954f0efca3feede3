"""The options every command shares, declared once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sandogh.locale.language import Lang

if TYPE_CHECKING:
    from sandogh.core.rules import Lot


class Language(StrEnum):
    FA = "fa"
    EN = "en"

    @property
    def lang(self) -> Lang:
        return "fa" if self is Language.FA else "en"


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (sqlite:///FILE or postgresql://…); "
        "default $SANDOGH_DATABASE_URL, else sqlite:///sandogh.sqlite.",
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON (shapes in docs/cli-json.md) instead of tables.")
]
LangOption = Annotated[
    Language, typer.Option("--lang", help="Language of the output: fa (Persian) or en.")
]
ElectionOption = Annotated[
    str | None,
    typer.Option(
        "--election",
        "-e",
        help="Election id; may be left out when the store holds only one.",
        show_default=False,
    ),
]
LogKeyOption = Annotated[
    Path | None,
    typer.Option(
        "--log-key",
        envvar="SANDOGH_LOG_KEY_FILE",
        help="The centre's log key file (sandogh log keygen), to sign the event log's "
        "checkpoints with; default $SANDOGH_LOG_KEY_FILE.",
        show_default=False,
    ),
]
ServerKeyOption = Annotated[
    Path,
    typer.Option(
        "--server-key",
        envvar="SANDOGH_SERVER_KEY_FILE",
        help="The centre's server key file (sandogh server-key keygen), which seals the "
        "operators' TOTP secrets; default $SANDOGH_SERVER_KEY_FILE.",
        show_default=False,
    ),
]

LotSeedOption = Annotated[
    str | None,
    typer.Option(
        "--lot-seed", help="The seed the boards drew to break ties (قرعه).", show_default=False
    ),
]
DrawnByOption = Annotated[
    list[str] | None,
    typer.Option(
        "--drawn-by", help="Who drew the lot (repeat for each person).", show_default=False
    ),
]
WithdrawnOption = Annotated[
    list[str] | None,
    typer.Option(
        "--withdrawn", help="Code of a candidate who withdrew (repeatable).", show_default=False
    ),
]


def lot_of(seed: str | None, drawn_by: list[str] | None) -> Lot | None:
    """The lot `--lot-seed` and `--drawn-by` name, or None."""
    from sandogh.core.rules import Lot

    if seed is None:
        if drawn_by:
            raise typer.BadParameter("--drawn-by needs --lot-seed", param_hint="--drawn-by")
        return None
    return Lot(seed=seed, drawn_by=tuple(drawn_by or ()))
