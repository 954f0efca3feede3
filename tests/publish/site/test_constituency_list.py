"""The constituencies inside a unit listed by the unit below holding them, past a page of them
(issue 14, `site.constituency_list`)."""

from __future__ import annotations

from typing import Any, cast

import pytest

from sandogh.publish.site import listing
from sandogh.publish.site.constituency_list import by_area, held_by_area, listed_one_by_one
from sandogh.publish.site.snapshot import Child, Outcome


def _outcome(code: str, units: list[str], status: str) -> Outcome:
    return cast(Outcome, {"constituency": {"id": code, "units": units}, "status": status})


def _child(code: str, fa: str) -> Child:
    return cast(Child, {"code": code, "kind": "county", "name": {"fa": fa, "en": code}})


def test_past_a_page_the_constituencies_are_counted_by_the_unit_below_holding_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    within = (
        (_outcome("V1", ["VI-1"], "complete"), "VI-1.html"),
        (_outcome("V2", ["VI-2"], "partial"), "VI-2.html"),
        (_outcome("P2", ["C-2"], "certified"), "C-2.html"),  # the county itself: its own
    )
    assert not listed_one_by_one(within)
    assert listed_one_by_one(within[:2])
    rows = by_area(
        contest="village",
        held=held_by_area(within, ("C-1", "C-1", "C-2")),
        children=[_child("C-0", "هیچ"), _child("C-1", "بافت"), _child("C-2", "کرمان")],
        href=lambda code: f"{code}.html",
        lang="fa",
    )
    shown: list[Any] = [(r.name, r.href, r.constituencies, r.complete) for r in rows]
    assert shown == [
        ("بافت", "C-1.html#within-village", "۲", "۱ از ۲"),
        ("کرمان", "C-2.html#contest-village", "۱", "۱ از ۱"),
    ]
