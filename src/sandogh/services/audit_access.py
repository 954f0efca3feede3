"""Who may take an audit's steps (docs/audit.md §6.5–§6.6; issue 12, section 2).

Starting an audit, recording its seed, drawing and closing its rounds are a supervisor's
(`run-audit`, `core.access.SUPERVISORY`) at every unit the audited contests' constituencies name
(the election's root before an audit is started), and of the body competent for each of those
contests (`services.competence.require_body`); recording what the boards read is an audit board's
(`enter-readings`) at the station of each paper and each station read. `sandogh audit` asks it
before the use case, under the grant the command declares, as the console's forms ask the
signed-in operator's; a refusal is an `AccessDeniedError` in Persian and English (a body's,
`WrongBodyError`), recorded as ACCESS_DENIED (`services.acting.guarded`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from sandogh.core.access import Action, may
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election
from sandogh.locale.audit_words import DENIALS
from sandogh.locale.language import Lang
from sandogh.services.acting import AccessDeniedError, Actor, election_day, guarded
from sandogh.services.competence import require_body
from sandogh.services.elections import UnitOfWorkFactory, root_of
from sandogh.services.ports import UnitOfWork


class AuditDeniedError(AccessDeniedError):
    """`actor`'s grant may not take `action` at `places`; said in Persian and English."""

    def __init__(self, actor: Actor, action: Action, election: str, places: Sequence[str]) -> None:
        units = ", ".join(places[:3]) + (", …" if len(places) > 3 else "")

        def said(lang: Lang) -> str:
            template = DENIALS[action.value][lang]
            return template.format(user=actor.username, place=actor.grant.place, units=units)

        self.fa, self.en = said("fa"), said("en")
        super().__init__(actor, action, election, places, f"{self.en} — {self.fa}")


def require_running(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    contests: Sequence[str] | None = None,
    *,
    now: datetime.datetime,
) -> None:
    """Refuse (and log) unless `actor` may run the audit of `contests` (None: of the contests
    the stored audit names, none before it is started) of the election."""

    def check(work: UnitOfWork) -> None:
        day = election_day(work, election_id)
        election = day.election
        if contests is None:
            stored = work.audits.get(election.id)
            audited: Sequence[str] = () if stored is None else stored.contests
        else:
            audited = [c for c in contests if any(c == each.id for each in election.contests)]
        places = units_of(day.geography, election, audited) or [root_of(election)]
        _require(day.geography, actor, Action.RUN_AUDIT, election.id, places)
        require_body(actor, Action.RUN_AUDIT, election, audited, places)

    guarded(uow, actor, now, check)


def require_entering(
    uow: UnitOfWorkFactory,
    actor: Actor,
    election_id: str | None,
    stations: Iterable[str],
    *,
    now: datetime.datetime,
) -> None:
    """Refuse (and log) unless `actor` may enter readings at each of `stations` (a station the
    geography does not hold is the use case's to refuse: it was drawn in no round)."""

    def check(work: UnitOfWork) -> None:
        day = election_day(work, election_id)
        places = sorted({s for s in stations if s in day.geography})
        _require(day.geography, actor, Action.ENTER_READINGS, day.election.id, places)

    guarded(uow, actor, now, check)


def _require(
    geography: Geography, actor: Actor, action: Action, election: str, places: Sequence[str]
) -> None:
    denied = [p for p in places if not may(geography, actor.grant, action, p)]
    if denied:
        raise AuditDeniedError(actor, action, election, denied)


def units_of(geography: Geography, election: Election, contests: Iterable[str]) -> list[str]:
    """Every unit of `geography` the constituencies of `contests` name."""
    chosen = set(contests)
    return sorted(
        {
            unit
            for contest in election.contests
            if contest.id in chosen
            for constituency in contest.constituencies
            for unit in constituency.units
            if unit in geography
        }
    )
