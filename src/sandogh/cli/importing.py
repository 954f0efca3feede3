"""Reading a tally-sheet CSV and importing it, with progress bars for the long national files."""

from __future__ import annotations

from pathlib import Path

import rich.progress
from rich.console import Console

from sandogh.cli.session import actor, now
from sandogh.formats.tally_csv import read_tally_csv
from sandogh.locale.language import Lang
from sandogh.locale.messages import text
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.results import Imported, import_results


def import_tally_file(
    store: UnitOfWorkFactory, file: Path, election_id: str, console: Console, lang: Lang
) -> Imported:
    with rich.progress.open(
        file, "r", encoding="utf-8", newline="", description=text("reading", lang), console=console
    ) as stream:
        sheets = read_tally_csv(stream, source_name=str(file))
    with rich.progress.Progress(console=console, transient=True) as progress:
        task = progress.add_task(text("storing", lang), total=len(sheets))
        return import_results(
            store,
            election_id,
            sheets,
            now=now(),
            actor=actor(),
            progress=lambda n: progress.advance(task, n),
        )
