"""Candidacy by place (issue 12, section 1; DESIGN.md §6, "every role is scoped to a place"): an
account of the executive or the supervisory side acts only on the applicants of constituencies
within its grant's place; a national grant covers them all. `sandogh candidates` and the
console's candidacy pages call the same use cases, which check it here.

An applicant's place is the units of their constituency: those the stored definition gives the
contest's constituency (`core.supervision.scope_units`), or the unit itself where the constituency
is named by a unit code (the command and the console's select both give a constituency id). The
tree of places is the election's own geography: its draft definition is loaded before its calendar
and its first registration, and the code draw rewrites that stored definition
(`services.definition_versions`). While the election has no definition at this centre no place
can be checked, and every step fails closed (`NoDefinitionError`, saying to load it). A
constituency the definition does not place is open only to a grant at its top.

A refusal is an `AccessDeniedError` naming the constituency and the grant's place (or the
election with no definition), in Persian and English, and is logged (ACCESS_DENIED) as every
refusal of access is (`services.acting`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sandogh.core.access import Action, Tree, may
from sandogh.core.candidacy.process import Candidacy
from sandogh.core.definition.geography import Geography
from sandogh.core.supervision import scope_units
from sandogh.locale.candidacy import CATALOGUE
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in
from sandogh.services.acting import AccessDeniedError, Actor
from sandogh.services.candidacy_files import allowed
from sandogh.services.days import day_of
from sandogh.services.ports import UnitOfWork


class OutsidePlaceError(AccessDeniedError):
    """`actor`'s grant does not hold `constituency` (of `contest`) at `places`; `applicant` is
    the applicant acted on, 0 for a step of the whole contest; not `placed`: no stored
    geography places the constituency."""

    def __init__(  # noqa: PLR0917 (AccessDeniedError's four, and what is refused)
        self,
        actor: Actor,
        action: Action,
        election: str,
        places: Sequence[str],
        contest: str,
        constituency: str,
        applicant: int,
        *,
        placed: bool = True,
    ) -> None:
        self.contest = contest
        self.constituency = constituency
        self.applicant = applicant

        units = ", ".join(places[:3]) + (", …" if len(places) > 3 else "")

        def said(lang: Lang) -> str:
            named = {"user": actor.username, "place": actor.grant.place}
            if not placed:
                return text_in(CATALOGUE, "unplaced", lang, constituency=constituency, **named)
            return text_in(
                CATALOGUE, "outside_place", lang, constituency=constituency, units=units, **named
            )

        self.fa, self.en = said("fa"), said("en")
        self.logged = {"contest": contest, "constituency": constituency, "applicant": applicant}
        super().__init__(actor, action, election, places, f"{self.en} — {self.fa}")


class NoDefinitionError(AccessDeniedError):
    """`election` has no stored definition: no grant's place can be checked against its units,
    so the step is refused (at `actor`'s own place) until its draft definition is loaded."""

    def __init__(self, actor: Actor, action: Action, election: str) -> None:
        self.fa, self.en = (
            text_in(CATALOGUE, "no_definition", lang, election=election) for lang in ("fa", "en")
        )
        self.logged = {"refused": "no-definition"}
        super().__init__(actor, action, election, [actor.grant.place], f"{self.en} — {self.fa}")


def geography_of(work: UnitOfWork, actor: Actor, action: Action, election: str) -> Geography:
    """The geography of `election`'s stored definition; `NoDefinitionError` when none is."""
    if work.elections.hash_of(election) is None:
        raise NoDefinitionError(actor, action, election)
    return day_of(work, election).geography


def require_place(
    work: UnitOfWork,
    actor: Actor,
    action: Action,
    election: str,
    *,
    contest: str,
    at: Iterable[str],
    applicant: int = 0,
) -> None:
    """Raise unless `actor` may do `action` (its role) on applicants of every constituency `at`
    of `contest` (its place)."""
    allowed(actor, action, election)
    tree = geography_of(work, actor, action, election)
    for constituency in dict.fromkeys(at):
        units = _units(tree, contest, constituency)
        if units is None:
            if not _at_top(tree, actor.grant.place):
                raise OutsidePlaceError(
                    actor,
                    action,
                    election,
                    (constituency,),
                    contest,
                    constituency,
                    applicant,
                    placed=False,
                )
            continue
        denied = [u for u in units if not may(tree, actor.grant, action, u)]
        if denied:
            raise OutsidePlaceError(
                actor, action, election, denied, contest, constituency, applicant
            )


def require_on(
    work: UnitOfWork, actor: Actor, action: Action, election: str, file: Candidacy
) -> None:
    """Raise unless `actor` may do `action` on the applicant of `file` (role and place)."""
    made = file.registration
    at = [made.constituency]
    require_place(
        work, actor, action, election, contest=made.contest, at=at, applicant=made.applicant
    )


def _units(tree: Geography, contest: str, constituency: str) -> tuple[str, ...] | None:
    """The units of `constituency`, or None where `tree` does not place it."""
    units = scope_units(tree, contest, constituency)
    if units:
        return units
    return (constituency,) if constituency in tree else None


def _at_top(tree: Tree, place: str) -> bool:
    try:
        return not tree.ancestors(place)
    except KeyError:
        return False
