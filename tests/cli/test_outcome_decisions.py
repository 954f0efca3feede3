"""`sandogh candidates withdraw`: recorded once, shown by `outcome`; the per-command lot and
withdrawal options are refused with a message that says where they are recorded now."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sandogh.cli.app import app
from sandogh.core.rules.lot_commitment import commitment_of

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kerman-1403"
R2 = "kerman-1403-r2"
EXECUTIVE = ("--as", "ejraei", "--role", "national-hq", "--place", "IR")


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
    run("results", "import", str(EXAMPLE / "round2-results.csv"), "-e", R2)
    (before,) = json.loads(run("outcome", "--json"))["contests"]
    (winner,) = before["constituencies"][0]["elected"]
    contest = before["contest"]["id"]

    said = run("candidates", "withdraw", contest, winner, "--when", "after-printing", *EXECUTIVE)
    assert "پس از چاپ برگه" in said
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
    assert "first final report" in str(late.exception)
    assert "نخستین گزارش نهایی" in str(late.exception)
