"""The stored decisions' page (issue 12, section 2): the lots' commitments and the lots drawn for
ties, the candidates' withdrawals, and the voting modes the supervisory bodies approved, each with
who recorded it — and the forms that record them as `sandogh lot commit`, `sandogh lot draw`,
`sandogh candidates withdraw` and `sandogh supervise approve-mode` do.

Each form calls the command's use case (`services.outcome_decisions.draw_lot` and `withdraw`,
`services.mode_approvals.approve_mode`) with the signed-in operator as its `Actor`: the use case
checks the role and the place (CERTIFY over the constituency for a lot or an approval, and the
competent body for an approval; MANAGE_CANDIDACY over the candidate's constituency for a
withdrawal), logs a refusal, and is the one place the decision is made. A refusal is shown in
the reader's language with what it is about.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from sandogh.core.access import Action
from sandogh.core.candidacy.withdrawal import Printing
from sandogh.core.definition.model import VotingMode
from sandogh.core.errors import SandoghError
from sandogh.core.rules.lot_commitment import WHOLE_ELECTION
from sandogh.core.supervision.modes import NEEDS_APPROVAL
from sandogh.formats.definition_file import CANONICAL
from sandogh.locale import to_ascii_digits
from sandogh.locale.competence import body_name, mode_name
from sandogh.locale.outcome_decisions import printing_text
from sandogh.server.console.audit_page import candidate_name
from sandogh.server.console.gate import PREFIX, Page, PageDep
from sandogh.server.console.preparation_forms import TABS, acting, bad, choice, names, text
from sandogh.services.candidacy_files import NotAnOperatorError
from sandogh.services.days import Day
from sandogh.services.definition_versions import PrintedError
from sandogh.services.lot_commitments import LotRefusalError, commit_lot, commitments
from sandogh.services.mode_approvals import (
    AlreadyApprovedError,
    approve_mode,
    recorded_approvals,
)
from sandogh.services.outcome_decisions import (
    AlreadyWithdrawnError,
    FrozenByCertificationError,
    LotAlreadyDrawnError,
    LotTooEarlyError,
    NoTieError,
    NotStandingError,
    draw_lot,
    lots_of,
    withdraw,
)
from sandogh.services.recorded_decisions import recorded_withdrawals
from sandogh.services.withdrawal_deadline import PollingBegunError

router = APIRouter(prefix=f"{PREFIX}/preparation/decisions", include_in_schema=False)


def _pairs(page: Page, day: Day) -> dict[str, str]:
    """Each `CONTEST:CONSTITUENCY` of the election, by the contest's and the place's names."""
    return {
        f"{contest.id}:{where.id}": " — ".join(
            n.fa if page.lang == "fa" else n.en or n.fa for n in (contest.name, where.name)
        )
        for contest in day.election.contests
        for where in contest.constituencies
    }


def _contests(page: Page, day: Day) -> dict[str, str]:
    return {c.id: c.name.fa if page.lang == "fa" else c.name.en for c in day.election.contests}


@router.get("", response_class=HTMLResponse)
def decisions(page: PageDep) -> Response:
    return _shown(page)


def _shown(page: Page, *, refused: str | None = None, status: int = 200) -> Response:
    day = page.day()
    place = page.place()
    page.require(day, Action.READ, place)
    election = day.election.id
    lots = lots_of(page.centre.uow, election)
    with page.centre.uow() as work:
        withdrawals = recorded_withdrawals(work, election)
        committed = commitments(work, election)
        approvals = [r.approval for r in recorded_approvals(work, election)]
    lang = page.lang
    return page.render(
        "decisions.html",
        status=status,
        day=day,
        place=day.geography.unit(place),
        tabs=TABS,
        lots=lots,
        commitments=committed,
        scopes=_scopes(page, day),
        withdrawals=withdrawals,
        approvals=approvals,
        pairs=_pairs(page, day),
        contests=_contests(page, day),
        printings=list(Printing),
        modes=sorted(NEEDS_APPROVAL),
        printing_text=lambda printing: printing_text(printing, lang),
        body_name=lambda body: body_name(body, lang),
        mode_name=lambda mode: mode_name(mode, lang),
        candidate_name=lambda contest, code: candidate_name(page, day, contest, code),
        may_certify=page.may(day, Action.CERTIFY, place),
        may_manage=page.may(day, Action.MANAGE_CANDIDACY, place),
        refused=refused,
        done=page.request.query_params.get("done") == "1",
    )


def _where(page: Page) -> tuple[str, str, str]:
    """The contest and constituency chosen, and their names; 400 for any other."""
    pairs = _pairs(page, page.day())
    chosen = page.form.get("where", "")
    if chosen not in pairs:
        raise bad(page, _shown, "constituency")
    contest, _, constituency = chosen.partition(":")
    return contest, constituency, pairs[chosen]


#: The lot's refusals worded with the contest and constituency they are about.
_LOT_REFUSALS: dict[type[SandoghError], str] = {
    NoTieError: "pr_no_tie",
    LotTooEarlyError: "pr_lot_early",
    FrozenByCertificationError: "pr_frozen",
}


def _scopes(page: Page, day: Day) -> dict[str, str]:
    """What a commitment may cover: the whole election (`*`), a contest, or one constituency."""
    return {
        WHOLE_ELECTION: page.t("pr_whole_election"),
        **_contests(page, day),
        **_pairs(page, day),
    }


@router.post("/commit")
def commit(page: PageDep) -> Response:
    chosen = page.form.get("scope", "")
    if chosen not in _scopes(page, page.day()):
        raise bad(page, _shown, "scope")
    contest, _, constituency = chosen.partition(":")
    secret = text(page, _shown, "secret")
    election = page.day().election.id
    return acting(
        page,
        _shown,
        "/preparation/decisions",
        lambda: commit_lot(
            page.centre.uow,
            page.actor,
            election,
            None if contest == WHOLE_ELECTION else contest,
            constituency or None,
            secret=secret,
            now=page.centre.clock(),
        ),
        lambda error: _lot_refusal(page, error),
    )


def _lot_refusal(page: Page, error: SandoghError) -> str | None:
    """A refusal about the commitment, in the page's language."""
    if isinstance(error, LotRefusalError | NotAnOperatorError):
        return error.fa if page.lang == "fa" else error.en
    return None


@router.post("/lot")
def lot(page: PageDep) -> Response:
    contest, constituency, shown = _where(page)
    secret = text(page, _shown, "secret")
    drawn_by = names(page, "drawn_by")
    if not drawn_by:
        raise bad(page, _shown, "drawn_by")

    def refusal(error: SandoghError) -> str | None:
        if isinstance(error, LotAlreadyDrawnError):
            by = ("، " if page.lang == "fa" else ", ").join(error.drawn.drawn_by)
            return page.t("pr_lot_drawn", seed=error.drawn.seed, by=by)
        key = _LOT_REFUSALS.get(type(error))
        return _lot_refusal(page, error) if key is None else page.t(key, where=shown)

    election = page.day().election.id
    return acting(
        page,
        _shown,
        "/preparation/decisions",
        lambda: draw_lot(
            page.centre.uow,
            page.actor,
            election,
            contest,
            constituency,
            secret=secret,
            drawn_by=drawn_by,
            now=page.centre.clock(),
        ),
        refusal,
    )


@router.post("/withdraw")
def withdrawal(page: PageDep) -> Response:
    contests = _contests(page, page.day())
    contest = page.form.get("contest", "")
    if contest not in contests:
        raise bad(page, _shown, "contest")
    candidate = to_ascii_digits(text(page, _shown, "candidate"))
    printing = choice(page, _shown, "printing", Printing)

    def refusal(error: SandoghError) -> str | None:
        values = {"contest": contests[contest], "candidate": candidate}
        if isinstance(error, NotStandingError):
            return page.t("pr_not_standing", **values)
        if isinstance(error, AlreadyWithdrawnError):
            return page.t("pr_withdrawn_already", **values)
        if isinstance(error, FrozenByCertificationError):
            return page.t("pr_frozen", where=contests[contest])
        # their words name the box or import that printed it, or when polling began
        if isinstance(error, PrintedError | PollingBegunError):
            return error.fa if page.lang == "fa" else error.en
        return None

    election = page.day().election.id
    return acting(
        page,
        _shown,
        "/preparation/decisions",
        lambda: withdraw(
            page.centre.uow,
            page.actor,
            election,
            contest,
            candidate,
            printing=printing,
            canonical=CANONICAL,
            now=page.centre.clock(),
        ),
        refusal,
    )


@router.post("/approve-mode")
def approval(page: PageDep) -> Response:
    contest, constituency, shown = _where(page)
    mode = choice(page, _shown, "mode", VotingMode)
    if mode not in NEEDS_APPROVAL:
        raise bad(page, _shown, "mode")
    reference = text(page, _shown, "reference")

    def refusal(error: SandoghError) -> str | None:
        if not isinstance(error, AlreadyApprovedError):
            return None
        earlier = error.earlier
        named = mode_name(earlier.mode, page.lang)
        values = {"reference": earlier.reference, "by": earlier.by}
        return page.t("pr_already_approved", mode=named, where=shown, **values)

    election = page.day().election.id
    return acting(
        page,
        _shown,
        "/preparation/decisions",
        lambda: approve_mode(
            page.centre.uow,
            page.actor,
            election,
            contest,
            constituency,
            reference=reference,
            mode=mode,
            now=page.centre.clock(),
        ),
        refusal,
    )
