"""The JSON documents of the snapshot, with Kerman's 2024 runoff figures."""

from __future__ import annotations

import datetime
from fractions import Fraction
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.counting.aggregate import Total, aggregate
from sandogh.core.counting.tally import Counts, TallySheet
from sandogh.core.supervision import Decision, StationVoid, Voided, apply_voids
from sandogh.locale.digits import format_percent
from sandogh.publish.documents import (
    ReportRef,
    elections_json,
    percent_text,
    share_json,
    status_of,
    unit_result_json,
    unit_result_v1,
)
from sandogh.services.tallied import Tallied

from .kerman import ELIGIBLE, EMPTY, FIGURES, GEOGRAPHY, INDEX, A, B, tallied

RECEIVED = datetime.datetime(
    2024, 7, 5, 21, 33, 11, tzinfo=datetime.timezone(datetime.timedelta(hours=3, minutes=30))
)


def test_turnout_is_written_as_its_two_figures_and_a_rounded_percent() -> None:
    assert share_json(1_276_092, ELIGIBLE) == {"share": "1276092/2324254", "percent": "54.90"}
    assert share_json(5, None) is None
    assert share_json(0, 0) is None
    assert percent_text(1, 8) == "12.50"
    assert percent_text(1, 800) == "0.13"  # 0.125 rounds half up
    assert percent_text(12, 10) == "120.00"


@given(st.integers(0, 10**9), st.integers(1, 10**9))
def test_percentages_round_as_the_locale_does(part: int, whole: int) -> None:
    shown = format_percent(Fraction(part, whole), "en", 2)
    assert percent_text(part, whole) == shown.removesuffix("%").replace(",", "")


def test_a_province_while_one_station_is_out() -> None:
    counted = tallied()
    document = unit_result_json(
        INDEX,
        "president",
        "IR-08",
        counted.totals.units["president"],
        eligible=ELIGIBLE,
        updated=RECEIVED,
        reports=None,
        voided={},
    )

    assert document["format"] == "sandogh/unit-result@3"
    assert document["stations"] == {"reported": 1, "total": 2, "voided": 0}
    assert document["status"] == "partial"
    assert document["updated"] == "2024-07-05T18:03:11+00:00"
    assert [(v["code"], v["votes"]) for v in document["counts"]["votes"]] == [
        ("21", 773_591),
        ("25", 479_249),
    ]
    assert document["counts"]["votes"][0]["name"] == {"fa": "سعید جلیلی", "en": "Saeed Jalili"}
    assert document["counts"]["invalid"] == {
        "blank": 23_252,
        "illegible": 0,
        "non-candidate": 0,
        "multiple-names": 0,
    }
    assert document["turnout"]["cast"] == {"share": "1276092/2324254", "percent": "54.90"}
    assert document["turnout"]["eligible"] == ELIGIBLE  # no box voided: every eligible voter
    assert [(c["code"], c["reported"]) for c in document["children"]] == [(A, True), (B, False)]
    assert [u["code"] for u in document["path"]] == ["IR"]
    assert document["constituencies"] == ["IR"]
    assert document["reports"] is None


def test_a_station_lists_its_signed_reports() -> None:
    counted = tallied(b=EMPTY)
    refs = [
        ReportRef("zero", "sha256:" + "a" * 64, RECEIVED),
        ReportRef("final", "sha256:" + "b" * 64, RECEIVED),
    ]
    document = unit_result_json(
        INDEX,
        "president",
        B,
        counted.totals.units["president"],
        eligible=None,
        updated=RECEIVED,
        reports=refs,
        voided={},
    )

    assert document["status"] == "complete"
    assert document["station"]["mode"] == "electronic"
    assert document["turnout"] == {
        "eligible": None,
        "papers_used": 0,
        "cast": None,
        "papers": None,
    }
    assert [r["kind"] for r in document["reports"]] == ["zero", "final"]
    assert document["reports"][1]["received"] == "2024-07-05T18:03:11+00:00"


def test_a_voided_box_has_figures_of_its_own_outside_the_ballots_cast() -> None:
    """The board voids station A's box: its ballots move out of those cast into `void`, and the
    results say how many of `void` the board voided, and in how many stations, in the station
    and in every unit above it; the rest re-adds as before."""
    sheets, effects = apply_voids(
        GEOGRAPHY,
        [TallySheet(A, "president", FIGURES), TallySheet(B, "president", EMPTY)],
        [StationVoid(A, None, Decision("a box without its seal", "1403/12"))],
    )
    counted = Tallied(INDEX.stored, GEOGRAPHY, aggregate(GEOGRAPHY, sheets), {}, voided=effects)
    voided = counted.voided_by_unit("president")
    # station A's own eligible voters are not known, so neither is the base left without them
    assert voided == dict.fromkeys((A, "IR-08", "IR"), Voided(1_276_092, 1, None, 1_276_092))

    def result(code: str) -> dict[str, Any]:
        totals = counted.totals.units["president"]
        return unit_result_json(
            INDEX,
            "president",
            code,
            totals,
            eligible=None,
            updated=None,
            reports=None,
            voided=voided,
        )

    province, station = result("IR-08"), result(B)
    assert province["stations"] == {"reported": 2, "total": 2, "voided": 1}
    counts = province["counts"]
    assert (counts["cast"], counts["valid"], counts["void"], counts["voided"]) == (
        0,
        0,
        1_276_092,
        1_276_092,
    )
    assert [c["stations"] for c in province["children"]] == [
        {"reported": 1, "total": 1, "voided": 1},
        {"reported": 1, "total": 1, "voided": 0},
    ]
    assert (station["stations"]["voided"], station["counts"]["voided"]) == (0, 0)

    # the province's turnout leaves out station A, whose eligible voters are not known
    assert province["turnout"] == {"eligible": None, "papers_used": 0, "cast": None, "papers": None}

    # as a file of the format before holds them: the same figures, without the voided ones
    earlier = unit_result_v1(province)
    assert earlier["format"] == "sandogh/unit-result@1"
    assert "voided" not in earlier["counts"]
    assert earlier["stations"] == {"reported": 2, "total": 2}
    assert all("voided" not in c["stations"] for c in earlier["children"])
    kept = ("format", "counts", "stations", "children", "turnout")
    assert {k: v for k, v in earlier.items() if k not in kept} == {
        k: v for k, v in province.items() if k not in kept
    }


def test_certified_is_only_said_when_asked() -> None:
    total = Total(Counts(), 3, 3)
    assert status_of(total) == "complete"
    assert status_of(total, certified=True) == "certified"
    assert status_of(Total(Counts(), 2, 3)) == "partial"


def test_elections_newest_first() -> None:
    def snapshot(election: str, date: str) -> dict[str, object]:
        return {"election": election, "name": {}, "date": date, "sequence": 1, "updated": None}

    listing = elections_json([snapshot("r1", "2024-06-28"), snapshot("r2", "2024-07-05")])

    assert [e["id"] for e in listing["elections"]] == ["r2", "r1"]
