"""Why the ballot box refuses something: each failure typed, with every problem and its path.

DESIGN.md §2: validators return every problem with its path and failures are typed exceptions
carrying them. Actions the station's phase does not allow raise `core.station`'s
`ActionRefusedError` instead; the centre's own refusals are `ports.CentreRefusedError`.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError


class StationError(SandoghError):
    """A failure of the station app; `problems` lists every one, each with its path."""

    def __init__(self, summary: str, problems: Iterable[Problem] = ()) -> None:
        self.problems = tuple(problems)
        details = "; ".join(str(p) for p in self.problems[:3])
        more = "; …" if len(self.problems) > 3 else ""
        super().__init__(f"{summary}: {details}{more}" if details else summary)


class NotEnrolledError(StationError):
    def __init__(self) -> None:
        super().__init__("this box is not enrolled for a station yet")


class AlreadyEnrolledError(StationError):
    def __init__(self, election: str, station: str) -> None:
        super().__init__(f"this box is already enrolled for station {station} of {election}")


class EnrolmentDocumentError(StationError):
    """The centre's enrolment document does not give what the box needs, or not for its station."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__("the enrolment document cannot be used", problems)


class CentreAnswerError(StationError):
    """The centre answered something the box cannot act on (a card for a contest not on its
    ballot, an answer with neither card nor refusal)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__("the centre's answer cannot be used", problems)


class CardRefusal(StrEnum):
    UNKNOWN = "unknown-card"  # never issued at this box
    USED = "card-used"  # a ballot was already cast with it
    CANCELLED = "card-cancelled"  # cancelled by the staff, who charged its voter another


class CardRefusedError(StationError):
    def __init__(self, reason: CardRefusal) -> None:
        self.reason = reason
        super().__init__(f"the ballot card is refused ({reason})")


class BallotRejectedError(StationError):
    """The choices do not fit the voter's card or the station's ballot; nothing was recorded."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__("the ballot cannot be cast", problems)


class PaperAccountError(StationError):
    """Ballot-paper figures that cannot be: negative, for a contest not on the ballot, or more
    papers used and spoiled than received."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__("the ballot papers do not add up", problems)


class EntryError(StationError):
    """A tally-sheet entry of blind double entry refused, or sheets not yet agreed."""

    def __init__(self, summary: str, problems: Iterable[Problem]) -> None:
        super().__init__(summary, problems)


class StaffKeyRefusal(StrEnum):
    """Why the staff keys given cannot open the count key; each is a message key of the
    catalogue (`locale.messages`), shown on the kiosk's count screen."""

    NO_STAFF = "box_staff_none"  # no staff registered: the box cannot open
    UNREGISTERED = "box_staff_unregistered"  # a key given is not registered for the station
    WRONG_ROLE = "box_staff_wrong_role"  # a key given is registered in another role
    TOO_FEW = "box_staff_too_few"  # fewer than two keys (or than the only one registered)
    SHARES_BROKEN = "box_staff_shares_broken"  # the kept shares do not open to the count key


class StaffKeyError(StationError):
    """The station's staff keys cannot open (or, at opening, hold) its count key
    (`station.count_key`); `reason` says why and `problems` name each key."""

    def __init__(self, reason: StaffKeyRefusal, problems: Iterable[Problem]) -> None:
        self.reason = reason
        super().__init__("the staff keys cannot open the count key", problems)


class StationFilesError(StationError):
    """The station's directory, database or key file is missing, foreign or unsafe."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


class QrError(StationError):
    """QR payloads that do not make up one signed report."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__("the QR codes do not make up a report", problems)


class BallotFlowRefusal(StrEnum):
    """Why the box refuses a step of cast-or-challenge (docs/e2e.md §7)."""

    NOT_E2E = "not-e2e"  # a box enrolled without the E2E context prepares nothing
    NOTHING_PREPARED = "nothing-prepared"  # no ballot prepared for this card (or it was replaced)
    CHOICES_NEEDED = "choices-needed"  # a box that is not E2E casts the choices given
    CHAIN_OPEN = "chain-open"  # the chain is exported once voting has closed
    CHAIN_MOVED = "chain-moved"  # another process chained a ballot since: prepare again
    CODE_DIFFERS = "code-differs"  # the ballot held is not the one whose code the voter saw


class BallotFlowError(StationError):
    """A step of cast-or-challenge that the box cannot take; nothing was recorded."""

    def __init__(self, reason: BallotFlowRefusal) -> None:
        self.reason = reason
        super().__init__(f"the ballot cannot be cast or challenged ({reason})")


class UnsignedMinutesError(StationError):
    """The final report's signers do not meet the rule the centre applies to them
    (`core.anchor.coverage.check_staff`: at least two registered members, the head among them);
    `waiting` names the registered members who have not signed, the head first; nothing is
    signed."""

    def __init__(self, waiting: Iterable[str], problems: Iterable[Problem]) -> None:
        self.waiting = tuple(waiting)
        super().__init__(
            f"the final report cannot be signed yet; still to check: {', '.join(self.waiting)}",
            problems,
        )
