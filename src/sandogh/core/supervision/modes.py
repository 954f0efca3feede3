"""Approval of electronic voting per constituency, and the stations whose mode it leaves
unapproved.

`reference/seed-facts.md` (The process): constituencies vote fully electronically (تمام الکترونیک)
or semi-electronically (نیمه الکترونیک: electronic authentication, paper ballots); the seeds'
"if the Guardian Council approves, Kerman city votes electronically" makes the first a decision of
the supervisory body competent for the contest (`core.access.bodies`). Issue 12, section 2: the
approval is a recorded decision, the definition states each station's mode (`StationInfo.mode`),
and a box refuses a mode that was not approved for its station.

So a station whose mode needs an approval (`NEEDS_APPROVAL`: the electronic ballot) is approved
when, for every contest it votes in, the competent body approved that mode for the station's
constituency of that contest; semi-electronic and paper stations need none — they are the
executive's ordinary means. A station the definition gives no mode is taken as paper: the box is
not used for its ballots.

The mode also decides whether a station's ballots are end-to-end verifiable (docs/e2e.md,
"Mixed-mode elections"): only an electronic box takes the ballots, so only it can encrypt them
(`ENCRYPTED`); a semi-electronic box checks voters in and its ballots are marked on paper and
counted by hand, as a paper station's are.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from sandogh.core.access.bodies import Body
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import VotingMode
from sandogh.core.definition.problems import DefinitionError, Problem

#: The modes a station may vote in only once the competent body approved them.
NEEDS_APPROVAL = frozenset({VotingMode.ELECTRONIC})
#: The modes whose ballots a box takes, and so encrypts in an E2E election.
ENCRYPTED = frozenset({VotingMode.ELECTRONIC})


@dataclass(frozen=True)
class ModeApproval:
    """The competent body's approval of `mode` in one constituency of one contest."""

    election: str
    contest: str
    constituency: str
    mode: VotingMode
    reference: str  # the board's decision: its minutes, its letter
    by: str
    body: Body
    at: datetime.datetime


@dataclass(frozen=True)
class Unapproved:
    """A contest at a station whose constituency has no approval of the station's mode."""

    station: str
    mode: VotingMode
    contest: str
    constituency: str


class ModeApprovalError(DefinitionError):
    """An approval that does not fit the definition."""

    def _summary(self) -> str:
        return f"the approval does not fit the definition: {super()._summary()}"


def approval_problems(geography: Geography, approval: ModeApproval) -> tuple[Problem, ...]:
    """Every way `approval` does not fit the definition, each with its path."""
    problems: list[Problem] = []
    contest = next((c for c in geography.election.contests if c.id == approval.contest), None)
    if contest is None:
        problems.append(Problem("contest", f"the election has no contest {approval.contest}"))
    elif approval.constituency not in {k.id for k in contest.constituencies}:
        problems.append(
            Problem(
                "constituency",
                f"contest {approval.contest} has no constituency {approval.constituency}",
            )
        )
    if approval.mode not in NEEDS_APPROVAL:
        problems.append(
            Problem(
                "mode",
                f"{approval.mode} voting needs no approval; only "
                + ", ".join(sorted(NEEDS_APPROVAL))
                + " does",
            )
        )
    if not approval.reference.strip():
        problems.append(Problem("reference", "the board's decision has no reference"))
    return tuple(problems)


def station_mode(geography: Geography, station: str) -> VotingMode:
    """The mode the definition states for `station`; paper where it states none."""
    info = geography.unit(station).station
    return VotingMode.PAPER if info is None else info.mode


def encrypts(geography: Geography, station: str) -> bool:
    """Whether `station`'s ballots are cast on its box, so encrypted in an E2E election: the
    centre sends the E2E keys to its box alone and holds its final report to its chain."""
    return station_mode(geography, station) in ENCRYPTED


def unapproved(
    geography: Geography, station: str, approvals: Iterable[ModeApproval]
) -> tuple[Unapproved, ...]:
    """The contests of `station` whose constituency lacks an approval of its mode; none when the
    mode needs no approval."""
    mode = station_mode(geography, station)
    if mode not in NEEDS_APPROVAL:
        return ()
    given = {(a.contest, a.constituency) for a in approvals if a.mode is mode}
    missing: list[Unapproved] = []
    for contest in geography.election.contests:
        constituency = geography.constituency_of(contest.id, station)
        if constituency is not None and (contest.id, constituency) not in given:
            missing.append(Unapproved(station, mode, contest.id, constituency))
    return tuple(missing)
