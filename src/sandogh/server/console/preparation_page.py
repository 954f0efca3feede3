"""The preparation page (issue 12): the election calendar with today's stage (read-only), the
stations' staff with who is untrained, and the forms of the stages that had only commands —
assigning a person to a station in the regulations' role (`sandogh staff assign`), recording a
training session or briefing with who attended (`staff session`), a hard-to-reach station's plan
(`readiness plan`) and a problem of an earlier election (`readiness past`).

Every form calls the use case the command calls (`services.preparation`) with the signed-in
operator as its `Actor`, which checks MANAGE_READINESS at every station it changes and logs a
refusal; the page shows the roster to whoever may READ its unit. The plans and past problems
recorded are shown on the readiness page, as `readiness show` prints them.
"""

from __future__ import annotations

import datetime

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from sandogh.core.access import Action
from sandogh.core.readiness import (
    RemotePlan,
    Session,
    SessionKind,
    StaffRole,
    Worker,
    attended,
)
from sandogh.locale import to_ascii_digits
from sandogh.locale.candidacy import CATALOGUE, stage_name, window_text
from sandogh.locale.messages import text_in
from sandogh.server.console.gate import PREFIX, Page, PageDep
from sandogh.server.console.preparation_forms import TABS, acting, bad, choice, jalali, names, text
from sandogh.services.candidacy_files import iran_day, today_stage
from sandogh.services.polling_calendar import stored_calendar
from sandogh.services.preparation import (
    assign_worker,
    note_past_problem,
    record_session,
    roster,
    set_plan,
)

router = APIRouter(prefix=f"{PREFIX}/preparation", include_in_schema=False)


@router.get("", response_class=HTMLResponse)
def preparation(page: PageDep) -> Response:
    return _shown(page)


def _shown(page: Page, *, refused: str | None = None, status: int = 200) -> Response:
    day = page.day()
    place = page.place()
    page.require(day, Action.READ, place)
    now = page.centre.clock()
    with page.centre.uow() as work:
        calendar = stored_calendar(work, day.election.id)
    found = roster(page.centre.uow, page.actor, day.election.id, place, now=now)
    lang = page.lang
    rows = []
    for worker in sorted(found.workers, key=lambda w: (w.station, w.role.value, w.person)):
        went = list(attended(worker.person, found.sessions))
        trained = any(s.kind is SessionKind.TRAINING for s in went)
        rows.append((worker, went, trained))
    contests = {c.id: (c.name.fa if lang == "fa" else c.name.en) for c in day.election.contests}
    comma = "، " if lang == "fa" else ", "
    return page.render(
        "preparation.html",
        status=status,
        day=day,
        place=day.geography.unit(place),
        tabs=TABS,
        calendar=calendar,
        today=iran_day(now),
        current=lambda schedule: today_stage(schedule, now),
        stage_name=lambda stage: stage_name(stage, lang),
        window_text=lambda window: window_text(window, lang),
        c=lambda key, **values: text_in(CATALOGUE, key, lang, **values),
        contest_names=lambda ids: comma.join(contests.get(i, i) for i in ids),
        rows=rows,
        untrained=sum(1 for _w, _s, trained in rows if not trained),
        roles=list(StaffRole),
        kinds=list(SessionKind),
        may_manage=page.may(day, Action.MANAGE_READINESS, place),
        refused=refused,
        done=page.request.query_params.get("done") == "1",
    )


@router.post("/staff")
def assign(page: PageDep) -> Response:
    role = choice(page, _shown, "station_role", StaffRole)
    worker = Worker(
        text(page, _shown, "station"),
        text(page, _shown, "person"),
        text(page, _shown, "name"),
        role,
    )
    election = page.day().election.id
    return acting(
        page,
        _shown,
        "/preparation",
        lambda: assign_worker(
            page.centre.uow, page.actor, election, worker, now=page.centre.clock()
        ),
    )


@router.post("/session")
def session(page: PageDep) -> Response:
    kind = choice(page, _shown, "kind", SessionKind)
    held = jalali(page, _shown, "held")
    if held is None:
        raise bad(page, _shown, "held")
    attendees = names(page, "attendees")
    if not attendees:
        raise bad(page, _shown, "attendees")
    given = Session(
        0, kind, held, text(page, _shown, "venue"), text(page, _shown, "topic"), attendees
    )
    election = page.day().election.id
    return acting(
        page,
        _shown,
        "/preparation",
        lambda: record_session(
            page.centre.uow, page.actor, election, given, now=page.centre.clock()
        ),
    )


@router.post("/plan")
def plan(page: PageDep) -> Response:
    typed = to_ascii_digits(page.form.get("report_grace", "").strip()).replace("٫", ".")
    try:
        grace = datetime.timedelta(hours=float(typed))
    except (ValueError, OverflowError):
        raise bad(page, _shown, "report_grace") from None
    given = RemotePlan(
        text(page, _shown, "station"),
        text(page, _shown, "transport"),
        page.form.get("helicopter") == "yes",
        grace,
        jalali(page, _shown, "link_tested"),
        page.form.get("link_ok") == "yes",
    )
    election = page.day().election.id
    return acting(
        page,
        _shown,
        "/preparation",
        lambda: set_plan(page.centre.uow, page.actor, election, given, now=page.centre.clock()),
    )


@router.post("/past")
def past(page: PageDep) -> Response:
    station = text(page, _shown, "station")
    happened_in = text(page, _shown, "happened_in")
    note = text(page, _shown, "note")
    election = page.day().election.id
    return acting(
        page,
        _shown,
        "/preparation",
        lambda: note_past_problem(
            page.centre.uow,
            page.actor,
            election,
            station,
            happened_in=happened_in,
            note=note,
            now=page.centre.clock(),
        ),
    )
