"""What a void or a certification would do, shown before it is done (issue 13): the stations it
touches by name and code, and for each contest the figures of the page's place before and after;
the board confirms with its reason and reference (required) or goes back. A certification
changes no figure: its preview shows the figures it would fix, and how many stations have not
reported, and which stations' boxes a board voided (they are left out of what is certified), and
asks the certifier to confirm that these are the figures certified, with the board's reason and
decision reference as a void asks them.

The confirming form posts the same fields again with `confirmed`; nothing is stored before.
The figures are named for their scope, as the results site names them (`core.definition.scope`):
a one-province election's figures at the nation are «استان کرمان»'s, not «ایران»'s.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi.responses import Response

from sandogh.core.access import covers
from sandogh.core.definition.model import Name
from sandogh.core.definition.scope import scope_line
from sandogh.core.supervision import Effect, Void, kind_of
from sandogh.locale.definition_names import named_place
from sandogh.server.console.gate import Page
from sandogh.services.results import UnitResult, show_results

#: The form's fields a confirmation posts again as they were typed (the rest are its own).
KEPT = ("station", "contest", "candidate", "stations", "constituency", "case")


@dataclass(frozen=True)
class Change:
    """One figure of the place shown, before and after."""

    label: str
    before: int
    after: int


@dataclass(frozen=True)
class ContestChange:
    name: str
    changes: tuple[Change, ...]


def void_preview(page: Page, decided: Void, effect: Effect, action: str) -> Response:
    """The preview page of a void not yet recorded."""
    day = page.day()
    place = page.place()
    geography = day.geography
    inside = [r for r in effect.removals if covers(geography, place, r.station)]
    contests = []
    for result in _results(page, place):
        taken = [r for r in inside if r.contest == result.contest.id]
        if not taken:
            continue
        counts = result.total.counts
        changes = [Change(page.t("cast"), counts.cast, counts.cast - sum(r.ballots for r in taken))]
        for candidate in result.contest.candidates:
            if candidate.code in counts.votes:
                lost = sum(r.votes.get(candidate.code, 0) for r in taken)
                before = counts.votes[candidate.code]
                changes.append(Change(_name(page, candidate.name), before, before - lost))
        contests.append(ContestChange(_name(page, result.contest.name), tuple(changes)))
    stations = sorted({r.station for r in effect.removals})
    return page.render(
        "void_preview.html",
        day=day,
        place=geography.unit(place),
        scope=_scope_name(page, place),
        kind=page.t(f"void_kind_{kind_of(decided).value}"),
        stations=[geography.unit(code) for code in stations],
        boxes=effect.boxes,
        ballots=effect.ballots,
        contests=contests,
        action=action,
        kept=[(k, page.form[k]) for k in KEPT if page.form.get(k)],
        reason=page.form.get("reason", ""),
        reference=page.form.get("reference", ""),
    )


def certify_preview(
    page: Page, contest: str, constituency: str | None, *, refused: str | None = None
) -> Response:
    """The preview page of a certification: the figures it would fix at the page's place, and
    the form that asks the board's reason and decision reference (again, with `refused`, when
    they were not given in words)."""
    day = page.day()
    place = page.place()
    shown = [r for r in _results(page, place) if r.contest.id == contest]
    boxes = shown[0].boxes_voided if shown else ()
    if constituency is not None:
        geography = day.geography
        boxes = tuple(s for s in boxes if geography.constituency_of(contest, s) == constituency)
    return page.render(
        "certify_preview.html",
        status=200 if refused is None else 422,
        day=day,
        place=day.geography.unit(place),
        result=shown[0] if shown else None,
        voided=[day.geography.unit(code) for code in boxes],
        contest=contest,
        constituency=constituency or "",
        reason=page.form.get("reason", ""),
        reference=page.form.get("reference", ""),
        refused=refused,
    )


def _results(page: Page, place: str) -> tuple[UnitResult, ...]:
    return show_results(page.centre.uow, page.day().election.id, unit=place).results


def _name(page: Page, name: Name) -> str:
    return name.fa if page.lang == "fa" else name.en


def _scope_name(page: Page, place: str) -> str:
    """The name of the figures' scope at `place`, as a caption says it."""
    geography = page.day().geography

    def below(code: str) -> list[tuple[str, str]]:
        return [(child, geography.kind(child).value) for child in geography.children(code)]

    scope = geography.unit(scope_line(place, below)[-1])
    return named_place(scope.kind, _name(page, scope.name), page.lang)
