"""The commands that run something long: `demo`, `serve` and `simulate`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sandogh.cli import serve as serve_job
from sandogh.cli.options import DbOption, LangOption, Language, LogKeyOption

out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)


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
    province: Annotated[
        int | None,
        typer.Option(
            "--province",
            min=0,
            help="With --live: how many of the province's other stations report beside the "
            "simulated ones (default: all of them; on an E2E day, those that vote on paper).",
        ),
    ] = None,
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
            province=province,
        ),
        out,
    )


def serve(
    host: serve_job.HostOption = "127.0.0.1",
    port: serve_job.PortOption = 8000,
    db: DbOption = None,
    registry: serve_job.RegistryOption = None,
    workers: serve_job.WorkersOption = 1,
    log_key: LogKeyOption = None,
    server_key: serve_job.ServerKeyFileOption = None,
    behind_proxy: serve_job.BehindProxyOption = False,
    metrics_port: serve_job.MetricsPortOption = None,
    metrics_host: serve_job.MetricsHostOption = "127.0.0.1",
    lang: LangOption = Language.FA,
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
        metrics_port=metrics_port,
        metrics_host=metrics_host,
        lang=lang.lang,
    )


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
