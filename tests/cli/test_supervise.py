"""`sandogh void|certify|uncertify|case|incident`, and what `results show` and `outcome` then say
of the voids; on a SQLite store."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from typer.testing import CliRunner

from sandogh.cli.app import app
from sandogh.core.access import Grant, Role
from sandogh.core.supervision import CertificationDecisionError
from sandogh.services.acting import Actor
from sandogh.services.incidents import open_incident
from sandogh.services.ports import IncidentKind
from sandogh.services.results import import_results
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork

from ..conftest import TEST_NOW
from ..services.build import DEVICE, NOW, ROUND_2, ROUND_2_DAY, ST_1, ST_2, ST_3, final, load
from ..services.test_supervision import VOTES

SUPERVISOR = ("--as", "hoseini", "--role", "supervisor", "--place", "IR-08")
INSPECTOR = ("--as", "rezaei", "--role", "inspector", "--place", "IR-08-0801")


@pytest.fixture
def db(sqlite_store_url: str) -> str:
    url = sqlite_store_url
    engine = make_engine(url)
    try:

        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(engine, now=TEST_NOW)

        load(uow, ROUND_2_DAY)
        sheets = [
            s for st in (ST_1, ST_2, ST_3) for s in final(ROUND_2_DAY, st, DEVICE, VOTES[st]).sheets
        ]
        import_results(uow, ROUND_2, sheets, now=NOW)
    finally:
        engine.dispose()
    return url


def run(db: str, *args: str) -> str:
    done = CliRunner().invoke(app, [*args, "--db", db], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done.output


def run_json(db: str, *args: str) -> Any:
    return json.loads(run(db, *args, "--json"))


def test_a_void_shows_in_results_and_outcome(db: str) -> None:
    voided = run_json(
        db,
        *("void", "candidate", "president", "21", ST_1, ST_2),
        *("--reason", "vote buying", "--reference", "هیات ۲۱", *SUPERVISOR),
    )
    assert (voided["kind"], voided["boxes"], voided["ballots"]) == ("candidate", 2, 5)
    assert voided["votes"] == [{"code": "21", "votes": 5}]

    shown = run_json(db, "results", "show", "--unit", "IR-08", "--contest", "president")
    (result,) = shown["results"]
    assert [v["votes"] for v in result["counts"]["votes"]] == [4, 1]
    assert (result["counts"]["cast"], result["counts"]["void"]) == (5, 5)
    (effect,) = result["voided"]
    assert (effect["reference"], effect["boxes"], effect["stations"]) == (
        "هیات ۲۱",
        2,
        [ST_1, ST_2],
    )
    assert result["stations_voided"] == 0
    persian = run(db, "results", "show", "--unit", "IR-08", "--contest", "president")
    assert "۵ رأی «نامزد 21» در ۲ صندوق باطل شد" in persian
    english = run(db, "results", "show", "--contest", "president", "--lang", "en")
    assert "5 votes of 21 voided in 2 box(es) · decision هیات ۲۱: vote buying" in english
    # issue 13: no «·» beside Persian digits, where it reads as a zero; and the nation's
    # figures, which are Kerman's alone, named for the province as the site names them
    assert "·" not in persian
    assert "استان IR-08 — " in persian  # this store names its units by their codes
    assert "IR-08 Province · President" in english

    outcome = run_json(db, "outcome", "--contest", "president")
    (decided,) = outcome["contests"][0]["constituencies"]
    assert decided["elected"] == ["25"]
    assert [e["ballots"] for e in decided["voided"]] == [5]
    assert decided["certified"] is None

    run(db, "void", "station", ST_3, "--reason", "no seal", "--reference", "هیات ۲۲", *SUPERVISOR)
    (result,) = run_json(db, "results", "show", "--unit", "IR-08", "--contest", "president")[
        "results"
    ]
    assert result["stations_voided"] == 1


def test_certify_and_uncertify(db: str) -> None:
    national = ("--as", "tehrani", "--role", "supervisor", "--place", "IR")
    said = ("--reason", "ارقام بررسی شد", "--reference", "هیئت ۱۴۰۳/۱")
    made = run_json(db, "certify", "president", *said, *national)
    assert (made["contest"], made["constituency"], made["by"]) == ("president", None, "tehrani")
    assert (made["reason"], made["reference"], made["undone"]) == (
        "ارقام بررسی شد",
        "هیئت ۱۴۰۳/۱",
        None,
    )
    assert made["digest"].startswith("sha256:")
    shown = run_json(db, "outcome", "--contest", "president")
    assert shown["contests"][0]["constituencies"][0]["certified"]["digest"] == made["digest"]
    # the findings' N5: the role by its Persian name, the account isolated (this store names its
    # units by their codes)
    said_fa = run(db, "outcome", "--contest", "president")
    assert "تأییدشده به دست \u2066tehrani\u2069 (ناظر، IR)" in said_fa
    assert "supervisor" not in said_fa
    assert "Certified by tehrani (supervisor, IR)" in run(
        db, "outcome", "--contest", "president", "--lang", "en"
    )
    # issue 13: a certification says why, in words, and by which decision
    wordless = CliRunner().invoke(
        app,
        [
            *("certify", "parliament", "--constituency", "P2", "--reason", "..."),
            *("--reference", "-"),
            *national,
            "--db",
            db,
        ],
    )
    assert isinstance(wordless.exception, CertificationDecisionError)
    assert [p.path for p in wordless.exception.problems] == ["reason", "reference"]
    assert wordless.exception.problems[0].fa.startswith("دلیل تأیید صحت باید با کلمات")
    assert "تأیید شد" in run(db, "certify", "parliament", "--constituency", "P2", *said, *national)
    # R4: an administrator undoes no certification, nor does the board member who made it
    admin = ("--as", "root", "--role", "admin", "--place", "IR")
    denied = (  # S20 F8
        "حساب \u2066root\u2069 با نقش «مدیر سامانه» در \u2066IR\u2069 اجازه این کار را در"
        " \u2066IR\u2069 ندارد"
    )
    undoing = ("--reason", "شکایت نامزد ۲۵", "--reference", "هیئت ۱۴۰۳/۲")
    for alone, refusal in ((admin, denied), (national, "ناظر کشوری دیگری جز tehrani")):
        refused = CliRunner().invoke(app, ["uncertify", "president", *undoing, *alone, "--db", db])
        assert refused.exit_code != 0
        assert refusal in str(refused.exception)
    second = ("--as", "dovom", "--role", "supervisor", "--place", "IR")
    blank = CliRunner().invoke(
        app,
        ["uncertify", "president", "--reason", " ", "--reference", "۲", *second, "--db", db],
    )
    # the review's F2: undone with no reason, then a seat moved
    assert isinstance(blank.exception, CertificationDecisionError)
    assert blank.exception.problems[0].fa.startswith("دلیل لغو تأیید صحت باید با کلمات")
    undone = run_json(db, "uncertify", "president", *undoing, *second)
    assert undone["digest"] == made["digest"]
    assert undone["undone"]["by"] == "dovom"
    assert (undone["undone"]["reason"], undone["undone"]["reference"]) == (
        "شکایت نامزد ۲۵",
        "هیئت ۱۴۰۳/۲",
    )


def test_cases_and_incidents(db: str) -> None:
    opened = run_json(
        db,
        *("case", "open", "vote-buying", "--summary", "پول در برابر رأی"),
        *("--station", ST_1, "--candidate", "president:21", *INSPECTOR),
    )
    assert (opened["status"], opened["place"], opened["candidates"]) == (
        "opened",
        "IR-08-0801",
        [{"contest": "president", "code": "21"}],
    )
    number = str(opened["id"])
    run(db, "case", "update", number, "--status", "investigating", *INSPECTOR)
    assert "اثبات شده" in run(db, "case", "update", number, "--status", "upheld", *INSPECTOR)
    run(
        db,
        *("void", "candidate", "president", "21", ST_1, "--case", number),
        *("--reason", "bought", "--reference", "هیات ۲۳", *SUPERVISOR),
    )
    (case,) = run_json(db, "case", "list", *INSPECTOR)["cases"]
    assert [e["votes"] for e in case["effects"]] == [[{"code": "21", "votes": 3}]]
    assert "خرید" in run(db, "case", "list", *INSPECTOR)  # the table wraps the rest

    assert run_json(db, "incident", "list", *SUPERVISOR) == {"incidents": []}
    engine = make_engine(db)
    try:
        raised = open_incident(
            lambda: SqlUnitOfWork(engine, now=TEST_NOW),
            Actor("moradi", Grant(Role.COUNTY_HQ, "IR-08-0801")),
            ROUND_2,
            kind=IncidentKind.PAPER_SHORTAGE,
            stations=[ST_1],
            now=NOW,
        )
    finally:
        engine.dispose()
    number = str(raised.id)
    assert "کمبود" in run(db, "incident", "list", *SUPERVISOR)
    assigned = run_json(db, "incident", "assign", number, "karimi", *SUPERVISOR)
    assert (assigned["status"], assigned["assignee"]) == ("assigned", "karimi")
    resolved = run_json(db, "incident", "resolve", number, "--note", "رسید", *SUPERVISOR)
    assert (resolved["status"], resolved["resolution"]) == ("resolved", "رسید")
    (listed,) = run_json(db, "incident", "list", "--status", "resolved", *SUPERVISOR)["incidents"]
    assert listed == resolved


def test_a_refusal_is_one_line_and_a_failing_exit(db: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from sandogh.cli.app import main; main()",
            *("void", "station", ST_1, "--reason", "r", "--reference", "ref"),
            *("--as", "moradi", "--role", "county-hq", "--place", "IR-08-0801", "--db", db),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "sandogh: حساب \u2066moradi\u2069 با نقش «ستاد انتخابات شهرستان» در \u2066IR-08-0801\u2069"
        f" اجازه این کار را در \u2066{ST_1}\u2069 ندارد."
    )
