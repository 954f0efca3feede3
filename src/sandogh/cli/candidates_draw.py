"""`sandogh candidates commit|draw`: the ballot-code draw by commit and reveal (docs/lots.md §5).
Before the final list is published the headquarters commit to a secret (only its hash is
recorded); the draw reveals it, and the seed comes from it and the published list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from sandogh.cli.acting import acting
from sandogh.cli.candidates import ContestOption, ElectionRequired, localised
from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption, LangOption, Language
from sandogh.cli.outcome_decisions import SecretFileOption, secret_of
from sandogh.cli.session import now
from sandogh.locale.messages import text_in

if TYPE_CHECKING:
    from sandogh.services.acting import Actor


@localised
@acting
def commit_command(
    election: ElectionRequired,
    contest: ContestOption,
    secret_file: SecretFileOption,
    actor: Actor,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Commit to the secret the contest's codes will be drawn with, before its final list is
    published; only its hash is recorded."""
    from sandogh.locale.code_draw import CATALOGUE
    from sandogh.services.code_draw import commit_draw

    made = commit_draw(
        open_store(db), actor, election, contest, secret=secret_of(secret_file), now=now()
    )
    said = text_in(
        CATALOGUE, "draw_committed", lang.lang, contest=contest, commitment=made.commitment
    )
    Console(highlight=False, soft_wrap=True).print(said, markup=False)


@localised
@acting
def draw_command(
    contest: ContestOption,
    definition: Annotated[Path, typer.Option("--definition", help="The definition to fill.")],
    secret_file: SecretFileOption,
    drawn_by: Annotated[list[str], typer.Option("--drawn-by", help="Who drew, each.")],
    out: Annotated[Path, typer.Option("--out", help="The new definition (JSON).")],
    actor: Actor,
    width: Annotated[int, typer.Option("--width", help="Digits of a code, zero-padded.")] = 0,
    code: Annotated[
        list[str] | None, typer.Option("--code", help="A code of the pool given out in turn.")
    ] = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Draw the codes of the published list by revealing the committed secret; write the
    definition with them as candidates (and store it as the election's, when the election is
    stored: the draft must then be it)."""
    from sandogh.cli.candidates import say
    from sandogh.formats.definition_file import CANONICAL, canonical_bytes, read_draft
    from sandogh.services.code_draw import draw

    election, new_hash, made = draw(
        open_store(db),
        actor,
        read_draft(definition),
        contest,
        secret=secret_of(secret_file),
        drawn_by=drawn_by,
        width=width,
        pool=code or (),
        canonical=CANONICAL,
        now=now(),
    )
    out.write_bytes(canonical_bytes(election))
    say(lang, "drawn", seed=made.seed, hash=new_hash)
