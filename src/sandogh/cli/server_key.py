"""`sandogh server-key keygen`: the centre's server key, which seals the operators' TOTP secrets
(`server.server_key`), made in a file of its own (mode 0600), never in the database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sandogh.cli.options import LangOption, Language
from sandogh.locale.centre_commands import CATALOGUE
from sandogh.locale.messages import text_in
from sandogh.server.server_key import ServerKey

server_key_app = typer.Typer(help="The centre's server key.", no_args_is_help=True)
_out = Console(highlight=False, soft_wrap=True)


@server_key_app.command("keygen")
def server_key_keygen(
    output: Annotated[Path, typer.Option("--out", help="The key file to create (mode 0600).")],
    lang: LangOption = Language.FA,
) -> None:
    """Create the server key; give it to `sandogh serve` and `sandogh user` (--server-key or
    $SANDOGH_SERVER_KEY_FILE), and keep a copy apart from the database's backups."""
    ServerKey.write(output)
    _out.print(text_in(CATALOGUE, "server_key_written", lang.lang, file=str(output)), markup=False)
