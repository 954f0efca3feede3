"""An election's results added up, as every reader of them takes them (`services.results`)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from sandogh.core.candidacy.withdrawal import Withdrawal
from sandogh.core.counting.aggregate import Aggregate, Total
from sandogh.core.counting.reconcile import Finding, SeatBound, reconcile_aggregate
from sandogh.core.counting.turnout import NOTHING_VOIDED, Turnout, turnout
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Contest, ReportingUnit
from sandogh.core.rules.settled import SettledLot
from sandogh.core.supervision import (
    Certification,
    Effect,
    HandCountCorrection,
    Undoing,
    Voided,
    correction_in,
    effects_in_unit,
    voided_by_unit,
)
from sandogh.services.errors import UnknownContestError, UnknownUnitError
from sandogh.services.ports import StoredElection


@dataclass(frozen=True)
class Tallied:
    """An election with every stored sheet added up, ready to be read.

    The totals are those of the sheets with every void applied (`core.supervision.apply`) and
    every certified hand-count correction (`core.supervision.corrections`); `voided` says what
    each void took away, `voided_at` when each was decided (in `voided`'s order, for the
    published decisions; empty where the times are not known), `certifications` are those in
    force and `undone` those undone, each with its undoing (published, never in force); `lots`
    and `withdrawals` are the stored decisions every outcome is computed with
    (`services.outcome_decisions`). A unit's read (`services.unit_tally`) holds the unit and
    the units just below it, and only the contest it was asked for when it was asked for one.
    """

    stored: StoredElection
    geography: Geography
    totals: Aggregate
    eligible: Mapping[str, int | None]
    voided: tuple[Effect, ...] = ()
    certifications: tuple[Certification, ...] = ()
    corrections: tuple[HandCountCorrection, ...] = ()
    lots: tuple[SettledLot, ...] = ()  # the lots the boards drew, each for one tie
    withdrawals: tuple[Withdrawal, ...] = ()
    voided_at: tuple[datetime.datetime, ...] = ()
    undone: tuple[Undoing, ...] = ()
    bounds: Mapping[str, SeatBound] | None = None  # the day's, where kept (`services.days`)
    # `voided_by_unit` by contest, made once when first asked: a page's turnout of each unit
    # below asks it again, and a constituency's void has thousands of boxes to add up
    _voided_units: dict[str, dict[str, Voided]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def corrected_in(self, contest_id: str, code: str) -> HandCountCorrection | None:
        """The correction whose figures `code`'s total counts, or that supersedes its sheets."""
        return correction_in(self.geography, self.corrections, contest_id, code)

    def voided_in(self, contest_id: str, code: str) -> tuple[Effect, ...]:
        """What the voids took from `contest` at or below the unit `code`."""
        return effects_in_unit(self.geography, self.voided, contest_id, code)

    def voided_by_unit(self, contest_id: str) -> dict[str, Voided]:
        """What the voids took from the contest in each unit that had anything taken (not to be
        changed: it is kept for the next to ask)."""
        found = self._voided_units.get(contest_id)
        if found is None:
            found = voided_by_unit(self.geography, self.voided, contest_id)
            self._voided_units[contest_id] = found
        return found

    def contest(self, contest_id: str) -> Contest:
        for contest in self.stored.election.contests:
            if contest.id == contest_id:
                return contest
        known = [c.id for c in self.stored.election.contests]
        raise UnknownContestError(self.stored.election.id, contest_id, known)

    def unit(self, code: str) -> ReportingUnit:
        if code not in self.geography:
            raise UnknownUnitError(self.stored.election.id, code)
        return self.geography.unit(code)

    def total(self, contest_id: str, code: str) -> Total | None:
        """None when no station at or below `code` votes in the contest."""
        return self.totals.units[contest_id].get(code)

    def turnout(self, contest_id: str, code: str) -> Turnout | None:
        """The unit's turnout in the contest, its voided stations left out
        (`core.counting.turnout`'s rule)."""
        total = self.total(contest_id, code)
        if total is None:
            return None
        voided = self.voided_by_unit(contest_id).get(code) if self.voided else None
        return turnout(total.counts, self.eligible[code], voided or NOTHING_VOIDED)

    def findings(self) -> tuple[Finding, ...]:
        return reconcile_aggregate(self.geography, self.totals, self.bounds)
