"""The look-up before a check-in (`services.check_in_look_up`) over HTTP, for signed boxes.

Signed and refused as a check-in is (`server.check_in_requests`), and paced
(`server.look_up_pace`): a box that asks faster than voters are served is refused (429,
`too-many-look-ups`), the first refusal of a run raising an incident for the supervisors.
"""

from __future__ import annotations

from fastapi import APIRouter

from sandogh.server.centre import CentreDep
from sandogh.server.check_in_requests import refused_body, signed_check_in, voter_fields
from sandogh.server.errors import ApiError, documented
from sandogh.server.models import (
    CheckInRequest,
    ElectionPath,
    LookUpAnswerBody,
    MayVoteBody,
    RefusedBody,
)
from sandogh.server.refusals import SourceDep
from sandogh.services.check_in_look_up import LookedUp, TooManyLookUpsError, look_up
from sandogh.wire import api_paths

router = APIRouter(tags=["check-ins"])
TOO_MANY = "too-many-look-ups"


@router.post(
    api_paths.LOOK_UPS,
    response_model=LookUpAnswerBody,
    responses=documented(400, 401, 403, 404, 409, 429),
    summary="Whom does the registry name for this code, who may vote here? Nothing is recorded",
    operation_id="look_up_voter",
)
def post_look_up(
    election_id: ElectionPath, body: CheckInRequest, centre: CentreDep, source: SourceDep
) -> MayVoteBody | RefusedBody:
    try:
        with signed_check_in(centre, source, api_paths.LOOK_UPS, election_id, body) as asked:
            now, limits, key = centre.clock(), centre.check_in_limits, asked["device"]
            result = look_up(
                centre.uow,
                **asked,
                now=now,
                pace=lambda: centre.look_up_pace.take(key, now, limits),
                limits=limits,
            )
    except TooManyLookUpsError as fast:
        raise ApiError(429, TOO_MANY, "look-ups faster than voters are served") from fast
    if not isinstance(result, LookedUp):
        return refused_body(result)
    return MayVoteBody(outcome="may-vote", **voter_fields(result))
