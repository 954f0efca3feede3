"""Use cases of a lot's commitment (review S19 F1): the competent board commits to a secret
before the outcome is known; the lot of a tie is then drawn only by revealing it
(`services.outcome_decisions.draw_lot`, `core.rules.lot_commitment`).

The cut-off is the start of polling of any contest in the scope (`services.withdrawal_deadline`:
the calendar's polling day, a station's first report, or results imported). It comes before any
final figures stored, as a station's final report follows its zero report and an import is one.
From then on counts exist (the stations count at closing, before they report) that could show a
tie, so a commitment made later could have been chosen knowing its effect, and is refused, naming
the day and the station whose report (or import) began polling.

Each tie has one commitment: a commitment whose scope overlaps one recorded already (the whole
election and any contest, a contest and any of its constituencies) is refused. Otherwise a board
that committed early could commit again, narrowly, once it saw the tie, and draw with the secret
it ground offline (the second review of issue 12, R2).
"""

from __future__ import annotations

import datetime

from sandogh.core.access import Action
from sandogh.core.definition.model import Constituency, Contest
from sandogh.core.errors import SandoghError
from sandogh.core.log import EventType
from sandogh.core.rules.lot_commitment import (
    MIN_SECRET,
    WHOLE_ELECTION,
    LotCommitment,
    commitment_json,
    commitment_of,
    commitment_read,
)
from sandogh.core.supervision import scope_units
from sandogh.locale.dates import format_jalali
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in
from sandogh.locale.outcome_decisions import CATALOGUE
from sandogh.services.acting import Actor, common_place, guarded, require
from sandogh.services.competence import require_body
from sandogh.services.elections import UnitOfWorkFactory
from sandogh.services.ports import UnitOfWork
from sandogh.services.recorded_decisions import record_decision, recorded_of_kind
from sandogh.services.results import tally
from sandogh.services.unrecorded import LOT_COMMITMENT
from sandogh.services.withdrawal_deadline import PollingBegunError, require_before_polling


class LotRefusalError(SandoghError):
    """A refusal about a lot's commitment, worded in Persian (`fa`) and English (`en`)."""

    def __init__(self, key: str, **values: str | int) -> None:
        self.fa = text_in(CATALOGUE, key, "fa", **values)
        self.en = text_in(CATALOGUE, key, "en", **values)
        super().__init__(f"{self.fa}\n{self.en}")


class CommitmentExistsError(LotRefusalError):
    def __init__(self, earlier: LotCommitment) -> None:
        self.earlier = earlier
        values = {"scope": earlier.scope, "by": earlier.by, "at": earlier.at.isoformat()}
        super().__init__("commit_exists", **values)


class CommitmentOverlapsError(LotRefusalError):
    def __init__(self, made: LotCommitment, earlier: LotCommitment) -> None:
        self.earlier = earlier
        values = {"by": earlier.by, "at": earlier.at.isoformat()}
        super().__init__("commit_overlaps", scope=made.scope, earlier=earlier.scope, **values)


class CommitmentAfterPollingError(LotRefusalError):
    """Polling of `contest` had begun (`begun`, naming the day and, but for the calendar, the
    station whose report began it)."""

    def __init__(self, scope: str, contest: str, begun: PollingBegunError) -> None:
        # worded here, not by LotRefusalError: the day is Jalali in each language's digits
        self.scope, self.contest, self.day, self.station = scope, contest, begun.day, begun.station

        def said(lang: Lang) -> str:
            values = {"scope": scope, "contest": contest, "day": format_jalali(begun.day, lang)}
            if begun.station is None:
                return text_in(CATALOGUE, "commit_polling", lang, **values)
            return text_in(CATALOGUE, "commit_polling_at", lang, where=begun.where(lang), **values)

        self.fa, self.en = said("fa"), said("en")
        SandoghError.__init__(self, f"{self.fa}\n{self.en}")


class UnknownConstituencyError(LotRefusalError):
    def __init__(self, contest: str, constituency: str) -> None:
        self.contest, self.constituency = contest, constituency
        super().__init__("unknown_constituency", contest=contest, constituency=constituency)


def constituency_in(defined: Contest, constituency: str) -> Constituency:
    """The constituency `constituency` of `defined`; `UnknownConstituencyError` naming both
    when the contest has none of that id (review S19, F14: a bare StopIteration)."""
    found = next((k for k in defined.constituencies if k.id == constituency), None)
    if found is None:
        raise UnknownConstituencyError(defined.id, constituency)
    return found


class WeakSecretError(LotRefusalError):
    def __init__(self) -> None:
        super().__init__("secret_weak", least=MIN_SECRET)


def commit_lot(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    contest: str | None,
    constituency: str | None = None,
    *,
    secret: str,
    now: datetime.datetime,
) -> LotCommitment:
    """Record the board's commitment to `secret` (its `commitment_of`; the secret is not kept)
    for the ties of `constituency` of `contest`, of every constituency if None, or of every
    contest if `contest` is None; once per scope, before the cut-off."""
    if len(secret.strip()) < MIN_SECRET:
        raise WeakSecretError()

    def use_case(work: UnitOfWork) -> LotCommitment:
        tallied = tally(work, election_id)
        geography, election = tallied.geography, tallied.stored.election
        if contest is not None:
            defined = tallied.contest(contest)  # an unknown contest is refused, naming it
            if constituency is not None:
                constituency_in(defined, constituency)
        elif constituency is not None:  # a constituency is one contest's
            raise UnknownConstituencyError(WHOLE_ELECTION, constituency)
        contests = [c.id for c in election.contests if contest in (None, c.id)]
        units = tuple(u for each in contests for u in scope_units(geography, each, constituency))
        require(geography, actor, Action.CERTIFY, units, election.id)
        require_body(actor, Action.CERTIFY, election, contests, units)
        commitment = commitment_of(secret)
        made = LotCommitment(contest, constituency, commitment, actor.username, now)
        # one cut-off: a final count stored (a final report's, or results imported) comes after
        # a report of its station, or is an import, either of which began polling
        for each in contests:
            try:
                require_before_polling(work, election.id, each, "", now)
            except PollingBegunError as begun:
                raise CommitmentAfterPollingError(made.scope, each, begun) from begun
        for earlier in commitments(work, election.id):
            if earlier.key == made.key:
                raise CommitmentExistsError(earlier)
            if _overlap(earlier, made):
                raise CommitmentOverlapsError(made, earlier)
        record_decision(
            work,
            actor,
            election.id,
            common_place(geography, units),
            kind=LOT_COMMITMENT,
            key=made.key,
            data=commitment_json(made),
            type_=EventType.LOT_COMMITTED,
            now=now,
        )
        return made

    return guarded(uow, actor, now, use_case)


def commitments(work: UnitOfWork, election: str) -> list[LotCommitment]:
    """The commitments recorded in the election, each checked against its log entry."""
    return [commitment_read(d.data) for d in recorded_of_kind(work, election, LOT_COMMITMENT)]


def _overlap(one: LotCommitment, other: LotCommitment) -> bool:
    """Whether some tie is covered by both."""
    return (None in (one.contest, other.contest) or one.contest == other.contest) and (
        None in (one.constituency, other.constituency) or one.constituency == other.constituency
    )
