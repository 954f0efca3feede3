"""The supervisory bodies' approvals of a voting mode per constituency, and the stations whose
mode no approval covers (issue 12, section 2; `core.supervision.modes`).

An approval is one use case under a grant: the account must hold CERTIFY over the constituency
(the boards that approve the conduct of an election, DESIGN.md §6) and act for the body competent
for the contest (`services.competence`); it is stored naming the VOTING_MODE_APPROVED entry of the
hash-chained log that recorded it, and a refusal is logged as ACCESS_DENIED like any other. The
centre asks `unapproved_at` before it enrols a box or takes a report from a station.

Every reader takes the approvals through `recorded_approvals`, which holds each row to its entry
and the log's every approval to a row, as the decisions results are read with are held (the
outsider's N1 of session 25: a register whose rows named their entries, but only one way).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

from sandogh.core.access import Action, Grant, Role, acting_body, competent_for
from sandogh.core.canonical_json import JSONValue
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election, VotingMode
from sandogh.core.errors import SandoghError
from sandogh.core.log import Checkpoint, Disposition, EventType
from sandogh.core.supervision.modes import (
    NEEDS_APPROVAL,
    ModeApproval,
    ModeApprovalError,
    Unapproved,
    approval_problems,
    station_mode,
    unapproved,
)
from sandogh.core.supervision.recorded import entry_unrecorded
from sandogh.locale.competence import CATALOGUE, mode_name
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in
from sandogh.services.acting import (
    Actor,
    acted,
    common_place,
    election_day,
    guarded,
    require,
)
from sandogh.services.competence import require_body
from sandogh.services.days import Day
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.mode_ports import ApprovalRecord
from sandogh.services.ports import UnitOfWork
from sandogh.services.unrecorded import UnrecordedDecisionError


class AlreadyApprovedError(SandoghError):
    """The mode is approved in the constituency already: an approval is recorded once."""

    def __init__(self, earlier: ModeApproval) -> None:
        self.earlier = earlier

        def said(lang: Lang) -> str:
            return text_in(
                CATALOGUE,
                "mode_approved_already",
                lang,
                mode=mode_name(earlier.mode, lang),
                constituency=earlier.constituency,
                contest=earlier.contest,
                reference=earlier.reference,
                by=earlier.by,
            )

        self.fa, self.en = said("fa"), said("en")
        super().__init__(self.en)


def approve_mode(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    contest: str,
    constituency: str,
    *,
    reference: str,
    mode: VotingMode = VotingMode.ELECTRONIC,
    now: datetime.datetime,
) -> ApprovalRecord:
    """Record the competent body's approval of `mode` in `constituency` of `contest`, once
    (`AlreadyApprovedError` for a second: the store keeps one per constituency and mode)."""

    def use_case(work: UnitOfWork) -> ApprovalRecord:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        approval = ModeApproval(
            election,
            contest,
            constituency,
            mode,
            reference.strip(),
            actor.username,
            acting_body(actor.grant.body),
            now,
        )
        problems = approval_problems(geography, approval)
        if problems:
            raise ModeApprovalError(problems)
        units = geography.constituency_parts(contest, constituency)
        require(geography, actor, Action.CERTIFY, units, election)
        require_body(actor, Action.CERTIFY, day.election, [contest], units)
        for held in recorded_approvals(work, election, [(contest, constituency)], geography):
            if (held.approval.contest, held.approval.constituency, held.approval.mode) == (
                contest,
                constituency,
                mode,
            ):
                raise AlreadyApprovedError(held.approval)
        entry = work.events.record(
            acted(
                actor,
                now,
                EventType.VOTING_MODE_APPROVED,
                common_place(geography, units),
                approval_details(approval),
            )
        )
        logged = Checkpoint(entry.sequence, entry.hash)
        work.mode_approvals.add(approval, logged)
        work.commit()
        return ApprovalRecord(approval, logged)

    return guarded(uow, actor, now, use_case)


def unapproved_at(work: UnitOfWork, day: Day, station: str) -> tuple[Unapproved, ...]:
    """The contests at `station` whose constituency has no approval of the station's mode."""
    held = station_approvals(work, day, station)
    return unapproved(day.geography, station, [r.approval for r in held])


def station_approvals(work: UnitOfWork, day: Day, station: str) -> list[ApprovalRecord]:
    """The approvals of the constituencies `station` votes in, each held to its entry both
    ways (`recorded_approvals`)."""
    return recorded_approvals(work, day.election.id, day.constituencies(station), day.geography)


def recorded_approvals(
    work: UnitOfWork,
    election: str,
    places: Collection[tuple[str, str]] | None = None,
    geography: Geography | None = None,
) -> list[ApprovalRecord]:
    """The election's approvals (those of `places`, (contest, constituency), when given, with
    the `geography` that says where their entries are recorded), each held to the entry it names
    (its type, actor, time and details), and every approval the log records (done) there held to
    a row: one written into the database by hand, changed there or deleted there is refused
    (`UnrecordedDecisionError`, naming the entry), not believed."""
    if places is None:
        records = work.mode_approvals.of_election(election)
        at = None
    else:
        assert geography is not None, "the places' entries are found by where they are recorded"
        records = work.mode_approvals.in_constituencies(election, places)
        # an approval is recorded at its constituency's common place (`approve_mode`): a
        # station's enrolment reads those entries, not the election's ~13,500
        at = {common_place(geography, geography.constituency_parts(*p)) for p in places}
    wanted = None if places is None else set(places)
    entries = work.events.at([r.logged.sequence for r in records])
    for record in records:
        approval = record.approval
        why = entry_unrecorded(
            record.logged,
            entries.get(record.logged.sequence),
            EventType.VOTING_MODE_APPROVED,
            actor=approval.by,
            at=approval.at,
            details=approval_details(approval),
        )
        if why is not None:
            raise UnrecordedDecisionError(_WHAT, None, why, entry=record.logged.sequence)
    named = {r.logged.sequence for r in records}
    approved = [EventType.VOTING_MODE_APPROVED]
    # the store leaves out the other constituencies' entries before decoding them
    holding = None if places is None else ("constituency", {k for _, k in places})
    for entry in work.events.of_types(approved, election, at, holding=holding):
        if wanted is not None:
            details = entry.event.details
            if (details.get("contest"), details.get("constituency")) not in wanted:
                continue
        if entry.event.disposition is Disposition.DONE and entry.sequence not in named:
            why = f"the store holds no mode approval that entry {entry.sequence} records"
            raise UnrecordedDecisionError(_WHAT, None, why, entry=entry.sequence)
    return records


_WHAT = "mode approval"


def approval_details(approval: ModeApproval) -> dict[str, JSONValue]:
    """What the approval's entry records of it (`approve_mode`); `supervise modes --json` too."""
    return {
        "election": approval.election,
        "contest": approval.contest,
        "constituency": approval.constituency,
        "mode": approval.mode.value,
        "body": approval.body.value,
        "reference": approval.reference,
    }


def approve_as_boards(
    uow: UnitOfWorkFactory, election: Election, *, reference: str, by: str, now: datetime.datetime
) -> list[ApprovalRecord]:
    """Electronic voting approved in every constituency that has an electronic station, each by
    an account `by` of its contest's competent body acting for the whole country: what the demo
    and the simulated days record for their example's electronic stations."""
    geography = Geography.of(election)
    root = next(u.code for u in election.units if u.parent is None)
    electronic = [s for s in geography.stations if station_mode(geography, s) in NEEDS_APPROVAL]
    made = []
    for contest in election.contests:
        body = competent_for(contest.office)
        board = Actor(f"{by}:{body}", Grant(Role.SUPERVISOR, root, body))
        wanted = {geography.constituency_of(contest.id, s) for s in electronic}
        for constituency in contest.constituencies:
            if constituency.id in wanted:
                made.append(
                    approve_mode(
                        uow,
                        board,
                        election.id,
                        contest.id,
                        constituency.id,
                        reference=reference,
                        now=now,
                    )
                )
    return made
