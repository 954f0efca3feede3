"""Candidacy by place (issue 12, section 1; DESIGN.md §6, "every role is scoped to a place"): an
account of the executive or the supervisory side acts only on the applicants of constituencies
within its grant's place; a national grant covers them all. `sandogh candidates` and the
console's candidacy pages call the same use cases, which check it here.

An applicant's place is the units of their constituency: those the stored definition gives the
contest's constituency (`core.supervision.scope_units`), or the unit itself where the constituency
is named by the code of a unit lying wholly in one of the contest's (the command and the console's
select both give a constituency id). The
tree of places is the election's own geography: its draft definition is loaded before its calendar
and its first registration, and the code draw rewrites that stored definition
(`services.definition_versions`). While the election has no definition at this centre no place
can be checked, and every step fails closed (`NoDefinitionError`, saying to load it). A
constituency that is neither one of the contest's in the definition nor a unit within one is
refused wherever it is given (`NotOfContestError`), whatever the grant: the draw could not give its
candidates a place.
A step of the whole contest (its commitment, final list and draw: `require_contest`) needs a grant
whose place holds every constituency of the contest, not only those its applicants registered in.
A supervisory board vets only the applicants of an office its body is competent for
(`services.competence.require_body`).

A refusal is an `AccessDeniedError` naming the constituency and the grant's place (or the
election with no definition), in Persian and English, and is logged (ACCESS_DENIED) as every
refusal of access is (`services.acting`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sandogh.core.access import Action, may
from sandogh.core.candidacy.process import Candidacy
from sandogh.core.definition.geography import Geography
from sandogh.core.errors import SandoghError
from sandogh.core.supervision import scope_units
from sandogh.core.supervision.voids import contest_of
from sandogh.locale.candidacy import CATALOGUE
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in
from sandogh.services.acting import AccessDeniedError, Actor
from sandogh.services.candidacy_files import allowed
from sandogh.services.competence import require_body
from sandogh.services.days import day_of
from sandogh.services.ports import UnitOfWork


class OutsidePlaceError(AccessDeniedError):
    """`actor`'s grant does not hold `constituency` (of `contest`) at `places`; `applicant` is
    the applicant acted on, 0 for a step of the whole contest."""

    def __init__(  # noqa: PLR0917 (AccessDeniedError's four, what is refused, the tree)
        self,
        tree: Geography,
        actor: Actor,
        action: Action,
        election: str,
        places: Sequence[str],
        contest: str,
        constituency: str,
        applicant: int,
    ) -> None:
        self.contest = contest
        self.constituency = constituency
        self.applicant = applicant

        def said(lang: Lang) -> str:
            comma = "، " if lang == "fa" else ", "
            whole = _named(tree, contest, constituency, lang)
            parts = [_named(tree, contest, p, lang) for p in places]
            named = {
                "user": actor.username,
                "place": _named(tree, contest, actor.grant.place, lang),
            }
            if parts == [whole]:
                return text_in(CATALOGUE, "outside_place", lang, constituency=whole, **named)
            units = comma.join(parts[:3]) + (comma + "…" if len(parts) > 3 else "")
            return text_in(
                CATALOGUE, "outside_place_part", lang, constituency=whole, units=units, **named
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


class NotOfContestError(SandoghError):
    """`constituency` is not one of `contest`'s in `election`'s stored definition, or (with no
    constituency) the definition has no contest `contest`."""

    def __init__(self, election: str, contest: str, constituency: str | None) -> None:
        self.election, self.contest, self.constituency = election, contest, constituency
        key, named = "unknown_contest", {"election": election, "contest": contest}
        if constituency is not None:
            key, named = "unknown_constituency", {**named, "constituency": constituency}
        self.fa, self.en = (text_in(CATALOGUE, key, lang, **named) for lang in ("fa", "en"))
        super().__init__(f"{self.en} — {self.fa}")


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
    of `contest` (its place), each one of the contest's, and vets them only for an office of its
    own body."""
    allowed(actor, action, election)
    tree = geography_of(work, actor, action, election)
    _require_at(tree, actor, action, election, contest, at, applicant)


def require_contest(
    work: UnitOfWork, actor: Actor, action: Action, election: str, contest: str
) -> None:
    """Raise unless `actor` may do `action` on the whole of `contest`: its grant's place holds
    every constituency the stored definition gives it (a step of the whole contest)."""
    allowed(actor, action, election)
    tree = geography_of(work, actor, action, election)
    defined = contest_of(tree, contest)
    if defined is None:
        raise NotOfContestError(election, contest, None)
    every = [k.id for k in defined.constituencies]
    _require_at(tree, actor, action, election, contest, every, 0)


def _require_at(  # noqa: PLR0917 (require_place's, with the tree read)
    tree: Geography,
    actor: Actor,
    action: Action,
    election: str,
    contest: str,
    at: Iterable[str],
    applicant: int,
) -> None:
    held: list[str] = []
    for constituency in dict.fromkeys(at):
        units = _units(tree, election, contest, constituency)
        denied = [u for u in units if not may(tree, actor.grant, action, u)]
        if denied:
            raise OutsidePlaceError(
                tree, actor, action, election, denied, contest, constituency, applicant
            )
        held.extend(units)
    if action is Action.VET_CANDIDATES:
        require_body(actor, action, tree.election, [contest], held or [actor.grant.place])


def _named(tree: Geography, contest: str, code: str, lang: Lang) -> str:
    """A constituency of `contest` or a unit by its name in `lang`; a code not in the tree as is."""
    defined = contest_of(tree, contest)
    found = next((k for k in defined.constituencies if k.id == code), None) if defined else None
    name = found.name if found is not None else tree.unit(code).name if code in tree else None
    if name is None:
        return code
    return f"«{name.fa if lang == 'fa' else name.en}»"


def _units(tree: Geography, election: str, contest: str, constituency: str) -> tuple[str, ...]:
    """The units of `constituency`: a constituency of `contest`, or a unit lying wholly in one
    (as the console's tests name it); `NotOfContestError` for anything else."""
    units = scope_units(tree, contest, constituency)
    if units:
        return units
    if contest_of(tree, contest) is None:
        raise NotOfContestError(election, contest, None)
    if constituency not in tree or tree.constituency_of(contest, constituency) is None:
        raise NotOfContestError(election, contest, constituency)
    return (constituency,)


def require_on(
    work: UnitOfWork, actor: Actor, action: Action, election: str, file: Candidacy
) -> None:
    """Raise unless `actor` may do `action` on the applicant of `file` (role and place)."""
    made = file.registration
    at = [made.constituency]
    require_place(
        work, actor, action, election, contest=made.contest, at=at, applicant=made.applicant
    )
