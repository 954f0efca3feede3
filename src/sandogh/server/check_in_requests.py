"""What a box's check-in (`server.check_ins`) and its look-up before one
(`server.check_in_look_ups`) both do with the request: check its signature, count the refusals
of a caller not shown to be anyone, answer a box that may not act for the station (403) or a
check-in that cannot happen there (409), and say the voter's contests, name and photo, or why
the voter is refused."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypedDict

from sandogh.server.auth import device_refusals, require_signed
from sandogh.server.centre import Centre
from sandogh.server.errors import ApiError
from sandogh.server.models import BallotContestBody, CheckInRequest, RefusedBody, WithheldBody
from sandogh.server.refusals import counted_refusals
from sandogh.services.check_in_look_up import LookedUp
from sandogh.services.check_in_rules import ImpossibleCheckInError, Refused
from sandogh.services.checkin import BallotCard
from sandogh.services.ports import Registry
from sandogh.wire import api_paths


class Asked(TypedDict):
    """What `services.checkin.check_in` and `services.check_in_look_up.look_up` are both asked:
    the box (`device`, the key that signed the request) and the voter, with the centre's
    registry and ledger secret."""

    election_id: str
    station: str
    device: str
    national_code: str
    registry: Registry
    ledger_secret: bytes


@contextmanager
def signed_check_in(
    centre: Centre, source: str, route: str, election_id: str, body: CheckInRequest
) -> Iterator[Asked]:
    """What `body`, signed for `route` of `election_id`, asks, once its signature is checked, for
    the block to act on; a `DeviceRefusedError` in it is answered 403 and counted as
    `server.refusals` counts, an `ImpossibleCheckInError` answered 409 (not counted: the box was
    shown to be enrolled)."""
    path = api_paths.fill(route, election_id=election_id)
    try:
        with counted_refusals(centre, source), device_refusals():
            yield Asked(
                election_id=election_id,
                station=body.station,
                device=require_signed(centre, "POST", path, body),
                national_code=body.national_code,
                registry=centre.registry,
                ledger_secret=centre.ledger_secret,
            )
    except ImpossibleCheckInError as impossible:
        raise impossible_error(impossible) from impossible


def impossible_error(impossible: ImpossibleCheckInError) -> ApiError:
    """The 409 answer to a check-in that cannot happen at the station, with the reason why."""
    return ApiError(
        409, impossible.reason.value, "the station cannot check a voter in", [impossible.problem]
    )


class VoterFields(TypedDict):
    """What a ballot card and a look-up both say of the voter (`BallotCardBody`, `MayVoteBody`)."""

    contests: list[BallotContestBody]
    withheld: list[WithheldBody]
    name: str | None
    photo: str | None  # base64


def voter_fields(result: BallotCard | LookedUp) -> VoterFields:
    """The contests of `result`, those withheld, and the registry's name and photo."""
    return VoterFields(
        contests=[
            BallotContestBody(contest=c.contest, seats=c.seats, candidates=list(c.candidates))
            for c in result.contests
        ],
        withheld=[WithheldBody(contest=w.contest, reason=w.reason) for w in result.withheld],
        name=result.name,
        photo=base64.b64encode(result.photo).decode() if result.photo else None,
    )


def refused_body(result: Refused) -> RefusedBody:
    return RefusedBody(
        outcome="refused",
        reason=result.reason,
        also=list(result.also),
        code_fault=result.code_fault,
        of_age_on=result.of_age_on,
    )
