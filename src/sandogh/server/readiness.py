"""The readiness API (docs/api.md, "Readiness"): a unit's readiness, and each register of a
unit as CSV to export and to import (`services.readiness`, `formats.readiness_csv`).

Every endpoint is for operators: a session, READ at the unit to view, MANAGE_READINESS (and the
session's CSRF header) to import. An import replaces the register's rows at and below the unit,
all or nothing; a file with bad rows is answered 400, naming each by line and column.
"""

from __future__ import annotations

import datetime
import io
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict
from starlette.concurrency import run_in_threadpool

from sandogh.core.access import Action
from sandogh.core.definition.problems import Problem
from sandogh.core.readiness import Readiness, Register, RegisterError, Summary
from sandogh.formats.readiness_csv import (
    ReadinessCsvError,
    read_register,
    row_problems,
    write_register,
)
from sandogh.formats.tally_csv import RowProblem
from sandogh.server.centre import CentreDep
from sandogh.server.errors import ApiError, body_of, documented
from sandogh.server.sessions import require
from sandogh.services.acting import AccessDeniedError, Actor
from sandogh.services.readiness import export_registers, import_register, readiness
from sandogh.services.sessions import SignedIn
from sandogh.wire.api_paths import ROOT

READINESS = f"{ROOT}/elections/{{election_id}}/readiness"
REGISTER = f"{ROOT}/elections/{{election_id}}/readiness/{{register}}"
CSV = "text/csv"

router = APIRouter(tags=["readiness"])

ElectionPath = Annotated[str, Path(max_length=200, description="the election day's id")]
RegisterPath = Annotated[Register, Path(description="fleet, papers or staff")]


def _unit_asked(
    unit: Annotated[str, Query(max_length=200, description="the unit's code, e.g. IR-08")],
) -> str:
    return unit


UnitDep = Annotated[str, Depends(_unit_asked)]


class SummaryBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    unit: str
    stations: int
    boxes: int
    boxes_current: int
    boxes_pending: int
    boxes_failed: int
    boxes_unassigned: int
    boxes_not_enrolled: int
    stations_without_box: int
    stations_short_of_papers: int
    stations_short_of_staff: int
    stations_not_open: int
    stations_open: int
    stations_closed: int
    stations_reported: int
    stations_late: int


class MissingBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    place: str
    gap: str
    subject: str
    figures: dict[str, int]


class PlanBody(BaseModel):
    """A hard-to-reach station's plan (`core.readiness.RemotePlan`)."""

    model_config = ConfigDict(extra="forbid")

    station: str
    transport: str
    helicopter: bool
    report_grace_minutes: int
    link_tested: datetime.date | None
    link_ok: bool


class PastProblemBody(BaseModel):
    """A problem a station had in an earlier election (آسیب‌شناسی)."""

    model_config = ConfigDict(extra="forbid")

    station: str
    election: str
    number: int
    note: str


class ReadinessBody(BaseModel):
    """A unit's readiness: its summary, its children's, what is missing where; its hard-to-reach
    stations with their plans, and its stations' problems in earlier elections."""

    model_config = ConfigDict(extra="forbid")

    election: str
    summary: SummaryBody
    parts: list[SummaryBody]
    missing: list[MissingBody]
    named: int  # people of the rosters at and below the unit
    trained: int  # of them, those who attended a training session
    hard_to_reach: list[str]
    plans: list[PlanBody]
    past: list[PastProblemBody]


class ImportedBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    election: str
    unit: str
    rows: int  # the rows stored
    replaced: int  # the rows they replaced


def _summary(summary: Summary) -> SummaryBody:
    return SummaryBody.model_validate(vars(summary))


def readiness_body(election: str, found: Readiness) -> ReadinessBody:
    return ReadinessBody(
        election=election,
        summary=_summary(found.summary),
        parts=[_summary(p) for p in found.parts],
        missing=[
            MissingBody(place=m.place, gap=m.gap.value, subject=m.subject, figures=dict(m.figures))
            for m in found.missing
        ],
        named=found.named,
        trained=found.trained,
        hard_to_reach=list(found.hard_to_reach),
        plans=[
            PlanBody(
                station=p.station,
                transport=p.transport,
                helicopter=p.helicopter,
                report_grace_minutes=p.report_grace // datetime.timedelta(minutes=1),
                link_tested=p.link_tested,
                link_ok=p.link_ok,
            )
            for p in found.plans
        ],
        past=[PastProblemBody.model_validate(vars(p)) for p in found.past],
    )


def _actor(operator: SignedIn) -> Actor:
    return Actor(operator.account.username, operator.account.grant)


def _refused(error: AccessDeniedError | RegisterError) -> ApiError:
    if isinstance(error, AccessDeniedError):
        return ApiError(403, "not-allowed", str(error))
    return ApiError(404, "unknown-place", str(error), error.problems)


@router.get(
    READINESS,
    response_model=ReadinessBody,
    responses=documented(400, 401, 403, 404),
    summary="A unit's readiness: counts, its parts', and what is missing where",
    operation_id="show_readiness",
)
def show_readiness(
    election_id: ElectionPath,
    unit: UnitDep,
    centre: CentreDep,
    operator: Annotated[SignedIn, Depends(require(Action.READ, _unit_asked))],
) -> ReadinessBody:
    try:
        found = readiness(centre.uow, _actor(operator), election_id, unit, now=centre.clock())
    except (AccessDeniedError, RegisterError) as error:
        raise _refused(error) from error
    return readiness_body(election_id, found)


@router.get(
    REGISTER,
    response_class=Response,
    responses={
        200: {"content": {CSV: {"schema": {"type": "string"}}}, "description": "the register"},
        **documented(400, 401, 403, 404),
    },
    summary="A register's rows at and below a unit, as CSV (docs/formats.md)",
    operation_id="export_register",
)
def export_register(
    election_id: ElectionPath,
    register: RegisterPath,
    unit: UnitDep,
    centre: CentreDep,
    operator: Annotated[SignedIn, Depends(require(Action.READ, _unit_asked))],
) -> Response:
    try:
        found = export_registers(
            centre.uow, _actor(operator), election_id, unit, now=centre.clock()
        )
    except (AccessDeniedError, RegisterError) as error:
        raise _refused(error) from error
    out = io.StringIO()
    write_register(register, found.rows(register), out)
    return Response(out.getvalue(), media_type=f"{CSV}; charset=utf-8")


@router.put(
    REGISTER,
    response_model=ImportedBody,
    responses=documented(400, 401, 403, 404, 415),
    openapi_extra={
        "requestBody": {"required": True, "content": {CSV: {"schema": {"type": "string"}}}}
    },
    summary="Replace a register's rows at and below a unit with a CSV file, all or nothing",
    operation_id="import_register",
)
async def import_register_endpoint(  # noqa: PLR0917 -- FastAPI fills each from the request
    election_id: ElectionPath,
    register: RegisterPath,
    unit: UnitDep,
    request: Request,
    centre: CentreDep,
    operator: Annotated[SignedIn, Depends(require(Action.MANAGE_READINESS, _unit_asked))],
) -> ImportedBody:
    data = await body_of(request, CSV, "the register")
    try:
        text = data.decode("utf-8-sig")
        rows = read_register(register, io.StringIO(text, newline=""), source_name="body")
    except UnicodeDecodeError as error:
        raise ApiError(400, "bad-register", "the body is not UTF-8") from error
    except ReadinessCsvError as bad:
        raise ApiError(400, "bad-register", str(bad), _problems(bad.problems)) from bad
    try:
        done = await run_in_threadpool(
            import_register,
            centre.uow,
            _actor(operator),
            election_id,
            register,
            rows,
            unit=unit,
            now=centre.clock(),
        )
    except AccessDeniedError as error:
        raise _refused(error) from error
    except RegisterError as bad:
        placed = row_problems(bad.problems)
        raise ApiError(400, "bad-register", str(bad), _problems(placed)) from bad
    return ImportedBody(
        election=done.election,
        unit=done.unit,
        rows=done.rows,
        replaced=done.replaced,
    )


def _problems(placed: tuple[RowProblem, ...] | list[RowProblem]) -> list[Problem]:
    return [
        Problem(f"line {p.line}" + ("" if p.column is None else f", {p.column}"), p.message)
        for p in placed
    ]
