"""`sandogh registry import`: the civil registry, from a CSV or Parquet export, into a file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sandogh.registry.file import SUFFIXES, import_registry

registry_app = typer.Typer(help="The civil registry the centre checks voters against.")
_out = Console(highlight=False, soft_wrap=True)


@registry_app.command("import")
def registry_import(
    source: Annotated[
        Path,
        typer.Argument(
            help=f"People (national_code, birth_date, alive, citizen): {', '.join(SUFFIXES)}.",
            exists=True,
            dir_okay=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option("--out", help="The registry file to build; it must not exist yet."),
    ],
) -> None:
    """Build a registry file for `sandogh serve --registry file:PATH`, streaming the source;
    every bad row is named and then nothing is kept."""
    imported = import_registry(source, out)
    _out.print(f"{imported.people} people imported into {imported.path}")
