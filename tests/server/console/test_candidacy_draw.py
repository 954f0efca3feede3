"""The code draw from the console and from `sandogh candidates draw` on two copies of one store:
the console's draw stores the drawn definition as the command's does, one use case, the same
definition hash, and the file the command writes is that definition; once results of the day
are imported the console's draw is refused and nothing is rewritten (issue 12, section 1)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sandogh.cli import candidates_draw
from sandogh.cli.app import app
from sandogh.core.access import Grant, Role
from sandogh.core.candidacy.conditions import Applicant, Education
from sandogh.core.candidacy.process import Authority, Board, Outcome
from sandogh.formats.definition_file import canonical_bytes
from sandogh.server.app import create_app
from sandogh.services.acting import Actor
from sandogh.services.candidacy import decide, publish_list, register
from sandogh.services.candidacy_inquiries import collect_answers, inquire
from sandogh.services.candidacy_ports import InquiryReply
from sandogh.services.code_draw import commit_draw
from sandogh.services.memory_candidacy import FakeAuthorities
from sandogh.services.ports import StoredElection, UnitOfWork
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.server.live import ELECTION
from tests.server.operators_live import add_account, settings

from .build import IRAN, copy_store
from .candidacy_build import AT, Clock, stored
from .test_pages import log_in, token

HQ = Actor("setad", Grant(Role.COUNTY_HQ, IRAN))
BOARD = Actor("nazer", Grant(Role.SUPERVISOR, IRAN))
SECRET, DRAWN_BY = "1402-aban: dice 6 6 2 5 1 3 4", "setad, nazer"


def _with_store(url: str, act: Callable[[Callable[[], UnitOfWork]], object]) -> object:
    engine = make_engine(url)
    try:
        return act(lambda: SqlUnitOfWork(engine, now=AT))
    finally:
        engine.dispose()


def _listed(uow: Callable[[], UnitOfWork]) -> None:
    """Two applicants for the president, each qualified by both boards; the final list."""
    for n, code in enumerate(("0013542419", "0013542427"), start=1):
        person = Applicant(
            code, f"داوطلب {n}", f"Applicant {n}", datetime.date(1970, 1, 1), Education.DOCTORATE
        )
        register(uow, HQ, ELECTION, contest="president", constituency=IRAN, person=person, now=AT)
        authorities = FakeAuthorities()
        inquire(uow, HQ, ELECTION, n, authorities, now=AT)
        for authority in Authority:
            authorities.answer(InquiryReply(f"{n}", ELECTION, n, authority, True, "", AT.date()))
        collect_answers(uow, HQ, authorities, now=AT)
        for board, by in ((Board.EXECUTIVE, HQ), (Board.SUPERVISORY, BOARD)):
            outcome = Outcome.QUALIFIED
            decide(uow, by, ELECTION, n, board=board, outcome=outcome, article="Art. 30", now=AT)
    closed = AT.replace(hour=12)  # registration closed at 11:00 (`candidacy_build.calendar`)
    commit_draw(uow, HQ, ELECTION, "president", secret=SECRET, now=closed)
    publish_list(uow, HQ, ELECTION, "president", now=AT)


def _store(template: Path, folder: Path) -> str:
    folder.mkdir()
    url = copy_store(template, folder)
    stored(url)
    add_account(url, "setad", Role.COUNTY_HQ, IRAN)
    add_account(url, "nazer", Role.SUPERVISOR, IRAN)  # who draws is an account (S20, F7)
    _with_store(url, _listed)
    return url


def _definition(url: str) -> StoredElection:
    def read(uow: Callable[[], UnitOfWork]) -> StoredElection:
        with uow() as work:
            found = work.elections.get(ELECTION)
        assert found is not None
        return found

    found = _with_store(url, read)
    assert isinstance(found, StoredElection)
    return found


def test_the_console_and_the_command_store_the_same_drawn_definition(
    unprinted_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_console, by_command = (_store(unprinted_template, tmp_path / n) for n in ("web", "cli"))
    before = _definition(by_console)
    assert _definition(by_command) == before

    with TestClient(create_app(settings(by_console), clock=Clock()), follow_redirects=False) as c:
        csrf = token(log_in(c, "setad"))
        form = {"csrf": csrf, "place": IRAN, "contest": "president", "secret": SECRET}
        putin = c.post("/console/candidacy/draw", data={**form, "drawn_by": "setad, Putin"})
        assert "این نام‌ها حساب کاربری این سامانه نیستند: Putin" in putin.text  # S20, F7
        assert _definition(by_console) == before
        drawn = c.post("/console/candidacy/draw", data={**form, "drawn_by": DRAWN_BY})
    assert drawn.status_code == 200, drawn.text
    on_console = _definition(by_console)
    assert on_console.definition_hash in drawn.text
    assert on_console.election.version == before.election.version + 1

    draft, out = tmp_path / "draft.json", tmp_path / "drawn.json"
    draft.write_bytes(canonical_bytes(before.election))
    monkeypatch.setattr(candidates_draw, "now", lambda: AT)
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    done = CliRunner().invoke(
        app,
        [
            *("candidates", "draw", "--contest", "president", "--definition", str(draft)),
            *(
                "--secret-file",
                str(secret),
                "--drawn-by",
                "setad",
                "--drawn-by",
                "nazer",
                "--out",
                str(out),
            ),
            *("--as", "setad", "--role", "county-hq", "--place", IRAN, "--db", by_command),
        ],
    )
    assert done.exit_code == 0, done.output
    on_command = _definition(by_command)
    assert on_command == on_console
    assert on_command.definition_hash in done.stdout
    assert out.read_bytes() == canonical_bytes(on_console.election)


def test_the_console_s_draw_is_refused_once_results_of_the_definition_are_imported(
    partial_template: Path, tmp_path: Path
) -> None:
    printed = _store(partial_template, tmp_path / "printed")  # the day's results imported
    before = _definition(printed)
    with TestClient(create_app(settings(printed), clock=Clock()), follow_redirects=False) as c:
        csrf = token(log_in(c, "setad"))
        form = {"csrf": csrf, "place": IRAN, "contest": "president", "secret": SECRET}
        refused = c.post("/console/candidacy/draw", data={**form, "drawn_by": DRAWN_BY})
    assert refused.status_code == 422
    assert "دیگر بازنویسی نمی‌شود: نتایج آن" in refused.text
    assert _definition(printed) == before
