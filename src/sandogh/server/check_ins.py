"""Check-in and the sync of offline check-ins: `services.checkin` over HTTP, for signed boxes.

A refused voter is an answer, not an error (200, `outcome: refused`, with the reason): the request
was understood and decided. Where and when a voter voted, in this round or the one it continues,
is never in it (DESIGN.md §3),
and a sync answers with counts only — each duplicate goes to the supervisors as an incident
naming both stations, not to the station.
"""

from __future__ import annotations

from fastapi import APIRouter, Response

from sandogh.server.auth import require_device, require_signed
from sandogh.server.centre import CentreDep
from sandogh.server.check_in_requests import signed_check_in
from sandogh.server.check_in_route import check_in_json
from sandogh.server.errors import ApiError, documented
from sandogh.server.models import (
    CheckInAnswerBody,
    CheckInRequest,
    ElectionPath,
    SyncedBody,
    SyncRequest,
    parse_time,
)
from sandogh.server.refusals import SourceDep, counted_refusals
from sandogh.services.checkin import check_in
from sandogh.services.sync import (
    ImpossibleCheckInsError,
    OfflineCheckIn,
    OfflineCheckInError,
    sync_provisional,
)
from sandogh.wire import api_paths

router = APIRouter(tags=["check-ins"])


@router.post(
    api_paths.CHECK_INS,
    response_model=CheckInAnswerBody,
    responses=documented(400, 401, 403, 404, 409),
    summary="May this voter vote here? A one-time ballot card, or the reason why not",
    operation_id="check_in",
)
def post_check_in(
    election_id: ElectionPath, body: CheckInRequest, centre: CentreDep, source: SourceDep
) -> Response:
    with signed_check_in(centre, source, api_paths.CHECK_INS, election_id, body) as asked:
        result = check_in(
            centre.uow,
            **asked,
            now=centre.clock(),
            new_token=centre.new_token,
            limits=centre.check_in_limits,
        )
    # The answer as JSON already: FastAPI would validate it against `response_model` again (in
    # its thread pool, a second hop there), which `check_in_json` writes as documented.
    return Response(check_in_json(result), media_type="application/json")


@router.post(
    api_paths.SYNC,
    response_model=SyncedBody,
    responses=documented(400, 401, 403, 404, 422),
    summary="Send the check-ins a station made while the centre was unreachable",
    operation_id="sync_check_ins",
)
def post_sync(
    election_id: ElectionPath, body: SyncRequest, centre: CentreDep, source: SourceDep
) -> SyncedBody:
    path = api_paths.fill(api_paths.SYNC, election_id=election_id)
    with counted_refusals(centre, source):
        key = require_signed(centre, "POST", path, body)
        require_device(centre, election_id, key, body.station)
    entries = [OfflineCheckIn(e.national_code, parse_time(e.at)) for e in body.entries]
    try:
        synced = sync_provisional(
            centre.uow,
            election_id=election_id,
            station=body.station,
            entries=entries,
            registry=centre.registry,
            ledger_secret=centre.ledger_secret,
            now=centre.clock(),
            actor=f"ed25519:{key}",
            limits=centre.check_in_limits,
        )
    except ImpossibleCheckInsError as refused:
        raise ApiError(
            422, "impossible-entries", "none of the check-ins was taken", refused.problems
        ) from refused
    except OfflineCheckInError as refused:
        raise ApiError(
            422, "invalid-entries", "none of the check-ins was taken", refused.problems
        ) from refused
    return SyncedBody(
        recorded=synced.recorded, already=synced.already, duplicates=len(synced.incidents)
    )
