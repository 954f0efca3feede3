"""Enrolling a ballot box for its station, and revoking it: `services.devices` over HTTP.

An operator enrols a box in their own session, with the `manage-devices` right at the box's
station (issue 9: no national bearer token), and the box signs the request with the key being
enrolled (docs/api.md), so no key is enrolled that its holder did not present: a mistyped or
borrowed key cannot be made to speak for a station. Each enrolment and revocation is recorded by
the operator's name and role. The answer is the enrolment document: only
what the station needs, its unit and each of its contests written as in the definition file
(`formats.definition_schema`), so the box reads them with the same models.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse

from sandogh.core.access import Action
from sandogh.core.canonical_json import JSONValue
from sandogh.core.definition.model import Election
from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.formats.definition_file import canonical_bytes
from sandogh.server.auth import require_signed
from sandogh.server.centre import CentreDep
from sandogh.server.errors import ApiError, documented
from sandogh.server.models import (
    DeviceBody,
    DeviceKey,
    ElectionPath,
    EnrolmentDocument,
    EnrolRequest,
)
from sandogh.server.sessions import SignedInDep, authorise
from sandogh.services.devices import (
    EnrolmentError,
    EnrolmentRefusal,
    RevocationError,
    RevocationRefusal,
    enrol_device,
    revoke_device,
)
from sandogh.services.enrolment import Enrolment
from sandogh.services.ports import Device
from sandogh.wire import api_paths
from sandogh.wire.request_signing import timestamp

router = APIRouter(tags=["devices"])

ENROLMENT_FORMAT = "sandogh/enrolment@1"

#: Each refusal's status, and the field of the request it is about.
_ENROLMENT_REFUSAL = {
    EnrolmentRefusal.UNKNOWN_STATION: (404, "station"),
    EnrolmentRefusal.NOT_A_STATION: (422, "station"),
    EnrolmentRefusal.STATION_NOT_IN_CONTEST: (422, "station"),
    EnrolmentRefusal.MALFORMED_KEY: (400, "device"),
    EnrolmentRefusal.KEY_ENROLLED: (409, "device"),
    EnrolmentRefusal.MODE_NOT_APPROVED: (409, "station"),
    EnrolmentRefusal.NO_BUILD: (403, "build"),
    EnrolmentRefusal.UNAPPROVED_BUILD: (403, "build"),
    EnrolmentRefusal.REVOKED_BUILD: (403, "build"),
    EnrolmentRefusal.NOT_DRAWN: (409, "station"),
}
_REVOCATION_STATUS = {RevocationRefusal.UNKNOWN_DEVICE: 404, RevocationRefusal.ALREADY_REVOKED: 409}


@router.post(
    api_paths.DEVICES,
    status_code=201,
    response_model=EnrolmentDocument,
    responses=documented(
        400,
        401,
        403,
        404,
        409,
        422,
        also={200: {"model": EnrolmentDocument, "description": "already enrolled"}},
    ),
    summary="Enrol a ballot box for its station",
    operation_id="enrol_device",
)
def enrol(
    election_id: ElectionPath,
    body: EnrolRequest,
    request: Request,
    centre: CentreDep,
    operator: SignedInDep,
) -> JSONResponse:
    authorise(request, centre, operator, Action.MANAGE_DEVICES, body.station)
    path = api_paths.fill(api_paths.DEVICES, election_id=election_id)
    key = require_signed(centre, "POST", path, body)
    try:
        enrolment = enrol_device(
            centre.uow,
            election_id=election_id,
            station=body.station,
            public_key_hex=key,
            now=centre.clock(),
            build=body.build,
            actor=operator.account.username,
            role=operator.account.grant.role.value,
        )
    except EnrolmentError as refused:
        status, field = _ENROLMENT_REFUSAL[refused.reason]
        raise ApiError(
            status, refused.reason.value, str(refused), [Problem(field, str(refused))]
        ) from refused
    # returned as built: the contests are already in the definition file's own JSON form
    return JSONResponse(_document(enrolment), status_code=201 if enrolment.created else 200)


@router.delete(
    api_paths.DEVICE,
    response_model=DeviceBody,
    responses=documented(400, 401, 403, 404, 409),
    summary="Revoke a ballot box: its requests and reports are refused from now on",
    operation_id="revoke_device",
)
def revoke(
    election_id: ElectionPath,
    key: Annotated[DeviceKey, Path(description="the device's key, ed25519:HEX")],
    request: Request,
    centre: CentreDep,
    operator: SignedInDep,
) -> DeviceBody:
    public_key = key.removeprefix("ed25519:")
    with centre.uow() as work:
        held = work.devices.get(election_id, public_key)
    # the box's station, or (no such box) the operator's own place: one without the right
    # anywhere learns nothing of which keys are enrolled
    place = operator.account.grant.place if held is None else held.station
    authorise(request, centre, operator, Action.MANAGE_DEVICES, place)
    try:
        device = revoke_device(
            centre.uow,
            election_id=election_id,
            public_key_hex=public_key,
            now=centre.clock(),
            actor=operator.account.username,
            role=operator.account.grant.role.value,
        )
    except RevocationError as refused:
        raise ApiError(
            _REVOCATION_STATUS[refused.reason], refused.reason.value, str(refused)
        ) from refused
    return device_body(device)


def device_body(device: Device) -> DeviceBody:
    return DeviceBody(
        key=f"ed25519:{device.public_key}",
        election=device.election,
        station=device.station,
        enrolled_at=timestamp(device.enrolled_at),
        revoked_at=None if device.revoked_at is None else timestamp(device.revoked_at),
    )


def _document(enrolment: Enrolment) -> dict[str, JSONValue]:
    # the definition file's writer, given a day of the station's unit and contests alone
    alone = Election(
        enrolment.election, enrolment.name, enrolment.date, (enrolment.unit,), enrolment.contests
    )
    written = json.loads(canonical_bytes(alone))
    document: dict[str, JSONValue] = {
        "format": ENROLMENT_FORMAT,
        "created": enrolment.created,
        "device": device_body(enrolment.device).model_dump(mode="json"),
        "election": {
            "id": enrolment.election,
            "name": {"fa": enrolment.name.fa, "en": enrolment.name.en},
            "date": enrolment.date.isoformat(),
        },
        "definition_hash": enrolment.definition_hash,
        "unit": written["units"][0],
        "contests": written["contests"],
        "ballot": [
            {"contest": item.contest, "seats": item.seats, "candidates": list(item.candidates)}
            for item in enrolment.ballot
        ],
        "staff": [
            {"person": member.person, "role": member.role.value, "key": member.key.text}
            for member in enrolment.staff
        ],
        "voting": {
            "mode": enrolment.mode.value,
            "approvals": [
                {
                    "contest": a.contest,
                    "constituency": a.constituency,
                    "body": a.body.value,
                    "reference": a.reference,
                }
                for a in enrolment.approvals
            ],
        },
    }
    if enrolment.withdrawn:  # issue 12: the ballot marks them
        document["withdrawn"] = [
            {"contest": w.contest, "candidate": w.candidate, "printing": w.printing.value}
            for w in enrolment.withdrawn
        ]
    if enrolment.polling:  # issue 12: the box opens on no other day
        document["polling"] = [
            {
                "contest": contest,
                "first": window.first.isoformat(),
                "last": window.last.isoformat(),
                "closes": None if window.closes is None else window.closes.isoformat("minutes"),
            }
            for contest, window in enrolment.polling
        ]
    if enrolment.e2e is not None:  # docs/e2e.md §7: the box then encrypts every ballot
        joint_key, extended_hash = enrolment.e2e
        document["e2e"] = {
            "group": RISTRETTO255.name,
            "joint_key": joint_key,
            "extended_hash": extended_hash,
        }
    return document
