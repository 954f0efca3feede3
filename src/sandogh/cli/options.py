"""The options every command shares, declared once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sandogh.locale.language import Lang


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
