"""The results site shows each party list's seats, elected and alternates (issue 12), Persian
first."""

from __future__ import annotations

from typing import Any, cast

from sandogh.publish.site.snapshot import Outcome
from sandogh.publish.site.views import outcome_view


def _outcome() -> Outcome:
    def person(code: str, fa: str) -> dict[str, Any]:
        return {
            "code": code,
            "name": {"fa": fa, "en": code},
            "votes": 3,
            "share": "3/9",
            "percent": "33.3",
            "result": "elected",
        }

    document = {
        "contest": "council",
        "constituency": {
            "id": "C1",
            "name": {"fa": "کرمان", "en": "Kerman"},
            "seats": 2,
            "alternates": 1,
            "units": ["IR-08"],
        },
        "status": "complete",
        "stations": {"reported": 1, "total": 1},
        "base": None,
        "needed": None,
        "runoff": False,
        "candidates": [person("51", "الف"), person("52", "ب"), person("53", "پ")],
        "party_lists": [
            {"id": "L1", "votes": 6, "seats": 2, "elected": ["51", "52"], "alternates": ["53"]}
        ],
        "reasons": [],
    }
    return cast(Outcome, document)


def test_each_party_list_shows_its_seats_elected_and_alternates() -> None:
    assert outcome_view(_outcome(), "fa").lists == (
        "فهرست L1: ۲ کرسی؛ منتخبان: الف، ب؛ علی‌البدل: پ",
    )
    assert outcome_view(_outcome(), "en").lists == (
        "List L1: 2 seats; elected: 51, 52; alternates: 53",
    )
