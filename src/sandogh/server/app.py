"""The central service's web application: the station API, version 1 (docs/api.md).

`create_app` opens the store and the registry at once, so that a centre that cannot serve says
why before it listens; `api_document` builds the same routes without them, for the committed
OpenAPI document (`python -m sandogh.server.openapi`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version
from typing import Any

from fastapi import APIRouter, FastAPI

from sandogh.core.errors import SandoghError
from sandogh.formats.key_file import read_key_file
from sandogh.security_headers import WithHeaders
from sandogh.server import (
    chains,
    check_in_look_ups,
    check_ins,
    console,
    enrolment,
    operators,
    readiness,
    reports,
)
from sandogh.server.centre import CentreDep, Clock, open_centre, utc_now
from sandogh.server.check_in_groups import CheckInGroups
from sandogh.server.check_in_route import CheckInRoute
from sandogh.server.errors import documented, install_error_handlers
from sandogh.server.limits import BodyLimit
from sandogh.server.log_checkpoints import sign_checkpoints
from sandogh.server.metrics import Measured
from sandogh.server.models import HealthBody
from sandogh.server.server_key import ServerKey
from sandogh.server.sessions import open_desk
from sandogh.server.settings import ServerSettings
from sandogh.server.throttle_gate import ThrottleGate
from sandogh.services.totp_at_rest import check_secrets
from sandogh.wire import api_paths

TITLE = "sandogh central service"
VERSION = version("sandogh")

_VALIDATION_ERROR = "HTTPValidationError"  # FastAPI's schema of its own 422 answer

_health = APIRouter(tags=["health"])


@_health.get(
    api_paths.HEALTH,
    response_model=HealthBody,
    responses=documented(),
    summary="Whether the centre is up and its database answers",
    operation_id="health",
)
def health(centre: CentreDep) -> HealthBody:
    with centre.uow() as work:
        work.elections.ids()
    return HealthBody(status="ok", version=VERSION)


# a load balancer's health check may be a HEAD: FastAPI answers a GET route's HEAD with 405, and
# the centre read as down (session 25, G5). Not in the API's document: the GET is the operation.
_health.add_api_route(
    api_paths.HEALTH, health, methods=["HEAD"], response_model=HealthBody, include_in_schema=False
)


class _CentreApp(FastAPI):
    def openapi(self) -> dict[str, Any]:
        """FastAPI's document, less the 422 answers it adds to every endpoint with parameters:
        this API answers an unreadable request with 400 (`errors`)."""
        if self.openapi_schema is None:
            document = super().openapi()
            for operations in document["paths"].values():
                for operation in operations.values():
                    answer = operation["responses"].get("422", {})
                    if _VALIDATION_ERROR in str(answer):
                        del operation["responses"]["422"]
            for name in (_VALIDATION_ERROR, "ValidationError"):
                document["components"]["schemas"].pop(name, None)
            self.openapi_schema = document
        return self.openapi_schema


def _app(**options: Any) -> FastAPI:
    app = _CentreApp(
        title=TITLE,
        version=VERSION,
        description="The API the polling stations use: enrolment, check-in, offline sync, "
        "station reports. Specification: docs/api.md.",
        docs_url=None,  # no pages that fetch scripts from a CDN; /openapi.json is the document
        redoc_url=None,
        # FastAPI's own OpenTelemetry, off: the centre's metrics are Prometheus's
        # (`server.metrics`), and asking whether any tracer, meter or logger was configured
        # read the environment three times a request, a check-in too (issue 14)
        telemetry={"tracing": False, "metrics": False, "logs": False},
        **options,
    )
    for router in (
        _health,
        enrolment.router,
        check_ins.router,
        check_in_look_ups.router,
        reports.router,
        chains.router,
        operators.router,
    ):
        app.include_router(router)
    app.include_router(readiness.router)
    install_error_handlers(app)
    console.install(app)  # the operators' pages under /console, not in the API's document
    app.add_middleware(CheckInRoute)  # in front of the routes, behind the bounds and headers
    app.add_middleware(ThrottleGate)  # inside BodyLimit, which bounds what it reads
    app.add_middleware(BodyLimit)
    app.add_middleware(WithHeaders)  # every answer, a refusal too, carries the policy
    app.add_middleware(Measured)  # outermost: counts every answer, the layers' refusals too
    return app


def create_app(settings: ServerSettings, *, clock: Clock = utc_now) -> FastAPI:
    """The centre's application over the store and registry of `settings`, which it opens now
    and closes when the server stops; `clock` is read for the time of every request."""
    key = None if settings.log_key_file is None else read_key_file(settings.log_key_file)
    server_key = ServerKey.read(settings.server_key_file)
    centre = open_centre(settings, clock=clock)
    desk = open_desk(settings.operators, server_key)
    try:
        check_secrets(centre.uow, desk.factor, key=str(settings.server_key_file))
    except SandoghError:
        centre.close()
        raise

    groups = CheckInGroups(lambda: app.state.centre)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        signing = None
        if key is not None:
            signing = asyncio.create_task(sign_checkpoints(centre, key, settings.log_checkpoints))
        try:
            yield
        finally:
            if signing is not None:
                signing.cancel()
            groups.stop()
            try:
                desk.record_refusals(centre)
            finally:
                centre.close()

    app = _app(lifespan=lifespan)
    app.state.centre = centre
    app.state.check_in_groups = groups
    app.state.desk = desk
    return app


def api_document() -> dict[str, Any]:
    """The OpenAPI document of the API, without opening a store."""
    return _app().openapi()
