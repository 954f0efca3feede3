"""What the station app needs from outside the box, each behind a small interface with a fake.

The centre is reached over the network, which may be down (DESIGN.md §3: a station keeps working
when the network or the centre is down, and loses nothing), so every call can raise
`CentreUnreachableError`; a refusal by the centre is an answer, not an outage.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from sandogh.core.errors import SandoghError


class CentreUnreachableError(SandoghError):
    """The centre did not answer (network down, timeout, server error): try again later."""


class CentreRefusedError(SandoghError):
    """The centre answered no: `reason` is the machine-readable reason it gave."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class CheckInAnswer:
    """A ballot card for `contests`, or a refusal with the centre's reason (never where/when).
    With a card, the registry's `name` and `photo` (a JPEG or PNG) of the voter where it has
    them, for the staff to compare with the person in front of them (issue 13)."""

    token: str | None
    contests: tuple[str, ...]
    refusal: str | None = None
    name: str | None = None
    photo: bytes | None = None


@dataclass(frozen=True)
class LookUpAnswer:
    """Whom the registry names for a code, who may vote at the station now in `contests`, or
    the centre's refusal (then no name or photo): nothing is recorded (issue 13)."""

    contests: tuple[str, ...]
    refusal: str | None = None
    name: str | None = None
    photo: bytes | None = None


@dataclass(frozen=True)
class OfflineCheckIn:
    national_code: str
    at: datetime.datetime


@dataclass(frozen=True)
class Backlog:
    """What a box's outbox still holds besides what a request from it carries: told to the
    centre with the request, for its operators' metrics (docs/deployment.md, "Metrics")."""

    station: str
    items: int


class CentreClient(Protocol):
    """The station's view of the central service; every request is signed with the device key."""

    def enrol(
        self, *, election: str, station: str, build: str | None = None
    ) -> Mapping[str, object]:
        """Register this device's public key for the station, stating the `build` it runs (the
        centre refuses one not approved); returns the station's definition (the enrolment
        document) with the definition hash."""

    def look_up(self, *, election: str, station: str, national_code: str) -> LookUpAnswer:
        """What a check-in would answer now, with the registry's name and photo, recording
        nothing: for the staff to compare them with the person before the check-in."""

    def check_in(self, *, election: str, station: str, national_code: str) -> CheckInAnswer: ...

    def sync_check_ins(
        self,
        *,
        election: str,
        station: str,
        entries: Sequence[OfflineCheckIn],
        backlog: Backlog | None = None,
    ) -> Mapping[str, object]: ...

    def send_report(self, signed: bytes, backlog: Backlog | None = None) -> Mapping[str, object]:
        """Deliver a signed station report; the same bytes twice is accepted once."""

    def send_chain(self, chain: bytes, backlog: Backlog | None = None) -> Mapping[str, object]:
        """Deliver an E2E box's chain file (docs/e2e.md §7), which its final report closes; the
        same bytes twice is accepted once."""


class Printer(Protocol):
    """The box's printer: reports for the staff, and the voter's paper copy, which drops into
    the sealed box under it."""

    def print_lines(self, lines: Sequence[str], *, qr: Sequence[bytes] = ()) -> None:
        """A report, or any page for the staff."""

    def print_copy(self, lines: Sequence[str]) -> None:
        """A voter's paper copy: onto paper only, never kept on the box's disk, where copies
        would lie in the order of voting (issue 9 §1)."""


class CardReader(Protocol):
    """The box's ballot card reader: the voter puts the card charged at check-in into it, and
    the screen asks the reader, again and again, which card is in it."""

    def card(self) -> str | None:
        """The token of the card in the reader now, or None when there is none."""


class CardWriterError(SandoghError):
    """The card writer did not write the card (no blank card in it, out of paper, unplugged)."""


class CardWriter(Protocol):
    """The check-in desk's ballot card writer: it writes the card charged at check-in (its token
    as a QR code printed on a card, or into a card's chip), so that no one reads or types the
    token, and it is never on a screen beside the voter's name (review S21 F2)."""

    def write(self, token: str) -> None:
        """A card of `token`, handed out by the writer; `CardWriterError` if it could not."""
