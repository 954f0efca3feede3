"""The audit board's pages: the open round's pull list, the blind entry of what each paper drawn
shows (or each station's hand count, for batch comparison), and the closed rounds'
discrepancies (issue 11; docs/audit.md §3.4, §6.2, §6.5).

Blind: the entry form is built from the pull list and the definition alone (which candidates
stand where); it never reads a record or a reported figure, which are joined only when the round
closes. What is entered goes through `services.audit_rounds.record_readings`, whose refusals
(not drawn, read twice, no open round) are shown naming the paper. Each page keeps to the place
asked, and entering asks `ENTER_READINGS` at the paper's station. The board holds no READ
(`core.access.roles`): its pull list asks `ENTER_READINGS`, and every page of reported figures or
records (results, atlas, dashboard, discrepancies) refuses it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from sandogh.core.access import Action, covers
from sandogh.core.audit.errors import AuditInputError
from sandogh.core.audit.reading import Reading, Totals
from sandogh.core.audit.record_reading import paper_from_text
from sandogh.core.audit.rounds import BatchReading, PaperReading
from sandogh.core.audit.sampling import PaperPull, StationPull
from sandogh.core.definition.model import Candidate
from sandogh.locale import to_ascii_digits, to_persian_digits
from sandogh.server.console.audit_page import (
    candidate_name,
    claim,
    contest_name,
    refusal,
    status_of,
)
from sandogh.server.console.gate import PREFIX, Page, PageDep, Shown, reads
from sandogh.services.audit_errors import AuditRefusedError, ReadingRefusedError
from sandogh.services.audit_rounds import record_readings
from sandogh.services.audit_status import AuditStatus, discrepancies
from sandogh.services.days import Day

router = APIRouter(prefix=PREFIX, include_in_schema=False)

_WHY = {
    "not-drawn": "not_drawn",
    "read-twice": "read_twice",
    "not-audited": "not_audited",
    "not-standing": "not_standing",
    "too-many-marks": "too_many_marks",
}


@dataclass(frozen=True)
class Pulls:
    """The open round's pulls at a place: papers by station, then container."""

    papers: Mapping[str, Mapping[str, tuple[PaperPull, ...]]]
    stations: tuple[tuple[str, StationPull], ...]  # (sample, station) to hand count


def _pulls(day: Day, place: str, found: AuditStatus | None) -> Pulls | None:
    if found is None or found.open is None:
        return None
    by_station: dict[str, dict[str, list[PaperPull]]] = {}
    for pull in found.open.papers:
        if covers(day.geography, place, pull.paper.station):
            containers = by_station.setdefault(pull.paper.station, {})
            containers.setdefault(pull.paper.container, []).append(pull)
    papers = {
        station: {c: tuple(sorted(p, key=lambda p: p.paper.position)) for c, p in held.items()}
        for station, held in by_station.items()
    }
    stations = tuple(
        (sample, pull)
        for sample, pull in found.open.stations
        if covers(day.geography, place, pull.station)
    )
    return Pulls(papers, stations)


@router.get("/audit/pull-list", response_class=HTMLResponse)
def pull_list(page: PageDep) -> Response:
    day = page.day()
    place = page.place()
    # the board that enters, and whoever reads the day (the supervisors who print it for it)
    page.require(day, Action.READ if reads(page.actor.grant) else Action.ENTER_READINGS, place)
    found = status_of(page, day)
    return page.render(
        "audit_pull.html",
        day=day,
        place=day.geography.unit(place),
        audit=found,
        pulls=_pulls(day, place, found),
    )


def candidates_at(day: Day, contest_id: str, station: str) -> tuple[Candidate, ...]:
    """Who stands for `contest_id` where `station` votes (none: the paper does not carry it)."""
    contest = next(c for c in day.election.contests if c.id == contest_id)
    constituency = day.geography.constituency_of(contest_id, station)
    return tuple(c for c in contest.candidates if c.constituency == constituency)


@router.get("/audit/enter", response_class=HTMLResponse)
def enter_page(page: PageDep) -> Response:
    return _enter(page)


def _enter(page: Page, *, refused: Sequence[str] = (), status: int = 200) -> Response:
    day = page.day()
    place = page.place()
    page.require(day, Action.ENTER_READINGS, place)
    found = status_of(page, day)
    pulls = _pulls(day, place, found)
    entered = frozenset() if found is None else found.entered
    papers = (
        []
        if pulls is None
        else [
            pull
            for held in pulls.papers.values()
            for listed in held.values()
            for pull in listed
            if ("", str(pull.paper)) not in entered
        ]
    )
    stations = (
        []
        if pulls is None
        else [
            (sample, pull)
            for sample, pull in pulls.stations
            if (sample, pull.station) not in entered
        ]
    )
    return page.render(
        "audit_enter.html",
        status=status,
        day=day,
        place=day.geography.unit(place),
        audit=found,
        papers=papers,
        stations=stations,
        contests=() if found is None or found.open is None else found.open.contests,
        candidates=lambda contest, station: candidates_at(day, contest, station),
        titles={c.id: c.name.fa if page.lang == "fa" else c.name.en for c in day.election.contests},
        refused=list(refused),
        # only a unit entered is named: the query is the redirect's, but anyone can write a link
        saved=next(
            (unit for _, unit in entered if unit == page.request.query_params.get("saved")), ""
        ),
    )


def _said(page: Page, why: str, unit: str, station: bool) -> str:
    """Why a paper (or a station's hand count) is refused, naming it and saying what to do."""
    return (
        page.t(f"audit_station_{why}", station=unit)
        if station
        else page.t(f"audit_{why}", paper=unit)
    )


def _store(
    page: Page, unit: str, papers: list[PaperReading], batches: list[BatchReading]
) -> Response:
    """Record what the board entered (its right at the unit's station already checked)."""
    day = page.day()
    try:
        record_readings(
            page.centre.uow,
            day.election.id,
            papers,
            batches,
            now=page.centre.clock(),
            actor=page.actor.username,
        )
    except ReadingRefusedError as refused:
        said = [_said(page, _WHY[why], named, bool(batches)) for named, why in refused.problems]
        return _enter(page, refused=said, status=422)
    except AuditRefusedError as refused:
        if refused.code == "no-open-round":
            return _enter(page, refused=[page.t("audit_no_open_round")], status=422)
        return _enter(page, refused=[refusal(page, refused)], status=422)
    return page.back("/audit/enter", place=page.place(), election=day.election.id, saved=unit)


def _bad(page: Page, field: str, value: str) -> Shown:
    """A field no form of the page sends (a crafted request): 400, naming the field."""
    said = page.t("audit_bad_field", field=field, value=value)
    return Shown(_enter(page, refused=[said], status=400))


def _contests(page: Page, day: Day) -> tuple[str, ...] | None:
    """The open round's contests; None without one (then the use case says so, not a field)."""
    found = status_of(page, day)
    return None if found is None or found.open is None else found.open.contests


def _found(page: Page) -> bool:
    """Whether the paper (or the station's papers) was found: yes unless the form says no."""
    found = page.form.get("found", "yes")
    if found not in ("yes", "no"):
        raise _bad(page, page.t("audit_found"), found)
    return found == "yes"


@router.post("/audit/enter")
def enter(page: PageDep) -> Response:
    form = page.form
    typed = form.get("paper", "").strip()
    day = page.day()
    try:
        paper = paper_from_text(typed)
    except AuditInputError:
        raise _bad(page, page.t("audit_field_paper"), typed) from None
    if paper.station not in day.geography:
        raise _bad(page, page.t("audit_field_paper"), typed)
    page.require(day, Action.ENTER_READINGS, paper.station)
    shows: dict[str, Reading] | None = None
    if _found(page):
        shows = {}
        contests = _contests(page, day) or ()
        known = {
            f"mark-{contest}-{c.code}"
            for contest in contests
            for c in candidates_at(day, contest, paper.station)
        }
        stray = sorted(k for k in form if k.startswith("mark-") and k not in known)
        if contests and stray:
            raise _bad(page, page.t("audit_field_marks"), stray[0].removeprefix("mark-"))
        for contest in contests:
            marks = [
                c.code
                for c in candidates_at(day, contest, paper.station)
                if form.get(f"mark-{contest}-{c.code}")
            ]
            chosen = form.get(f"shows-{contest}", "marked")
            if chosen not in ("marked", "invalid", "absent"):
                title = next(c.name for c in day.election.contests if c.id == contest)
                raise _bad(page, title.fa if page.lang == "fa" else title.en, chosen)
            if chosen != "marked" and marks:
                raise Shown(
                    _enter(
                        page, refused=[page.t("audit_invalid_with_marks", paper=typed)], status=400
                    )
                )
            if chosen == "absent":
                shows[contest] = Reading.absent()
            elif chosen == "invalid" or not marks:
                shows[contest] = Reading.invalid()
            else:
                shows[contest] = Reading.vote(*marks)
    code = to_ascii_digits(form.get("code", "").strip()) or None
    return _store(page, typed, [PaperReading(paper, shows, code)], [])


@router.post("/audit/enter-station")
def enter_station(page: PageDep) -> Response:
    form = page.form
    station = form.get("station", "").strip()
    sample = form.get("sample", "")
    day = page.day()
    if station not in day.geography:
        raise _bad(page, page.t("audit_h_station"), station)
    page.require(day, Action.ENTER_READINGS, station)
    hand: Totals | None = None
    if _found(page):

        def count(field: str) -> int:
            typed = form.get(field, "").strip()
            digits = to_ascii_digits(typed)
            if not (digits.isascii() and digits.isdigit()):
                raise Shown(
                    _enter(
                        page,
                        refused=[page.t("audit_bad_count", station=station, value=typed)],
                        status=400,
                    )
                )
            return int(digits)

        contests = _contests(page, day) or ()
        known = {
            f"votes-{c.code}" for contest in contests for c in candidates_at(day, contest, station)
        }
        stray = sorted(k for k in form if k.startswith("votes-") and k not in known)
        if contests and stray:
            raise _bad(page, page.t("audit_field_marks"), stray[0].removeprefix("votes-"))
        votes = {k.removeprefix("votes-"): count(k) for k in sorted(form) if k.startswith("votes-")}
        hand = Totals(count("cards"), count("cast"), count("valid"), votes)
    return _store(page, station, [], [BatchReading(sample, station, hand)])


@router.get("/audit/discrepancies", response_class=HTMLResponse)
def discrepancy_list(page: PageDep) -> Response:
    day = page.day()
    place = page.place()
    page.require(day, Action.READ, place)
    found = status_of(page, day)
    listed = () if found is None else discrepancies(page.centre.uow, day.election.id)
    here = [d for d in listed if covers(day.geography, place, _station_of(day, d.found.unit))]
    return page.render(
        "audit_discrepancies.html",
        day=day,
        place=day.geography.unit(place),
        audit=found,
        listed=here,
        name_of=lambda contest, code: candidate_name(page, day, contest, code),
        contest_name=lambda key: contest_name(page, day, key),
        claim=lambda contest, key: claim(page, day, contest, key),
        fraction=lambda share: to_persian_digits(str(share)) if page.lang == "fa" else str(share),
    )


def _station_of(day: Day, unit: str) -> str:
    """A discrepancy's station: the unit itself (batch comparison) or the paper's."""
    return unit if unit in day.geography else paper_from_text(unit).station
