"""The `sandogh` command: thin wiring from options to use cases and views."""

from __future__ import annotations

import datetime
import gc
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from sandogh.cli import publish as publish_job
from sandogh.cli import serve as serve_job
from sandogh.cli.anchor import anchor_app
from sandogh.cli.audit_commands import audit_app
from sandogh.cli.audit_hand_count import (
    certify_hand_count_command,
    hand_count_command,
    uncertify_hand_count_command,
)
from sandogh.cli.audit_hand_count_fix import fix_hand_count_command
from sandogh.cli.audit_verify import audit_verify_command
from sandogh.cli.candidates import candidates_app
from sandogh.cli.candidates_draw import commit_command, draw_command
from sandogh.cli.candidates_file import list_command, show_command
from sandogh.cli.database import create_store, open_store
from sandogh.cli.e2e import e2e_app
from sandogh.cli.fleet import register as register_fleet
from sandogh.cli.formatting import name_in
from sandogh.cli.guardians import guardians_app
from sandogh.cli.log_commands import log_app
from sandogh.cli.options import (
    DbOption,
    ElectionOption,
    JsonOption,
    LangOption,
    Language,
    LogKeyOption,
)
from sandogh.cli.outcome_decisions import lot_app, withdraw_command
from sandogh.cli.readiness import register as register_readiness
from sandogh.cli.registry_commands import registry_app
from sandogh.cli.server_key import server_key_app
from sandogh.cli.session import actor, now
from sandogh.cli.staff import staff_app
from sandogh.cli.staff_roster import register as register_roster
from sandogh.cli.station import station_app
from sandogh.cli.supervise import register as register_supervision
from sandogh.cli.supervise_modes import supervise_app
from sandogh.cli.users import user_app
from sandogh.cli.verify_election import verify_election_command
from sandogh.core.definition.problems import DefinitionError
from sandogh.core.errors import SandoghError
from sandogh.locale.messages import text
from sandogh.server.collector import GC_THRESHOLDS
from sandogh.store.errors import StoreError

# What a command needs beyond its options (the store, the services, the demo's servers) is imported
# inside the command: every `sandogh` process imports this module, and most run one command only.

app = typer.Typer(
    name="sandogh",
    help="sandogh (صندوق): election definitions, results, outcomes and checks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
results_app = typer.Typer(help="Import and show results.", no_args_is_help=True)
app.add_typer(results_app, name="results")
app.add_typer(log_app, name="log")
app.add_typer(registry_app, name="registry")
app.add_typer(station_app, name="station")
app.add_typer(staff_app, name="staff")
app.add_typer(anchor_app, name="anchor")
app.add_typer(guardians_app, name="guardians")
app.add_typer(user_app, name="user")
app.add_typer(server_key_app, name="server-key")
app.add_typer(e2e_app, name="e2e")
app.add_typer(audit_app, name="audit")
app.add_typer(candidates_app, name="candidates")
app.add_typer(supervise_app, name="supervise")
app.add_typer(lot_app, name="lot")
candidates_app.command("withdraw")(withdraw_command)
candidates_app.command("commit")(commit_command)
candidates_app.command("draw")(draw_command)
candidates_app.command("list")(list_command)
candidates_app.command("show")(show_command)
app.command("publish")(publish_job.publish)
app.command("verify-results")(publish_job.verify_results)
app.command("publish-serve")(publish_job.publish_serve)
app.command("verify-election")(verify_election_command)
audit_app.command("verify")(audit_verify_command)
audit_app.command("hand-count")(hand_count_command)
audit_app.command("certify-hand-count")(certify_hand_count_command)
audit_app.command("uncertify-hand-count")(uncertify_hand_count_command)
audit_app.command("fix-hand-count")(fix_hand_count_command)

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


@app.command()
def init(db: DbOption = None) -> None:
    """Create the database, or upgrade its schema to this sandogh's."""
    url = create_store(db)
    out.print(f"ready: {url}")


@app.command()
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
        loaded.election,
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


@app.command()
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
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Results of a unit (the whole election by default), with turnout and the round before."""
    from sandogh.cli.results_view import print_results, results_json
    from sandogh.services.results import show_results

    view = show_results(open_store(db), election, unit=unit, contest=contest)
    if as_json:
        _emit_json(results_json(view))
    else:
        print_results(out, view, lang.lang)


@app.command()
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


@app.command()
def runoff(
    new_id: Annotated[str, typer.Option("--id", help="Id of the runoff election day.")],
    date: Annotated[datetime.datetime, typer.Option("--date", formats=["%Y-%m-%d"])],
    output: Annotated[Path, typer.Option("--out", help="Where to write the definition.")],
    election: ElectionOption = None,
    name_fa: Annotated[str | None, typer.Option("--name-fa")] = None,
    name_en: Annotated[str | None, typer.Option("--name-en")] = None,
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


@app.command("check-statement")
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


@app.command()
def demo(
    db: DbOption = None,
    lang: LangOption = Language.FA,
    live: Annotated[
        bool,
        typer.Option(
            "--live",
            help="Run the Kerman runoff's election day live instead: the centre, the results "
            "site, a ballot box's screens and a simulated day, on loopback (what `make run` does).",
        ),
    ] = False,
    folder: Annotated[
        Path, typer.Option("--dir", help="With --live: the folder it starts afresh in.")
    ] = Path("run"),
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="The centre's port.")
    ] = 8000,
    site_port: Annotated[
        int, typer.Option("--site-port", min=0, max=65535, help="The results site's port.")
    ] = 8080,
    kiosk_port: Annotated[
        int, typer.Option("--kiosk-port", min=0, max=65535, help="The box's screens' port.")
    ] = 8090,
    stations: Annotated[int, typer.Option("--stations", min=1, help="Stations simulated.")] = 24,
    voters: Annotated[
        int, typer.Option("--voters", min=1, help="Voters over all of them, about.")
    ] = 6000,
    minutes: Annotated[
        float, typer.Option("--minutes", min=0.0, help="How long the simulated day lasts.")
    ] = 3.0,
    seed: Annotated[int, typer.Option("--seed", help="Chooses stations, voters, order.")] = 1403,
    exit_when_done: Annotated[
        bool, typer.Option("--exit-when-done", help="Stop once the day is over and published.")
    ] = False,
    e2e: Annotated[
        bool,
        typer.Option(
            "--e2e",
            help="With --live: end-to-end verifiable, the guardians' ceremony first (its joint "
            "key in the sealed pre-election record), encrypted and challenged ballots, and the "
            "record decrypted, held to the sealed record, when the day is over.",
        ),
    ] = False,
) -> None:
    """Load the Kerman 1403 example (both rounds) and show results, outcomes and checks; with
    --live, run its election day live (Ctrl-C stops it)."""
    from sandogh.cli import demo as demo_job
    from sandogh.cli import live_demo

    if not live:
        demo_job.run(db, lang.lang, out)
        return
    if db is not None:
        raise typer.BadParameter("--live starts a fresh SQLite file in --dir", param_hint="--db")
    live_demo.run(
        live_demo.LiveOptions(
            folder=folder,
            api_port=port,
            site_port=site_port,
            kiosk_port=kiosk_port,
            stations=stations,
            voters=voters,
            minutes=minutes,
            seed=seed,
            exit_when_done=exit_when_done,
            lang=lang.lang,
            e2e=e2e,
        ),
        out,
    )


@app.command()
def serve(
    host: serve_job.HostOption = "127.0.0.1",
    port: serve_job.PortOption = 8000,
    db: DbOption = None,
    registry: serve_job.RegistryOption = None,
    workers: serve_job.WorkersOption = 1,
    log_key: LogKeyOption = None,
    server_key: serve_job.ServerKeyFileOption = None,
    behind_proxy: serve_job.BehindProxyOption = False,
) -> None:
    """Run the central service: the API the polling stations use (docs/api.md).

    Needs $SANDOGH_LEDGER_SECRET (hex, 32 bytes or more) and the server key (--server-key or
    $SANDOGH_SERVER_KEY_FILE), which seals the operators' TOTP secrets; boxes are enrolled by
    operators in their own sessions (sandogh station enrol --user); the log key (--log-key or
    $SANDOGH_LOG_KEY_FILE) signs checkpoints of the event log.
    """
    serve_job.run(
        host=host,
        port=port,
        db=db,
        registry=registry,
        err=err,
        workers=workers,
        log_key=log_key,
        server_key=server_key,
        behind_proxy=behind_proxy,
    )


@app.command()
def simulate(
    stations: Annotated[int, typer.Option("--stations", min=1, help="Stations to run.")] = 20,
    scale: Annotated[
        float, typer.Option("--scale", min=0.0, help="Share of each station's voters.")
    ] = 1.0,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Empty database for the centre; default a fresh SQLite file."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Chooses stations, voters, order.")] = 1403,
    threads: Annotated[int, typer.Option("--threads", min=1, help="Boxes at once.")] = 8,
    e2e: Annotated[
        bool,
        typer.Option(
            "--e2e",
            help="End-to-end verifiable: the guardians' ceremony (its joint key in the sealed "
            "pre-election record), encrypted and challenged ballots, the chains, the tallies "
            "decrypted held to the sealed record, and verify-election on the record.",
        ),
    ] = False,
    record: Annotated[
        Path | None,
        typer.Option(
            "--record",
            help="With --e2e, keep the published snapshot with its E2E record here.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = Language.FA,
) -> None:
    """A whole election day through the real HTTP API: the Kerman runoff's figures at chosen
    stations, cast on real ballot boxes, every report held to the pre-election record sealed
    before polls open; exit 3 if the stored totals disagree (or, with --e2e,
    the record does not verify)."""
    from sandogh.cli import simulate as simulate_job

    if not simulate_job.run(
        stations=stations,
        scale=scale,
        db=db,
        seed=seed,
        threads=threads,
        out=out,
        e2e=e2e,
        record=record,
        lang=lang.lang,
    ):
        raise typer.Exit(3)


register_supervision(app)
register_readiness(app)
register_roster(staff_app)
register_fleet(app)


def main() -> None:
    """Run the command; every failure is one clear line on stderr and a non-zero exit."""
    # A national definition is millions of small objects that live as long as the command; at the
    # default thresholds the collector rescans them again and again (bench/national.py: -40 %).
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        # Without standalone mode typer returns a command's `typer.Exit` code instead of exiting.
        code = app(standalone_mode=False)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except typer.TyperException as usage:
        # typer keeps its own copy of click: a missing or bad option is one of these
        err.print(f"sandogh: {usage.format_message()}", markup=False)
        err.print("sandogh: see `sandogh COMMAND --help`", markup=False)
        sys.exit(usage.exit_code)
    except DefinitionError as bad:
        for problem in bad.problems:
            err.print(str(problem), markup=False)
        err.print(f"sandogh: {len(bad.problems)} problem(s); nothing was stored", markup=False)
        sys.exit(1)
    except (SandoghError, StoreError) as failure:
        err.print(f"sandogh: {failure}", markup=False)
        sys.exit(1)
    except OSError as failure:
        err.print(f"sandogh: {failure}", markup=False)
        sys.exit(1)
    except Exception as failure:
        from sqlalchemy.exc import SQLAlchemyError

        if not isinstance(failure, SQLAlchemyError):
            raise
        err.print(f"sandogh: database error: {failure.__class__.__name__}: {failure}", markup=False)
        sys.exit(1)
    if isinstance(code, int) and code:
        sys.exit(code)
