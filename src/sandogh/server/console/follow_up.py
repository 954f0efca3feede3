"""The pages that follow what went wrong: incidents (assign, resolve) and violation cases (open,
move on, note).

Lists come from `services.incidents.list_incidents` and `services.cases.list_cases`, which keep
to what the operator may read; here they are narrowed to the place the page shows. Every change
goes through the use case with the signed-in `Actor`, which asks the rights at each unit
concerned and logs a refusal; the page shows its reason.

A page lists at most `SHOWN` incidents, those not yet resolved first: the province's simulated day
raised 2,403, and a page of them all (two forms a row) did not load in 30 s; a smaller place
shows the rest.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from sandogh.core.access import Action, covers
from sandogh.core.errors import SandoghError
from sandogh.core.supervision import NEXT_STATUS, CaseKind, CaseStatus
from sandogh.server.console.gate import PREFIX, Page, PageDep, typed_number
from sandogh.server.console.supervision_refusals import said
from sandogh.services.acting import AccessDeniedError
from sandogh.services.cases import list_cases, open_case, update_case
from sandogh.services.days import Day
from sandogh.services.incidents import assign_incident, list_incidents, resolve_incident
from sandogh.services.ports import IncidentStatus

router = APIRouter(prefix=PREFIX, include_in_schema=False)

#: the most incidents one page lists
SHOWN = 200


def _within(day: Day, place: str, codes: tuple[str, ...]) -> bool:
    known = [code for code in codes if code in day.geography]
    return not known or any(covers(day.geography, place, code) for code in known)


@router.get("/incidents", response_class=HTMLResponse)
def incidents(page: PageDep) -> Response:
    return _incidents(page)


def _incidents(page: Page, *, refused: str | None = None, status: int = 200) -> Response:
    day = page.day()
    place = page.place()
    page.require(day, Action.READ, place)
    found = [
        numbered
        for numbered in list_incidents(page.centre.uow, page.actor, day.election.id)
        if _within(day, place, numbered.incident.stations)
    ]
    # stable: in the order raised within each part
    found.sort(key=lambda numbered: numbered.incident.status is IncidentStatus.RESOLVED)
    return page.render(
        "incidents.html",
        status=status,
        day=day,
        place=day.geography.unit(place),
        listed=found[:SHOWN],
        found=len(found),
        may_manage=page.may(day, Action.MANAGE_INCIDENTS, place),
        refused=refused,
    )


def _follow(
    page: Page, where: str, act: Callable[[], object], again: Callable[..., Response]
) -> Response:
    try:
        act()
    except AccessDeniedError as denied:
        return again(page, refused=said(page, denied), status=403)
    except SandoghError as refused:
        return again(page, refused=said(page, refused), status=422)
    return page.back(where, place=page.place())


@router.post("/incidents/assign")
def assign(page: PageDep) -> Response:
    number = typed_number(page, "incident", _incidents)
    assignee = page.form.get("assignee", "")
    return _follow(
        page,
        "/incidents",
        lambda: assign_incident(
            page.centre.uow, page.actor, number, assignee, now=page.centre.clock()
        ),
        _incidents,
    )


@router.post("/incidents/resolve")
def resolve(page: PageDep) -> Response:
    number = typed_number(page, "incident", _incidents)
    resolution = page.form.get("resolution", "")
    return _follow(
        page,
        "/incidents",
        lambda: resolve_incident(
            page.centre.uow, page.actor, number, resolution, now=page.centre.clock()
        ),
        _incidents,
    )


@router.get("/cases", response_class=HTMLResponse)
def cases(page: PageDep) -> Response:
    return _cases(page)


def _cases(page: Page, *, refused: str | None = None, status: int = 200) -> Response:
    day = page.day()
    place = page.place()
    page.require(day, Action.READ, place)
    listed = [
        view
        for view in list_cases(page.centre.uow, page.actor, day.election.id)
        if _within(day, place, (view.case.place,))
    ]
    return page.render(
        "cases.html",
        status=status,
        day=day,
        place=day.geography.unit(place),
        listed=listed,
        kinds=list(CaseKind),
        next_status=NEXT_STATUS,
        may_manage=page.may(day, Action.MANAGE_CASES, place),
        refused=refused,
    )


@router.post("/cases/open")
def open_new_case(page: PageDep) -> Response:
    form = page.form
    stations = tuple(s.strip() for s in form.get("stations", "").split(",") if s.strip())

    def act() -> object:
        day = page.day()
        return open_case(
            page.centre.uow,
            page.actor,
            day.election.id,
            kind=_kind(form.get("kind", "")),
            summary=form.get("summary", ""),
            place=page.place(),
            stations=stations,
            reference=form.get("reference") or None,
            now=page.centre.clock(),
        )

    return _follow(page, "/cases", act, _cases)


def _kind(chosen: str) -> CaseKind:
    return CaseKind(chosen) if chosen in {k.value for k in CaseKind} else CaseKind.OTHER


@router.post("/cases/update")
def update(page: PageDep) -> Response:
    form = page.form
    chosen = form.get("status", "")
    status = CaseStatus(chosen) if chosen in {s.value for s in CaseStatus} else None
    number = typed_number(page, "case", _cases)
    return _follow(
        page,
        "/cases",
        lambda: update_case(
            page.centre.uow,
            page.actor,
            number,
            status=status,
            note=form.get("note") or None,
            reference=form.get("reference") or None,
            now=page.centre.clock(),
        ),
        _cases,
    )
