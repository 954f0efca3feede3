"""The supervisors' pages: the results of a place with what was voided and certified, and the
forms that void a box, a candidate's votes in given boxes or a constituency, and certify a
contest's result or undo a certification.

Each form calls `services.voids` or `services.certifications` with the signed-in operator as its
`Actor`: the use case asks the rights for every unit it touches and logs a refusal itself; the
page shows the reason of any refusal beside the results. There is no form that edits counts: a
supervisor approves or voids, never enters figures (issue 4, item 1). A certification, and its
undoing, is recorded with the board's reason and decision reference, asked after its preview; the
page lists each certification with them, and each undone one with who undid it, when and why.
When the store holds a decision the event log does not record (a row changed by hand), the page
says so and shows no results (`services.recorded_decisions`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from sandogh.core.access import Action
from sandogh.core.errors import SandoghError
from sandogh.core.supervision import (
    CandidateVoid,
    Certification,
    CertificationDecisionError,
    ConstituencyVoid,
    Decision,
    Effect,
    StationVoid,
    Void,
    decision_problems,
    kind_of,
)
from sandogh.server.console.gate import Page, PageDep, typed_number
from sandogh.server.console.supervision_refusals import said
from sandogh.server.console.void_preview import certify_preview, void_preview
from sandogh.services.acting import AccessDeniedError
from sandogh.services.certifications import certify, check_certify, uncertify
from sandogh.services.certified_inputs import CertifiedResultChangedError
from sandogh.services.days import Day
from sandogh.services.results import show_results
from sandogh.services.unit_tally import PageNotFoundError, TotalsDisagreeError
from sandogh.services.unrecorded import UnrecordedDecisionError
from sandogh.services.voids import preview_void, void
from sandogh.store.errors import UnreadableRowError

router_prefix = "/results"
router = APIRouter(prefix="/console", include_in_schema=False)


@router.get(router_prefix, response_class=HTMLResponse)
def results(page: PageDep) -> Response:
    return _results(page)


#: A store whose decisions or kept totals do not agree with themselves: the results, and the
#: previews made of them, are said to be not shown, with why, and no figure
#: a store changed outside sandogh: refused, never shown
NOT_SHOWN = (
    UnrecordedDecisionError,
    TotalsDisagreeError,
    CertifiedResultChangedError,
    UnreadableRowError,
)


def _not_shown(
    page: Page,
    error: UnrecordedDecisionError
    | TotalsDisagreeError
    | CertifiedResultChangedError
    | UnreadableRowError,
) -> Response:
    day = page.day()
    return page.render(
        "results_unrecorded.html",
        status=500,
        day=day,
        place=day.geography.unit(page.place()),
        refused=(
            (error.fa if page.lang == "fa" else error.en)
            if isinstance(error, UnreadableRowError)
            else said(page, error)
        ),
    )


def _results(page: PageDep, *, refused: str | None = None, status: int = 200) -> Response:
    day = page.day()
    place = page.place()
    page.require(day, Action.READ, place)
    asked = page.request.query_params.get("page", "1")
    try:
        shown = show_results(
            page.centre.uow,
            day.election.id,
            unit=place,
            page=int(asked) if asked.isdecimal() else 0,
        )
    except NOT_SHOWN as unrecorded:
        return _not_shown(page, unrecorded)
    except PageNotFoundError as past:  # named with its last page
        return page.render(
            "results_unrecorded.html",
            status=404,
            day=day,
            place=day.geography.unit(place),
            refused=past.fa if page.lang == "fa" else past.en,
        )
    contests = [
        (c.id, c.name.fa if page.lang == "fa" else c.name.en) for c in day.election.contests
    ]
    return page.render(
        "results.html",
        status=status,
        day=day,
        place=day.geography.unit(place),
        shown=shown,
        contests=contests,
        may_void=page.may(day, Action.VOID, place),
        may_certify=page.may(day, Action.CERTIFY, place),
        refused=refused,
        void_kind=kind_of,
        scope=lambda made: _scope(page, day, made),
        # FSI…PDI: an account's Latin name, or a reference's digits, keeps its place in a sentence
        isolated=lambda text: f"\u2068{text}\u2069",
        done=page.request.query_params.get("done") == "1",
    )


def _scope(page: Page, day: Day, made: Certification) -> str:
    """The constituency a certification covers, by its name, or every constituency."""
    for contest in day.election.contests:
        for where in contest.constituencies:
            if (contest.id, where.id) == (made.contest, made.constituency):
                return where.name.fa if page.lang == "fa" else where.name.en
    return page.t("all_constituencies")


def _acting(page: Page, act: Callable[[], object]) -> Response:
    """Do `act` and show the results again; a refusal is shown with its reason."""
    return _refused(page, act) or page.back("/results", place=page.place(), done="1")


def _refused(page: Page, act: Callable[[], object]) -> Response | None:
    """Do `act`; the results with the reason of its refusal, if it is refused."""
    try:
        act()
    except AccessDeniedError as denied:  # in the console's language
        return _results(page, refused=said(page, denied), status=403)
    except SandoghError as refused:
        return _results(page, refused=said(page, refused), status=422)
    return None


def _decision(page: Page) -> Decision:
    case = typed_number(page, "case", _results) if page.form.get("case", "").strip() else None
    return Decision(
        page.form.get("reason", "").strip(),
        page.form.get("reference", "").strip(),
        case,
    )


def _void(page: Page, decided: Void) -> Response:
    if page.form.get("confirmed") != "1":  # shown first, recorded once confirmed (issue 13)
        effects: list[Effect] = []
        refused = _refused(
            page,
            lambda: effects.append(
                preview_void(
                    page.centre.uow,
                    page.actor,
                    page.day().election.id,
                    decided,
                    now=page.centre.clock(),
                )
            ),
        )
        try:
            return refused or void_preview(page, decided, effects[0], page.request.url.path)
        except NOT_SHOWN as unrecorded:
            return _not_shown(page, unrecorded)
    return _acting(
        page,
        lambda: void(
            page.centre.uow, page.actor, page.day().election.id, decided, now=page.centre.clock()
        ),
    )


@router.post(f"{router_prefix}/void-station")
def void_station(page: PageDep) -> Response:
    contest = page.form.get("contest") or None
    return _void(page, StationVoid(page.form.get("station", "").strip(), contest, _decision(page)))


@router.post(f"{router_prefix}/void-candidate")
def void_candidate(page: PageDep) -> Response:
    stations = tuple(s.strip() for s in page.form.get("stations", "").split(",") if s.strip())
    decided = CandidateVoid(
        page.form.get("contest", ""),
        page.form.get("candidate", "").strip(),
        stations,
        _decision(page),
    )
    return _void(page, decided)


@router.post(f"{router_prefix}/void-constituency")
def void_constituency(page: PageDep) -> Response:
    decided = ConstituencyVoid(
        page.form.get("contest", ""), page.form.get("constituency", "").strip(), _decision(page)
    )
    return _void(page, decided)


@router.post(f"{router_prefix}/certify")
def certify_result(page: PageDep) -> Response:
    contest = page.form.get("contest", "")
    constituency = page.form.get("constituency", "").strip() or None
    if page.form.get("confirmed") != "1":  # the figures it fixes, shown first (issue 13)
        refused = _refused(page, partial(_check, page, contest, constituency))
        try:
            return refused or certify_preview(page, contest, constituency)
        except NOT_SHOWN as unrecorded:
            return _not_shown(page, unrecorded)
    # the board's words asked on the preview: without them, the preview again, saying which
    unworded = decision_problems(page.form.get("reason", ""), page.form.get("reference", ""))
    if unworded:
        refused_words = said(page, CertificationDecisionError(unworded))
        return certify_preview(page, contest, constituency, refused=refused_words)
    return _certifying(page, certify)


def _check(page: Page, contest: str, constituency: str | None) -> None:
    check_certify(
        page.centre.uow,
        page.actor,
        page.day().election.id,
        contest,
        constituency,
        now=page.centre.clock(),
    )


@router.post(f"{router_prefix}/uncertify")
def uncertify_result(page: PageDep) -> Response:
    return _certifying(page, uncertify)


def _certifying(page: Page, use_case: Callable[..., object]) -> Response:
    """Certify, or undo a certification, with the board's reason and decision reference."""
    contest = page.form.get("contest", "")
    constituency = page.form.get("constituency", "").strip() or None
    return _acting(
        page,
        lambda: use_case(
            page.centre.uow,
            page.actor,
            page.day().election.id,
            contest,
            constituency,
            reason=page.form.get("reason", ""),
            reference=page.form.get("reference", ""),
            now=page.centre.clock(),
        ),
    )
