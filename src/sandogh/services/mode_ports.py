"""The port the supervisory bodies' approvals of a voting mode are stored through
(`services.mode_approvals`; `core.supervision.modes`)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from sandogh.core.log.verify import Checkpoint
from sandogh.core.supervision.modes import ModeApproval


@dataclass(frozen=True)
class ApprovalRecord:
    """An approval as stored, with the event-log entry that recorded it."""

    approval: ModeApproval
    logged: Checkpoint


class ModeApprovalRepository(Protocol):
    def add(self, approval: ModeApproval, entry: Checkpoint) -> None:
        """Store an approval that `entry` of the event log recorded; the same mode approved
        twice in one constituency is refused (the first stands)."""

    def of_election(self, election_id: str) -> list[ApprovalRecord]:
        """Every approval of the election, by contest, constituency and mode."""

    def in_constituencies(
        self, election_id: str, places: Collection[tuple[str, str]]
    ) -> list[ApprovalRecord]:
        """The approvals of the election in `places` (contest, constituency), in the same
        order: what one station or one approval asks, without reading a national election's
        every approval (~13,500, one per constituency of each contest)."""
