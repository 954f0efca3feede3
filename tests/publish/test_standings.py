"""Outcomes so far and final, with Kerman's 2024 runoff figures."""

from __future__ import annotations

import json
from pathlib import Path

from sandogh.publish.snapshot import Publisher
from sandogh.publish.standings import outcome_json, results
from tests.services.build import ROUND_2, ST_3

from .build import NewUnitOfWork, report
from .kerman import EMPTY, INDEX, PRESIDENT, decided


def test_while_a_station_is_out_the_leader_only_leads() -> None:
    so_far = decided()

    assert results(so_far) == {"21": "leading", "25": "not-elected"}
    document = outcome_json(INDEX, PRESIDENT, so_far, updated=None)
    assert document["status"] == "partial"
    assert document["stations"] == {"reported": 1, "total": 2}
    assert document["reasons"][0]["en"] == "Standings so far: 1 of 2 stations reported; not final."
    # session 21, F4: the reasons of a partial count said «منتخب» and "elected" under «not final»
    for reason in document["reasons"]:
        assert "منتخب" not in reason["fa"], reason
        assert "elected" not in reason["en"], reason
    assert any("پیشتاز" in r["fa"] and "leading" in r["en"] for r in document["reasons"])


def test_once_every_station_reported_the_majority_elects() -> None:
    final = decided(b=EMPTY)

    document = outcome_json(INDEX, PRESIDENT, final, updated=None)

    assert document["status"] == "complete"
    assert document["rule"] == {
        "kind": "majority",
        "base": "cast",
        "share": "1/2",
        "runoff_candidates": 2,
    }
    assert (document["base"], document["needed"], document["runoff"]) == (1_276_092, 638_047, False)
    assert [
        (c["code"], c["votes"], c["share"], c["percent"], c["result"])
        for c in document["candidates"]
    ] == [
        ("21", 773_591, "773591/1276092", "60.62", "elected"),
        ("25", 479_249, "479249/1276092", "37.56", "not-elected"),
    ]
    assert document["reasons"][0] == {
        "fa": "بیش از ۵۰٪ از آرای مأخوذه (۱٬۲۷۶٬۰۹۲ رأی) لازم است: ۶۳۸٬۰۴۷ رأی.",
        "en": "More than 50 % of the 1,276,092 ballots cast is needed: 638,047 votes.",
    }


def test_a_tie_in_a_complete_count_waits_for_its_lot(uow: NewUnitOfWork, tmp_path: Path) -> None:
    report(uow, ST_3, 1)  # the Bam constituency's only station: 41 and 42 have one vote each

    Publisher(uow, tmp_path, render=False).regenerate()

    document = json.loads((tmp_path / f"data/{ROUND_2}/outcomes/parliament/P2.json").read_bytes())
    assert (document["status"], document["decision"]) == ("complete", "lot-required")
    assert [c["result"] for c in document["candidates"]] == ["awaiting-lot", "awaiting-lot"]
    assert (
        document["reasons"][-1]["fa"] == "تساوی برای کرسی: ۴۱، ۴۲ (۱ جایگاه)؛ باید قرعه کشیده شود."
    )
