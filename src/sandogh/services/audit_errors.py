"""The refusals of the audit use cases (`services.audits`, `services.audit_rounds`).

Each carries a `code` the command names in Persian and English (`locale.audit_words`) and an
English message for the log and the tests.
"""

from __future__ import annotations

from collections.abc import Sequence

from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError


class AuditRefusedError(SandoghError):
    code = "refused"

    def __init__(self, message: str, *, subject: str = "") -> None:
        super().__init__(message)
        self.subject = subject  # what the refusal is about: an election, a contest, a paper


class AuditAlreadyStartedError(AuditRefusedError):
    code = "already-started"


class NoAuditError(AuditRefusedError):
    code = "no-audit"


class ResultsNotCompleteError(AuditRefusedError):
    """An outcome is audited once every station of its constituency has reported."""

    code = "results-incomplete"


class ResultsChangedError(AuditRefusedError):
    """The results (or a void) changed since the plan was published: the plan no longer
    describes them, and the audit cannot go on."""

    code = "results-changed"


class RecordsDifferFromLogError(AuditRefusedError):
    """The audit's stored records (its plan and manifest, a round's hash, the readings a round
    was closed on) differ from what the hash-chained event log recorded when they were made:
    rows rewritten behind the audit's back. `subject` names the round, or the plan."""

    code = "records-differ-from-log"


class SeedAlreadyRecordedError(AuditRefusedError):
    """A seed is never re-rolled: a second meeting's seed would let someone choose."""

    code = "seed-recorded"


class NoSeedError(AuditRefusedError):
    code = "no-seed"


class RoundOpenError(AuditRefusedError):
    """A round is drawn only once the one before is closed and its hash logged."""

    code = "round-open"


class AuditEndedError(AuditRefusedError):
    code = "audit-ended"


class NoOpenRoundError(AuditRefusedError):
    """No round is open to read into: none drawn yet, or the last one closed."""

    code = "no-open-round"


class ReadingRefusedError(AuditRefusedError):
    """Readings naming papers or stations not drawn in the open round, or read twice; nothing
    of the batch is stored. `problems` are (unit, why): "not-drawn", "read-twice", and, the unit
    naming the paper and the contest, "not-audited" (no contest of the round), "not-standing"
    (a mark for no candidate standing there), "too-many-marks" (more marks than seats)."""

    code = "reading-refused"

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        said = "; ".join(f"{unit}: {why}" for unit, why in problems)
        super().__init__(f"readings refused: {said}", subject=problems[0][0])
        self.problems = tuple(problems)


class RecordsNotCommittedError(AuditRefusedError):
    """The records handed in at close are not the ones the plan committed to before the seed
    (their hash differs): a record written after the draw could agree with any reading."""

    code = "records-not-committed"

    def __init__(self, given: str, committed: str) -> None:
        super().__init__(
            f"the records hash to {given}, the plan committed {committed}", subject=given
        )
        self.committed = committed


class NotAllReadError(AuditRefusedError):
    """A round closes only once every paper or station it drew is read."""

    code = "not-all-read"

    def __init__(self, missing: Sequence[str]) -> None:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        super().__init__(f"{len(missing)} drawn but not read: {shown}", subject=missing[0])
        self.missing = tuple(missing)


class HandCountNotDueError(AuditRefusedError):
    code = "hand-count-not-due"


class HandCountRecordedError(AuditRefusedError):
    code = "hand-count-recorded"


class HandCountNotRecordedError(AuditRefusedError):
    """A hand count is certified once its totals are recorded (`sandogh audit hand-count`)."""

    code = "hand-count-not-recorded"


class HandCountCertifiedError(AuditRefusedError):
    """A hand count's totals are certified once."""

    code = "hand-count-certified"


class HandCountPendingError(AuditRefusedError):
    """Only a certified hand count's certification is undone."""

    code = "hand-count-pending"


class ReasonMissingError(AuditRefusedError):
    """Undoing a certification says why: the log keeps the reason."""

    code = "reason-missing"


class ReplacingReasonMissingError(ReasonMissingError):
    """Replacing or withdrawing a pending hand count says why: the log keeps the reason."""

    code = "replacing-reason-missing"


class HandCountInvalidError(AuditRefusedError):
    """Totals that do not make a correction of the election: every problem with its path."""

    code = "hand-count-invalid"

    def __init__(
        self, message: str, *, subject: str = "", problems: Sequence[Problem] = ()
    ) -> None:
        super().__init__(message, subject=subject)
        self.problems = tuple(problems)


class StoredHandCountError(AuditRefusedError):
    """A stored hand count whose totals do not read (a row written by hand): the message names
    the path of what is wrong (`hand_counts[CONTEST].counts.votes.CODE`)."""

    code = "hand-count-unreadable"
