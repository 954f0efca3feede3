"""`sandogh outcome` while the count is partial: the standings so far, in the site's words
(docs/publish.md): «پیشتاز» / "leading", why it is not final, and no one elected."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sandogh.cli.app import app

from .test_app import EXAMPLE


def _run(db: str, *args: str) -> str:
    done = CliRunner().invoke(app, [*args, "--db", db], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done.output


def test_a_partial_count_names_the_leader_and_elects_no_one(loaded_db: str, tmp_path: Path) -> None:
    # the findings' N1: five of Kerman's 2,427 stations (the first ten rows: two per station)
    lines = (EXAMPLE / "round2-results.csv").read_text(encoding="utf-8").splitlines()
    partial = tmp_path / "partial.csv"
    partial.write_text("\n".join(lines[:11]) + "\n", encoding="utf-8")
    _run(loaded_db, "results", "import", str(partial), "-e", "kerman-1403-r2")

    persian = _run(loaded_db, "outcome")
    assert "نتیجه نهایی نیست: ۵ شعبه از ۲٬۴۲۷ شعبه گزارش داده‌اند" in persian
    assert "تا گزارش همه شعبه‌ها کسی" in persian
    assert "پیشتاز" in persian
    assert persian.count("منتخب") == 1  # «کسی منتخب نیست»: no candidate is marked elected

    english = _run(loaded_db, "outcome", "--lang", "en")
    assert "Not final: 5 of 2,427 stations have reported" in english
    assert "Leading" in english
    assert "leading so far" in english
    assert "Elected" not in english
    assert "not elected" not in english

    (constituency,) = json.loads(_run(loaded_db, "outcome", "--json"))["contests"][0][
        "constituencies"
    ]
    assert (constituency["stations_reported"], constituency["stations_total"]) == (5, 2427)
    assert (constituency["status"], constituency["decision"]) == ("partial", "decided")
    assert constituency["elected"] == constituency["advancing"] == []
    assert constituency["leading"] == ["25"]  # 1,449 votes to 1,407 in these five
    assert constituency["reasons"][0]["key"] == "so-far"
    assert all(" elected" not in r["text"] for r in constituency["reasons"])
