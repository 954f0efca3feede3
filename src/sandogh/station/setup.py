"""What a box is set up with at enrolment: its station, the definition hash, its ballot, and its
policy for when the centre cannot be reached.

DESIGN.md §3: a box is enrolled for one station and receives the definition hash and only what its
station needs. The enrolment document is the centre's answer (docs/api.md, format
`sandogh/enrolment@1`, `server.models.EnrolmentDocument`); the box relies on `format`,
`election.id`, `device.station`, `definition_hash`, `ballot` (a list of `{"contest", "seats",
"candidates"}`, as `core.report.BallotContest`) and `staff` (the station's registered staff, a list
of `{"person", "role", "key"}`: the keys that sign its reports) and `voting` (the station's mode
and its approvals, `station.voting_mode`) and `polling` (the days it may open, once a calendar is
stored: `station.polling_days`), and keeps the whole document
verbatim for its screens (names, the unit, the contests cut to its constituency).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from sandogh.core.definition.model import VotingMode
from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.ballot import ElectionContext
from sandogh.core.e2e.group import RISTRETTO255
from sandogh.core.report import BallotContest, PublicKey, StaffRole
from sandogh.core.report.digests import DIGEST
from sandogh.core.report.keys import KEY_TEXT
from sandogh.station.errors import EnrolmentDocumentError
from sandogh.station.polling_days import PollingDay, read_polling
from sandogh.station.voting_mode import read_voting

ENROLMENT_FORMAT = "sandogh/enrolment@1"
_HEX = re.compile("[0-9a-f]{64}")


class OfflinePolicy(StrEnum):
    """What the box does with a voter while the centre is unreachable (DESIGN.md §3)."""

    REFUSE = "refuse"  # the voter waits or comes back: no one votes unchecked
    PROVISIONAL = "provisional"  # checked in locally, synced later; duplicates become incidents


@dataclass(frozen=True)
class StaffMember:
    """A member of the station's staff as registered at the centre, with the key they sign with."""

    person: str
    role: StaffRole
    key: PublicKey


@dataclass(frozen=True)
class StationSetup:
    election: str
    station: str
    definition_hash: str
    ballot: tuple[BallotContest, ...]
    policy: OfflinePolicy
    staff: tuple[StaffMember, ...] = ()
    e2e: ElectionContext | None = None  # None: a box that casts plain records only
    mode: VotingMode = VotingMode.PAPER  # the station's, and the contests approved for it
    approved: tuple[str, ...] = ()
    polling: tuple[PollingDay, ...] = ()  # the days it may open (`station.polling_days`)

    @property
    def contests(self) -> tuple[str, ...]:
        return tuple(item.contest for item in self.ballot)


def read_enrolment(
    document: Mapping[str, object], *, election: str, station: str, policy: OfflinePolicy
) -> StationSetup:
    """The setup in `document`, which must be for `election` and `station`; every field that is
    missing, of a wrong form or for another station raises `EnrolmentDocumentError`."""
    problems: list[Problem] = []
    if document.get("format") != ENROLMENT_FORMAT:
        problems.append(Problem("format", f"{document.get('format')!r} is not {ENROLMENT_FORMAT}"))
    for path, found, wanted in (
        ("election.id", _field(document, "election", "id"), election),
        ("device.station", _field(document, "device", "station"), station),
    ):
        if found != wanted:
            problems.append(Problem(path, f"{found!r} is not {wanted!r}"))
    definition_hash = document.get("definition_hash")
    if not isinstance(definition_hash, str) or not DIGEST.fullmatch(definition_hash):
        problems.append(Problem("definition_hash", f"{definition_hash!r} is not sha256:HEX"))
    ballot = _ballot(document.get("ballot"), problems)
    staff = read_staff(document.get("staff"), problems)
    e2e = read_e2e(document.get("e2e"), problems)
    mode, approved = read_voting(document.get("voting"), problems)
    polling = read_polling(document.get("polling"), problems)
    if problems or not isinstance(definition_hash, str):
        raise EnrolmentDocumentError(problems)
    return StationSetup(
        election, station, definition_hash, ballot, policy, staff, e2e, mode, approved, polling
    )


def read_e2e(value: object, problems: list[Problem]) -> ElectionContext | None:
    """The `e2e` of an enrolment document, None when it has none; what is wrong goes into
    `problems`."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        problems.append(Problem("e2e", "must be an object"))
        return None
    found = len(problems)
    group, key, extended = value.get("group"), value.get("joint_key"), value.get("extended_hash")
    if group != RISTRETTO255.name:
        problems.append(Problem("e2e.group", f"{group!r} is not {RISTRETTO255.name}"))
    for name, given in (("joint_key", key), ("extended_hash", extended)):
        if not isinstance(given, str) or _HEX.fullmatch(given) is None:
            problems.append(Problem(f"e2e.{name}", f"{given!r} is not 64 lower-case hex digits"))
    if len(problems) > found or not isinstance(key, str) or not isinstance(extended, str):
        return None
    if not RISTRETTO255.is_element(bytes.fromhex(key)):
        problems.append(Problem("e2e.joint_key", f"{key} is not an element of ristretto255"))
        return None
    return ElectionContext(RISTRETTO255, bytes.fromhex(extended), bytes.fromhex(key))


def read_staff(value: object, problems: list[Problem]) -> tuple[StaffMember, ...]:
    """The `staff` of an enrolment document; what is wrong goes into `problems`."""
    if not isinstance(value, list):
        problems.append(Problem("staff", "must be a list of the station's registered staff"))
        return ()
    staff = []
    for i, item in enumerate(value):
        path = f"staff[{i}]"
        if not isinstance(item, Mapping):
            problems.append(Problem(path, "must be an object"))
            continue
        person, role, key = item.get("person"), item.get("role"), item.get("key")
        found = len(problems)
        if not isinstance(person, str) or not person:
            problems.append(Problem(f"{path}.person", "must be the staff member's name"))
        if role not in {r.value for r in StaffRole}:
            problems.append(Problem(f"{path}.role", f"{role!r} is not a staff role"))
        if not isinstance(key, str) or KEY_TEXT.fullmatch(key) is None:
            problems.append(Problem(f"{path}.key", f"{key!r} is not ed25519: and 64 hex digits"))
        if len(problems) == found and isinstance(person, str) and isinstance(key, str):
            staff.append(StaffMember(person, StaffRole(str(role)), PublicKey.from_text(key)))
    problems.extend(
        Problem("staff", f"{key.text} is listed {n} times")
        for key, n in Counter(member.key for member in staff).items()
        if n > 1
    )
    return tuple(staff)


def _field(document: Mapping[str, object], name: str, inner: str) -> object:
    value = document.get(name)
    return value.get(inner) if isinstance(value, Mapping) else None


def _ballot(value: object, problems: list[Problem]) -> tuple[BallotContest, ...]:
    if not isinstance(value, list) or not value:
        problems.append(Problem("ballot", "must be a list of the station's contests"))
        return ()
    ballot = [
        contest
        for i, item in enumerate(value)
        if (contest := _contest(item, f"ballot[{i}]", problems)) is not None
    ]
    problems.extend(
        Problem("ballot", f"contest {contest} is listed {n} times")
        for contest, n in Counter(item.contest for item in ballot).items()
        if n > 1
    )
    return tuple(ballot)


def _contest(item: object, path: str, problems: list[Problem]) -> BallotContest | None:
    if not isinstance(item, Mapping):
        problems.append(Problem(path, "must be an object"))
        return None
    contest, seats, candidates = item.get("contest"), item.get("seats"), item.get("candidates")
    found: list[Problem] = []
    if not isinstance(contest, str) or not contest:
        found.append(Problem(f"{path}.contest", "must be a contest id"))
    if not isinstance(seats, int) or isinstance(seats, bool) or seats < 1:
        found.append(Problem(f"{path}.seats", f"{seats!r} is not a number of seats"))
    if not isinstance(candidates, list) or not all(
        isinstance(code, str) and code for code in candidates
    ):
        found.append(Problem(f"{path}.candidates", "must be a list of candidate codes"))
    elif len(set(candidates)) != len(candidates):
        found.append(Problem(f"{path}.candidates", "a code is listed twice"))
    if found or not isinstance(contest, str) or not isinstance(seats, int):
        problems.extend(found)
        return None
    return BallotContest(contest, seats, tuple(str(code) for code in candidates or ()))
