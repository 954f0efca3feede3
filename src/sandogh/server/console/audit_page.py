"""The audit's page of an election and the supervisor's forms: start the audit, record the seed's
dice, draw a round, close it with the boxes' records (issue 11; docs/audit.md §6.5).

Each form calls the use case `sandogh audit` calls (`services.audits`, `services.audit_rounds`)
with the signed-in operator's name; the rights are asked here first: `RUN_AUDIT` at every unit
the audited contests' constituencies cover, so a provincial supervisor runs the audit of a
constituency in the province and no more. A refusal is shown in the words of the command.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from sandogh.core.access import Action
from sandogh.core.audit.cast_records import CastRecords
from sandogh.core.audit.manifest import ManifestError, Roll
from sandogh.core.errors import SandoghError
from sandogh.formats.audit_files import AuditFileError
from sandogh.formats.audit_readings import records_of
from sandogh.locale import (
    MessageValuesError,
    UnknownMessageError,
    format_percent,
    to_ascii_digits,
)
from sandogh.server.console.gate import PREFIX, Page, PageDep, Shown
from sandogh.services.audit_access import AuditDeniedError, require_running, units_of
from sandogh.services.audit_errors import AuditRefusedError, NoAuditError
from sandogh.services.audit_rounds import close_round, draw_round
from sandogh.services.audit_status import AuditStatus, audit_status
from sandogh.services.audits import record_seed, start_audit
from sandogh.services.competence import WrongBodyError
from sandogh.services.days import Day
from sandogh.services.elections import root_of

router = APIRouter(prefix=PREFIX, include_in_schema=False)


def status_of(page: Page, day: Day) -> AuditStatus | None:
    try:
        return audit_status(page.centre.uow, day.election.id)
    except NoAuditError:
        return None


def refusal(page: Page, refused: AuditRefusedError) -> str:
    """A refusal in the command's words, naming what it is about."""
    said = page.t(f"audit_refused_{refused.code}")
    return f"{said} ({refused.subject})" if refused.subject else said


def contest_name(page: Page, day: Day, key: str) -> str:
    """`CONTEST:CONSTITUENCY` as the headquarters read it: the contest's and the place's names."""
    contest_id, _, constituency_id = key.partition(":")
    for contest in day.election.contests:
        for constituency in contest.constituencies:
            if (contest.id, constituency.id) == (contest_id, constituency_id):
                names = (contest.name, constituency.name)
                return " — ".join(n.fa if page.lang == "fa" else n.en or n.fa for n in names)
    return key


def candidate_name(page: Page, day: Day, contest_id: str, code: str) -> str:
    """A candidate's (or a list's) name in the page's language; the code when it has none."""
    for contest in day.election.contests:
        for candidate in contest.candidates:
            if contest.id == contest_id and candidate.code == code:
                return candidate.name.fa if page.lang == "fa" else candidate.name.en or code
    return code


def claim(page: Page, day: Day, contest_key: str, key: str) -> str:
    """An assertion's key ("beats 21 25") as a sentence naming the candidates."""
    kind, *subjects = key.split(" ")
    contest_id = contest_key.partition(":")[0]
    names = [candidate_name(page, day, contest_id, s) for s in subjects]
    values = dict(zip(("a", "b"), names, strict=False))
    try:
        return page.t(f"claim_{kind}", **values)
    except (UnknownMessageError, MessageValuesError):
        return key


@router.get("/audit", response_class=HTMLResponse)
def audit(page: PageDep) -> Response:
    return _audit(page)


def _audit(page: Page, *, refused: str | None = None, status: int = 200) -> Response:
    day = page.day()
    place = page.place()
    page.require(day, Action.READ, place)
    found = status_of(page, day)
    return page.render(
        "audit.html",
        status=status,
        day=day,
        place=day.geography.unit(place),
        audit=found,
        contests=[
            (c.id, c.name.fa if page.lang == "fa" else c.name.en) for c in day.election.contests
        ],
        kinds={} if found is None else {c.key: c.kind.value for c in found.plan.contests},
        percent=lambda share: format_percent(share, page.lang, places=2),
        limit=lambda share: format_percent(share, page.lang, places=_places(share)),
        contest_name=lambda key: contest_name(page, day, key),
        claim=lambda contest, key: claim(page, day, contest, key),
        may_run=page.may(day, Action.RUN_AUDIT, place),
        refused=refused,
        done=page.request.query_params.get("done") == "1",
    )


def _places(share: Fraction) -> int:
    """A risk limit's decimals: none for a whole percentage (5%), else two (2.5% as 2.50%)."""
    return 0 if (share * 100).denominator == 1 else 2


def _running(page: Page, contests: Iterable[str], act: Callable[[], object]) -> Response:
    day, chosen = page.day(), tuple(contests)
    # with no audit yet (a seed, a round asked too early) the whole election's grant is asked
    for unit in units_of(day.geography, day.election, chosen) or [root_of(day.election)]:
        page.require(day, Action.RUN_AUDIT, unit)
    try:
        # and of the body competent for the contests, as `sandogh audit` asks (logged)
        require_running(
            page.centre.uow, page.actor, day.election.id, chosen, now=page.centre.clock()
        )
        act()
    except (AuditDeniedError, WrongBodyError) as denied:  # in the console's language
        return _audit(page, refused=denied.fa if page.lang == "fa" else denied.en, status=403)
    except AuditRefusedError as refused:
        return _audit(page, refused=refusal(page, refused), status=422)
    except SandoghError as failed:  # as the results page shows a refusal it has no words for
        return _audit(page, refused=str(failed), status=422)
    return page.back("/audit", place=page.place(), election=day.election.id, done="1")


def _audited(page: Page) -> tuple[str, ...]:
    found = status_of(page, page.day())
    return () if found is None else tuple(sorted({c.definition.id for c in found.plan.contests}))


def _fail(page: Page, key: str, **values: str) -> Shown:
    return Shown(_audit(page, refused=page.t(key, **values), status=400))


@router.post("/audit/start")
def start(page: PageDep) -> Response:
    contests = [k.removeprefix("contest-") for k in page.form if k.startswith("contest-")]
    known = {c.id for c in page.day().election.contests}
    if not contests or not set(contests) <= known:
        raise _fail(page, "audit_no_contest")
    typed = page.form.get("risk_limit", "").strip()
    try:
        limit = Fraction(to_ascii_digits(typed).replace("٫", ".").rstrip("%٪")) / 100
    except (ValueError, ZeroDivisionError):
        raise _fail(page, "audit_bad_percent", value=typed) from None
    if not 0 < limit < 1:
        raise _fail(page, "audit_bad_percent", value=typed)
    election = page.day().election.id
    records = _records(page)
    return _running(
        page,
        contests,
        lambda: start_audit(
            page.centre.uow,
            election,
            contests,
            limit,
            records=records,
            now=page.centre.clock(),
            actor=page.actor.username,
        ),
    )


def _records(page: Page) -> CastRecords | None:
    """The records pasted or chosen in the form; none when the box is left empty."""
    text = page.form.get("records", "").strip()
    if not text:
        return None
    try:
        return records_of(text.encode(), "records")
    except AuditFileError:
        raise _fail(page, "audit_bad_records") from None


@router.post("/audit/seed")
def seed(page: PageDep) -> Response:
    rolls = []
    for line in page.form.get("rolls", "").splitlines():
        if not line.strip():
            continue
        who, sep, digits = line.strip().rpartition("=")
        if not sep or not who.strip():
            raise _fail(page, "audit_bad_roll", line=line.strip())
        rolls.append(Roll(who.strip(), to_ascii_digits(digits.strip())))
    election = page.day().election.id

    def act() -> object:
        try:
            return record_seed(
                page.centre.uow, election, rolls, now=page.centre.clock(), actor=page.actor.username
            )
        except ManifestError:
            raise _fail(page, "audit_bad_seed") from None

    return _running(page, _audited(page), act)


@router.post("/audit/draw")
def draw(page: PageDep) -> Response:
    election = page.day().election.id
    return _running(
        page,
        _audited(page),
        lambda: draw_round(
            page.centre.uow, election, now=page.centre.clock(), actor=page.actor.username
        ),
    )


@router.post("/audit/close")
def close(page: PageDep) -> Response:
    election = page.day().election.id

    def act() -> object:
        records = _records(page)
        return close_round(
            page.centre.uow, election, records, now=page.centre.clock(), actor=page.actor.username
        )

    return _running(page, _audited(page), act)
