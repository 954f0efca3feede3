"""The look-up before a check-in (`services.check_in_look_up`) over HTTP, for signed boxes.

Signed and refused as a check-in is (`server.check_ins`), and paced (`server.look_up_pace`): a
box that asks faster than voters are served is refused (429, `too-many-look-ups`), the first
refusal of a run raising an incident for the supervisors.
"""

from __future__ import annotations

import base64

from fastapi import APIRouter

from sandogh.server.auth import device_refusals, require_signed
from sandogh.server.centre import CentreDep
from sandogh.server.check_ins import refused_body
from sandogh.server.errors import ApiError, documented
from sandogh.server.models import (
    BallotContestBody,
    CheckInRequest,
    ElectionPath,
    LookUpAnswerBody,
    MayVoteBody,
    RefusedBody,
    WithheldBody,
)
from sandogh.server.refusals import SourceDep, counted_refusals
from sandogh.services.check_in_look_up import LookedUp, TooManyLookUpsError, look_up
from sandogh.services.check_in_rules import ImpossibleCheckInError
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
    path = api_paths.fill(api_paths.LOOK_UPS, election_id=election_id)
    try:
        with counted_refusals(centre, source), device_refusals():
            key = require_signed(centre, "POST", path, body)
            now = centre.clock()
            limits = centre.check_in_limits
            result = look_up(
                centre.uow,
                election_id=election_id,
                station=body.station,
                device=key,
                national_code=body.national_code,
                registry=centre.registry,
                ledger_secret=centre.ledger_secret,
                now=now,
                pace=lambda: centre.look_up_pace.take(key, now, limits),
                limits=limits,
            )
    except TooManyLookUpsError as fast:
        raise ApiError(429, TOO_MANY, "look-ups faster than voters are served") from fast
    except ImpossibleCheckInError as impossible:
        raise ApiError(
            409,
            impossible.reason.value,
            "the station cannot check a voter in",
            [impossible.problem],
        ) from impossible
    if not isinstance(result, LookedUp):
        return refused_body(result)
    return MayVoteBody(
        outcome="may-vote",
        contests=[
            BallotContestBody(contest=c.contest, seats=c.seats, candidates=list(c.candidates))
            for c in result.contests
        ],
        withheld=[WithheldBody(contest=w.contest, reason=w.reason) for w in result.withheld],
        name=result.name,
        photo=base64.b64encode(result.photo).decode() if result.photo else None,
    )
