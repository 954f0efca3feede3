"""Certifying a contest's result, and undoing a certification.

Issue 4, item 4: certifying freezes its inputs (`core.supervision.certification`): while it is in
force, no report, import, void or hand-count correction touching its contest and constituency is
taken (`frozen_sheets`, `CertifiedError`), and only a supervisor of the certifier's body above
the certifier's place — at the nation, a second national supervisor — undoes it, with a reason
(`core.access.may_undo_certification`). A certification needs complete
results: every station of its scope has reported. Its digest covers the certified hand-count
corrections of its scope (issue 11), so certifying after a correction certifies the corrected
figures. A certification is stored naming the log entry that recorded it; so is its undoing,
whose entry names the certification's (`services.recorded_decisions`). Both carry the board's
reason and decision reference in words (issue 13, `core.supervision.require_decision`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from sandogh.core.access import Action, Grant, may_undo_certification
from sandogh.core.counting.tally import TallySheet
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election
from sandogh.core.definition.problems import DefinitionError
from sandogh.core.errors import SandoghError
from sandogh.core.log import Checkpoint, EventType
from sandogh.core.supervision import (
    Certification,
    Undoing,
    certified_over,
    freezes_sheet,
    in_scope,
    input_digest,
    require_decision,
    scope_problems,
    scope_units,
)
from sandogh.core.supervision.totals_tree import TOTALS_FORMAT
from sandogh.locale.certification_words import refusal_words
from sandogh.services.acting import (
    AccessDeniedError,
    Actor,
    acted,
    common_place,
    election_day,
    guarded,
    require,
)
from sandogh.services.certified_tree import scope_tree
from sandogh.services.competence import require_body
from sandogh.services.days import Day
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ports import UnitOfWork
from sandogh.services.recorded_decisions import (
    recorded_corrections,
    recorded_lots,
    recorded_withdrawals,
)
from sandogh.services.totals import ensure_totals


class CertifiedError(SandoghError):
    """What was asked touches a certified result; the certification must be undone first."""

    def __init__(self, certification: Certification, what: str, election: Election) -> None:
        self.certification = certification
        c = certification
        # the command's line and the console's refusal, by the contest's name (issue 13)
        self.fa, self.en = refusal_words(
            "certified", election, c.contest, c.constituency, c.by, c.at
        )
        super().__init__(
            f"{what} touches {describe_scope(c.contest, c.constituency)}, certified by {c.by} "
            f"({c.grant.role} at {c.grant.place}) at {c.at.isoformat()}: a supervisor of their "
            "body above them (at the nation, another national one) must undo the certification "
            "first"
        )


class ScopeError(DefinitionError):
    """A contest or constituency that the election does not have."""


class AlreadyCertifiedError(SandoghError):
    def __init__(self, certification: Certification, election: Election) -> None:
        self.certification = c = certification
        self.fa, self.en = refusal_words("already", election, c.contest, c.constituency, c.by, c.at)
        super().__init__(
            f"{describe_scope(c.contest, c.constituency)} is already certified by {c.by} at "
            f"{c.at.isoformat()} ({c.digest})"
        )


class NotCertifiedError(SandoghError):
    def __init__(self, contest: str, constituency: str | None, election: Election) -> None:
        self.contest, self.constituency = contest, constituency
        self.fa, self.en = refusal_words("not_certified", election, contest, constituency)
        super().__init__(f"no certification of {describe_scope(contest, constituency)} is in force")


class UndoerRefusedError(AccessDeniedError):
    """`actor` may certify here but not undo this certification
    (`core.access.may_undo_certification`), worded in Persian (`fa`) and English (`en`)."""

    def __init__(
        self, actor: Actor, election: str, units: Sequence[str], certifier: str, under: Grant
    ) -> None:
        self.fa = (
            f"لغو این تأیید صحت کار ناظری از همان هیئت در سطحی بالاتر از {under.place} است؛ "
            f"تأیید صحت کشوری را ناظر کشوری دیگری جز {certifier} لغو می‌کند"
        )
        self.en = (
            f"undoing needs a supervisor of the certifier's body above {under.place}, or at the "
            f"nation another national supervisor than {certifier}"
        )
        super().__init__(actor, Action.CERTIFY, election, units, self.en)


class IncompleteResultsError(SandoghError):
    def __init__(
        self,
        contest: str,
        constituency: str | None,
        reported: int,
        total: int,
        election: Election,
    ) -> None:
        self.contest, self.constituency = contest, constituency
        self.reported, self.total = reported, total
        self.fa, self.en = refusal_words(
            "incomplete",
            election,
            contest,
            constituency,
            reported=reported,
            total=total,
        )
        super().__init__(
            f"{describe_scope(contest, constituency)}: only {reported} of {total} stations have "
            "reported; a result is certified once complete"
        )


def describe_scope(contest: str, constituency: str | None) -> str:
    where = "every constituency" if constituency is None else f"constituency {constituency}"
    return f"contest {contest} ({where})"


def certify(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    contest: str,
    constituency: str | None = None,
    *,
    reason: str,
    reference: str,
    now: datetime.datetime,
) -> Certification:
    """Certify a contest's complete result in one constituency or all, freezing its inputs, for
    the board's `reason` and by its decision `reference` (`CertificationDecisionError` unless
    each is in words)."""
    reason, reference = reason.strip(), reference.strip()

    def use_case(work: UnitOfWork) -> Certification:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        units, total, sheets = _certifiable(work, day, actor, contest, constituency)
        require_decision(reason, reference)
        digest = input_digest(
            geography,
            day.definition_hash,
            contest,
            constituency,
            sheets=sheets,
            voids=[r.void for r in work.voids.all(election)],
            corrections=recorded_corrections(work, election),
            lots=recorded_lots(work, election),
            withdrawals=recorded_withdrawals(work, election),
        )
        root = _keep_tree(work, day, contest, constituency, sheets)
        made = Certification(
            election,
            contest,
            constituency,
            actor.username,
            actor.grant,
            now,
            digest,
            reason,
            reference,
        )
        entry = work.events.record(
            acted(
                actor,
                now,
                EventType.RESULT_CERTIFIED,
                common_place(geography, units),
                {
                    "election": election,
                    "contest": contest,
                    "constituency": constituency,
                    "stations": total,
                    "digest": digest,
                    "reason": reason,
                    "reference": reference,
                    "totals_root": root,
                    "totals_format": TOTALS_FORMAT,
                },
            )
        )
        work.certifications.add(made, Checkpoint(entry.sequence, entry.hash))
        work.commit()
        return made

    return guarded(uow, actor, now, use_case)


def _keep_tree(
    work: UnitOfWork, day: Day, contest: str, constituency: str | None, sheets: list[TallySheet]
) -> str:
    """Keep the nodes of the scope's totals tree, from its kept totals and its stations'
    sheets (`core.supervision.totals_tree`); its root, for the log entry."""
    ensure_totals(work, day)  # the totals every read after will read
    by_station = {s.station: s for s in sheets if s.contest == contest}
    root, nodes = scope_tree(work, day.geography, contest, constituency, by_station)
    work.certifications.keep_tree(day.election.id, contest, nodes)
    return root


def check_certify(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    contest: str,
    constituency: str | None = None,
    *,
    now: datetime.datetime,
) -> None:
    """Raise what `certify` would refuse, recording nothing: the console shows a certification
    for confirmation only when it can be done (issue 13)."""

    def use_case(work: UnitOfWork) -> None:
        _certifiable(work, election_day(work, election_id), actor, contest, constituency)

    guarded(uow, actor, now, use_case)


def _certifiable(
    work: UnitOfWork, day: Day, actor: Actor, contest: str, constituency: str | None
) -> tuple[tuple[str, ...], int, list[TallySheet]]:
    """The units a certification covers, its stations and the sheets stored, once the rights,
    the certifications in force and the results' completeness allow it."""
    geography, election = day.geography, day.election.id
    units = require_certifier(
        geography, actor, election, day.election, contest=contest, constituency=constituency
    )
    held = next(certified_over(work.certifications.in_force(election), contest, constituency), None)
    if held is not None:
        raise AlreadyCertifiedError(held, day.election)
    sheets = list(work.tallies.all(election))
    total = sum(geography.stations_in(contest, unit) for unit in units)
    reported = sum(
        1 for s in sheets if in_scope(geography, contest, constituency, s.station, s.contest)
    )
    if reported < total:
        raise IncompleteResultsError(contest, constituency, reported, total, day.election)
    return tuple(units), total, sheets


def uncertify(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    contest: str,
    constituency: str | None = None,
    *,
    reason: str,
    reference: str,
    now: datetime.datetime,
) -> Undoing:
    """Undo the certification in force of exactly this scope; returns its undoing. Needs a
    grant that may certify there and `core.access.may_undo_certification` allows, and the
    board's reason and decision reference in words (`CertificationDecisionError`), logged in an
    entry that names the certification's."""
    reason, reference = reason.strip(), reference.strip()

    def use_case(work: UnitOfWork) -> Undoing:
        day = election_day(work, election_id)
        geography, election = day.geography, day.election.id
        # rights first: whether a certification is in force is not told to one who may not certify
        units = require_certifier(
            geography, actor, election, day.election, contest=contest, constituency=constituency
        )
        scope = (contest, constituency)
        records = work.certifications.records(election)
        in_force = (r for r in records if r.undone is None)
        held = next((r for r in in_force if _scope(r.certification) == scope), None)
        if held is None:
            raise NotCertifiedError(contest, constituency, day.election)
        made = held.certification
        require_undoer(geography, actor, election, units, made.by, made.grant)
        require_decision(reason, reference, undoing=True)
        undone = Undoing(
            made, actor.username, actor.grant.role.value, actor.grant.place, now, reason, reference
        )
        entry = work.events.record(
            acted(
                actor,
                now,
                EventType.CERTIFICATION_UNDONE,
                common_place(geography, units),
                {
                    "election": election,
                    "contest": contest,
                    "constituency": constituency,
                    "digest": made.digest,
                    "certified_by": made.by,
                    "certified_as": f"{made.grant.role} at {made.grant.place}",
                    "certification": None if held.logged is None else held.logged.sequence,
                    "reason": reason,
                    "reference": reference,
                },
            )
        )
        work.certifications.undo(undone, Checkpoint(entry.sequence, entry.hash))
        work.commit()
        return undone

    return guarded(uow, actor, now, use_case)


def _scope(made: Certification) -> tuple[str, str | None]:
    return made.contest, made.constituency


def require_undoer(  # noqa: PLR0917 (who undoes, where, and who certified under which grant)
    geography: Geography,
    actor: Actor,
    election: str,
    units: Sequence[str],
    certifier: str,
    certified_under: Grant,
) -> None:
    """Refuse `actor` undoing what `certifier` certified under `certified_under` over `units`
    (`UndoerRefusedError`) unless `core.access.may_undo_certification` allows it."""
    if not may_undo_certification(
        geography, actor.username, actor.grant, certifier, certified_under
    ):
        raise UndoerRefusedError(actor, election, units, certifier, certified_under)


def require_certifier(
    geography: Geography,
    actor: Actor,
    election_id: str,
    election: Election,
    *,
    contest: str,
    constituency: str | None,
) -> tuple[str, ...]:
    """The units a certification of `contest` in `constituency` (None: every one) covers, once
    the scope is shown to exist (`ScopeError`) and `actor` to hold the right to certify every
    unit of it, in a competent body (`AccessDeniedError`, `WrongBodyError`)."""
    problems = scope_problems(geography, contest, constituency)
    if problems:
        raise ScopeError(problems)
    units = scope_units(geography, contest, constituency)
    require(geography, actor, Action.CERTIFY, units, election_id)
    require_body(actor, Action.CERTIFY, election, [contest], units)
    return units


def frozen_sheets(
    work: UnitOfWork, geography: Geography, election_id: str, sheets: Iterable[TallySheet]
) -> list[tuple[TallySheet, Certification]]:
    """Each sheet a certification in force freezes, with that certification (report ingest and
    import refuse them)."""
    certifications = work.certifications.in_force(election_id)
    if not certifications:
        return []
    return [
        (sheet, c)
        for sheet in sheets
        for c in certifications
        if freezes_sheet(geography, c, sheet.station, sheet.contest)
    ]
