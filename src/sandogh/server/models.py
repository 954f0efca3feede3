"""The bodies of the station API (docs/api.md), as pydantic models: its OpenAPI schemas.

Requests are read strictly: unknown fields are refused, a string is never taken for a number nor a
number for a string, and every field a signed request carries is a string or a list of objects of
strings, so that the body the centre validates dumps back to exactly the JSON the box signed
(`request_signing`). Times are RFC 3339 with a zone, kept as text for the same reason.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from fastapi import Path
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from sandogh.core.definition.identifiers import CODE, ELECTION_ID
from sandogh.core.report import ReportKind
from sandogh.core.voters import CodeFault
from sandogh.formats.definition_schema import Contest, Unit
from sandogh.services.check_in_rules import RefusalReason

#: The most offline check-ins one sync may carry: a station's whole day, several times over.
MAX_SYNC_ENTRIES = 10_000

_RFC3339 = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$"


def parse_time(text: str) -> datetime.datetime:
    """A time as the API writes it (the form is checked by `Timestamp`)."""
    return datetime.datetime.fromisoformat(text)


def _real_time(text: str) -> str:
    parse_time(text)  # a ValueError (month 13, hour 25) is reported as the field's problem
    return text


Timestamp = Annotated[
    str,
    StringConstraints(pattern=_RFC3339),
    AfterValidator(_real_time),
    Field(description="RFC 3339 with a zone, e.g. 2024-07-05T04:30:00.000Z"),
]
ElectionPath = Annotated[
    str,
    StringConstraints(pattern=f"^{ELECTION_ID.pattern}$", max_length=64),
    Path(description="the election day's id"),
]
BuildText = Annotated[
    str,
    StringConstraints(pattern=r"^sha256:[0-9a-f]{64}$"),
    Field(description="a box's build: sha256: and 64 lowercase hex digits (docs/fleet.md)"),
]
StationCode = Annotated[str, StringConstraints(pattern=f"^{CODE.pattern}$", max_length=64)]
DeviceKey = Annotated[
    str,
    StringConstraints(pattern=r"^ed25519:[0-9a-f]{64}$"),
    Field(description="an Ed25519 public key: ed25519: and 64 lowercase hex digits"),
]
Signature = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9a-f]{128}$"),
    Field(description="Ed25519 signature, 128 lowercase hex digits (docs/api.md)"),
]
NationalCodeText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=32),
    Field(description="as typed: Persian, Arabic-Indic or ASCII digits, spaces and dashes"),
]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class SignedBody(_Request):
    """Signed by the device's key (docs/api.md, "Signed requests")."""

    device: DeviceKey
    at: Timestamp
    signature: Signature


class EnrolRequest(SignedBody):
    """A ballot box asking to serve `station`; the operator's token is in the header."""

    station: StationCode
    build: BuildText | None = Field(
        default=None,
        description="the build the box runs (docs/fleet.md §1); once builds are approved for "
        "the day, a box naming none, or one not approved, is refused",
    )


class CheckInRequest(SignedBody):
    station: StationCode
    national_code: NationalCodeText


class OfflineEntry(_Request):
    national_code: NationalCodeText
    at: Timestamp


class SyncRequest(SignedBody):
    station: StationCode
    entries: Annotated[list[OfflineEntry], Field(max_length=MAX_SYNC_ENTRIES)]


# ---- answers ---------------------------------------------------------------------------------


class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DeviceBody(_Answer):
    key: DeviceKey
    election: str
    station: str
    enrolled_at: str
    revoked_at: str | None


class NameBody(_Answer):
    fa: str
    en: str


class ElectionBody(_Answer):
    id: str
    name: NameBody
    date: datetime.date


class BallotContestBody(_Answer):
    """A contest as the station's ballot shows it: the seats and candidate codes of its
    constituency there."""

    contest: str
    seats: int
    candidates: list[str]


class WithdrawalBody(_Answer):
    """A candidate of the station who withdrew (انصراف), and whether before or after printing."""

    contest: str
    candidate: str
    printing: Literal["before-printing", "after-printing"]


class StaffMemberBody(_Answer):
    """A member of the station's staff registered to sign its reports."""

    person: str
    role: Literal["head", "secretary", "member", "supervisor"]
    key: str = Field(description="ed25519: and 64 lowercase hex digits")


class E2EContextBody(_Answer):
    group: Literal["ristretto255"]
    joint_key: str = Field(description="K, the guardians' joint key: 64 lowercase hex digits")
    extended_hash: str = Field(description="HE, the extended base hash: 64 lowercase hex digits")


class ModeApprovalBody(_Answer):
    """A supervisory body's approval of the station's voting mode in one contest."""

    contest: str
    constituency: str
    body: Literal["guardian-council", "majlis"]
    reference: str = Field(description="the body's decision")


class VotingBody(_Answer):
    """How the station votes, as the definition states it, and the approvals that cover it."""

    mode: Literal["electronic", "semi-electronic", "paper"]
    approvals: list[ModeApprovalBody] = Field(
        description="one per contest of the station when its mode needs the competent body's "
        "approval (electronic): the box does not open without them"
    )


class PollingDayBody(_Answer):
    """A contest's polling days (Iran's time), both included, and the latest close."""

    contest: str
    first: str = Field(description="ISO 8601 date")
    last: str = Field(description="ISO 8601 date")
    closes: str | None = Field(description="HH:MM on the last day: the last extension, if any")


class EnrolmentDocument(_Answer):
    """What an enrolled box receives: only what its station needs (DESIGN.md §3)."""

    format: Literal["sandogh/enrolment@1"]
    created: bool = Field(description="false: this key was already enrolled for the station")
    device: DeviceBody
    election: ElectionBody
    definition_hash: str
    unit: Unit = Field(description="the station's unit, as in the definition file")
    contests: list[Contest] = Field(
        description="each contest of the station, as in the definition file, cut down to its "
        "constituency there with its candidates"
    )
    ballot: list[BallotContestBody]
    staff: list[StaffMemberBody] = Field(
        description="the station's registered staff, by role then key: the keys that may sign "
        "its reports and open its count"
    )
    voting: VotingBody
    e2e: E2EContextBody | None = Field(
        default=None,
        description="present once the election's E2E ceremony record is loaded: the box "
        "encrypts every ballot under this key (docs/e2e.md §7)",
    )
    withdrawn: list[WithdrawalBody] = Field(
        default_factory=list,
        description="the station's candidates who withdrew; absent when none has (the ballot "
        "marks them)",
    )
    polling: list[PollingDayBody] = Field(
        default_factory=list,
        description="the polling window of each contest of the station the stored calendar "
        "schedules, closing at the latest hour; the box opens on no other day; absent when no "
        "calendar is stored",
    )


class WithheldBody(_Answer):
    """A contest of the station left off the card, and why; never where the voter voted."""

    contest: str
    reason: RefusalReason


class BallotCardBody(_Answer):
    """Leave to vote once, in exactly `contests`; the token is not stored by the centre."""

    outcome: Literal["ballot-card"]
    token: str
    election: str
    station: str
    contests: list[BallotContestBody]
    withheld: list[WithheldBody]
    name: str | None = Field(
        default=None, description="The voter's name as the civil registry has it, if it has one"
    )
    photo: str | None = Field(
        default=None,
        description="The voter's photo (a JPEG or PNG) in base64, if the civil registry has one:"
        " the station's staff compare the name and photo with the person in front of them",
    )


class RefusedBody(_Answer):
    """No ballot card, and why; never where or when the voter voted."""

    outcome: Literal["refused"]
    reason: RefusalReason
    also: list[RefusalReason]
    code_fault: CodeFault | None
    of_age_on: datetime.date | None


CheckInAnswerBody = Annotated[BallotCardBody | RefusedBody, Field(discriminator="outcome")]


class MayVoteBody(_Answer):
    """Whom the civil registry names for the code, who may vote here now in `contests`: nothing
    is recorded until the staff, having compared them with the person, ask for the card."""

    outcome: Literal["may-vote"]
    contests: list[BallotContestBody]
    withheld: list[WithheldBody]
    name: str | None = Field(
        default=None, description="The voter's name as the civil registry has it, if it has one"
    )
    photo: str | None = Field(
        default=None,
        description="The voter's photo (a JPEG or PNG) in base64, if the civil registry has one",
    )


LookUpAnswerBody = Annotated[MayVoteBody | RefusedBody, Field(discriminator="outcome")]


class SyncedBody(_Answer):
    """Entries now in the ledger, entries it held from an earlier try of the same sync, and
    voters it held from another check-in, each now an incident for the supervisors."""

    recorded: int
    already: int
    duplicates: int


class IngestedBody(_Answer):
    election: str
    station: str
    kind: ReportKind
    report_hash: str
    sheets: int
    duplicate: bool = Field(description="true: the centre already held this report")


class ReceivedChainBody(_Answer):
    election: str
    station: str
    chain_hash: str = Field(description="sha256: and the hex SHA-256 of the chain file's bytes")
    cast: int
    challenged: int
    duplicate: bool = Field(description="true: the centre already held this chain")


class HealthBody(_Answer):
    status: Literal["ok"]
    version: str
