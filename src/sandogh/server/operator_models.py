"""The bodies of the operators' API (docs/api.md, "Operators"), as pydantic models.

Requests are read strictly, as the station API's are (`server.models`). A log-in takes any
username of up to 64 characters, so that a malformed one is refused like any unknown one; an
account's username is made to `services.operators.USERNAME`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from sandogh.core.access import Role
from sandogh.core.definition.identifiers import CODE
from sandogh.services.operators import MAX_DISPLAY_NAME, MAX_PASSWORD, USERNAME

Username = Annotated[
    str,
    StringConstraints(pattern=f"^{USERNAME.pattern}$"),
    Field(description="3 to 64 of a-z 0-9 . _ -, starting with a letter"),
]
UsernamePath = Annotated[
    str,
    StringConstraints(pattern=f"^{USERNAME.pattern}$"),
    Path(description="the account's username"),
]
PlaceCode = Annotated[
    str,
    StringConstraints(pattern=f"^{CODE.pattern}$", max_length=64),
    Field(description="a unit code of the stored election days' geography (IR, IR-08, …)"),
]
Password = Annotated[str, StringConstraints(min_length=1, max_length=MAX_PASSWORD)]
RoleField = Annotated[Role, Field(strict=False, description="the role (DESIGN.md §6)")]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class LoginRequest(_Request):
    username: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    password: Password
    totp: Annotated[
        str | None,
        StringConstraints(pattern=r"^[0-9۰-۹٠-٩]{6}$"),  # read as ASCII by `TotpFactor.step`
        Field(
            description="the authenticator's 6-digit code, in ASCII or Persian digits; "
            "required for privileged roles"
        ),
    ] = None


class NewUserRequest(_Request):
    username: Username
    display_name: Annotated[str, StringConstraints(min_length=1, max_length=MAX_DISPLAY_NAME)]
    role: RoleField
    place: PlaceCode
    password: Password
    totp: bool = Field(
        default=False, description="issue a TOTP secret; privileged roles always get one"
    )


class GrantRequest(_Request):
    role: RoleField
    place: PlaceCode


class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SessionBody(_Answer):
    """The signed-in operator; `csrf_token` goes in the X-CSRF-Token header of every request
    that changes something."""

    username: str
    display_name: str
    role: Role
    place: str
    second_factor: bool
    csrf_token: str
    expires_at: str


class UserBody(_Answer):
    username: str
    display_name: str
    role: Role
    place: str
    second_factor: bool
    disabled: bool
    failures: int = Field(description="consecutive failed log-ins")
    locked_until: str | None
    added_at: str


class ChangedUserBody(_Answer):
    """An account after a change; `totp_uri` only when a TOTP secret was just issued: shown
    this once, for the operator's authenticator app, and never again."""

    user: UserBody
    totp_uri: str | None


class UsersBody(_Answer):
    users: list[UserBody]
