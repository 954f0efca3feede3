"""`sandogh serve`: the central service on uvicorn (`server.app`).

The secrets come from the environment only (`server.settings`); the service listens on loopback
unless told otherwise, since it speaks plain HTTP and a centre reached over a network belongs
behind a TLS-terminating proxy.
"""

from __future__ import annotations

import ipaddress
import os
from typing import Annotated

import typer
import uvicorn
from rich.console import Console

from sandogh.server.app import create_app
from sandogh.server.settings import REGISTRY_VAR, settings_from_env

HostOption = Annotated[
    str, typer.Option("--host", help="Address to listen on; loopback only by default.")
]
PortOption = Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")]
RegistryOption = Annotated[
    str | None,
    typer.Option(
        "--registry",
        help=f"Civil registry: synthetic:SEED:SIZE or file:PATH; default ${REGISTRY_VAR}.",
        show_default=False,
    ),
]


def run(*, host: str, port: int, db: str | None, registry: str | None, err: Console) -> None:
    """Check the settings, open the store and the registry, then serve until interrupted."""
    settings = settings_from_env(os.environ, db=db, registry=registry)
    app = create_app(settings)
    if not _loopback(host):
        err.print(
            f"sandogh: serving plain HTTP on {host}: put a TLS-terminating proxy in front",
            markup=False,
        )
    uvicorn.run(app, host=host, port=port, log_level="info")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
