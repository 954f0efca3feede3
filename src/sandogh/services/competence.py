"""Only the competent body's accounts approve, void or certify a contest (issue 12, section 2).

`core.access.bodies` says which body is competent for each office and which body a grant acts
for; every supervision use case asks `require_body` for the contests it touches, after the rights
of its grant (`services.acting.require`), so a refusal of either kind is recorded as an
ACCESS_DENIED entry naming the body required.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sandogh.core.access import Action, Body, acting_body, competent_for
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Contest, Election
from sandogh.locale.competence import CATALOGUE, body_name
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in
from sandogh.services.acting import AccessDeniedError, Actor


class WrongBodyError(AccessDeniedError):
    """`actor`'s account belongs to another body than the one competent for `contest`."""

    def __init__(  # noqa: PLR0917 (AccessDeniedError's four, and what the body refuses)
        self,
        actor: Actor,
        action: Action,
        election: str,
        places: Sequence[str],
        contest: Contest,
        required: Body,
    ) -> None:
        held = acting_body(actor.grant.body)
        self.contest = contest.id
        self.required = required

        def said(lang: Lang) -> str:
            return text_in(
                CATALOGUE,
                "wrong_body",
                lang,
                username=actor.username,
                held=body_name(held, lang),
                contest=contest.name.fa if lang == "fa" else contest.name.en,
                required=body_name(required, lang),
            )

        self.fa, self.en = said("fa"), said("en")
        self.logged = {"contest": contest.id, "body": held.value, "required": required.value}
        super().__init__(actor, action, election, places, f"{self.en} — {self.fa}")


def require_body(
    actor: Actor,
    action: Action,
    election: Election,
    contests: Iterable[str],
    places: Sequence[str],
) -> None:
    """Raise `WrongBodyError` unless `actor`'s body is competent for every one of `contests`."""
    held = acting_body(actor.grant.body)
    wanted = set(contests)
    for contest in election.contests:
        required = competent_for(contest.office)
        if contest.id in wanted and required is not held:
            raise WrongBodyError(actor, action, election.id, places, contest, required)


def contests_at(geography: Geography, contest: str | None, places: Sequence[str]) -> list[str]:
    """`contest`, or where a decision names none (a box voided for every contest) each contest
    that one of `places` votes in."""
    if contest is not None:
        return [contest]
    return [
        c.id
        for c in geography.election.contests
        if any(geography.constituency_of(c.id, place) is not None for place in places)
    ]
