"""`sandogh candidates withdraw`: recorded once, shown by `outcome`; before printing the candidate
leaves the stored definition, refused once a box is enrolled; the per-command lot and withdrawal
options are refused with a message that says where they are recorded now."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner, Result

from sandogh.cli.app import app
from sandogh.cli.candidates_text import CandidatesCommandError
from sandogh.core.rules.lot_commitment import commitment_of
from sandogh.formats.definition_file import definition_hash
from sandogh.locale.digits import to_persian_digits
from sandogh.services.definition_versions import PrintedError
from sandogh.services.devices import enrol_device
from sandogh.services.mode_approvals import approve_as_boards
from sandogh.services.ports import StoredElection
from sandogh.store.engine import make_engine
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.conftest import TEST_NOW

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kerman-1403"
R2 = "kerman-1403-r2"
EXECUTIVE = ("--as", "ejraei", "--role", "national-hq", "--place", "IR")
STATION = "ST-0801-0001"


def test_a_withdrawal_after_printing_is_shown_in_the_outcome_and_lot_options_are_gone(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    db = ("--db", f"sqlite:///{tmp_path / 'r2.sqlite'}")

    def run(*args: str, code: int = 0) -> str:
        done = runner.invoke(app, [*args, *db])
        assert done.exit_code == code, done.output
        return done.output

    run("init")
    run("load", str(EXAMPLE / "round2.yaml"))
    contest, winner, runner_up = "president", "21", "25"  # 21 wins round2-results.csv

    said = run("candidates", "withdraw", contest, winner, "--when", "after-printing", *EXECUTIVE)
    assert "پس از چاپ برگه" in said
    run("results", "import", str(EXAMPLE / "round2-results.csv"), "-e", R2)
    late = runner.invoke(  # the review's F2: the tie or the winner changed after polling
        app,
        ["candidates", "withdraw", contest, runner_up, "--when", "after-printing", *EXECUTIVE, *db],
    )
    assert late.exit_code != 0
    assert "پس از آغاز رأی‌گیری انصرافی ثبت نمی‌شود" in str(late.exception)
    (after,) = json.loads(run("outcome", "--json"))["contests"]
    shown = after["constituencies"][0]
    assert [(w["candidate"], w["printing"]) for w in shown["withdrawn"]] == [
        (winner, "after-printing")
    ]
    assert winner not in shown["elected"]  # the next by votes moves up
    assert "انصراف داده (پس از چاپ برگه)" in run("outcome")
    again = runner.invoke(
        app,
        ["candidates", "withdraw", contest, winner, "--when", "after-printing", *EXECUTIVE, *db],
    )
    assert "withdrew already" in str(again.exception)

    for option in ("--lot-seed", "--drawn-by", "--withdrawn"):
        assert "sandogh lot draw" in run("outcome", option, "x", code=2)


def test_a_lot_commitment_is_recorded_before_the_results_and_refused_after_them(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    db = ("--db", f"sqlite:///{tmp_path / 'r2.sqlite'}")
    board = ("--as", "nazer", "--role", "supervisor", "--place", "IR")
    secret = tmp_path / "secret.txt"
    secret.write_text("راز هیئت نظارت ۱۴۰۳ — 41c9e0a7\n", encoding="utf-8")

    def run(*args: str, code: int = 0) -> str:
        done = runner.invoke(app, [*args, *db])
        assert done.exit_code == code, done.output
        return done.output

    run("init")
    run("load", str(EXAMPLE / "round2.yaml"))
    made = json.loads(
        run(
            "lot",
            "commit",
            "--secret-file",
            str(secret),
            *board,
            "--body",
            "guardian-council",
            "--json",
        )
    )
    # the secret without its trailing newline, never stored: only its hash
    assert made["commitment"] == commitment_of("راز هیئت نظارت ۱۴۰۳ — 41c9e0a7")
    assert (made["contest"], made["constituency"]) == (None, None)
    run("results", "import", str(EXAMPLE / "round2-results.csv"), "-e", R2)
    (contest,) = json.loads(run("outcome", "--json"))["contests"]
    late = runner.invoke(
        app,
        [
            "lot",
            "commit",
            "--contest",
            contest["contest"]["id"],
            "--secret-file",
            str(secret),
            *board,
            *db,
        ],
    )
    assert late.exit_code == 1
    assert "نتایج در IR وارد شد" in str(late.exception)  # said in the command's language only


def test_a_withdrawal_before_printing_rewrites_the_stored_definition_until_a_box_is_enrolled(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'r2.sqlite'}"

    def run(*args: str) -> Result:
        return runner.invoke(app, [*args, "--db", url])

    def stored() -> StoredElection:
        engine = make_engine(url)
        try:
            with SqlUnitOfWork(engine, now=TEST_NOW) as work:
                found = work.elections.get(R2)
        finally:
            engine.dispose()
        assert found is not None
        return found

    run("init")
    run("load", str(EXAMPLE / "round2.yaml"))
    loaded = stored()
    (president,) = loaded.election.contests
    first, second = (c.code for c in president.candidates[:2])

    # S20 F9: an admin took a candidate off the ballot; candidacy is the headquarters' work
    admin = ("--as", "a", "--role", "admin", "--place", "IR")
    refused = run("candidates", "withdraw", "president", first, "--when", "before-printing", *admin)
    assert refused.exit_code != 0
    assert "نامزدی کار ستادهای انتخابات وزارت کشور" in str(refused.exception)
    assert stored().election.version == loaded.election.version
    said = run(
        "candidates", "withdraw", "president", first, "--when", "before-printing", *EXECUTIVE
    )
    # in Persian digits and the contest's name, not a Latin code and its id
    shown = f"انصراف نامزد با کد {to_persian_digits(first)} از «ریاست‌جمهوری» ثبت شد"
    assert shown in said.output, said.output
    assert "پیش از چاپ برگه" in said.output, said.output
    rewritten = stored()
    assert [c.code for c in rewritten.election.contests[0].candidates] == [
        c.code for c in president.candidates if c.code != first
    ]
    assert rewritten.election.version == loaded.election.version + 1
    assert rewritten.definition_hash == definition_hash(rewritten.election)

    engine = make_engine(url)
    try:

        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(engine, now=TEST_NOW)

        approve_as_boards(uow, rewritten.election, reference="مصوبه", by="board", now=TEST_NOW)
        enrol_device(uow, election_id=R2, station=STATION, public_key_hex="ab" * 32, now=TEST_NOW)
    finally:
        engine.dispose()
    refused = run(
        "candidates", "withdraw", "president", second, "--when", "before-printing", *EXECUTIVE
    )
    assert refused.exit_code != 0
    assert isinstance(refused.exception, CandidatesCommandError)
    assert isinstance(refused.exception.__cause__, PrintedError)
    said = str(refused.exception)
    assert said.startswith(f"تعریف {R2} دیگر بازنویسی نمی‌شود")
    assert f"در صندوق شعبه {STATION} بارگذاری شد" in said
    english = run(
        *("candidates", "withdraw", "president", second, "--when", "before-printing"),
        *(*EXECUTIVE, "--lang", "en"),
    )
    assert "record the withdrawal as after printing" in str(english.exception)
    assert stored() == rewritten


def test_the_attack_a_lot_drawn_in_a_constituency_the_contest_does_not_have_is_told_so(
    tmp_path: Path,
) -> None:
    """Review S19, F14: `lot draw … --constituency NOPE` ended in a bare StopIteration."""
    runner = CliRunner()
    db = ("--db", f"sqlite:///{tmp_path / 'r2.sqlite'}")
    secret = tmp_path / "secret.txt"
    secret.write_text("راز هیئت نظارت ۱۴۰۳ — 41c9e0a7\n", encoding="utf-8")
    for setup in (("init",), ("load", str(EXAMPLE / "round2.yaml"))):
        assert runner.invoke(app, [*setup, *db]).exit_code == 0
    board = ("--as", "nazer", "--role", "supervisor", "--place", "IR")
    drawing = ("--constituency", "NOPE", "--secret-file", str(secret), "--drawn-by", "رئیس")
    unknown = runner.invoke(app, ["lot", "draw", "president", *drawing, *board, *db])
    assert unknown.exit_code == 1
    assert "حوزه NOPE در رقابت president نیست" in str(unknown.exception)
