"""`sandogh log verify|export`: the hash-chained record of events, proven and exported."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption, JsonOption
from sandogh.core.log import Checkpoint
from sandogh.services.audit import export_log, verify_log

log_app = typer.Typer(help="The hash-chained record of events.", no_args_is_help=True)
_out = Console(highlight=False, soft_wrap=True)


@log_app.command("verify")
def log_verify(
    db: DbOption = None,
    as_json: JsonOption = False,
    checkpoint: Annotated[
        str | None,
        typer.Option(
            "--checkpoint",
            help="SEQUENCE:HASH of an entry recorded apart from the log, to detect truncation.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Re-hash every entry; exit 4 and name the first broken entry if the chain does not hold."""
    result = verify_log(open_store(db), _checkpoint(checkpoint))
    if as_json:
        broken = result.broken
        _out.print_json(
            data={
                "ok": result.ok,
                "checked": result.checked,
                "head": None
                if result.head is None
                else {"sequence": result.head.sequence, "hash": result.head.hash},
                "broken": None
                if broken is None
                else {
                    "position": broken.position,
                    "sequence": broken.sequence,
                    "fault": broken.fault.value,
                    "expected": broken.expected,
                    "found": broken.found,
                },
            }
        )
    elif result.ok:
        head = "empty" if result.head is None else f"head {result.head.sequence} {result.head.hash}"
        _out.print(f"[green]the chain holds[/green]: {result.checked} entries, {head}")
    else:
        _out.print(f"[bold red]the chain is broken at {result.broken}[/bold red]")
    if not result.ok:
        raise typer.Exit(4)


def _checkpoint(text: str | None) -> Checkpoint | None:
    if text is None:
        return None
    sequence, _, digest = text.partition(":")
    if not sequence.isdigit() or not digest:
        raise typer.BadParameter("expected SEQUENCE:HASH, e.g. 12:9f3a…", param_hint="--checkpoint")
    return Checkpoint(int(sequence), digest)


@log_app.command("export")
def log_export(
    output: Annotated[Path, typer.Option("--out", help="JSON-lines file to write.")],
    db: DbOption = None,
) -> None:
    """Write every entry as a line of JSON, for anyone to re-verify."""
    if output.exists():
        raise typer.BadParameter(f"{output} exists; choose another file", param_hint="--out")
    with output.open("x", encoding="utf-8") as stream:
        count = export_log(open_store(db), stream.write)
    _out.print(f"{output}: {count} entries")
