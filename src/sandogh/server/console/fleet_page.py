"""The fleet's page (issue 12): the software builds approved for the day and the decisions still
awaiting k officials' signatures, with who signed (read-only, as `sandogh fleet builds` lists
them; review S19 F7), the boxes at and below a unit with the build each last attested and
the shipping step it reached (`fleet show`), and the form that records a box's next hand-over
(`fleet prepare|ship|receive|install`).

The form calls `services.fleet.hand_over` with the step that comes next for the box, as the
commands do; the use case checks MANAGE_READINESS where the step happens (the unit that sends,
receives or installs the box), checks the order and the place it goes to, and logs a refusal.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from sandogh.core.access import Action
from sandogh.core.fleet import STEPS, expected_step
from sandogh.locale.fleet import fleet_text, step_name
from sandogh.server.console.gate import PREFIX, Page, PageDep
from sandogh.server.console.preparation_forms import TABS, acting, text
from sandogh.services.build_approvals import build_proposals
from sandogh.services.fleet import build_decisions, fleet_of, hand_over

router = APIRouter(prefix=f"{PREFIX}/preparation/fleet", include_in_schema=False)


@router.get("", response_class=HTMLResponse)
def fleet(page: PageDep) -> Response:
    return _shown(page)


def _shown(page: Page, *, refused: str | None = None, status: int = 200) -> Response:
    day = page.day()
    place = page.place()
    page.require(day, Action.READ, place)
    now = page.centre.clock()
    builds = build_decisions(page.centre.uow, page.actor, day.election.id, now=now)
    states = build_proposals(page.centre.uow, page.actor, day.election.id, now=now)
    pending = [(s.proposal, s.signed) for s in states if not s.done]
    boxes = fleet_of(page.centre.uow, page.actor, day.election.id, place, now=now)
    lang = page.lang
    return page.render(
        "fleet.html",
        status=status,
        day=day,
        place=day.geography.unit(place),
        tabs=TABS,
        builds=builds,
        pending=pending,  # awaiting k officials' signatures (review S19 F7)
        threshold=max((s.threshold for s in states), default=0),
        comma="، " if lang == "fa" else ", ",
        boxes=[(entry, expected_step(entry.handovers)) for entry in boxes],
        f=lambda key, **values: fleet_text(key, lang, **values),
        step_name=lambda step: step_name(step, lang),
        may_manage=page.may(day, Action.MANAGE_READINESS, place),
        refused=refused,
        done=page.request.query_params.get("done") == "1",
    )


@router.post("/hand-over")
def hand_over_box(page: PageDep) -> Response:
    """Record the box's next step; `to` is where it goes when that step sends it."""
    serial = text(page, _shown, "serial")
    to = page.form.get("to", "").strip() or None
    day = page.day()
    now = page.centre.clock()

    def act() -> object:
        # whichever step comes next, read from all the box's hand-overs (S20 F13)
        return hand_over(
            page.centre.uow,
            page.actor,
            day.election.id,
            serial,
            frozenset(STEPS),
            place=to,
            now=now,
        )

    return acting(page, _shown, "/preparation/fleet", act)
