"""Reading a tally-sheet CSV and importing it, with progress bars for the long national files.

The bars say how far in the command's language: a share in its digits, not rich's "542/542
bytes 0:00:00", English and Latin digits above a Persian line (review S22 A5); gone once done.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn
from rich.text import Text

from sandogh.cli.session import actor, now
from sandogh.formats.tally_csv import read_tally_csv
from sandogh.locale.digits import format_percent
from sandogh.locale.language import Lang
from sandogh.locale.messages import text
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.results import Imported, import_results


class _Share(ProgressColumn):
    """How much of the task is done, as a share in the language's digits."""

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self._lang = lang

    def render(self, task: Task) -> Text:
        done = Fraction(int(task.completed), int(task.total)) if task.total else Fraction(0)
        return Text(format_percent(done, self._lang, 0))


def _bars(console: Console, lang: Lang) -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), _Share(lang), console=console, transient=True
    )


def import_tally_file(
    store: UnitOfWorkFactory, file: Path, election_id: str, console: Console, lang: Lang
) -> Imported:
    with (
        _bars(console, lang) as reading,
        reading.open(
            file, "r", encoding="utf-8", newline="", description=text("reading", lang)
        ) as stream,
    ):
        sheets = read_tally_csv(stream, source_name=str(file))
    with _bars(console, lang) as progress:
        task = progress.add_task(text("storing", lang), total=len(sheets))
        return import_results(
            store,
            election_id,
            sheets,
            now=now(),
            actor=actor(),
            progress=lambda n: progress.advance(task, n),
        )
