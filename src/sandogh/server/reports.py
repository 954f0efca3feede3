"""Receiving a signed station report: `services.ingest` over HTTP.

The body is the signed report's bytes exactly as `core.report.encode_signed` wrote them (and as
the printed QR codes carry them): the report is its own authentication, signed by the device and
the staff, so it needs no request envelope; sending it twice is taken once. A refusal answers with
the ingest's reason and every problem (DESIGN.md §3: a clear reason for every refused report).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from sandogh.server.centre import CentreDep
from sandogh.server.errors import ApiError, body_of, documented
from sandogh.server.models import IngestedBody
from sandogh.server.refusals import SourceDep
from sandogh.services.ingest import ingest_report
from sandogh.services.report_refusal import ReportRefusal, ReportRefusedError
from sandogh.wire import api_paths

router = APIRouter(tags=["reports"])

JSON = "application/json"

_STATUS = {
    ReportRefusal.MALFORMED: 400,
    ReportRefusal.BAD_SIGNATURE: 401,
    ReportRefusal.UNKNOWN_DEVICE: 403,
    ReportRefusal.REVOKED_DEVICE: 403,
    ReportRefusal.WRONG_STATION: 403,
    ReportRefusal.DEFINITION_MISMATCH: 409,
    ReportRefusal.CONFLICTING: 409,
    ReportRefusal.NONCONFORMING: 422,
    ReportRefusal.DOES_NOT_RECONCILE: 422,
    ReportRefusal.CERTIFIED: 409,
    # against the pre-election record and the registered staff (issue 9, section 2)
    ReportRefusal.NOT_IN_RECORD: 403,
    ReportRefusal.REPLACED_DEVICE: 403,
    ReportRefusal.UNREGISTERED_STAFF: 403,
    ReportRefusal.STAFF_ROLE_MISMATCH: 403,
    ReportRefusal.MISSING_STAFF: 422,
    ReportRefusal.NO_ZERO_REPORT: 409,
    ReportRefusal.NOT_E2E: 409,
    # issue 12: the box's build must be approved
    ReportRefusal.NO_BUILD: 403,
    ReportRefusal.UNAPPROVED_BUILD: 403,
    ReportRefusal.REVOKED_BUILD: 403,
    # issue 12: a box opened before polling day (`services.report_days`)
    ReportRefusal.OUTSIDE_POLLING: 409,
}

# the schema of the body, for the OpenAPI document; `core.report.signatures` is the reader
_SIGNED_REPORT_SCHEMA = {
    "title": "sandogh/signed-station-report@1",
    "description": "The exact bytes of core.report.encode_signed: canonical JSON (RFC 8785); "
    "any other form of the same content is refused as malformed.",
    "type": "object",
    "required": ["device_signature", "format", "report", "staff"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": "sandogh/signed-station-report@1"},
        "report": {"type": "object", "description": "the station report (docs/formats.md)"},
        "device_signature": {"type": "string", "pattern": "^[0-9a-f]{128}$"},
        "staff": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["key", "role", "signature"],
                "additionalProperties": False,
                "properties": {
                    "role": {"enum": ["head", "secretary", "member", "supervisor"]},
                    "key": {"type": "string", "pattern": "^ed25519:[0-9a-f]{64}$"},
                    "signature": {"type": "string", "pattern": "^[0-9a-f]{128}$"},
                },
            },
        },
    },
}


@router.post(
    api_paths.REPORTS,
    status_code=201,
    response_model=IngestedBody,
    responses=documented(
        400,
        401,
        403,
        409,
        413,
        415,
        422,
        also={200: {"model": IngestedBody, "description": "the centre already held it"}},
    ),
    openapi_extra={
        "requestBody": {"required": True, "content": {JSON: {"schema": _SIGNED_REPORT_SCHEMA}}}
    },
    summary="Deliver a signed station report (zero or final)",
    operation_id="send_report",
)
async def post_report(request: Request, centre: CentreDep, source: SourceDep) -> JSONResponse:
    data = await body_of(request, JSON, "the signed report")
    now = centre.clock()
    try:
        ingested = await run_in_threadpool(
            ingest_report, centre.uow, signed=data, now=now, source=source
        )
    except ReportRefusedError as refused:
        raise ApiError(
            _STATUS[refused.reason],
            refused.reason.value,
            f"report {refused.received} refused ({refused.reason.value})",
            refused.problems,
        ) from refused
    body = IngestedBody(
        election=ingested.election,
        station=ingested.station,
        kind=ingested.kind,
        report_hash=ingested.report_hash,
        sheets=ingested.sheets,
        duplicate=ingested.duplicate,
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=200 if body.duplicate else 201)
