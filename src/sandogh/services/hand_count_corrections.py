"""Certifying a full hand count as a hand-count correction: the audit's hand count becomes the
result (issue 11; docs/audit.md §6.3).

The supervising board certifies the totals `sandogh audit hand-count` recorded, in one
transaction and one event of the hash-chained log (`hand-count-certified`, with the totals, the
audit record it came from, who and under which grant): only a grant that may CERTIFY every unit
of the constituency (`services.acting.require`); refused when the audit's records changed since
they were logged (`RecordsDifferFromLogError`, from `audit_history.history`), when the audit did not
send the contest to a full hand count, when no totals are recorded or they are certified
already, when a certification in force covers the constituency (undo it first: it froze the
reported figures), and when the totals do not fit the election (every problem with its path).
`uncertify_hand_count` undoes it as `uncertify` a certification (same rule), logged with a
reason (`hand-count-uncertified`). While certified, results (`services.results.tally`) count
the hand count's figures in place of the reported sheets' sum, and a certification of the
constituency covers the correction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sandogh.core.audit.rounds import Decision
from sandogh.core.canonical_json import JSONValue
from sandogh.core.counting.tally import Counts
from sandogh.core.log import Checkpoint, EventType
from sandogh.core.report.digests import sha256_text
from sandogh.core.supervision import (
    HandCountCorrection,
    certified_over,
    correction_json,
    correction_problems,
)
from sandogh.services.acting import Actor, acted, common_place, guarded
from sandogh.services.audit_errors import (
    HandCountCertifiedError,
    HandCountInvalidError,
    HandCountNotDueError,
    HandCountNotRecordedError,
    HandCountPendingError,
    ReasonMissingError,
    ReplacingReasonMissingError,
)
from sandogh.services.audit_history import History, history
from sandogh.services.audit_ports import HandCountCertified, StoredHandCount
from sandogh.services.audit_status import require_possible
from sandogh.services.certifications import (
    CertifiedError,
    require_certifier,
    require_undoer,
)
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.hand_count_figures import correction_of, stored_counts
from sandogh.services.ports import UnitOfWork


def certify_hand_count(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    contest: str,
    *,
    reason: str,
    now: datetime.datetime,
) -> HandCountCorrection:
    """Certify the recorded hand count of `contest` (`CONTEST:CONSTITUENCY`) as the result."""

    def use_case(work: UnitOfWork) -> HandCountCorrection:
        scope = _certifying(work, actor, election_id, contest)
        found, audit, units, stored = scope.found, scope.found.audit, scope.units, scope.stored
        of, constituency = scope.of, scope.constituency
        geography, election = audit.tallied.geography, audit.election
        due = {r.contest for r in found.decisions() if r.decision is Decision.HAND_COUNT}
        if contest not in due:
            raise HandCountNotDueError(
                f"{contest} is not sent to a full hand count (due: {', '.join(sorted(due))})",
                subject=contest,
            )
        if stored is None:
            raise HandCountNotRecordedError(f"{contest}: no hand count recorded", subject=contest)
        if stored.certified is not None:
            raise HandCountCertifiedError(f"{contest}: certified already", subject=contest)
        held = next(certified_over(work.certifications.in_force(election), of, constituency), None)
        if held is not None:
            raise CertifiedError(held, f"the hand count of {contest}", geography.election)
        # The audit record it came from: the last closed round's, or the plan's when the plan
        # itself sent the contest to a hand count (docs/audit.md §7 publishes both).
        source = found.results[-1].hash if found.results else sha256_text(audit.stored.plan)
        made = correction_of(
            stored, HandCountCertified(actor.username, actor.grant, now, reason, source)
        )
        problems = list(correction_problems(geography, made))
        if problems:
            said = "; ".join(f"{p.path}: {p.message}" for p in problems)
            raise HandCountInvalidError(f"{contest}: {said}", subject=contest)
        details = {"election": election, **correction_json(made)}
        entry = work.events.record(
            acted(
                actor, now, EventType.HAND_COUNT_CERTIFIED, common_place(geography, units), details
            )
        )
        logged = Checkpoint(entry.sequence, entry.hash)
        certified = HandCountCertified(actor.username, actor.grant, now, reason, source, logged)
        if not work.audits.certify_hand_count(election, contest, certified):
            raise HandCountCertifiedError(f"{contest}: certified already", subject=contest)
        work.commit()
        return made

    return guarded(uow, actor, now, use_case)


def uncertify_hand_count(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    contest: str,
    *,
    reason: str,
    now: datetime.datetime,
) -> HandCountCorrection:
    """Undo the certified hand-count correction of `contest` (`CONTEST:CONSTITUENCY`): its hand
    count is pending certification again and results count the reported sheets. Needs a grant
    that may certify there and `core.access.may_undo_certification` allows (as `uncertify` for
    a certification), and a reason; logged (`hand-count-uncertified`, with the correction
    undone). Refused while a certification in force covers the constituency: it froze the
    corrected figures, so it is undone first. Returns the correction undone."""

    def use_case(work: UnitOfWork) -> HandCountCorrection:
        scope = _certifying(work, actor, election_id, contest)
        units, stored, of, constituency = scope.units, scope.stored, scope.of, scope.constituency
        geography, election = scope.found.audit.tallied.geography, scope.found.audit.election
        if stored is None or stored.certified is None:
            raise HandCountPendingError(f"{contest}: no certified hand count", subject=contest)
        held = stored.certified
        require_undoer(geography, actor, election, units, held.by, held.grant)
        if not reason.strip():
            raise ReasonMissingError(f"{contest}: undoing needs a reason", subject=contest)
        over = next(certified_over(work.certifications.in_force(election), of, constituency), None)
        if over is not None:
            raise CertifiedError(over, f"undoing the hand count of {contest}", geography.election)
        undone = correction_of(stored)
        details = {
            "election": election,
            **correction_json(undone),
            "reason": reason,
            "certified_reason": undone.reason,
            "certified_by": held.by,
            "certified_as": f"{held.grant.role} at {held.grant.place}",
        }
        work.events.record(
            acted(
                actor,
                now,
                EventType.HAND_COUNT_UNCERTIFIED,
                common_place(geography, units),
                details,
            )
        )
        if not work.audits.uncertify_hand_count(election, contest, held):
            raise HandCountPendingError(f"{contest}: no certified hand count", subject=contest)
        work.commit()
        return undone

    return guarded(uow, actor, now, use_case)


def replace_hand_count(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    contest: str,
    counts: Counts | None,
    *,
    reason: str,
    now: datetime.datetime,
) -> None:
    """Withdraw (`counts` None) or replace the *pending* hand count of `contest`, a hand count
    entered wrong: under a grant that may certify there, with a reason, logged
    (`audit-hand-count-replaced`, with the totals withdrawn and those in their place). A
    certified one is never touched: it is uncertified first. New totals are checked as
    `sandogh audit hand-count` checks them (`audit_status.require_possible`)."""

    def use_case(work: UnitOfWork) -> None:
        scope = _certifying(work, actor, election_id, contest)
        audit, units, stored = scope.found.audit, scope.units, scope.stored
        geography, election = audit.tallied.geography, audit.election
        if stored is None:
            raise HandCountNotRecordedError(f"{contest}: no hand count recorded", subject=contest)
        if stored.certified is not None:
            raise HandCountCertifiedError(f"{contest}: certified already", subject=contest)
        if not reason.strip():
            said = f"{contest}: replacing needs a reason"
            raise ReplacingReasonMissingError(said, subject=contest)
        details: dict[str, JSONValue] = {"election": election, "contest": contest}
        details |= {"reason": reason, "withdrawn": stored.counts}
        replacement = None
        if counts is not None:
            require_possible(audit, contest, counts)
            replacement = StoredHandCount(
                election, contest, stored_counts(counts), now, actor.username
            )
            details["counts"] = replacement.counts
        work.events.record(
            acted(
                actor,
                now,
                EventType.AUDIT_HAND_COUNT_REPLACED,
                common_place(geography, units),
                details,
            )
        )
        if not work.audits.replace_hand_count(election, contest, replacement):
            raise HandCountCertifiedError(f"{contest}: certified already", subject=contest)
        work.commit()

    guarded(uow, actor, now, use_case)


@dataclass(frozen=True)
class _Certifying:
    """What a use case on the hand count of one constituency starts from."""

    found: History
    of: str
    constituency: str
    units: tuple[str, ...]
    stored: StoredHandCount | None


def _certifying(
    work: UnitOfWork, actor: Actor, election_id: str | None, contest: str
) -> _Certifying:
    """The audit, the constituency of `contest` (`CONTEST:CONSTITUENCY`), the units it is made
    of and its stored hand count, once `actor` is shown to hold the right to certify there
    (`certifications.require_certifier`): rights first, so whether a hand count is recorded
    or certified is not told to one who may not certify."""
    found = history(work, election_id)
    geography, election = found.audit.tallied.geography, found.audit.election
    of, _, constituency = contest.partition(":")
    stored_election = found.audit.tallied.stored.election
    units = require_certifier(
        geography, actor, election, stored_election, contest=of, constituency=constituency
    )
    stored = next((h for h in work.audits.hand_counts(election) if h.contest == contest), None)
    return _Certifying(found, of, constituency, units, stored)
