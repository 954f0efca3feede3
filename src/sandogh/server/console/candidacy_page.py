"""The candidacy pages (issue 12, section 1): the election calendar with today's stage, the
applicants per contest and constituency with each one's standing, and the forms of each stage —
registering an applicant, asking the four authorities and recording their answers, the boards'
decisions citing the article (beside the four authorities' answers), an objection and its
decision; the code draw's commitment, the final list and the draw are `candidacy_draw_page`'s.

Every form calls the use case `sandogh candidates` calls (`services.candidacy`,
`services.candidacy_inquiries`) with the signed-in operator as its `Actor`; the use case checks the
role (the headquarters' MANAGE_CANDIDACY, the supervisory boards' VET_CANDIDATES), the place (the
applicant's constituency within the grant's, `services.candidacy_places`), the order and the
calendar's window. Before the election's definition is loaded the pages say to load its draft first
(`candidacy_day`), as the use cases refuse every step then. The page adds that the final list and
the draw need a grant for the whole election. A refusal is shown in the words of
`candidacy_refusals`, with what to do. The applicant's constituency is chosen by name among the
contests' constituencies of the day's definition: the id `sandogh candidates register
--constituency` takes, shown by its name wherever it appears.

The console's inquiries go on paper: the letters are recorded as asked and the headquarters types
each answer as it arrives (`PaperAuthorities`, the `Authorities` port for one typed answer).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from persiantools.jdatetime import JalaliDate

from sandogh.core.access import Action
from sandogh.core.candidacy.calendar import OutsideWindowError
from sandogh.core.candidacy.conditions import Applicant, Education
from sandogh.core.candidacy.draw import CodeDraw
from sandogh.core.candidacy.process import Authority, Board, Outcome
from sandogh.core.errors import SandoghError
from sandogh.core.voters.national_code import parse_national_code
from sandogh.locale import to_ascii_digits
from sandogh.locale.candidacy import CATALOGUE, name_text, stage_name, window_text
from sandogh.locale.messages import text_in
from sandogh.server.console.candidacy_day import candidacy_day, constituency_name, contest_name
from sandogh.server.console.candidacy_refusals import said
from sandogh.server.console.gate import Page, PageDep, Shown
from sandogh.services.acting import AccessDeniedError
from sandogh.services.candidacy import candidacy_of, decide, object_to, register
from sandogh.services.candidacy_files import Files, NoCalendarError, iran_day, today_stage
from sandogh.services.candidacy_inquiries import collect_answers, inquire
from sandogh.services.candidacy_ports import InquiryReply, InquiryRequest

router = APIRouter(prefix="/console/candidacy", include_in_schema=False)


@dataclass
class PaperAuthorities:
    """The four authorities by letter: asking records nothing more than the step the use case
    logs; the one answer on offer is the one typed in the form."""

    typed: list[InquiryReply] = field(default_factory=list)

    def ask(self, request: InquiryRequest) -> None:
        """The letter is written by hand; the step is what the use case records."""

    def replies(self) -> list[InquiryReply]:
        return list(self.typed)

    def acknowledge(self, reply: InquiryReply) -> None:
        self.typed.remove(reply)


@router.get("", response_class=HTMLResponse)
def candidacy(page: PageDep) -> Response:
    return _shown(page)


def _files(page: Page, election: str) -> Files | None:
    try:
        return candidacy_of(page.centre.uow, election)
    except NoCalendarError:
        return None


def _shown(
    page: Page,
    *,
    refused: str | None = None,
    status: int = 200,
    drawn: CodeDraw | None = None,
    new_hash: str = "",
) -> Response:
    day = candidacy_day(page)
    place = page.place()
    page.require(day, Action.READ, place)
    files = _files(page, day.election.id)
    lang = page.lang
    root = day.geography.top_down[0]
    now = page.centre.clock()
    return page.render(
        "candidacy.html",
        status=status,
        day=day,
        place=day.geography.unit(place),
        files=files,
        today=iran_day(now),
        current=lambda schedule: today_stage(schedule, now),
        contest_name=lambda contest: contest_name(page, contest),
        contest_names=lambda contests: ("، " if lang == "fa" else ", ").join(
            contest_name(page, c) for c in contests
        ),
        constituency_name=lambda contest, code: constituency_name(page, contest, code),
        stage_name=lambda stage: stage_name(stage, lang),
        window_text=lambda window: window_text(window, lang),
        name_text=lambda name: name_text(str(name), lang),
        c=lambda key, **values: text_in(CATALOGUE, key, lang, **values),
        educations=list(Education),
        authorities=list(Authority),
        boards=list(Board),
        outcomes=list(Outcome),
        may_manage=page.may(day, Action.MANAGE_CANDIDACY, place),
        may_vet=page.may(day, Action.VET_CANDIDATES, place),
        may_publish=page.may(day, Action.MANAGE_CANDIDACY, root),
        refused=refused,
        done=page.request.query_params.get("done") == "1",
        drawn=drawn,
        new_hash=new_hash,
    )


def _refusal(page: Page, error: SandoghError) -> str:
    text = said(error, page.lang) or str(error)
    if isinstance(error, OutsideWindowError):
        return f"{text} {page.t('cy_what_to_do_window')}"
    if isinstance(error, AccessDeniedError):
        return f"{text} {page.t('cy_what_to_do_rights')}"
    return text


def _acting(page: Page, act: Callable[[], object]) -> Response:
    """Do `act` and show the page again; a refusal is shown with its reason and what to do."""
    try:
        act()
    except AccessDeniedError as denied:
        return _shown(page, refused=_refusal(page, denied), status=403)
    except SandoghError as refused:
        return _shown(page, refused=_refusal(page, refused), status=422)
    return page.back(
        "/candidacy", place=page.place(), election=candidacy_day(page).election.id, done="1"
    )


def _bad(page: Page, name: str) -> Response:
    return _shown(page, refused=page.t("cy_bad_field", field=page.t(f"cy_{name}")), status=400)


def _field(page: Page, name: str) -> str:
    value = page.form.get(name, "").strip()
    if not value:
        raise Shown(_bad(page, name))
    return value


def _date(page: Page, name: str, *, required: bool = True) -> datetime.date | None:
    """A Jalali date typed as 1360/01/15 (or with dashes), in Persian or ASCII digits."""
    typed = page.form.get(name, "").strip()
    if not typed and not required:
        return None
    parts = to_ascii_digits(typed).replace("-", "/").split("/")
    try:
        year, month, day = (int(p) for p in parts)
        converted = JalaliDate(year, month, day).to_gregorian()  # type: ignore[no-untyped-call]
    except (ValueError, TypeError):
        raise Shown(
            _shown(page, refused=page.t("cy_bad_date", value=typed or "—"), status=400)
        ) from None
    return datetime.date(converted.year, converted.month, converted.day)


def _applicant(page: Page) -> int:
    """The applicant's number typed (0 when it is none: the use case then refuses with its
    reason, after checking the operator's role and place on the applicant)."""
    typed = to_ascii_digits(page.form.get("applicant", "").strip())
    return int(typed) if typed.isascii() and typed.isdigit() and len(typed) < 10 else 0


def _names(page: Page, name: str) -> tuple[str, ...]:
    typed = page.form.get(name, "").replace("،", ",")
    return tuple(n.strip() for n in typed.split(",") if n.strip())


@router.post("/register")
def register_applicant(page: PageDep) -> Response:
    day = candidacy_day(page)
    constituency = _field(page, "constituency")
    try:
        code = str(parse_national_code(page.form.get("national_code", "")))
    except SandoghError:
        return _bad(page, "national_code")
    try:
        education = Education(page.form.get("education", ""))
    except ValueError:
        return _bad(page, "education")
    born = _date(page, "born")
    assert born is not None
    documents = tuple(sorted((kind, "") for kind in page.form.get("documents", "").split() if kind))
    person = Applicant(
        code,
        _field(page, "name_fa"),
        _field(page, "name_en"),
        born,
        education,
        _date(page, "resident_since", required=False),
        documents,
    )
    return _acting(
        page,
        lambda: register(
            page.centre.uow,
            page.actor,
            day.election.id,
            contest=page.form.get("contest", ""),
            constituency=constituency,
            person=person,
            now=page.centre.clock(),
        ),
    )


@router.post("/inquire")
def ask_authorities(page: PageDep) -> Response:
    applicant = _applicant(page)
    return _acting(
        page,
        lambda: inquire(
            page.centre.uow,
            page.actor,
            candidacy_day(page).election.id,
            applicant,
            PaperAuthorities(),
            now=page.centre.clock(),
        ),
    )


@router.post("/answer")
def record_answer(page: PageDep) -> Response:
    applicant = _applicant(page)
    try:
        authority = Authority(page.form.get("authority", ""))
    except ValueError:
        return _bad(page, "authority")
    now = page.centre.clock()
    reply = InquiryReply(
        _field(page, "reference"),
        candidacy_day(page).election.id,
        applicant,
        authority,
        page.form.get("clear") == "yes",
        page.form.get("answer_reason", "").strip(),
        iran_day(now),
    )
    authorities = PaperAuthorities([reply])

    def act() -> None:
        collected = collect_answers(page.centre.uow, page.actor, authorities, now=now)
        for _reply, error in collected.refused:
            raise error
        if not collected.stored:  # the authority's letter number is stored already
            known = page.t("cy_answer_known", authority=name_text(authority, page.lang))
            raise Shown(_shown(page, refused=known, status=409))

    return _acting(page, act)


@router.post("/decide")
def decide_on(page: PageDep) -> Response:
    try:
        board = Board(page.form.get("board", ""))
        outcome = Outcome(page.form.get("outcome", ""))
    except ValueError:
        return _bad(page, "board")
    applicant = _applicant(page)
    return _acting(
        page,
        lambda: decide(
            page.centre.uow,
            page.actor,
            candidacy_day(page).election.id,
            applicant,
            board=board,
            outcome=outcome,
            article=page.form.get("article", "").strip(),
            reason=page.form.get("reason", "").strip(),
            members=_names(page, "members"),
            on_objection=page.form.get("on_objection") == "yes",
            now=page.centre.clock(),
        ),
    )


@router.post("/object")
def lodge_objection(page: PageDep) -> Response:
    applicant = _applicant(page)
    grounds = _field(page, "grounds")
    return _acting(
        page,
        lambda: object_to(
            page.centre.uow,
            page.actor,
            candidacy_day(page).election.id,
            applicant,
            grounds,
            now=page.centre.clock(),
        ),
    )
