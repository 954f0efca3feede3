"""The readiness page: a unit's readiness registers at a glance (issue 4, item 5).

The summary of the unit, one row per child unit to drill down, what is missing where (untrained
staff among it), the hard-to-reach stations with their plans and the past problems of its
stations, from `services.readiness.readiness`; each register can be downloaded as CSV from the
API (which takes the console's session cookie) and, for roles with MANAGE_READINESS, replaced by
a CSV sent with the page's form. Forms here are url-encoded (the console reads no multipart), so
the file is sent as the text of a field, which `static/file-field.js` fills from the file chosen.
"""

from __future__ import annotations

import datetime
import io

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from sandogh.core.access import Action
from sandogh.core.readiness import Register, RegisterError, RemotePlan
from sandogh.formats.readiness_csv import ReadinessCsvError, read_register, row_problems
from sandogh.formats.tally_csv import RowProblem
from sandogh.locale import Lang, format_jalali
from sandogh.locale.readiness_terms import hours, term
from sandogh.server.console.gate import PREFIX, Page, PageDep
from sandogh.server.console.readiness_groups import SHOWN as SHOWN_PLACES
from sandogh.server.console.readiness_groups import grouped
from sandogh.server.console.supervision_refusals import said
from sandogh.services.acting import AccessDeniedError
from sandogh.services.readiness import import_register, readiness
from sandogh.wire.api_paths import ROOT

router = APIRouter(prefix=PREFIX, include_in_schema=False)

#: The summary's counts the page shows, in order.
SHOWN = (
    "boxes_current",
    "boxes_pending",
    "boxes_failed",
    "boxes_unassigned",
    "stations_short_of_papers",
    "stations_short_of_staff",
    "stations_not_open",
    "stations_late",
)


@router.get("/readiness", response_class=HTMLResponse)
def readiness_page(page: PageDep) -> Response:
    return _shown(page)


@router.post("/readiness", response_class=HTMLResponse)
def upload(page: PageDep) -> Response:
    day = page.day()
    place = page.place()
    page.require(day, Action.MANAGE_READINESS, place)
    try:
        register = Register(page.form.get("register", ""))
    except ValueError:
        return _shown(page, refused=page.t("readiness_no_register"), status=422)
    text = page.form.get("csv", "").removeprefix("\ufeff")
    try:
        rows = read_register(register, io.StringIO(text, newline=""), source_name=register)
        import_register(
            page.centre.uow,
            page.actor,
            day.election.id,
            register,
            rows,
            unit=place,
            now=page.centre.clock(),
        )
    except AccessDeniedError as denied:
        return _shown(page, refused=said(page, denied), status=403)
    except ReadinessCsvError as bad:
        return _shown(page, register=register, problems=bad.problems, status=422)
    except RegisterError as bad:
        placed = row_problems(bad.problems)
        return _shown(page, register=register, problems=placed, status=422)
    return page.back("/readiness", place=place, done=register.value)


def remote_note(plan: RemotePlan | None, lang: Lang, day: datetime.date) -> str:
    """A hard-to-reach station's plan in a few words, for the atlas: no plan, or its link test
    and grace to report (and the helicopter, when one stands by)."""
    if plan is None:
        return term("gap_no-remote-plan", lang)
    if not plan.link_ready(day):
        link = term("gap_link-untested", lang)
    else:
        link = term("remote_passed", lang, day=format_jalali(plan.link_tested or day, lang))
    parts = [f"{term('remote_link', lang)}: {link}"]
    parts.append(f"{term('remote_grace', lang)}: {hours(plan.report_grace, lang)}")
    if plan.helicopter:
        parts.append(term("remote_helicopter", lang))
    return ("، " if lang == "fa" else ", ").join(parts)


def _shown(
    page: Page,
    *,
    refused: str | None = None,
    register: Register | None = None,
    problems: tuple[RowProblem, ...] | list[RowProblem] = (),
    status: int = 200,
) -> Response:
    day = page.day()
    place = page.place()
    page.require(day, Action.READ, place)
    found = readiness(page.centre.uow, page.actor, day.election.id, place, now=page.centre.clock())
    api = f"{ROOT}/elections/{day.election.id}/readiness"
    return page.render(
        "readiness.html",
        status=status,
        day=day,
        place=day.geography.unit(place),
        unit=day.geography.unit,
        found=found,
        groups=grouped(found.missing),
        shown_places=SHOWN_PLACES,
        shown=SHOWN,
        registers=list(Register),
        api=api,
        may_manage=page.may(day, Action.MANAGE_READINESS, place),
        refused=refused,
        bad_register=register,
        problems=problems,
        done=page.request.query_params.get("done"),
        grace=lambda delta: hours(delta, page.lang),
    )
