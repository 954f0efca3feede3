"""How the box's station votes, and whether the competent body approved it (issue 12, section 2;
`core.supervision.modes`).

The centre's enrolment document states the station's mode as the definition gives it and the
approvals that cover it (`voting`: `{"mode", "approvals": [{"contest", "constituency", "body",
"reference"}]}`, `server.models.VotingBody`). The centre enrols no box whose mode lacks an approval;
the box checks again at opening, so that a box set up by any other answer does not open either:
a mode that needs an approval (electronic) must have one for every contest of its ballot.
"""

from __future__ import annotations

from collections.abc import Mapping

from sandogh.core.definition.model import VotingMode
from sandogh.core.definition.problems import Problem
from sandogh.core.supervision.modes import NEEDS_APPROVAL
from sandogh.station.errors import StationError

#: The kiosk's message key (`locale.messages`) for a box that does not open for want of approval.
NOT_APPROVED = "box_mode_not_approved"


class ModeNotApprovedError(StationError):
    """The station's mode needs the competent body's approval, and `contests` lack it."""

    def __init__(self, mode: VotingMode, contests: tuple[str, ...]) -> None:
        self.mode = mode
        self.contests = contests
        super().__init__(
            f"{mode} voting is not approved at this station; the box does not open",
            [Problem("voting.approvals", f"no approval for contest {c}") for c in contests],
        )


def read_voting(value: object, problems: list[Problem]) -> tuple[VotingMode, tuple[str, ...]]:
    """The station's mode and the contests whose approval of it the document holds."""
    if not isinstance(value, Mapping):
        problems.append(Problem("voting", "must give the station's mode and its approvals"))
        return VotingMode.PAPER, ()
    try:
        mode = VotingMode(str(value.get("mode")))
    except ValueError:
        problems.append(Problem("voting.mode", f"{value.get('mode')!r} is not a voting mode"))
        return VotingMode.PAPER, ()
    approvals = value.get("approvals")
    if not isinstance(approvals, list) or not all(
        isinstance(a, Mapping) and isinstance(a.get("contest"), str) for a in approvals
    ):
        problems.append(Problem("voting.approvals", "must be a list of approvals by contest"))
        return mode, ()
    return mode, tuple(str(a["contest"]) for a in approvals)


def require_approved(
    mode: VotingMode, approved: tuple[str, ...], contests: tuple[str, ...]
) -> None:
    """Raise `ModeNotApprovedError` unless `mode` needs no approval or every contest has one."""
    if mode in NEEDS_APPROVAL:
        missing = tuple(c for c in contests if c not in approved)
        if missing:
            raise ModeNotApprovedError(mode, missing)
