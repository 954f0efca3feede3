"""The results site shows each party list's seats, elected and alternates (issue 12), and a
void's day and a voided constituency (issue 13), Persian first."""

from __future__ import annotations

from typing import Any, cast

from sandogh.publish.site.outcomes import outcome_view, outcome_void_text, void_text
from sandogh.publish.site.snapshot import Outcome, Void


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
        "rule": {"kind": "proportional"},
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


def _station_void(station: str, contest: str | None = None) -> Void:
    decision = {"reason": "بی‌لاک", "reference": "۱۲", "case": None}
    return cast(
        Void,
        {"kind": "station", "station": station, "contest": contest, "decision": decision},
    )


def test_a_void_says_the_day_it_was_decided_where_the_file_has_it() -> None:
    void = _station_void("ST-1")
    assert "تاریخ تصمیم" not in void_text(void, "fa")  # a file written before it: no day
    dated = cast(Void, {**void, "at": "2024-07-05T17:45:00+00:00"})
    assert void_text(dated, "fa").endswith("تاریخ تصمیم: ۱۵ تیر ۱۴۰۳، ساعت ۲۱:۱۵ به وقت تهران.")
    assert void_text(dated, "en").endswith("Decided 15 Tir 1403 (5 July 2024), 21:15 Tehran time.")


def test_a_constituency_whose_every_station_is_voided_says_so_on_its_outcome() -> None:
    outcome = cast(Outcome, {**_outcome(), "stations": {"reported": 2, "total": 2}})
    lines = {"ST-1": ["ST-1", "IR-08", "IR"], "ST-2": ["ST-2", "IR-08", "IR"], "ST-9": ["ST-9"]}
    one = [_station_void("ST-1"), _station_void("ST-9")]
    assert outcome_void_text(outcome, one, lines.__getitem__, "fa") == ""
    # a void of another contest's box leaves this one counted
    other = [*one, _station_void("ST-2", "president")]
    assert outcome_void_text(outcome, other, lines.__getitem__, "fa") == ""
    both = [*one, _station_void("ST-2", "council")]
    said = outcome_void_text(outcome, both, lines.__getitem__, "fa")
    assert said.startswith("آرای همه شعبه‌های این حوزه به تصمیم هیئت نظارت باطل شد")
