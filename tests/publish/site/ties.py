"""Unit results of one station or area with a tie, for the tests of how a tie is published
(finding A2 of session 23)."""

from __future__ import annotations

from typing import cast

from sandogh.publish.site.snapshot import UnitResult, Vote

JALILI: Vote = {"code": "21", "name": {"fa": "سعید جلیلی", "en": "Saeed Jalili"}, "votes": 1}
PEZESHKIAN: Vote = {
    "code": "25",
    "name": {"fa": "مسعود پزشکیان", "en": "Masoud Pezeshkian"},
    "votes": 1,
}
COLOURS = {"21": "#0072B2", "25": "#D55E00"}


def result(
    votes: list[Vote], *, reported: int = 1, total: int = 1, voided: int = 0, kind: str = "station"
) -> UnitResult:
    stations: dict[str, int] = {"reported": reported, "total": total}
    if voided:
        stations["voided"] = voided
    return cast(
        UnitResult,
        {
            "unit": {"code": "ST-0808-0001", "kind": kind, "name": {"fa": "ش", "en": "s"}},
            "stations": stations,
            "counts": {"votes": votes, "valid": sum(v["votes"] for v in votes)},
        },
    )
