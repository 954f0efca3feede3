"""The commands on an election's definition and its results: `init`, `load`, `schema`, `results`,
`outcome`, `runoff` and `check-statement` (thin wiring from options to use cases and views)."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from sandogh.cli.database import create_store, open_store
from sandogh.cli.formatting import name_in
from sandogh.cli.options import DbOption, ElectionOption, JsonOption, LangOption, Language
from sandogh.cli.session import actor, now
from sandogh.locale.messages import text

results_app = typer.Typer(help="Import and show results.", no_args_is_help=True)

out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)


# Lots and withdrawals are recorded decisions now (`sandogh lot draw`, `sandogh candidates
# withdraw`); these options stay, hidden, only to refuse with a message that says so.
def _refuse_removed(**given: list[str] | None) -> None:
    from sandogh.cli.outcome_decisions import removed_option

    for name, value in given.items():
        if value:
            removed_option("--" + name.replace("_", "-"))


def _emit_json(document: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n")


def init(db: DbOption = None, lang: LangOption = Language.FA) -> None:
    """Create the database, or upgrade its schema to this sandogh's."""
    from sandogh.cli.usage_words import ready_line

    out.print(ready_line(create_store(db), lang.lang), markup=False)


def load(
    file: Annotated[Path, typer.Argument(help="Definition file, YAML or JSON.")],
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Validate an election-day definition and store it (all of it, or nothing)."""
    from sandogh.formats.definition_file import load_definition
    from sandogh.services.elections import load_election

    loaded = load_definition(file)
    result = load_election(
        open_store(db),
        loaded.valid,
        definition_hash=loaded.definition_hash,
        canonical=loaded.canonical,
        now=now(),
        actor=actor(),
    )
    election = loaded.election
    if as_json:
        _emit_json(
            {
                "election": election.id,
                "definition_hash": result.definition_hash,
                "created": result.created,
                "units": len(election.units),
                "contests": [c.id for c in election.contests],
            }
        )
        return
    key = "loaded" if result.created else "already_loaded"
    out.print(text(key, lang.lang, election=name_in(election.name, lang.lang)))
    out.print(f"{text('definition_hash', lang.lang)}: {result.definition_hash}")


def schema() -> None:
    """Print the JSON Schema of definition files."""
    from sandogh.formats.definition_file import definition_json_schema

    _emit_json(definition_json_schema())


@results_app.command("import")
def results_import(
    file: Annotated[Path, typer.Argument(help="Tally-sheet CSV (docs/formats.md).")],
    election: Annotated[str, typer.Option("--election", "-e", help="Election id.")],
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Import station tally sheets in one transaction: a bad row stores nothing."""
    from sandogh.cli.importing import import_tally_file

    imported = import_tally_file(open_store(db), file, election, err, lang.lang)
    out.print(text("imported", lang.lang, sheets=imported.sheets, election=imported.election_id))
    out.print(f"{text('definition_hash', lang.lang)}: {imported.definition_hash}")


@results_app.command("show")
def results_show(
    election: ElectionOption = None,
    unit: Annotated[str | None, typer.Option("--unit", help="Reporting unit code.")] = None,
    contest: Annotated[str | None, typer.Option("--contest", help="Contest id.")] = None,
    page: Annotated[
        int,
        typer.Option(
            "--page",
            help=(
                "Which page of the units just below the unit to show, 100 to a page "
                "(default: the first)."
            ),
        ),
    ] = 1,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Results of a unit (the whole election by default), with turnout and the round before."""
    from sandogh.cli.results_view import print_results, results_json
    from sandogh.services.results import show_results

    view = show_results(open_store(db), election, unit=unit, contest=contest, page=page)
    if as_json:
        _emit_json(results_json(view))
    else:
        print_results(out, view, lang.lang)


@results_app.command("check-totals")
def results_check_totals(
    election: ElectionOption = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Add every stored sheet again and compare with the kept running totals, and make each
    uncertified contest's totals tree whole and compare with its stored rows and the root the
    log last recorded: name every figure, row or root that differs (exit 1), or say they
    agree."""
    from sandogh.cli.totals_view import print_totals_check
    from sandogh.services.totals import check_totals

    if not print_totals_check(out, check_totals(open_store(db), election), lang.lang):
        raise typer.Exit(1)


def outcome(
    election: ElectionOption = None,
    contest: Annotated[str | None, typer.Option("--contest", help="Contest id.")] = None,
    lot_seed: Annotated[list[str] | None, typer.Option("--lot-seed", hidden=True)] = None,
    drawn_by: Annotated[list[str] | None, typer.Option("--drawn-by", hidden=True)] = None,
    withdrawn: Annotated[list[str] | None, typer.Option("--withdrawn", hidden=True)] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Who is elected, who advances to a runoff, the alternates, and why."""
    from sandogh.cli.outcome_view import outcomes_json, print_outcomes
    from sandogh.services.outcomes import decide_contests

    _refuse_removed(lot_seed=lot_seed, drawn_by=drawn_by, withdrawn=withdrawn)
    view = decide_contests(open_store(db), election, contest=contest)
    if as_json:
        _emit_json(outcomes_json(view))
    else:
        print_outcomes(out, view, lang.lang)


def runoff(
    new_id: Annotated[str, typer.Option("--id", help="Id of the runoff election day.")],
    date: Annotated[
        datetime.datetime,
        typer.Option("--date", formats=["%Y-%m-%d"], help="The runoff's polling day (YYYY-MM-DD)."),
    ],
    output: Annotated[Path, typer.Option("--out", help="Where to write the definition.")],
    election: ElectionOption = None,
    name_fa: Annotated[
        str | None,
        typer.Option("--name-fa", help="Its name in Persian; default: «دور دوم» and the id."),
    ] = None,
    name_en: Annotated[
        str | None,
        typer.Option("--name-en", help="Its name in English; default: Runoff and the id."),
    ] = None,
    lot_seed: Annotated[list[str] | None, typer.Option("--lot-seed", hidden=True)] = None,
    drawn_by: Annotated[list[str] | None, typer.Option("--drawn-by", hidden=True)] = None,
    withdrawn: Annotated[list[str] | None, typer.Option("--withdrawn", hidden=True)] = None,
    db: DbOption = None,
) -> None:
    """Write the definition of the runoff that a first round's complete results call for."""
    from sandogh.core.definition.model import Name
    from sandogh.formats.definition_file import canonical_bytes
    from sandogh.services.outcomes import plan_runoff

    _refuse_removed(lot_seed=lot_seed, drawn_by=drawn_by, withdrawn=withdrawn)
    store = open_store(db)
    planned = plan_runoff(
        store,
        election,
        runoff_id=new_id,
        name=Name(name_fa or f"دور دوم {new_id}", name_en or f"Runoff {new_id}"),
        date=date.date(),
    )
    if output.exists():
        raise typer.BadParameter(f"{output} exists; choose another file", param_hint="--out")
    document = json.loads(canonical_bytes(planned))
    output.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    out.print(f"{output}: {len(planned.contests)} contest(s), {planned.id}")


def check_statement(
    file: Annotated[Path, typer.Argument(help="Statement of published figures (YAML).")],
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Say which published figures agree with the results and with each other; exit 3 if any
    disagrees."""
    from sandogh.cli.statement_view import print_statement, statement_json
    from sandogh.core.counting.statement import Verdict
    from sandogh.formats.statement_file import read_statement
    from sandogh.services.statements import check_published

    read = read_statement(file)
    report = check_published(
        open_store(db),
        read.election,
        read.statement,
        source=read.source,
        previous_election=read.previous_election,
    )
    if as_json:
        _emit_json(statement_json(report))
    else:
        print_statement(out, report, lang.lang)
    if any(c.verdict is Verdict.DISAGREES for c in report.checks):
        raise typer.Exit(3)
