"""The operators' API: log in and out, who am I, and managing accounts (docs/api.md, "Operators").

`services.sessions` and `services.operators` over HTTP. A failed log-in is answered 401 with one
body, whatever the cause; a throttled caller 429, before anything is checked (`throttle_gate`
answers it at the door once this process knows). Managing accounts needs a session, its CSRF
header, and a grant that may manage the account (`core.access.may_administer`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from sandogh.core.access import Action, Grant
from sandogh.core.definition.problems import Problem
from sandogh.server.centre import CentreDep
from sandogh.server.errors import ApiError, ErrorBody, documented
from sandogh.server.operator_models import (
    ChangedUserBody,
    GrantRequest,
    LoginRequest,
    NewUserRequest,
    PlaceCode,
    SessionBody,
    UserBody,
    UsernamePath,
    UsersBody,
)
from sandogh.server.sessions import (
    SignedInDep,
    desk_of,
    log_in_request,
    log_out_request,
    require,
    signed_in,
    start_session,
)
from sandogh.server.throttle_gate import LOGIN_PATH, throttled_response
from sandogh.services.operators import (
    AccountChange,
    Actor,
    OperatorError,
    OperatorRefusal,
    add_user,
    change_role,
    disable_user,
    list_users,
    unlock_user,
)
from sandogh.services.ports import OperatorAccount
from sandogh.services.sessions import LoginError, SignedIn
from sandogh.wire.api_paths import ROOT
from sandogh.wire.request_signing import timestamp

SESSION = LOGIN_PATH
USERS = f"{ROOT}/users"
USER = f"{ROOT}/users/{{username}}"

router = APIRouter(tags=["operators"])

_STATUS = {
    OperatorRefusal.BAD_USERNAME: 422,
    OperatorRefusal.BAD_DISPLAY_NAME: 422,
    OperatorRefusal.WEAK_PASSWORD: 422,
    OperatorRefusal.UNKNOWN_PLACE: 422,
    OperatorRefusal.UNKNOWN_ACCOUNT: 404,
    OperatorRefusal.USERNAME_TAKEN: 409,
    OperatorRefusal.NOT_ALLOWED: 403,
    OperatorRefusal.DISABLED: 409,
    OperatorRefusal.NOT_LOCKED: 409,
}
_FIELD = {
    OperatorRefusal.BAD_USERNAME: "username",
    OperatorRefusal.BAD_DISPLAY_NAME: "display_name",
    OperatorRefusal.WEAK_PASSWORD: "password",
    OperatorRefusal.UNKNOWN_PLACE: "place",
}
_THROTTLED: dict[int | str, dict[str, Any]] = {
    429: {
        "model": ErrorBody,
        "description": "too many failed log-ins from the caller's address or network; "
        "Retry-After says when to try again",
    }
}
_LOGIN_FAILED = "the username, password or code is wrong, or the account may not log in now"


@router.post(
    SESSION,
    status_code=201,
    response_model=SessionBody,
    responses=documented(400, 401, also=_THROTTLED),
    summary="Log in: a session cookie and the CSRF token",
    operation_id="log_in",
)
def log_in_endpoint(body: LoginRequest, request: Request, centre: CentreDep) -> JSONResponse:
    try:
        opened = log_in_request(request, centre, body.username, body.password, body.totp)
    except LoginError as refused:
        retry_at = refused.retry_at
        if refused.throttled and retry_at is not None:
            return throttled_response(retry_at, centre.clock())
        raise ApiError(401, "login-failed", _LOGIN_FAILED) from refused
    answer = JSONResponse(_session_body(opened).model_dump(mode="json"), status_code=201)
    start_session(answer, request, opened)
    return answer


@router.get(
    SESSION,
    response_model=SessionBody,
    responses=documented(401),
    summary="Who is logged in: the session's operator and CSRF token",
    operation_id="who_am_i",
)
def who_am_i(operator: SignedInDep) -> SessionBody:
    return _session_body(operator)


@router.delete(
    SESSION,
    status_code=204,
    response_class=Response,
    responses=documented(401, 403),
    summary="Log out: end the session",
    operation_id="log_out",
    dependencies=[Depends(signed_in)],
)
def log_out_endpoint(request: Request, centre: CentreDep) -> Response:
    desk = desk_of(request)
    log_out_request(request, centre)
    answer = Response(status_code=204)
    answer.delete_cookie(desk.cookie, path="/", secure=desk.settings.secure_cookies, httponly=True)
    return answer


def _place_asked(
    place: Annotated[PlaceCode, Query(description="list the accounts at this place and below")],
) -> str:
    return place


@router.get(
    USERS,
    response_model=UsersBody,
    responses=documented(400, 401, 403, 404),
    summary="The accounts at a place and below it",
    operation_id="list_users",
    dependencies=[Depends(require(Action.MANAGE_USERS, _place_asked))],
)
def list_users_endpoint(
    centre: CentreDep, place: Annotated[str, Depends(_place_asked)]
) -> UsersBody:
    return UsersBody(users=[_user_body(a) for a in list_users(centre.uow, under=place)])


@router.post(
    USERS,
    status_code=201,
    response_model=ChangedUserBody,
    responses=documented(400, 401, 403, 409, 422),
    summary="Add an operator's account",
    operation_id="add_user",
)
def add_user_endpoint(
    body: NewUserRequest, request: Request, centre: CentreDep, operator: SignedInDep
) -> JSONResponse:
    desk = desk_of(request)
    changed = _managing(
        lambda actor: add_user(
            centre.uow,
            actor=actor,
            username=body.username,
            display_name=body.display_name,
            grant=Grant(body.role, body.place),
            password=body.password,
            second_factor=body.totp,
            hasher=desk.passwords,
            factor=desk.factor,
            now=centre.clock(),
        ),
        operator,
    )
    return JSONResponse(_changed_body(changed).model_dump(mode="json"), status_code=201)


@router.patch(
    USER,
    response_model=ChangedUserBody,
    responses=documented(400, 401, 403, 404, 409, 422),
    summary="Give an account another role or place",
    operation_id="change_role",
)
def change_role_endpoint(
    username: UsernamePath,
    body: GrantRequest,
    request: Request,
    centre: CentreDep,
    operator: SignedInDep,
) -> ChangedUserBody:
    factor = desk_of(request).factor
    grant = Grant(body.role, body.place)
    return _changed_body(
        _managing(
            lambda actor: change_role(
                centre.uow,
                actor=actor,
                username=username,
                grant=grant,
                factor=factor,
                now=centre.clock(),
            ),
            operator,
        )
    )


@router.post(
    f"{USER}/disable",
    response_model=ChangedUserBody,
    responses=documented(400, 401, 403, 404, 409),
    summary="Disable an account for good and end its sessions",
    operation_id="disable_user",
)
def disable_endpoint(
    username: UsernamePath, centre: CentreDep, operator: SignedInDep
) -> ChangedUserBody:
    return _changed_body(
        _managing(
            lambda actor: disable_user(
                centre.uow, actor=actor, username=username, now=centre.clock()
            ),
            operator,
        )
    )


@router.post(
    f"{USER}/unlock",
    response_model=ChangedUserBody,
    responses=documented(400, 401, 403, 404, 409),
    summary="Clear an account's failed log-ins and lock (a higher grant only)",
    operation_id="unlock_user",
)
def unlock_endpoint(
    username: UsernamePath, centre: CentreDep, operator: SignedInDep
) -> ChangedUserBody:
    return _changed_body(
        _managing(
            lambda actor: unlock_user(
                centre.uow, actor=actor, username=username, now=centre.clock()
            ),
            operator,
        )
    )


def _managing(use_case: Callable[[Actor], AccountChange], operator: SignedIn) -> AccountChange:
    actor = Actor(operator.account.username, operator.account.grant)
    try:
        return use_case(actor)
    except OperatorError as refused:
        field = _FIELD.get(refused.reason)
        problems = [] if field is None else [Problem(field, str(refused))]
        raise ApiError(
            _STATUS[refused.reason], refused.reason.value, str(refused), problems
        ) from refused


def _session_body(operator: SignedIn) -> SessionBody:
    account, session = operator.account, operator.session
    return SessionBody(
        username=account.username,
        display_name=account.display_name,
        role=account.grant.role,
        place=account.grant.place,
        second_factor=account.totp_sealed is not None,
        csrf_token=session.csrf_token,
        expires_at=timestamp(session.expires_at),
    )


def _user_body(account: OperatorAccount) -> UserBody:
    locked = account.lockout.locked_until
    return UserBody(
        username=account.username,
        display_name=account.display_name,
        role=account.grant.role,
        place=account.grant.place,
        second_factor=account.totp_sealed is not None,
        disabled=account.disabled,
        failures=account.lockout.failures,
        locked_until=None if locked is None else timestamp(locked),
        added_at=timestamp(account.added_at),
    )


def _changed_body(changed: AccountChange) -> ChangedUserBody:
    return ChangedUserBody(user=_user_body(changed.account), totp_uri=changed.totp_uri)
