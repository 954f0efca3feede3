"""Receiving a station's E2E ballot chain: `services.chains` over HTTP (docs/e2e.md §7).

The body is the chain file's bytes exactly as the box exported them (JSON Lines); like a signed
report it needs no request envelope: it proves itself against the station's signed final report.
Sending it twice is taken once. A refusal answers with the reason, every problem and the reason
in Persian and English (`locale.e2e_refusals`), which the box's operator screen shows.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from sandogh.locale import Lang
from sandogh.locale.e2e_refusals import CATALOGUE, chain_refusal_key
from sandogh.locale.messages import text_in
from sandogh.server.centre import CentreDep
from sandogh.server.errors import ApiError, body_of, documented
from sandogh.server.models import ReceivedChainBody
from sandogh.server.refusals import SourceDep
from sandogh.services.chains import ChainRefusal, ChainRefusedError, receive_chain
from sandogh.wire import api_paths

router = APIRouter(tags=["reports"])

_STATUS = {
    ChainRefusal.MALFORMED: 400,
    ChainRefusal.NOT_E2E: 409,
    ChainRefusal.NO_FINAL_REPORT: 409,
    ChainRefusal.CONFLICTING: 409,
    ChainRefusal.CHAIN_MISMATCH: 422,
}


def chain_refusal_text(reason: ChainRefusal) -> dict[Lang, str]:
    """Why the chain was refused, for a person: in Persian and in English."""
    key = chain_refusal_key(reason.value)
    return {"fa": text_in(CATALOGUE, key, "fa"), "en": text_in(CATALOGUE, key, "en")}


@router.post(
    api_paths.BALLOT_CHAINS,
    status_code=201,
    response_model=ReceivedChainBody,
    responses=documented(
        400,
        409,
        413,
        415,
        422,
        also={200: {"model": ReceivedChainBody, "description": "the centre already held it"}},
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                api_paths.CHAIN_MEDIA_TYPE: {
                    "schema": {
                        "title": "sandogh/e2e-chain@1",
                        "description": "The station's chain file (docs/e2e.md §7, §9): JSON "
                        "Lines, one canonical JSON object per line: the start, each ballot, "
                        "the close.",
                        "type": "string",
                    }
                }
            },
        }
    },
    summary="Deliver a station's E2E ballot chain, after its final report",
    operation_id="send_ballot_chain",
)
async def post_chain(request: Request, centre: CentreDep, source: SourceDep) -> JSONResponse:
    data = await body_of(request, api_paths.CHAIN_MEDIA_TYPE, "the chain file")
    now = centre.clock()
    try:
        received = await run_in_threadpool(
            receive_chain, centre.uow, data=data, now=now, source=source
        )
    except ChainRefusedError as refused:
        raise ApiError(
            _STATUS[refused.reason],
            refused.reason.value,
            f"chain {refused.received} refused ({refused.reason.value})",
            refused.problems,
            chain_refusal_text(refused.reason),
        ) from refused
    body = ReceivedChainBody(
        election=received.election,
        station=received.station,
        chain_hash=received.chain_hash,
        cast=received.cast,
        challenged=received.challenged,
        duplicate=received.duplicate,
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=200 if body.duplicate else 201)
