"""`sandogh lot commit|draw|list` and `sandogh candidates withdraw`: the decisions outcomes are
computed from besides the counts, recorded once (issue 12; `services.outcome_decisions`), and the
commitment a lot's seed comes from (`services.lot_commitments`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sandogh.cli.acting import acting, acting_for_a_body
from sandogh.cli.database import open_store
from sandogh.cli.formatting import ballot_code, name_in
from sandogh.cli.options import DbOption, ElectionOption, JsonOption, LangOption, Language
from sandogh.cli.session import now
from sandogh.core.candidacy.withdrawal import Printing, withdrawal_json
from sandogh.core.rules import draw
from sandogh.core.rules.lot_commitment import commitment_json
from sandogh.core.rules.settled import settled_json
from sandogh.locale.messages import text_in
from sandogh.locale.outcome_decisions import CATALOGUE, printing_text
from sandogh.services.acting import Actor

lot_app = typer.Typer(help="Lots (قرعه) the boards drew, each for one tie.", no_args_is_help=True)
_out = Console(highlight=False, soft_wrap=True)

ContestArgument = Annotated[str, typer.Argument(help="Contest id.")]


def _say(lang: Language, key: str, **values: str | int) -> None:
    _out.print(text_in(CATALOGUE, key, lang.lang, **values), markup=False)


def _emit(document: object) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


SecretFileOption = Annotated[
    Path,
    typer.Option(
        "--secret-file",
        help="A file holding the board's secret (UTF-8, a trailing newline ignored).",
        exists=True,
        dir_okay=False,
    ),
]


def secret_of(path: Path) -> str:
    return path.read_text(encoding="utf-8").rstrip("\r\n")


@lot_app.command("commit")
@acting_for_a_body
def commit_command(
    secret_file: SecretFileOption,
    actor: Actor,
    contest: Annotated[
        str | None, typer.Option("--contest", help="One contest; every contest by default.")
    ] = None,
    constituency: Annotated[
        str | None,
        typer.Option("--constituency", help="One constituency of --contest; all by default."),
    ] = None,
    election: ElectionOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Commit to the secret a lot's seed will come from, before the first final report; only
    its hash is recorded."""
    from sandogh.services.lot_commitments import commit_lot

    made = commit_lot(
        open_store(db),
        actor,
        election,
        contest,
        constituency,
        secret=secret_of(secret_file),
        now=now(),
    )
    if as_json:
        _emit(commitment_json(made))
        return
    _say(lang, "lot_committed", scope=made.scope, commitment=made.commitment)


@lot_app.command("draw")
@acting_for_a_body
def draw_command(
    contest: ContestArgument,
    constituency: Annotated[str, typer.Option("--constituency", help="Constituency id.")],
    secret_file: SecretFileOption,
    drawn_by: Annotated[list[str], typer.Option("--drawn-by", help="Who drew, each.")],
    actor: Actor,
    election: ElectionOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Record the lot drawn for the tie the complete results leave, revealing the secret
    committed with `lot commit`; a tie is drawn once."""
    from sandogh.services.outcome_decisions import draw_lot

    made = draw_lot(
        open_store(db),
        actor,
        election,
        contest,
        constituency,
        secret=secret_of(secret_file),
        drawn_by=drawn_by,
        now=now(),
    )
    order = draw(made.lot, made.stake, made.tied).order
    if as_json:
        _emit({**settled_json(made), "order": list(order)})
        return
    by = "، ".join(made.drawn_by) if lang.lang == "fa" else ", ".join(made.drawn_by)
    _say(
        lang,
        "lot_recorded",
        contest=contest,
        constituency=constituency,
        seed=made.seed,
        by=by,
        order=" > ".join(order),
    )


@lot_app.command("list")
def list_command(
    election: ElectionOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Every lot recorded, with the tie it settles."""
    from sandogh.services.outcome_decisions import lots_of

    lots = lots_of(open_store(db), election)
    if as_json:
        _emit([settled_json(made) for made in lots])
        return
    if not lots:
        _say(lang, "no_lots")
    for made in lots:
        _say(
            lang,
            "lot_line",
            contest=made.contest,
            constituency=made.constituency,
            stake=made.stake.value,
            tied=", ".join(made.tied),
            seed=made.seed,
            by=", ".join(made.drawn_by),
        )


@acting
def withdraw_command(
    contest: ContestArgument,
    candidate: Annotated[str, typer.Argument(help="The candidate's ballot code.")],
    printing: Annotated[
        Printing, typer.Option("--when", help="Before or after the ballots were printed.")
    ],
    actor: Actor,
    election: ElectionOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Record a candidate's withdrawal (انصراف); the candidate can then win nothing. Before
    printing the candidate leaves the stored definition (a new version and hash)."""
    from sandogh.cli.candidates_text import CandidatesCommandError
    from sandogh.formats.definition_file import CANONICAL
    from sandogh.server.console.candidacy_refusals import said
    from sandogh.services.acting import AccessDeniedError, election_day
    from sandogh.services.definition_versions import PrintedError
    from sandogh.services.outcome_decisions import withdraw
    from sandogh.services.withdrawal_deadline import PollingBegunError

    store = open_store(db)
    try:
        made = withdraw(
            store,
            actor,
            election,
            contest,
            candidate,
            printing=printing,
            canonical=CANONICAL,
            now=now(),
        )
    except (PrintedError, PollingBegunError) as refused:  # said in the command's language
        raise CandidatesCommandError(refused.fa if lang.lang == "fa" else refused.en) from refused
    except AccessDeniedError as denied:  # an administrator's, or outside the grant (S20, F9)
        raise CandidatesCommandError(said(denied, lang.lang) or str(denied)) from denied
    if as_json:
        _emit(withdrawal_json(made))
        return
    with store() as work:
        held = election_day(work, election).election
    named = next(c.name for c in held.contests if c.id == made.contest)
    _say(
        lang,
        "withdrawal_recorded",
        candidate=ballot_code(made.candidate, lang.lang),
        contest=name_in(named, lang.lang),
        printing=printing_text(made.printing, lang.lang),
    )


def removed_option(option: str) -> None:
    """Refuse a per-command lot or withdrawal option, saying where they are recorded now."""
    raise typer.BadParameter(
        f"{text_in(CATALOGUE, 'option_removed', 'fa', option=option)}\n"
        f"{text_in(CATALOGUE, 'option_removed', 'en', option=option)}",
        param_hint=option,
    )
