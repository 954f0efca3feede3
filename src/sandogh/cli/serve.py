"""`sandogh serve`: the central service on uvicorn (`server.app`).

The secrets come from the environment only (`server.settings`); the service listens on loopback
unless told otherwise, since it speaks plain HTTP and a centre reached over a network belongs
behind a TLS-terminating proxy. What it says, and its settings refused, are in its `--lang`
(`locale.centre_commands`); Ctrl-C stops it with the one line every command says then.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sandogh.locale.centre_commands import CATALOGUE
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in
from sandogh.server.environment import REGISTRY_VAR, SERVER_KEY_VAR

HostOption = Annotated[
    str, typer.Option("--host", help="Address to listen on; loopback only by default.")
]
PortOption = Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")]
WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        min=1,
        max=64,
        help="Server processes on the one socket: one per core the centre may use.",
    ),
]
BehindProxyOption = Annotated[
    bool,
    typer.Option(
        "--behind-proxy",
        help="A reverse proxy on this machine forwards the callers (docs/deploy.md): take a "
        "caller's address from the X-Forwarded-For it sets on requests from loopback.",
    ),
]
MetricsPortOption = Annotated[
    int | None,
    typer.Option(
        "--metrics-port",
        min=0,
        max=65535,
        help="Serve Prometheus metrics on this TCP port, apart from the API and the site "
        "(docs/deployment.md); none by default.",
        show_default=False,
    ),
]
MetricsHostOption = Annotated[
    str,
    typer.Option(
        "--metrics-host",
        help="Address the metrics listen on; loopback only by default: only the operators' "
        "Prometheus may reach it.",
    ),
]
RegistryOption = Annotated[
    str | None,
    typer.Option(
        "--registry",
        help=f"Civil registry: synthetic:SEED:SIZE or file:PATH; default ${REGISTRY_VAR}.",
        show_default=False,
    ),
]

ServerKeyFileOption = Annotated[
    Path | None,
    typer.Option(
        "--server-key",
        help="The server key file (sandogh server-key keygen), which seals the operators' TOTP "
        f"secrets; default ${SERVER_KEY_VAR}.",
        show_default=False,
    ),
]


def run(
    *,
    host: str,
    port: int,
    db: str | None,
    registry: str | None,
    err: Console,
    workers: int = 1,
    log_key: Path | None = None,
    server_key: Path | None = None,
    behind_proxy: bool = False,
    metrics_port: int | None = None,
    metrics_host: str = "127.0.0.1",
    lang: Lang = "fa",
) -> None:
    """Check the settings, open the store and the registry, then serve until interrupted, in
    `workers` server processes (`server.process.serve`), with the metrics on `metrics_port` of
    `metrics_host` when given."""
    # The server (FastAPI, uvicorn, the store) is imported when it is run, not whenever `sandogh`
    # starts: the command's options live in this module, which `sandogh --help` imports.
    from sandogh.cli.usage_words import problem_line
    from sandogh.server.metrics_export import MetricsListen
    from sandogh.server.process import serve
    from sandogh.server.settings import SettingsError, settings_from_env

    try:
        settings = settings_from_env(
            os.environ,
            db=db,
            registry=registry,
            log_key=log_key,
            server_key=server_key,
            behind_proxy=behind_proxy,
        )
    except SettingsError as refused:  # every problem, on the one line
        problems = ("؛ " if lang == "fa" else "; ").join(
            problem_line(problem, lang) for problem in refused.problems
        )
        err.print(text_in(CATALOGUE, "serve_refused", lang, problems=problems), markup=False)
        raise typer.Exit(1) from refused
    if settings.log_key_file is None:
        err.print(text_in(CATALOGUE, "serve_no_log_key", lang), markup=False)
    if not _loopback(host):
        err.print(text_in(CATALOGUE, "serve_plain_http", lang, host=host), markup=False)
    metrics = None if metrics_port is None else MetricsListen(metrics_port, metrics_host)
    serve(settings, host=host, port=port, workers=workers, metrics=metrics, lang=lang)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
