"""`sandogh e2e load-ceremony`: the centre takes an election's E2E ceremony record (issue 10).

The guardians run the ceremony among themselves (`sandogh guardians …`) and `finish` writes its
public record; the election HQ loads that record into the centre once, before the boxes are
enrolled (`services.e2e_ceremony`): every box enrolled from then on encrypts its ballots under
the joint key, and every chain a box sends is checked against the record. What it prints is
in Persian or English (`--lang`, Persian by default, as the other commands).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption, LangOption, Language
from sandogh.cli.session import actor, now

# The ceremony's service is imported by the command that uses it: every `sandogh e2e` command
# imports this module for its options.

e2e_app = typer.Typer(help="End-to-end verifiable ballots at the centre.", no_args_is_help=True)
_out = Console(highlight=False, soft_wrap=True)
_LOADED = {
    "fa": "{election}: سیاهه مراسم کلید بارگذاری شد؛ کلید مشترک {key}، چکیده پایه گسترده (HE) "
    "{extended}. از این پس هر صندوقی که ثبت شود رأی‌ها را با این کلید رمز می‌کند.",
    "en": "{election}: ceremony record loaded; joint key {key}, extended base hash {extended}. "
    "Every box enrolled from now on encrypts its ballots under this key.",
}


@e2e_app.command("load-ceremony")
def load(
    election: Annotated[str, typer.Option("--election", "-e", help="Election id.")],
    record: Annotated[
        Path, typer.Option("--record", help="The ceremony record `guardians finish` wrote.")
    ],
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Load the guardians' ceremony record: the joint key the boxes encrypt under."""
    from sandogh.services.e2e_ceremony import load_ceremony

    stored = load_ceremony(
        open_store(db),
        election_id=election,
        record=record.read_bytes(),
        now=now(),
        actor=actor(),
    )
    said = _LOADED[lang.lang].format(
        election=election, key=stored.joint_key, extended=stored.extended_hash
    )
    _out.print(said, markup=False)
