"""Every console route × every role × places inside and outside its grant: the console refuses
(403) exactly where `core.access.may` says no, and never answers 500.

The routes are read from the app itself, so a new page cannot escape the matrix. Each role acts
through two grants: one at Baft (inside: Baft; outside: Bam) and one at the whole country (where
both are inside). A request that asks the same at both places (one at the whole country) is sent
once a grant: its answer cannot turn on a place it does not name. Certifying, undoing a
certification and voiding a constituency act on the president's only constituency, the whole
country, whatever the place asked. The contest is certified beforehand by a supervisor at the
country, so that undoing a certification reaches its rights check; that also needs the grant to be
a second national supervisor of the certifier's body (`core.access.may_undo_certification`; an
administrator never, review R4).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute

from sandogh.core.access import Action, Grant, Role, may, may_undo_certification
from sandogh.core.candidacy.conditions import Applicant, Education
from sandogh.core.readiness import StaffRole, Worker
from sandogh.core.supervision import CaseKind
from sandogh.server.app import create_app
from sandogh.services.acting import Actor
from sandogh.services.candidacy import register
from sandogh.services.cases import open_case
from sandogh.services.certifications import certify
from sandogh.services.days import Day, day_of
from sandogh.services.preparation import assign_worker
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.server.live import ELECTION
from tests.server.operators_live import PASSWORD, add_account, current_code, settings

from .build import AT, BAFT, BAM, IRAN, complete, copy_store, waiting
from .candidacy_build import AT as CANDIDACY_AT
from .candidacy_build import stored as stored_calendar
from .stages_build import BOXES, fleet

_TOKEN = re.compile(r'name="csrf" value="([^"]+)"')
#: The certifier of the president's result, before any request.
CERTIFIER = Grant(Role.SUPERVISOR, IRAN)
#: Each place asked, with a station of it and the incident opened at one of its stations.
STATION = {BAFT: "ST-0801-0001", BAM: "ST-0802-0001"}
INCIDENT_STATION = {BAFT: waiting()[0], BAM: "ST-0802-0001"}
WORKER = {place: f"w-{station}" for place, station in STATION.items()}
#: The national code of the applicant registered at each place.
NATIONAL_CODE = {BAM: "0013542427", BAFT: "0013542419"}
DECISION = {"reason": "صندوق بی‌مهر", "reference": "۱۴۰۳/۱۲"}
APPLICANT = {
    "contest": "president",
    "national_code": "0013542419",
    "name_fa": "مریم احمدی",
    "name_en": "Maryam Ahmadi",
    "born": "1350/01/15",
    "education": "master",
}


@dataclass(frozen=True)
class Target:
    """What a request asks (query or form) and the unit whose rights it needs."""

    sent: dict[str, str]
    unit: str


@dataclass(frozen=True)
class Store:
    """What the requests refer to: the incidents' and cases' numbers at each place."""

    day: Day
    incident: dict[str, str]
    case: dict[str, str]
    applicant: dict[str, str]


Asks = Callable[[Store, str], Target]


def _page(_store: Store, place: str) -> Target:
    return Target({"place": place}, place)


def _country(sent: dict[str, str]) -> Asks:
    return lambda _store, _place: Target(sent, IRAN)


def _about(sent: dict[str, str]) -> Asks:
    """A form about the applicant registered at `place` (`_prepared`), whose constituency it is."""
    return lambda store, place: Target({"applicant": store.applicant[place], **sent}, place)


def _at_station(place: str, **sent: str) -> Target:
    return Target({"place": place, "station": STATION[place], **sent}, STATION[place])


#: Each console route (but log-in and log-out): the action it needs, and what it asks at a place.
ROUTES: dict[tuple[str, str], tuple[Action, Asks]] = {
    ("GET", "/console/"): (Action.READ, _page),
    ("GET", "/console/atlas"): (Action.READ, _page),
    ("GET", "/console/results"): (Action.READ, _page),
    ("GET", "/console/incidents"): (Action.READ, _page),
    ("GET", "/console/cases"): (Action.READ, _page),
    ("GET", "/console/readiness"): (Action.READ, _page),
    ("POST", "/console/results/void-station"): (
        Action.VOID,
        lambda _s, place: Target({"station": STATION[place], **DECISION}, STATION[place]),
    ),
    ("POST", "/console/results/void-candidate"): (
        Action.VOID,
        lambda _s, place: Target(
            {"contest": "president", "candidate": "21", "stations": STATION[place], **DECISION},
            STATION[place],
        ),
    ),
    ("POST", "/console/results/void-constituency"): (
        Action.VOID,
        _country({"contest": "president", "constituency": IRAN, **DECISION}),
    ),
    ("POST", "/console/results/certify"): (Action.CERTIFY, _country({"contest": "president"})),
    ("POST", "/console/results/uncertify"): (
        Action.CERTIFY,
        _country({"contest": "president", "reason": "x"}),
    ),
    ("POST", "/console/incidents/assign"): (
        Action.MANAGE_INCIDENTS,
        lambda s, place: Target(
            {"incident": s.incident[place], "assignee": "ali"}, INCIDENT_STATION[place]
        ),
    ),
    ("POST", "/console/incidents/resolve"): (
        Action.MANAGE_INCIDENTS,
        lambda s, place: Target(
            {"incident": s.incident[place], "resolution": "وصل شد"}, INCIDENT_STATION[place]
        ),
    ),
    ("POST", "/console/cases/open"): (
        Action.MANAGE_CASES,
        lambda _s, place: Target(
            {"place": place, "kind": "vote-buying", "summary": "خرید رأی"}, place
        ),
    ),
    ("POST", "/console/cases/update"): (
        Action.MANAGE_CASES,
        lambda s, place: Target({"case": s.case[place], "note": "پیگیری"}, place),
    ),
    ("GET", "/console/audit"): (Action.READ, _page),
    ("GET", "/console/audit/pull-list"): (Action.READ, _page),
    ("GET", "/console/audit/enter"): (Action.ENTER_READINGS, _page),
    ("GET", "/console/audit/discrepancies"): (Action.READ, _page),
    # the president's audit runs at its only constituency, the whole country
    ("POST", "/console/audit/start"): (
        Action.RUN_AUDIT,
        _country({"contest-president": "1", "risk_limit": "5"}),
    ),
    ("POST", "/console/audit/seed"): (Action.RUN_AUDIT, _country({"rolls": "ناظر=" + "7" * 20})),
    ("POST", "/console/audit/draw"): (Action.RUN_AUDIT, _country({})),
    ("POST", "/console/audit/close"): (Action.RUN_AUDIT, _country({"records": "{}"})),
    ("POST", "/console/audit/enter"): (
        Action.ENTER_READINGS,
        lambda _s, place: Target(
            {"paper": f"{STATION[place]}/1/1", "mark-president-21": "1"}, STATION[place]
        ),
    ),
    ("POST", "/console/audit/enter-station"): (
        Action.ENTER_READINGS,
        lambda _s, place: Target(
            {"station": STATION[place], "cards": "1", "cast": "1", "valid": "1"}, STATION[place]
        ),
    ),
    ("GET", "/console/candidacy"): (Action.READ, _page),
    # a constituency named by its unit code
    ("POST", "/console/candidacy/register"): (
        Action.MANAGE_CANDIDACY,
        lambda _s, place: Target({"place": place, "constituency": place, **APPLICANT}, place),
    ),
    # each place's applicant (`_prepared`): the right is needed at their constituency
    ("POST", "/console/candidacy/inquire"): (Action.MANAGE_CANDIDACY, _about({})),
    ("POST", "/console/candidacy/answer"): (
        Action.MANAGE_CANDIDACY,
        _about({"authority": "police", "reference": "۱۲", "clear": "yes"}),
    ),
    ("POST", "/console/candidacy/decide"): (
        Action.MANAGE_CANDIDACY,
        _about({"board": "executive", "outcome": "qualified", "article": "۲۸"}),
    ),
    ("POST", "/console/candidacy/object"): (Action.MANAGE_CANDIDACY, _about({"grounds": "مدرک"})),
    ("POST", "/console/candidacy/commit"): (
        Action.MANAGE_CANDIDACY,
        _country({"contest": "president", "secret": "a secret of twenty-odd characters"}),
    ),
    ("POST", "/console/candidacy/final-list"): (
        Action.MANAGE_CANDIDACY,
        _country({"contest": "president"}),
    ),
    ("POST", "/console/candidacy/draw"): (
        Action.MANAGE_CANDIDACY,
        _country({"contest": "president", "secret": "a secret of twenty-odd", "drawn_by": "a"}),
    ),
    ("POST", "/console/readiness"): (
        Action.MANAGE_READINESS,
        lambda _s, place: Target(
            {"place": place, "register": "papers", "csv": "station,sent,received,used\n"}, place
        ),
    ),
    ("GET", "/console/preparation"): (Action.READ, _page),
    ("GET", "/console/preparation/decisions"): (Action.READ, _page),
    ("GET", "/console/preparation/fleet"): (Action.READ, _page),
    # each station's worker (`_prepared`) is named again, trained, planned for and noted
    ("POST", "/console/preparation/staff"): (
        Action.MANAGE_READINESS,
        lambda _s, place: _at_station(
            place, person=WORKER[place], name="کارمند", station_role="member"
        ),
    ),
    ("POST", "/console/preparation/session"): (
        Action.MANAGE_READINESS,
        lambda _s, place: Target(
            {
                "place": place,
                "kind": "training",
                "held": "1403/04/01",
                "venue": "فرمانداری",
                "topic": "آموزش",
                "attendees": WORKER[place],
            },
            STATION[place],
        ),
    ),
    ("POST", "/console/preparation/plan"): (
        Action.MANAGE_READINESS,
        lambda _s, place: _at_station(place, transport="پیاده", report_grace="8"),
    ),
    ("POST", "/console/preparation/past"): (
        Action.MANAGE_READINESS,
        lambda _s, place: _at_station(place, happened_in="1402", note="قطع برق"),
    ),
    # the president's only constituency is the whole country (certified: refused with 422)
    ("POST", "/console/preparation/decisions/lot"): (
        Action.CERTIFY,
        _country({"where": "president:IR", "secret": "1403", "drawn_by": "الف"}),
    ),
    # the results are in: a commitment is refused with 422 (review S19 F1)
    ("POST", "/console/preparation/decisions/commit"): (
        Action.CERTIFY,
        _country({"scope": "president:IR", "secret": "راز هیئت نظارت ۱۴۰۳ — 41c9e0"}),
    ),
    ("POST", "/console/preparation/decisions/withdraw"): (
        Action.MANAGE_CANDIDACY,
        _country({"contest": "president", "candidate": "21", "printing": "after-printing"}),
    ),
    ("POST", "/console/preparation/decisions/approve-mode"): (
        Action.CERTIFY,
        _country({"where": "president:IR", "mode": "electronic", "reference": "۱"}),
    ),
    # a box's first step happens at the country's headquarters
    ("POST", "/console/preparation/fleet/hand-over"): (
        Action.MANAGE_READINESS,
        _country({"serial": BOXES[0]}),
    ),
}


def _flat(routes: list[BaseRoute]) -> Iterator[BaseRoute]:
    """The routes, with those of each included router in its place (FastAPI keeps an included
    router as one entry that holds the router it includes)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        yield from _flat(included.routes) if included is not None else (route,)


def console_routes(client: TestClient) -> set[tuple[str, str]]:
    """The app's console routes, each method apart, but log-in, log-out and static files."""
    return {
        (method, route.path)
        for route in _flat(client.app.routes)  # type: ignore[attr-defined]
        if isinstance(route, APIRoute)
        and route.path.startswith("/console")
        and route.path not in ("/console/login", "/console/logout")
        for method in route.methods or ()
        if method != "HEAD"
    }


def test_the_matrix_covers_every_console_route(client: TestClient) -> None:
    assert set(ROUTES) == console_routes(client)


def _prepared(url: str) -> Store:
    """Every sheet in, the president's result certified at the country, a case at Bam too, a
    worker at each place's station, Baft's boxes in the fleet register, and the candidacy
    calendar stored with an applicant registered at each place (a candidacy step checks the
    grant's place on the applicant's constituency, which only a registered applicant has)."""
    complete(url)
    fleet(url)
    stored_calendar(url)
    engine = make_engine(url)
    try:

        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(engine, now=AT)

        certify(
            uow,
            Actor("board", CERTIFIER),
            ELECTION,
            "president",
            reason="نتیجه بررسی شد",
            reference="هیئت ۱۴۰۳/۱",
            now=AT,
        )
        at = AT + datetime.timedelta(minutes=1)
        board = Actor("tests", Grant(Role.ADMIN, IRAN))
        for place, station in STATION.items():
            worker = Worker(station, WORKER[place], "کارمند", StaffRole.MEMBER)
            assign_worker(uow, board, ELECTION, worker, now=at)
        open_case(
            uow, board, ELECTION, kind=CaseKind.OTHER, summary="بم", place=BAM, stations=[], now=at
        )
        national = Actor("tests", Grant(Role.NATIONAL_HQ, IRAN))
        applicant: dict[str, str] = {}
        for place, code in NATIONAL_CODE.items():
            person = Applicant(
                code, "مریم احمدی", "Maryam Ahmadi", datetime.date(1971, 4, 4), Education.MASTER
            )
            made = register(
                lambda: SqlUnitOfWork(engine, now=CANDIDACY_AT),
                national,
                ELECTION,
                contest="president",
                constituency=place,
                person=person,
                now=CANDIDACY_AT,
            )
            applicant[place] = str(made.applicant)
        with uow() as work:
            day = day_of(work, ELECTION)
            incident = {
                place: str(n.id)
                for n in work.incidents.numbered(ELECTION)
                for place, station in INCIDENT_STATION.items()
                if station in n.incident.stations
            }
            case = {c.place: str(c.id) for c in work.cases.all(ELECTION)}
    finally:
        engine.dispose()
    return Store(day, incident, case, applicant)


@pytest.fixture(scope="module")
def prepared(
    partial_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Store]:
    """The store `_prepared` makes, made once for every role: each test acts on a copy of it."""
    folder = tmp_path_factory.mktemp("matrix-template")
    store = _prepared(copy_store(partial_template, folder))
    return folder / "store.sqlite", store


@pytest.fixture
def console_store(prepared: tuple[Path, Store], tmp_path: Path) -> str:
    """This test's own copy of the prepared store (it certifies, voids and undoes)."""
    return copy_store(prepared[0], tmp_path)


@pytest.fixture
def client(console_store: str) -> Iterator[TestClient]:
    with TestClient(create_app(settings(console_store)), follow_redirects=False) as client:
        yield client


def _log_in(client: TestClient, username: str, code: str) -> str:
    """Log in through the form; the session's CSRF token."""
    client.cookies.clear()
    form = client.get("/console/login").text
    found = _TOKEN.search(form)
    assert found is not None
    sent = {"csrf": found.group(1), "username": username, "password": PASSWORD, "totp": code}
    answer = client.post("/console/login", data=sent)
    assert answer.status_code == 303
    page = _TOKEN.search(client.get(answer.headers["location"]).text)
    assert page is not None
    return page.group(1)


def _allowed(  # noqa: PLR0917 (who, under which grant, asking what where)
    store: Store, username: str, grant: Grant, path: str, action: Action, unit: str
) -> bool:
    allowed = may(store.day.geography, grant, action, unit)
    if path.endswith("/pull-list"):  # whoever reads the day, and the board that enters
        return allowed or may(store.day.geography, grant, Action.ENTER_READINGS, unit)
    if path.endswith("/uncertify"):
        geography = store.day.geography
        return allowed and may_undo_certification(geography, username, grant, "board", CERTIFIER)
    return allowed


def _places(store: Store, asks: Asks) -> tuple[str, ...]:
    """Bam and Baft, the outside place first; Bam alone where both would be asked the same."""
    return (BAM,) if asks(store, BAM) == asks(store, BAFT) else (BAM, BAFT)


@pytest.mark.parametrize("role", list(Role))
def test_each_route_refuses_exactly_what_the_grant_does_not_allow(
    role: Role, prepared: tuple[Path, Store], console_store: str, client: TestClient
) -> None:
    store = prepared[1]
    answers: dict[tuple[str, str, str, str], int] = {}
    wrong: list[str] = []
    # The country's grant comes last: its changes (undoing the certification) must not hide
    # the county's refusals; within a grant, the outside place first for the same reason.
    for grant in (Grant(role, BAFT), Grant(role, IRAN)):
        change = add_account(console_store, f"{role}-{grant.place}".lower(), role, grant.place)
        code = current_code(change) if change.totp_uri else ""
        csrf = _log_in(client, change.account.username, code)
        for (method, path), (action, asks) in ROUTES.items():
            for place in _places(store, asks):
                target = asks(store, place)
                if method == "GET":
                    answer = client.get(path, params=target.sent)
                else:
                    answer = client.post(path, data={"csrf": csrf, **target.sent})
                status = answer.status_code
                answers[method, path, grant.place, place] = status
                username = change.account.username
                allowed = _allowed(store, username, grant, path, action, target.unit)
                refused = status == 403
                if status >= 500 or refused == allowed or status == 404:
                    wrong.append(
                        f"{method} {path} {role} at {grant.place} asking {place} "
                        f"({target.unit}): {status}, may={allowed}"
                    )
    assert not wrong, "\n".join(wrong)
    assert len(answers) == 2 * sum(len(_places(store, asks)) for _, asks in ROUTES.values())
