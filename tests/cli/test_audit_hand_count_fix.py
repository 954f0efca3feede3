"""`sandogh audit hand-count` refuses totals that cannot be, naming each problem in Persian;
`sandogh audit fix-hand-count` replaces or withdraws a pending one (F12 of the S18 review)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner, Result

from sandogh.cli.app import app
from tests.cli.test_audit_commands import DICE, SUPERVISOR
from tests.cli.test_audit_inputs import SMALL, _loaded

HAND = ["audit", "hand-count", "--contest", "president:IR"]
BOARD = ["--as", "tehrani", "--role", "supervisor", "--place", "IR", "--reason", "minutes 12"]


def _run(db: str, *args: str) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(app, [*args, "--db", db, "-e", SMALL.id])


def test_an_impossible_hand_count_is_refused_and_a_wrong_one_replaced(tmp_path: Path) -> None:
    db = _loaded(tmp_path, (151, 149))
    _run(db, "audit", "start", *SUPERVISOR, "--contest", "president", "--risk-limit", "1/20")
    _run(db, "audit", "seed", *SUPERVISOR, *DICE)
    refused = _run(
        db, *HAND, "--cast", "900", "--valid", "900", "--votes", "21=10", "--votes", "99=5"
    )
    assert refused.exit_code == 1
    assert "ارقام شمارش دستی با هم نمی‌خوانند (president:IR)" in refused.output
    assert "votes.99: نامزدی با کد «99» در president:IR نامزد نیست" in refused.output
    assert "votes: جمع آرا ۱۵ است، نه ۹۰۰ رأی صحیح" in refused.output
    over = _run(
        db, *HAND, "--cast", "1000", "--valid", "1000", "--votes", "21=1000", "--lang", "en"
    )
    assert "cast: 1000 cast, the manifest holds 900" in over.output
    handful = _run(db, *HAND, "--cast", "1", "--valid", "1", "--votes", "25=1")
    assert handful.exit_code == 1
    assert "۸۹۹ برگه شمرده نشده است: همه ظرف‌ها را دوباره بشمارید" in handful.output
    status = _run(db, "audit", "status", "--json")
    assert json.loads(status.stdout)["hand_counts"] == []
    wrong = _run(
        db, *HAND, "--cast", "900", "--valid", "900", "--votes", "21=460", "--votes", "25=440"
    )
    assert wrong.exit_code == 0, wrong.output
    fix = ["audit", "fix-hand-count", "--contest", "president:IR", *BOARD]
    both = _run(db, *fix, "--withdraw", "--cast", "900")
    assert both.exit_code == 2
    right = ["--cast", "900", "--valid", "900", "--votes", "21=440", "--votes", "25=460"]
    blank = ["--as", "tehrani", "--role", "supervisor", "--place", "IR", "--reason", " "]
    unexplained = _run(
        db, "audit", "fix-hand-count", "--contest", "president:IR", *blank, *right, "--lang", "en"
    )
    assert "replacing or withdrawing a hand count needs a reason" in unexplained.output
    replaced = _run(db, *fix, *right)
    assert "شمارش دستی president:IR جایگزین شد" in replaced.output, replaced.output
    certified = _run(db, "audit", "certify-hand-count", "--contest", "president:IR", *BOARD)
    assert "منتخب: 25" in certified.output, certified.output
    shown = _run(db, "audit", "status", "--lang", "en").output
    assert "recorded and certified as the result; elected: 25" in shown
    assert "Pending certification" not in shown
    refused = _run(db, *fix, "--withdraw", "--lang", "en")
    assert "this contest's hand count is already certified" in refused.output
