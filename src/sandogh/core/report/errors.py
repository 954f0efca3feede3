"""Why a cast-vote record, a count, a station report or a signature is refused.

DESIGN.md §2 and §3: a failure is a typed exception carrying every problem with its path, and the
centre "rejects an unsigned, tampered, duplicate or mismatched report with a clear reason"; a
refused signature therefore names its `Refusal` beside the problems.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError


class ReportingError(SandoghError):
    """A failure of this package; `problems` lists every one, each with its path."""

    def __init__(self, summary: str, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        details = "; ".join(str(p) for p in self.problems[:3])
        more = "; …" if len(self.problems) > 3 else ""
        super().__init__(f"{summary}: {details}{more}")


class RecordError(ReportingError):
    """A cast-vote record that cannot exist (a code chosen twice, a contest named twice, …)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__("not a cast-vote record", problems)


class BallotError(ReportingError):
    """Cast-vote records or paper figures that do not fit the station's ballot."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__("cannot count the ballots", problems)


class KeyMaterialError(ReportingError):
    """A seed, public key or signature of the wrong length or form."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__("not an Ed25519 key", problems)


class ReportError(ReportingError):
    """A station report that is malformed: a field missing, unknown, of a wrong type or range."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__("not a station report", problems)


class Refusal(StrEnum):
    """Why a signed report is refused, or a report not signed.

    Ed25519 cannot tell a changed byte from a forged signature, so both are `BAD_SIGNATURE`; a
    change that breaks the form is `MALFORMED`, and one in the device field `UNKNOWN_DEVICE`.
    """

    MALFORMED = "malformed"
    UNKNOWN_DEVICE = "unknown device"  # signed as a device other than the one expected
    BAD_SIGNATURE = "bad device signature"  # the bytes or the signature were changed, or forged
    BAD_STAFF_SIGNATURE = "bad staff signature"
    WRONG_SIGNER = "wrong signer"  # asked to sign a report naming another device
    # against the pre-election record and the registered staff (issue 9, section 2)
    NOT_IN_RECORD = "device not in the pre-election record"
    REPLACED_DEVICE = "replaced device"  # a box an amendment replaced signs no final report
    UNREGISTERED_STAFF = "unregistered staff key"  # not registered for this station
    STAFF_ROLE_MISMATCH = "staff role mismatch"  # registered, but for another role
    MISSING_STAFF = "missing staff signatures"  # fewer than two, or no head
    NO_ZERO_REPORT = "no zero report"  # no earlier zero report of this box


class SignatureError(ReportingError):
    """A signed report refused, or a report that cannot be signed, for `reason`."""

    def __init__(self, reason: Refusal, problems: Iterable[Problem]) -> None:
        self.reason = reason
        super().__init__(f"signature refused ({reason})", problems)
