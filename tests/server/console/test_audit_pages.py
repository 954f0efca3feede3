"""The audit's pages through FastAPI's TestClient on SQLite (issue 11): a supervisor starts the
audit, records the seed and draws a round; boards enter what their papers show, blind, each in
its own province; the round closes with the boxes' records and its discrepancies are listed
without a confirmation code. The use cases' refusals and the rights, through HTTP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from sandogh.core.access import Body, Role
from sandogh.server.app import create_app
from tests.server.operators_live import AccountChange, add_account, current_code, settings

from .audit_build import (
    ELECTION,
    KERMAN_PROVINCE,
    YAZD,
    accounts,
    build_audited,
    code_of,
    records_file,
    template,
)
from .build import copy_store
from .test_pages import denials, log_in, token

DICE = "ستاد انتخابات=3071945268\nناظر=5812093746\nنماینده=4409"
_CODE = re.compile(r"ST-[0-9]{4}-[0-9]{4}#[0-9]+")  # a confirmation code (`code_of`)
_PAPER = re.compile(r'<form [^>]*data-paper="([^"]+)"')


@pytest.fixture(scope="module")
def audit_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return template(tmp_path_factory.mktemp("audit-template"))


@pytest.fixture
def store(audit_template: Path, tmp_path: Path) -> str:
    return copy_store(audit_template, tmp_path)


@pytest.fixture
def client(store: str) -> Iterator[TestClient]:
    with TestClient(create_app(settings(store)), follow_redirects=False) as client:
        yield client


@dataclass
class People:
    """The accounts, and the session each signed in with: a supervisor logs in once, since a
    TOTP code is accepted once."""

    changes: dict[str, AccountChange]
    sessions: dict[str, tuple[dict[str, str], str]] = field(default_factory=dict)


@pytest.fixture
def people(store: str) -> People:
    return People(accounts(store))


def _as(client: TestClient, people: People, who: str) -> str:
    """Make `who` the one speaking (signed in the first time); the CSRF token of the session."""
    client.cookies.clear()
    if who not in people.sessions:
        change = people.changes[who]
        csrf = token(log_in(client, who, totp=current_code(change) if change.totp_uri else ""))
        people.sessions[who] = (dict(client.cookies), csrf)
        return csrf
    cookies, csrf = people.sessions[who]
    client.cookies.update(cookies)
    return csrf


def _post(client: TestClient, csrf: str, path: str, **form: str) -> Response:
    return client.post(f"/console/audit{path}", data={"csrf": csrf, **form})


def _drawn(client: TestClient, people: People) -> None:
    """Start (president, 10%), seed and draw the first round as the supervisor."""
    csrf = _as(client, people, "nazer")
    page = client.get("/console/audit?place=IR").text
    assert 'id="no-audit"' in page
    assert 'id="audit-start"' in page
    start = {"place": "IR", "contest-president": "1", "risk_limit": "۱۰", "records": records_file()}
    assert _post(client, csrf, "/start", **start).status_code == 303
    assert _post(client, csrf, "/seed", place="IR", rolls=DICE).status_code == 303
    assert _post(client, csrf, "/draw", place="IR").status_code == 303


def _papers(page: str) -> list[str]:
    return _PAPER.findall(page)


def _faithful(paper: str) -> dict[str, str]:
    """What the paper shows, as its record says (290 votes for 21, then 10 for 25)."""
    position = int(paper.rsplit("/", 1)[1])
    return {
        "paper": paper,
        "found": "yes",
        "code": code_of(paper),
        f"mark-president-{'21' if position <= 290 else '25'}": "1",
    }


def test_a_round_is_run_from_the_console_and_entered_blind(
    client: TestClient, people: People
) -> None:
    _drawn(client, people)
    standing = client.get("/console/audit?place=IR").text
    assert "مقایسه برگه با سابقه" in standing  # ballot comparison, in the HQ's words
    assert "دور ۱ باز است: ۰ از ۶ خوانده شده" in standing
    assert 'id="audit-close"' in standing
    pulls = client.get("/console/audit/pull-list?place=IR").text
    assert pulls.count('class="position"') == 6
    assert "۱۳۹" in pulls  # positions in Persian digits, grouped by station and container

    csrf = _as(client, people, "board")  # the board of Kerman
    entry = client.get("/console/audit/enter").text
    kerman = _papers(entry)
    assert kerman
    assert all(p.startswith("ST-08") for p in kerman)
    # blind: neither the boxes' records nor the reported figures are on the form
    assert not _CODE.search(entry)
    assert not {"290", "۲۹۰", "10", "۱۰"} & set(re.findall(r"[0-9۰-۹]+", entry))
    refused = _post(client, csrf, "/enter", **_faithful("ST-0801-0001/1/1"))
    assert refused.status_code == 422
    assert "برگه ST-0801-0001/1/1 در دور باز کشیده نشده است" in refused.text
    for paper in kerman:
        saved = _post(client, csrf, "/enter", **_faithful(paper))
        assert saved.status_code == 303, saved.text
    twice = _post(client, csrf, "/enter", **_faithful(kerman[0]))
    assert twice.status_code == 422
    assert f"برگه {kerman[0]} پیش‌تر ثبت شده است" in twice.text
    assert 'id="all-read"' in client.get("/console/audit/enter").text

    csrf = _as(client, people, "yazd")
    yazd = _papers(client.get("/console/audit/enter").text)
    assert yazd
    assert all(p.startswith("ST-2101") for p in yazd)
    misread = {**_faithful(yazd[0]), "shows-president": "invalid"}
    misread = {k: v for k, v in misread.items() if not k.startswith("mark-")}
    assert _post(client, csrf, "/enter", **misread).status_code == 303
    for paper in yazd[1:]:
        assert _post(client, csrf, "/enter", **_faithful(paper)).status_code == 303

    csrf = _as(client, people, "nazer")
    records = records_file()
    closed = _post(client, csrf, "/close", place="IR", records=records)
    assert closed.status_code == 303, closed.text
    after = client.get("/console/audit?place=IR&lang=en").text
    assert re.search(r'class="hash">sha256:[0-9a-f]{64}<', after), after[after.index("<main") :]
    listed = client.get("/console/audit/discrepancies?place=IR&lang=fa").text
    assert listed.count('class="discrepancy"') >= 1
    assert yazd[0] in listed
    assert "باطل" in listed  # what the board read
    assert "نامزد 21" in listed  # what the record says
    for page in (after, listed, client.get("/console/audit/pull-list?place=IR").text):
        assert not _CODE.search(page)  # no confirmation code, ever
    late = _post(client, _as(client, people, "board"), "/enter", **_faithful(kerman[0]))
    assert late.status_code == 422
    assert "اکنون دوری باز نیست" in late.text


def test_each_account_is_kept_to_its_rights_and_place(client: TestClient, people: People) -> None:
    _drawn(client, people)
    csrf = _as(client, people, "board")
    assert 'id="audit-draw"' not in client.get("/console/audit").text
    for path, form in (
        ("/start", {"contest-president": "1", "risk_limit": "5"}),
        ("/close", {"records": "{}"}),
        ("/draw", {}),
    ):
        assert _post(client, csrf, path, place="IR", **form).status_code == 403
    assert denials(client)[-1]["action"] == "run-audit"
    forged = client.post("/console/audit/enter", data={"csrf": "forged", "paper": "x/1/1"})
    assert forged.status_code == 403
    assert "فرم کهنه" in forged.text
    assert denials(client)[-1]["action"] == "csrf"
    said = client.get("/console/audit/enter?saved=ST-0801-0001/1/1+was+voided").text
    assert "was voided" not in said  # the page names only a unit entered
    assert client.get(f"/console/audit?place={YAZD}").status_code == 403
    assert client.get("/console/audit/enter?place=IR").status_code == 403  # above its place
    kerman = _papers(client.get("/console/audit/enter").text)

    csrf = _as(client, people, "yazd")
    assert client.get(f"/console/audit/pull-list?place={KERMAN_PROVINCE}").status_code == 403
    theirs = _papers(client.get("/console/audit/enter").text)
    assert all(p.startswith("ST-2101") for p in theirs)
    assert _post(client, csrf, "/enter", **_faithful(kerman[0])).status_code == 403
    assert denials(client)[-1]["place"] == kerman[0].split("/")[0]

    csrf = _as(client, people, "hesabras")  # the auditor reads, and enters nothing
    assert client.get("/console/audit?place=IR").status_code == 200
    assert client.get("/console/audit/enter").status_code == 403
    entered = _post(client, csrf, "/enter", **_faithful(theirs[0]))
    assert entered.status_code == 403
    assert denials(client)[-1]["action"] == "enter-readings"


def test_a_supervisor_of_another_body_runs_no_audit(
    client: TestClient, people: People, store: str
) -> None:
    """The presidency is the Guardian Council's boards' to audit: a national supervisor of the
    Majlis's is refused the start, in the page's language, and the refusal is logged."""
    people.changes["majlis"] = add_account(
        store, "majlis", Role.SUPERVISOR, "IR", totp=True, body=Body.MAJLIS
    )
    csrf = _as(client, people, "majlis")
    start = {"place": "IR", "contest-president": "1", "risk_limit": "10"}
    refused = _post(client, csrf, "/start", **start)
    assert refused.status_code == 403
    assert "هیئت‌های نظارت شورای نگهبان" in refused.text
    assert denials(client)[-1]["required"] == "guardian-council"
    assert 'id="no-audit"' in client.get("/console/audit?place=IR").text


def test_the_supervisors_refusals_are_said_in_persian(client: TestClient, people: People) -> None:
    _drawn(client, people)
    csrf = _as(client, people, "nazer")
    again = _post(client, csrf, "/seed", place="IR", rolls="ناظر=" + "1" * 20)
    assert again.status_code == 422
    assert "بذر هرگز دوباره ریخته نمی‌شود" in again.text
    bad = _post(client, csrf, "/close", place="IR", records="[not json")
    assert bad.status_code == 400
    assert "پرونده سوابق خوانده نشد" in bad.text
    early = _post(client, csrf, "/close", place="IR", records="{}")
    assert early.status_code == 422
    assert "همه برگه‌های کشیده‌شده خوانده نشده‌اند" in early.text
    twice = _post(client, csrf, "/draw", place="IR")
    assert twice.status_code == 422
    assert "دور پیشین هنوز بسته نشده است" in twice.text
    assert 'id="audit-close"' in twice.text


def test_a_paper_stations_hand_count_is_entered_blind(tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path / 'paper.sqlite'}"
    build_audited(store, on_paper=True)
    people = People(accounts(store))
    with TestClient(create_app(settings(store)), follow_redirects=False) as client:
        _drawn(client, people)
        assert "مقایسه شعبه با شمارش دستی" in client.get("/console/audit?place=IR").text
        csrf = _as(client, people, "yazd")
        entry = client.get("/console/audit/enter").text
        station = re.search(r'name="station" value="([^"]+)"', entry)
        assert station is not None
        assert not {"290", "۲۹۰", "300", "۳۰۰"} & set(re.findall(r"[0-9۰-۹]+", entry))
        sample = re.search(r'name="sample" value="([^"]*)"', entry)
        assert sample is not None
        hand = {"station": station.group(1), "sample": sample.group(1), "found": "yes"}
        hand |= {"cards": "۳۰۰", "cast": "300", "valid": "300", "votes-21": "290", "votes-25": "ده"}
        bad = _post(client, csrf, "/enter-station", **hand)
        assert bad.status_code == 400
        assert f"شعبه {station.group(1)}: «ده» عدد نیست" in bad.text
        saved = _post(client, csrf, "/enter-station", **{**hand, "votes-25": "۱۰"})
        assert saved.status_code == 303, saved.text
        twice = _post(client, csrf, "/enter-station", **{**hand, "votes-25": "10"})
        assert twice.status_code == 422
        assert f"شمارش دستی شعبه {station.group(1)} پیش‌تر ثبت شده است" in twice.text


def _visible(page: str) -> str:
    return re.sub(r"<[^>]*>", " ", page)


def test_a_board_sees_no_reported_figure_nor_record_while_it_enters(
    client: TestClient, people: People
) -> None:
    """F14: a batch-comparison hand count is blind only if the board never reads the figures it
    is compared with; its account is refused every page and API that shows them, at its place."""
    _drawn(client, people)
    _as(client, people, "board")
    readiness = f"/api/v1/elections/{ELECTION.id}/readiness"
    for path in (
        "/console/",
        "/console/atlas",
        "/console/results",
        "/console/incidents",
        "/console/cases",
        "/console/readiness",
        "/console/candidacy",
        "/console/audit",
        "/console/audit/discrepancies",
        readiness,
        f"{readiness}/papers",
        f"{readiness}/fleet",
    ):
        answer = client.get(path, params={"place": KERMAN_PROVINCE, "unit": KERMAN_PROVINCE})
        assert answer.status_code == 403, (path, answer.status_code)
    pulls = client.get("/console/audit/pull-list")
    entry = client.get("/console/audit/enter")
    assert (pulls.status_code, entry.status_code) == (200, 200)
    for shown in (pulls.text, entry.text):  # its menus lead only to what entering needs
        assert set(re.findall(r'href="/console(/[^"?]*)', shown)) <= {
            "/static/console.css",
            "/audit/pull-list",
            "/audit/enter",
        }


def test_a_crafted_entry_is_refused_naming_the_field(client: TestClient, people: People) -> None:
    """F7: an address whose station is not in the geography was a 500; each field a form does
    not send is refused with 400, in Persian, naming the field."""
    _drawn(client, people)
    csrf = _as(client, people, "board")
    paper = _papers(client.get("/console/audit/enter").text)[0]
    for form, named in (
        ({"paper": "<script>alert(1)</script>/1/1", "found": "yes"}, "نشانی برگه"),
        ({"paper": "not-an-address"}, "نشانی برگه"),
        ({"paper": paper, "found": "maybe"}, "برگه پیدا شد؟"),
        ({"paper": paper, "shows-president": "both"}, ELECTION.contests[0].name.fa),
        ({"paper": paper, "mark-president-99": "1"}, "نامزدهای علامت‌خورده"),
    ):
        answer = _post(client, csrf, "/enter", **form)
        assert answer.status_code == 400, (form, answer.status_code)
        assert f"خانه «{named}" in answer.text, form
        assert "<script>alert" not in answer.text
    bad = _post(client, csrf, "/enter-station", station="<b>ST</b>", found="yes")
    assert bad.status_code == 400
    assert "خانه «شعبه»" in bad.text
    assert 'id="paper-1"' in client.get("/console/audit/enter").text  # nothing was stored


def test_no_persian_page_names_a_role_by_its_code(client: TestClient, people: People) -> None:
    """F8: the refusal said «نقش audit-board …»; every role is said by its Persian name."""
    _drawn(client, people)
    for who, path in (("board", "/console/results"), ("hesabras", "/console/audit/enter")):
        _as(client, people, who)
        for shown in (client.get(path), client.get("/console/audit/pull-list")):
            text = _visible(shown.text)
            assert not [r.value for r in Role if r.value in text], (who, shown.url)
        refused = client.get(path)
        assert refused.status_code == 403
        assert "نقش هیئت حسابرسی برگه‌ها" in refused.text or "نقش حسابرس " in refused.text
